import { RCCallEndReason } from '../src/calllib/enums.js';
import type { CallState } from './call-state.js';

/** Every user-visible phrase of the elements. Override any subset through the `strings` property. */
export interface CallStrings {
  incomingVideo: string;
  incomingAudio: string;
  /** `{name}` is replaced by the caller's name. */
  invitesYou: string;
  calling: string;
  ringing: string;
  connecting: string;
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
  endReasons: Partial<Record<RCCallEndReason, string>>;
  unknownReason: string;
}

export type CallLang = 'zh' | 'en';

const R = RCCallEndReason;

export const en: CallStrings = {
  incomingVideo: 'Incoming video call',
  incomingAudio: 'Incoming voice call',
  invitesYou: '{name} is calling you',
  calling: 'Calling…',
  ringing: 'Ringing…',
  connecting: 'Connecting…',
  noCall: 'No active call',
  accept: 'Accept with video',
  acceptAudio: 'Accept audio only',
  decline: 'Decline',
  cancel: 'Cancel',
  hangup: 'Hang up',
  micOff: 'Mute microphone',
  micOn: 'Unmute microphone',
  cameraOff: 'Turn camera off',
  cameraOn: 'Turn camera on',
  toAudio: 'Switch to audio',
  invite: 'Add people',
  inviteLabel: 'User ids to invite, separated by commas',
  inviteSend: 'Invite',
  you: 'You',
  mutedAudio: 'Microphone off',
  mutedVideo: 'Camera off',
  enableSound: 'Tap to enable sound',
  callEnded: 'Call ended',
  announceIncoming: 'Incoming call from {name}',
  announceConnected: 'Call connected',
  announceEnded: 'Call ended: {reason}',
  groupCall: 'Group call',
  members: '{n} people',
  unknownReason: 'Call ended',
  endReasons: {
    [R.CANCEL]: 'You cancelled the call',
    [R.REJECT]: 'You declined the call',
    [R.HANGUP]: 'You hung up',
    [R.BUSY_LINE]: 'You were busy on another call',
    [R.NO_RESPONSE]: 'Missed call',
    [R.ENGINE_UNSUPPORTED]: 'This browser cannot make calls',
    [R.NETWORK_ERROR]: 'Network problem',
    [R.GET_MEDIA_RESOURCES_ERROR]: 'Could not open camera or microphone',
    [R.PUBLISH_ERROR]: 'Could not send your media',
    [R.SUBSCRIBE_ERROR]: 'Could not receive media',
    [R.REMOTE_CANCEL]: 'The caller cancelled',
    [R.REMOTE_REJECT]: 'Call declined',
    [R.REMOTE_HANGUP]: 'The other side hung up',
    [R.REMOTE_BUSY_LINE]: 'Line busy',
    [R.REMOTE_NO_RESPONSE]: 'No answer',
    [R.REMOTE_ENGINE_UNSUPPORTED]: 'The other side cannot take calls',
    [R.REMOTE_NETWORK_ERROR]: 'The other side lost the network',
    [R.REMOTE_GET_MEDIA_RESOURCE_ERROR]: 'The other side could not open camera or microphone',
    [R.REMOTE_PUBLISH_ERROR]: 'The other side could not send media',
    [R.REMOTE_SUBSCRIBE_ERROR]: 'The other side could not receive media',
    [R.OTHER_CLIENT_JOINED_CALL]: 'You joined the call on another device',
    [R.OTHER_CLIENT_IN_CALL]: 'You are already in this call on another device',
    [R.KICKED_BY_SERVER]: 'Removed from the call by the server',
    [R.ACCEPT_SYSTEM_CALL]: 'You answered a phone call',
    [R.REMOTE_OTHER_CLIENT_JOINED_CALL]: 'The other side joined on another device',
    [R.REMOTE_OTHER_CLIENT_IN_CALL]: 'The other side is in this call on another device',
    [R.REMOTE_KICKED_BY_SERVER]: 'The other side was removed by the server',
    [R.REMOTE_ACCEPT_SYSTEM_CALL]: 'The other side answered a phone call',
    [R.ACCEPT_BY_OTHER_CLIENT]: 'Answered on another device',
    [R.HANGUP_BY_OTHER_CLIENT]: 'Declined on another device',
    [R.ADDED_TO_BLACKLIST]: 'You are blocked by this user',
    [R.SERVICE_NOT_OPENED]: 'Calling is not enabled for this app',
  },
};

export const zh: CallStrings = {
  incomingVideo: '视频来电',
  incomingAudio: '语音来电',
  invitesYou: '{name} 邀请你通话',
  calling: '正在呼叫…',
  ringing: '对方已响铃…',
  connecting: '正在连接…',
  noCall: '当前没有通话',
  accept: '视频接听',
  acceptAudio: '语音接听',
  decline: '拒绝',
  cancel: '取消',
  hangup: '挂断',
  micOff: '关闭麦克风',
  micOn: '打开麦克风',
  cameraOff: '关闭摄像头',
  cameraOn: '打开摄像头',
  toAudio: '切换为语音',
  invite: '邀请成员',
  inviteLabel: '要邀请的用户 ID,用逗号分隔',
  inviteSend: '邀请',
  you: '我',
  mutedAudio: '麦克风已关闭',
  mutedVideo: '摄像头已关闭',
  enableSound: '点击开启声音',
  callEnded: '通话已结束',
  announceIncoming: '{name} 来电',
  announceConnected: '通话已接通',
  announceEnded: '通话已结束:{reason}',
  groupCall: '多人通话',
  members: '{n} 人',
  unknownReason: '通话已结束',
  endReasons: {
    [R.CANCEL]: '已取消',
    [R.REJECT]: '已拒绝',
    [R.HANGUP]: '已挂断',
    [R.BUSY_LINE]: '忙线中,未接听',
    [R.NO_RESPONSE]: '未接听',
    [R.ENGINE_UNSUPPORTED]: '当前浏览器不支持通话',
    [R.NETWORK_ERROR]: '网络异常',
    [R.GET_MEDIA_RESOURCES_ERROR]: '无法打开摄像头或麦克风',
    [R.PUBLISH_ERROR]: '发布音视频失败',
    [R.SUBSCRIBE_ERROR]: '接收音视频失败',
    [R.REMOTE_CANCEL]: '对方已取消',
    [R.REMOTE_REJECT]: '对方已拒绝',
    [R.REMOTE_HANGUP]: '对方已挂断',
    [R.REMOTE_BUSY_LINE]: '对方忙线中',
    [R.REMOTE_NO_RESPONSE]: '对方无人接听',
    [R.REMOTE_ENGINE_UNSUPPORTED]: '对方设备不支持通话',
    [R.REMOTE_NETWORK_ERROR]: '对方网络异常',
    [R.REMOTE_GET_MEDIA_RESOURCE_ERROR]: '对方无法打开摄像头或麦克风',
    [R.REMOTE_PUBLISH_ERROR]: '对方发布音视频失败',
    [R.REMOTE_SUBSCRIBE_ERROR]: '对方接收音视频失败',
    [R.OTHER_CLIENT_JOINED_CALL]: '你已在其他设备加入通话',
    [R.OTHER_CLIENT_IN_CALL]: '你已在其他设备通话中',
    [R.KICKED_BY_SERVER]: '已被服务器移出通话',
    [R.ACCEPT_SYSTEM_CALL]: '你接听了系统电话',
    [R.REMOTE_OTHER_CLIENT_JOINED_CALL]: '对方已在其他设备加入通话',
    [R.REMOTE_OTHER_CLIENT_IN_CALL]: '对方已在其他设备通话中',
    [R.REMOTE_KICKED_BY_SERVER]: '对方已被服务器移出通话',
    [R.REMOTE_ACCEPT_SYSTEM_CALL]: '对方接听了系统电话',
    [R.ACCEPT_BY_OTHER_CLIENT]: '已在其他设备接听',
    [R.HANGUP_BY_OTHER_CLIENT]: '已在其他设备挂断',
    [R.ADDED_TO_BLACKLIST]: '你已被对方加入黑名单',
    [R.SERVICE_NOT_OPENED]: '未开通音视频服务',
  },
};

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
  const base = tables[lang];
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    endReasons: { ...base.endReasons, ...overrides.endReasons },
  };
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

/** What the live region says when a call reaches `call.phase` (nothing for other changes). */
export function announcement(call: CallState | undefined, strings: CallStrings): string {
  if (!call) return '';
  const name = call.members.get(call.peer.userId)?.name || call.peer.name || call.peer.userId;
  switch (call.phase) {
    case 'incoming':
      return format(strings.announceIncoming, { name });
    case 'active':
      return strings.announceConnected;
    case 'ended':
      return format(strings.announceEnded, { reason: reasonText(strings, call.endReason) });
    default:
      return '';
  }
}
