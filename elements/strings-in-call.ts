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
  allowDevices: [
    'Allow camera and microphone to see their names',
    '允许使用摄像头和麦克风以显示设备名称',
  ],
};

addPhrases(IN_CALL);
