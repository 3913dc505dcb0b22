/** The phrases of the in-call extras, in English and in Chinese; added when this code loads. */
import { addPhrases, type InCallPhrase } from './strings.js';

const IN_CALL: Record<InCallPhrase, [en: string, zh: string]> = {
  shareScreen: ['Share screen', '共享屏幕'],
  stopSharing: ['Stop sharing', '停止共享'],
  screenOf: ["{name}'s screen", '{name} 的屏幕'],
  pictureInPicture: ['Picture in picture', '画中画'],
  settings: ['Devices', '设备'],
  camera: ['Camera', '摄像头'],
  microphone: ['Microphone', '麦克风'],
  speaker: ['Speaker', '扬声器'],
  defaultDevice: ['Default', '默认'],
  previewPrompt: [
    'Allow the camera and microphone in the browser’s prompt',
    '请在浏览器的提示中允许使用摄像头和麦克风',
  ],
  previewDeniedChromium: [
    'Camera and microphone are blocked. Click the camera icon in the address bar, allow them, then try again.',
    '摄像头和麦克风已被禁止。请点击地址栏中的摄像头图标,选择允许,然后重试。',
  ],
  previewDeniedFirefox: [
    'Camera and microphone are blocked. Click the crossed-out camera icon left of the address, remove the block, then try again.',
    '摄像头和麦克风已被禁止。请点击地址左侧带斜线的摄像头图标,取消禁止,然后重试。',
  ],
  previewDeniedSafari: [
    'Camera and microphone are blocked. In Safari > Settings for This Website, allow them, then try again.',
    '摄像头和麦克风已被禁止。请在 Safari >“此网站的设置”中允许,然后重试。',
  ],
  previewNoDevice: [
    'No camera or microphone found. Connect one, then try again.',
    '未找到摄像头或麦克风。请连接设备后重试。',
  ],
  previewInUse: [
    'The camera or microphone is in use by another app. Close that app, then try again.',
    '摄像头或麦克风正被其他应用使用。请关闭该应用后重试。',
  ],
  previewError: ['The camera or microphone could not be opened.', '无法打开摄像头或麦克风。'],
  previewRetry: ['Try again', '重试'],
  qualityFair: ['Unstable network', '网络不稳定'],
  qualityPoor: ['Poor network', '网络较差'],
  qualityLost: ['Network lost', '网络已断开'],
  allowDevices: [
    'Allow camera and microphone to see their names',
    '允许使用摄像头和麦克风以显示设备名称',
  ],
};

addPhrases(IN_CALL);
