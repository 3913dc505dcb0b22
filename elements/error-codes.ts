/**
 * The one place where failures become `callerror` codes: every code an element can dispatch, and
 * the table that turns each CallLib result code (with a device failure's cause) into one of them.
 * Backends report their own failures with codes of this list (`network/offline`, `auth/…`).
 */
import { RCCallErrorCode } from '../src/calllib/enums.js';
import type { MediaFailureCause } from '../src/calllib/ports.js';

/** Every `code` of a `callerror`, in the order README's list gives them. */
export const CALL_ERROR_CODES = [
  // A bad or missing attribute (the element falls back to a working value).
  'config/missing-appkey',
  'config/missing-token',
  'config/missing-user-id',
  'config/invalid',
  'config/invalid-appkey',
  'config/invalid-avatar',
  'config/invalid-backend',
  'config/invalid-lang',
  'config/invalid-name',
  'config/invalid-navigators',
  'config/invalid-portrait',
  'config/invalid-signal-url',
  'config/invalid-timeout',
  'config/invalid-token',
  'config/invalid-user-id',
  // Connecting.
  'network/offline',
  'network/turn-failed',
  'auth/token-invalid',
  'auth/appkey-invalid',
  'auth/user-blocked',
  'auth/kicked',
  'rtc/unsupported',
  'connection/failed',
  'backend/failed',
  'backend/unavailable',
  // Calls.
  'call/not-connected',
  'call/busy',
  'call/send-failed',
  'call/blocked',
  'call/not-in-group',
  'call/not-group',
  'call/join-failed',
  'call/failed',
  // Devices and media.
  'media/permission-denied',
  'media/not-found',
  'media/in-use',
  'media/unavailable',
  'media/no-video-track',
  'media/device-lost',
  'media/publish-failed',
  'media/subscribe-failed',
  // Sound.
  'autoplay/blocked',
] as const;

export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

/** Device failures by what the backend found out; `unknown` → `media/unavailable`. */
const DEVICE_ERRORS: Record<MediaFailureCause, CallErrorCode> = {
  'permission-denied': 'media/permission-denied',
  'not-found': 'media/not-found',
  'in-use': 'media/in-use',
  unknown: 'media/unavailable',
};

/** Each CallLib code; `device` rows take their code from the failure's cause. */
export const CALLLIB_ERRORS: Record<RCCallErrorCode, CallErrorCode | 'device' | null> = {
  [RCCallErrorCode.SUCCESS]: null,
  [RCCallErrorCode.STATE_MACHINE_EXIT]: 'call/busy',
  [RCCallErrorCode.SEND_MSG_ERROR]: 'call/send-failed',
  [RCCallErrorCode.REJECTED_BY_BLACKLIST]: 'call/blocked',
  [RCCallErrorCode.NOT_IN_GROUP]: 'call/not-in-group',
  [RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR]: 'device',
  [RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR]: 'device',
  [RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR]: 'device',
  [RCCallErrorCode.JOIN_ROOM_ERROR]: 'call/join-failed',
  [RCCallErrorCode.AUDIO_PUBLISH_ERROR]: 'media/publish-failed',
  [RCCallErrorCode.VIDEO_PUBLISH_ERROR]: 'media/publish-failed',
  [RCCallErrorCode.AUDIO_AND_VIDEO_PUBLISH_ERROR]: 'media/publish-failed',
  [RCCallErrorCode.QUERY_JOINED_USER_INFO_ERROR]: 'call/failed',
  [RCCallErrorCode.MISSING_VIDEO_TRACK_ERROR]: 'media/no-video-track',
  [RCCallErrorCode.UNPUBLISH_VIDEO_ERROR]: 'media/publish-failed',
  [RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR]: 'call/not-group',
};

/**
 * The `callerror` code of a failed CallLib result. `cause` says why a device failed; codes that
 * are not CallLib's (a backend's own numbers) are `call/failed`.
 */
export function errorCodeFor(code: number, cause?: MediaFailureCause): CallErrorCode {
  const row = CALLLIB_ERRORS[code as RCCallErrorCode];
  if (row === 'device') return DEVICE_ERRORS[cause ?? 'unknown'] ?? DEVICE_ERRORS.unknown;
  return row ?? 'call/failed';
}

/** A failed call operation; `code` is the CallLib code (e.g. 53200) or a `callerror` code. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly code: number | CallErrorCode,
  ) {
    super(message);
    this.name = 'CallError';
  }
}
