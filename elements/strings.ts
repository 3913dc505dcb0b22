import { RCCallEndReason } from '../src/calllib/enums.js';
import type { CallState } from './call-model.js';
import { displayName } from './call-members.js';

/** Every user-visible phrase of the elements. Override any subset through the `strings` property. */
export interface CallStrings {
  incomingVideo: string;
  incomingAudio: string;
  /** `{name}` is replaced by the caller's name. */
  invitesYou: string;
  calling: string;
  ringing: string;
  connecting: string;
  /** A link of the call is down and being restored (banner, live region). */
  reconnecting: string;
  /** Said when it is back. */
  reconnected: string;
  noCall: string;
  accept: string;
  acceptAudio: string;
  decline: string;
  cancel: string;
  hangup: string;
  micOff: string;
  micOn: string;
  cameraOff: string;
  cameraOn: string;
  toAudio: string;
  invite: string;
  inviteLabel: string;
  inviteSend: string;
  you: string;
  mutedAudio: string;
  mutedVideo: string;
  enableSound: string;
  callEnded: string;
  announceIncoming: string;
  announceConnected: string;
  /** `{reason}` is replaced by the end reason. */
  announceEnded: string;
  groupCall: string;
  /** `{n}` is replaced by the member count. */
  members: string;
  /** The ended screen's button that calls the same user again. */
  callBack: string;
  endReasons: Partial<Record<RCCallEndReason, string>>;
  unknownReason: string;
  // The in-call extras' phrases, in the tables once the in-call screen's code has loaded
  // (strings-in-call.ts): only that screen and its tiles use them.
  shareScreen: string;
  stopSharing: string;
  /** A shared screen's tile: `{name}` is replaced by the sharer's name. */
  screenOf: string;
  pictureInPicture: string;
  settings: string;
  camera: string;
  microphone: string;
  speaker: string;
  defaultDevice: string;
  /** Asks for the devices, so that their names can be shown. */
  allowDevices: string;
  previewPrompt: string;
  previewDeniedChromium: string;
  previewDeniedFirefox: string;
  previewDeniedSafari: string;
  previewNoDevice: string;
  previewInUse: string;
  previewError: string;
  previewRetry: string;
  /** A tile's network badge (`quality` fair, poor, lost). */
  qualityFair: string;
  qualityPoor: string;
  qualityLost: string;
}

export type CallLang = 'zh' | 'en';

/** The phrases that load with the in-call screen. */
export type InCallPhrase =
  | 'shareScreen'
  | 'stopSharing'
  | 'screenOf'
  | 'pictureInPicture'
  | 'settings'
  | 'camera'
  | 'microphone'
  | 'speaker'
  | 'defaultDevice'
  | 'allowDevices'
  | 'previewPrompt'
  | 'previewDeniedChromium'
  | 'previewDeniedFirefox'
  | 'previewDeniedSafari'
  | 'previewNoDevice'
  | 'previewInUse'
  | 'previewError'
  | 'previewRetry'
  | 'qualityFair'
  | 'qualityPoor'
  | 'qualityLost';

type Phrase = Exclude<keyof CallStrings, 'endReasons' | InCallPhrase>;

/** Every phrase in English and in Chinese, side by side. */
const PHRASES: Record<Phrase, [en: string, zh: string]> = {
  incomingVideo: ['Incoming video call', '视频来电'],
  incomingAudio: ['Incoming voice call', '语音来电'],
  invitesYou: ['{name} is calling you', '{name} 邀请你通话'],
  calling: ['Calling…', '正在呼叫…'],
  ringing: ['Ringing…', '对方已响铃…'],
  connecting: ['Connecting…', '正在连接…'],
  reconnecting: ['Reconnecting…', '正在重新连接…'],
  reconnected: ['Connection restored', '连接已恢复'],
  noCall: ['No active call', '当前没有通话'],
  accept: ['Accept with video', '视频接听'],
  acceptAudio: ['Accept audio only', '语音接听'],
  decline: ['Decline', '拒绝'],
  cancel: ['Cancel', '取消'],
  hangup: ['Hang up', '挂断'],
  micOff: ['Mute microphone', '关闭麦克风'],
  micOn: ['Unmute microphone', '打开麦克风'],
  cameraOff: ['Turn camera off', '关闭摄像头'],
  cameraOn: ['Turn camera on', '打开摄像头'],
  toAudio: ['Switch to audio', '切换为语音'],
  invite: ['Add people', '邀请成员'],
  inviteLabel: ['User ids to invite, separated by commas', '要邀请的用户 ID,用逗号分隔'],
  inviteSend: ['Invite', '邀请'],
  you: ['You', '我'],
  mutedAudio: ['Microphone off', '麦克风已关闭'],
  mutedVideo: ['Camera off', '摄像头已关闭'],
  enableSound: ['Tap to enable sound', '点击开启声音'],
  callEnded: ['Call ended', '通话已结束'],
  announceIncoming: ['Incoming call from {name}', '{name} 来电'],
  announceConnected: ['Call connected', '通话已接通'],
  announceEnded: ['Call ended: {reason}', '通话已结束:{reason}'],
  groupCall: ['Group call', '多人通话'],
  members: ['{n} people', '{n} 人'],
  callBack: ['Call back', '回拨'],
  unknownReason: ['Call ended', '通话已结束'],
};

/** What each end reason says to the user, in English and in Chinese. */
const END_REASONS: [RCCallEndReason, en: string, zh: string][] = [
  [RCCallEndReason.CANCEL, 'You cancelled the call', '已取消'],
  [RCCallEndReason.REJECT, 'You declined the call', '已拒绝'],
  [RCCallEndReason.HANGUP, 'You hung up', '已挂断'],
  [RCCallEndReason.BUSY_LINE, 'You were busy on another call', '忙线中,未接听'],
  [RCCallEndReason.NO_RESPONSE, 'Missed call', '未接听'],
  [RCCallEndReason.ENGINE_UNSUPPORTED, 'This browser cannot make calls', '当前浏览器不支持通话'],
  [RCCallEndReason.NETWORK_ERROR, 'Network problem', '网络异常'],
  [
    RCCallEndReason.GET_MEDIA_RESOURCES_ERROR,
    'Could not open camera or microphone',
    '无法打开摄像头或麦克风',
  ],
  [RCCallEndReason.PUBLISH_ERROR, 'Could not send your media', '发布音视频失败'],
  [RCCallEndReason.SUBSCRIBE_ERROR, 'Could not receive media', '接收音视频失败'],
  [RCCallEndReason.REMOTE_CANCEL, 'The caller cancelled', '对方已取消'],
  [RCCallEndReason.REMOTE_REJECT, 'Call declined', '对方已拒绝'],
  [RCCallEndReason.REMOTE_HANGUP, 'The other side hung up', '对方已挂断'],
  [RCCallEndReason.REMOTE_BUSY_LINE, 'Line busy', '对方忙线中'],
  [RCCallEndReason.REMOTE_NO_RESPONSE, 'No answer', '对方无人接听'],
  [
    RCCallEndReason.REMOTE_ENGINE_UNSUPPORTED,
    'The other side cannot take calls',
    '对方设备不支持通话',
  ],
  [RCCallEndReason.REMOTE_NETWORK_ERROR, 'The other side lost the network', '对方网络异常'],
  [
    RCCallEndReason.REMOTE_GET_MEDIA_RESOURCE_ERROR,
    'The other side could not open camera or microphone',
    '对方无法打开摄像头或麦克风',
  ],
  [
    RCCallEndReason.REMOTE_PUBLISH_ERROR,
    'The other side could not send media',
    '对方发布音视频失败',
  ],
  [
    RCCallEndReason.REMOTE_SUBSCRIBE_ERROR,
    'The other side could not receive media',
    '对方接收音视频失败',
  ],
  [
    RCCallEndReason.OTHER_CLIENT_JOINED_CALL,
    'You joined the call on another device',
    '你已在其他设备加入通话',
  ],
  [
    RCCallEndReason.OTHER_CLIENT_IN_CALL,
    'You are already in this call on another device',
    '你已在其他设备通话中',
  ],
  [RCCallEndReason.KICKED_BY_SERVER, 'Removed from the call by the server', '已被服务器移出通话'],
  [RCCallEndReason.ACCEPT_SYSTEM_CALL, 'You answered a phone call', '你接听了系统电话'],
  [
    RCCallEndReason.REMOTE_OTHER_CLIENT_JOINED_CALL,
    'The other side joined on another device',
    '对方已在其他设备加入通话',
  ],
  [
    RCCallEndReason.REMOTE_OTHER_CLIENT_IN_CALL,
    'The other side is in this call on another device',
    '对方已在其他设备通话中',
  ],
  [
    RCCallEndReason.REMOTE_KICKED_BY_SERVER,
    'The other side was removed by the server',
    '对方已被服务器移出通话',
  ],
  [
    RCCallEndReason.REMOTE_ACCEPT_SYSTEM_CALL,
    'The other side answered a phone call',
    '对方接听了系统电话',
  ],
  [RCCallEndReason.ACCEPT_BY_OTHER_CLIENT, 'Answered on another device', '已在其他设备接听'],
  [RCCallEndReason.HANGUP_BY_OTHER_CLIENT, 'Declined on another device', '已在其他设备挂断'],
  [RCCallEndReason.ADDED_TO_BLACKLIST, 'You are blocked by this user', '你已被对方加入黑名单'],
  [RCCallEndReason.SERVICE_NOT_OPENED, 'Calling is not enabled for this app', '未开通音视频服务'],
];

function table(column: 0 | 1): CallStrings {
  const phrases = Object.entries(PHRASES).map(([key, texts]) => [key, texts[column]]);
  const endReasons = END_REASONS.map((row) => [row[0], row[column + 1]]);
  return { ...Object.fromEntries(phrases), endReasons: Object.fromEntries(endReasons) };
}

export const en = table(0);
export const zh = table(1);

/** Adds phrases to both tables (the in-call screen's, when its code loads). */
export function addPhrases(phrases: Record<string, [en: string, zh: string]>): void {
  for (const [key, [e, z]] of Object.entries(phrases)) {
    (en as unknown as Record<string, string>)[key] = e;
    (zh as unknown as Record<string, string>)[key] = z;
  }
}

const tables: Record<CallLang, CallStrings> = { zh, en };

/** `zh`, `zh-CN`, `en-GB` … → a supported language, or `undefined`. */
export function parseLang(value: string | null | undefined): CallLang | undefined {
  const prefix = value?.trim().toLowerCase().split(/[-_]/)[0];
  return prefix === 'zh' || prefix === 'en' ? prefix : undefined;
}

export function browserLang(): CallLang {
  const langs =
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const l of langs) {
    const lang = parseLang(l);
    if (lang) return lang;
  }
  return 'en';
}

/** The table for `lang`, with `overrides` on top (end reasons merged one by one). */
export function stringsFor(lang: CallLang, overrides?: Partial<CallStrings>): CallStrings {
  return withStrings(tables[lang], overrides);
}

/** `base` with `overrides` on top (end reasons merged one by one). */
export function withStrings(base: CallStrings, overrides?: Partial<CallStrings>): CallStrings {
  if (!overrides) return base;
  return { ...base, ...overrides, endReasons: { ...base.endReasons, ...overrides.endReasons } };
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) =>
    key in values ? String(values[key]) : m,
  );
}

export function reasonText(strings: CallStrings, reason: number | undefined): string {
  if (reason === undefined) return strings.callEnded;
  return strings.endReasons[reason as RCCallEndReason] ?? strings.unknownReason;
}

/**
 * What the live region says when a call reaches `state` (its phase, or `reconnecting`); nothing
 * for other changes. `from`: the state before.
 */
export function announcement(
  call: CallState | undefined,
  strings: CallStrings,
  state: string,
  from: string,
): string {
  if (!call) return '';
  const { status } = call;
  if (state === 'reconnecting') return strings.reconnecting;
  if (from === 'reconnecting' && state === 'active') return strings.reconnected;
  switch (status.phase) {
    case 'incoming':
      return format(strings.announceIncoming, { name: peerName(call) });
    case 'active':
      return strings.announceConnected;
    case 'ended':
      return format(strings.announceEnded, { reason: reasonText(strings, status.reason) });
    default:
      return '';
  }
}

/** The other side's name, as the call knows it best. */
export function peerName(call: CallState): string {
  return displayName(call.members.get(call.peer.userId) ?? call.peer);
}
