import { RCCallMediaType, type RCCallErrorCode } from '../src/calllib/enums.js';
import type { IMediaConstraints } from '../src/calllib/types.js';

/** A failed call operation; `code` is the CallLib code (e.g. 53200) or a `callerror` code. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly code: number | string,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

export type MediaTypeInput = 'audio' | 'video' | RCCallMediaType;

export function toMediaType(value: MediaTypeInput): RCCallMediaType {
  if (value === 'audio' || value === RCCallMediaType.AUDIO) return RCCallMediaType.AUDIO;
  if (value === 'video' || value === RCCallMediaType.AUDIO_VIDEO)
    return RCCallMediaType.AUDIO_VIDEO;
  throw new TypeError(`mediaType must be 'audio', 'video', 1 or 2, not ${String(value)}`);
}

const DEVICE_CAUSES = new Set(['permission-denied', 'not-found', 'in-use']);

/**
 * A device failure (53301–53303: GET_LOCAL_AUDIO_TRACK_ERROR, GET_LOCAL_VIDEO_TRACK_ERROR,
 * GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR) → `media/permission-denied`, `media/not-found` or
 * `media/in-use` when the backend could tell why, else `media/unavailable`; undefined for other codes.
 */
export function mediaErrorCode(code: number, cause?: string): string | undefined {
  if (![53301, 53302, 53303].includes(code)) return undefined;
  return cause && DEVICE_CAUSES.has(cause) ? `media/${cause}` : 'media/unavailable';
}

// RCCallErrorCode values as numbers with the member's name beside them (the names would ship in
// the bundle); the keys are still checked against the enum.
const CALL_ERRORS: Partial<Record<RCCallErrorCode, string>> = {
  53200: 'call/busy', // STATE_MACHINE_EXIT
  53201: 'call/send-failed', // SEND_MSG_ERROR
  53202: 'call/blocked', // REJECTED_BY_BLACKLIST
  53203: 'call/not-in-group', // NOT_IN_GROUP
  53311: 'call/not-group', // CONVERSATION_NOT_GROUP_ERROR
};

/** CallLib result codes (and a device failure's cause) → `callerror` codes. */
export function errorCodeFor(code: number, cause?: string): string {
  return mediaErrorCode(code, cause) ?? CALL_ERRORS[code as RCCallErrorCode] ?? 'call/failed';
}

/** What `call()`/`callInGroup()` pass on to CallLib besides target, media type and listener. */
export interface CallExtras {
  constraints?: IMediaConstraints;
  channelId?: string;
  extra?: string;
}
