import { RCCallErrorCode, RCCallMediaType } from '../src/calllib/enums.js';
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
 * A device failure (53301–53303) → `media/permission-denied`, `media/not-found` or `media/in-use`
 * when the backend could tell why, else `media/unavailable`; undefined for other codes.
 */
export function mediaErrorCode(code: number, cause?: string): string | undefined {
  if (
    code !== RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR &&
    code !== RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR &&
    code !== RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR
  )
    return undefined;
  return cause && DEVICE_CAUSES.has(cause) ? `media/${cause}` : 'media/unavailable';
}

/** CallLib result codes (and a device failure's cause) → `callerror` codes. */
export function errorCodeFor(code: number, cause?: string): string {
  const media = mediaErrorCode(code, cause);
  if (media) return media;
  switch (code) {
    case RCCallErrorCode.STATE_MACHINE_EXIT:
      return 'call/busy';
    case RCCallErrorCode.SEND_MSG_ERROR:
      return 'call/send-failed';
    case RCCallErrorCode.REJECTED_BY_BLACKLIST:
      return 'call/blocked';
    case RCCallErrorCode.NOT_IN_GROUP:
      return 'call/not-in-group';
    case RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR:
      return 'call/not-group';
    default:
      return 'call/failed';
  }
}

/** What `call()`/`callInGroup()` pass on to CallLib besides target, media type and listener. */
export interface CallExtras {
  constraints?: IMediaConstraints;
  channelId?: string;
  extra?: string;
}
