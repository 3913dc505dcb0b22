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

/** CallLib result codes → `callerror` codes. */
export function errorCodeFor(code: number): string {
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
    case RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR:
    case RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR:
    case RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR:
      return 'media/unavailable';
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
