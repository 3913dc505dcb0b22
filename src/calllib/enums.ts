/**
 * The numbers of RongCloud's CallLib (Web v5, iOS 5.44, Android): same names, same values, so that
 * code written against RongCloud's docs and RongCloud's own apps agree with us on the wire.
 */

export enum RCCallMediaType {
  AUDIO = 1,
  AUDIO_VIDEO = 2,
}

export enum ConversationType {
  PRIVATE = 1,
  GROUP = 3,
}

export enum RCCallSessionState {
  WAITING = 0,
  KEEPING = 1,
  END = 2,
}

export enum RCCallUserState {
  NONE = 0,
  WAITING = 1,
  KEEPING = 2,
}

export enum RCCallLanguage {
  ZH = 'zh',
  EN = 'en',
}

export enum RCCallEndReason {
  CANCEL = 1,
  REJECT = 2,
  HANGUP = 3,
  BUSY_LINE = 4,
  NO_RESPONSE = 5,
  ENGINE_UNSUPPORTED = 6,
  NETWORK_ERROR = 7,
  GET_MEDIA_RESOURCES_ERROR = 8,
  PUBLISH_ERROR = 9,
  SUBSCRIBE_ERROR = 10,
  REMOTE_CANCEL = 11,
  REMOTE_REJECT = 12,
  REMOTE_HANGUP = 13,
  REMOTE_BUSY_LINE = 14,
  REMOTE_NO_RESPONSE = 15,
  REMOTE_ENGINE_UNSUPPORTED = 16,
  REMOTE_NETWORK_ERROR = 17,
  REMOTE_GET_MEDIA_RESOURCE_ERROR = 18,
  REMOTE_PUBLISH_ERROR = 19,
  REMOTE_SUBSCRIBE_ERROR = 20,
  OTHER_CLIENT_JOINED_CALL = 21,
  OTHER_CLIENT_IN_CALL = 22,
  KICKED_BY_SERVER = 23,
  ACCEPT_SYSTEM_CALL = 24,
  REMOTE_OTHER_CLIENT_JOINED_CALL = 31,
  REMOTE_OTHER_CLIENT_IN_CALL = 32,
  REMOTE_KICKED_BY_SERVER = 33,
  REMOTE_ACCEPT_SYSTEM_CALL = 34,
  ACCEPT_BY_OTHER_CLIENT = 101,
  HANGUP_BY_OTHER_CLIENT = 102,
  ADDED_TO_BLACKLIST = 103,
  SERVICE_NOT_OPENED = 104,
}

export enum RCCallErrorCode {
  SUCCESS = 10000,
  STATE_MACHINE_EXIT = 53200,
  SEND_MSG_ERROR = 53201,
  REJECTED_BY_BLACKLIST = 53202,
  NOT_IN_GROUP = 53203,
  GET_LOCAL_AUDIO_TRACK_ERROR = 53301,
  GET_LOCAL_VIDEO_TRACK_ERROR = 53302,
  GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR = 53303,
  JOIN_ROOM_ERROR = 53304,
  AUDIO_PUBLISH_ERROR = 53305,
  VIDEO_PUBLISH_ERROR = 53306,
  AUDIO_AND_VIDEO_PUBLISH_ERROR = 53307,
  QUERY_JOINED_USER_INFO_ERROR = 53308,
  MISSING_VIDEO_TRACK_ERROR = 53309,
  UNPUBLISH_VIDEO_ERROR = 53310,
  CONVERSATION_NOT_GROUP_ERROR = 53311,
}

/** `callStatus` inside ModifyMem's `existedUserPofiles`. */
export enum RCCallStatus {
  OUTGOING = 1,
  INCOMING = 2,
  RINGING = 3,
  CONNECTED = 4,
  IDLE = 5,
  ACCEPTED = 6,
}

export enum RCCallModifyMemType {
  ADD = 1,
  REMOVE = 2,
}

/** Log levels, as RongCloud's `LogLevel`. */
export enum LogLevel {
  DEBUG = 0,
  INFO = 1,
  WARN = 2,
  ERROR = 3,
  NONE = 4,
}

/** The six call signals. */
export const RCCallMessageType = {
  Invite: 'RC:VCInvite',
  Ringing: 'RC:VCRinging',
  Accept: 'RC:VCAccept',
  Hangup: 'RC:VCHangup',
  ModifyMem: 'RC:VCModifyMem',
  ModifyMedia: 'RC:VCModifyMedia',
} as const;
export type RCCallMessageType = (typeof RCCallMessageType)[keyof typeof RCCallMessageType];

/** `engineType` on the wire: RongRTC. */
export const ENGINE_TYPE_RONGRTC = 4;
/** RongCloud's `joinType` for `joinRTCRoom`: COEXIST. */
export const DEFAULT_JOIN_TYPE = 2;
/** RongCloud's fixed no-answer timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** How long a lost connection may take to come back before the call gives it up (ours). */
export const DEFAULT_RECONNECT_TIMEOUT_MS = 30_000;
/** The tag of CallLib's camera and microphone tracks. */
export const TRACK_TAG = 'RongCloudRTC';
/** The tag of a shared screen's track (ours; an older CallLib peer sees one more video track). */
export const SCREEN_TAG = 'screenshare';
