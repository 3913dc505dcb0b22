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

// The keys of `endReasons` are RCCallEndReason values, written as numbers with the member's name
// beside them: `[RCCallEndReason.NAME]` would put every name in the bundle, twice.

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
    1: 'You cancelled the call', // CANCEL
    2: 'You declined the call', // REJECT
    3: 'You hung up', // HANGUP
    4: 'You were busy on another call', // BUSY_LINE
    5: 'Missed call', // NO_RESPONSE
    6: 'This browser cannot make calls', // ENGINE_UNSUPPORTED
    7: 'Network problem', // NETWORK_ERROR
    8: 'Could not open camera or microphone', // GET_MEDIA_RESOURCES_ERROR
    9: 'Could not send your media', // PUBLISH_ERROR
    10: 'Could not receive media', // SUBSCRIBE_ERROR
    11: 'The caller cancelled', // REMOTE_CANCEL
    12: 'Call declined', // REMOTE_REJECT
    13: 'The other side hung up', // REMOTE_HANGUP
    14: 'Line busy', // REMOTE_BUSY_LINE
    15: 'No answer', // REMOTE_NO_RESPONSE
    16: 'The other side cannot take calls', // REMOTE_ENGINE_UNSUPPORTED
    17: 'The other side lost the network', // REMOTE_NETWORK_ERROR
    18: 'The other side could not open camera or microphone', // REMOTE_GET_MEDIA_RESOURCE_ERROR
    19: 'The other side could not send media', // REMOTE_PUBLISH_ERROR
    20: 'The other side could not receive media', // REMOTE_SUBSCRIBE_ERROR
    21: 'You joined the call on another device', // OTHER_CLIENT_JOINED_CALL
    22: 'You are already in this call on another device', // OTHER_CLIENT_IN_CALL
    23: 'Removed from the call by the server', // KICKED_BY_SERVER
    24: 'You answered a phone call', // ACCEPT_SYSTEM_CALL
    31: 'The other side joined on another device', // REMOTE_OTHER_CLIENT_JOINED_CALL
    32: 'The other side is in this call on another device', // REMOTE_OTHER_CLIENT_IN_CALL
    33: 'The other side was removed by the server', // REMOTE_KICKED_BY_SERVER
    34: 'The other side answered a phone call', // REMOTE_ACCEPT_SYSTEM_CALL
    101: 'Answered on another device', // ACCEPT_BY_OTHER_CLIENT
    102: 'Declined on another device', // HANGUP_BY_OTHER_CLIENT
    103: 'You are blocked by this user', // ADDED_TO_BLACKLIST
    104: 'Calling is not enabled for this app', // SERVICE_NOT_OPENED
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
    1: '已取消', // CANCEL
    2: '已拒绝', // REJECT
    3: '已挂断', // HANGUP
    4: '忙线中,未接听', // BUSY_LINE
    5: '未接听', // NO_RESPONSE
    6: '当前浏览器不支持通话', // ENGINE_UNSUPPORTED
    7: '网络异常', // NETWORK_ERROR
    8: '无法打开摄像头或麦克风', // GET_MEDIA_RESOURCES_ERROR
    9: '发布音视频失败', // PUBLISH_ERROR
    10: '接收音视频失败', // SUBSCRIBE_ERROR
    11: '对方已取消', // REMOTE_CANCEL
    12: '对方已拒绝', // REMOTE_REJECT
    13: '对方已挂断', // REMOTE_HANGUP
    14: '对方忙线中', // REMOTE_BUSY_LINE
    15: '对方无人接听', // REMOTE_NO_RESPONSE
    16: '对方设备不支持通话', // REMOTE_ENGINE_UNSUPPORTED
    17: '对方网络异常', // REMOTE_NETWORK_ERROR
    18: '对方无法打开摄像头或麦克风', // REMOTE_GET_MEDIA_RESOURCE_ERROR
    19: '对方发布音视频失败', // REMOTE_PUBLISH_ERROR
    20: '对方接收音视频失败', // REMOTE_SUBSCRIBE_ERROR
    21: '你已在其他设备加入通话', // OTHER_CLIENT_JOINED_CALL
    22: '你已在其他设备通话中', // OTHER_CLIENT_IN_CALL
    23: '已被服务器移出通话', // KICKED_BY_SERVER
    24: '你接听了系统电话', // ACCEPT_SYSTEM_CALL
    31: '对方已在其他设备加入通话', // REMOTE_OTHER_CLIENT_JOINED_CALL
    32: '对方已在其他设备通话中', // REMOTE_OTHER_CLIENT_IN_CALL
    33: '对方已被服务器移出通话', // REMOTE_KICKED_BY_SERVER
    34: '对方接听了系统电话', // REMOTE_ACCEPT_SYSTEM_CALL
    101: '已在其他设备接听', // ACCEPT_BY_OTHER_CLIENT
    102: '已在其他设备挂断', // HANGUP_BY_OTHER_CLIENT
    103: '你已被对方加入黑名单', // ADDED_TO_BLACKLIST
    104: '未开通音视频服务', // SERVICE_NOT_OPENED
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
