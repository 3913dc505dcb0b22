import { RCCallMediaType } from '../src/calllib/enums.js';
import type { RCCallClient } from '../src/calllib/client.js';
import type { IInstallOptions, IMediaConstraints } from '../src/calllib/types.js';
import type { CallLang, CallStrings } from './strings.js';

/**
 * Makes the `RCCallClient` of a `<rc-call-client>` instead of its `backend`: pass the install options
 * on (they carry the store's `onSession`/`onSessionClose`). Useful for tests and custom backends:
 * `el.clientFactory = (options) => net.createClient('alice', options)`.
 */
export type ClientFactory = (options: IInstallOptions) => RCCallClient | Promise<RCCallClient>;

/** What `call()`/`callInGroup()` pass on to CallLib besides target, media type and listener. */
export interface CallExtras {
  constraints?: IMediaConstraints;
  channelId?: string;
  extra?: string;
}

export type MediaTypeInput = 'audio' | 'video' | RCCallMediaType;

export function toMediaType(value: MediaTypeInput): RCCallMediaType {
  if (value === 'audio' || value === RCCallMediaType.AUDIO) return RCCallMediaType.AUDIO;
  if (value === 'video' || value === RCCallMediaType.AUDIO_VIDEO)
    return RCCallMediaType.AUDIO_VIDEO;
  throw new TypeError(`mediaType must be 'audio', 'video', 1 or 2, not ${String(value)}`);
}

/** The phrases the elements inside a client use: its `lang` and `strings`. */
export interface Locale {
  lang?: CallLang;
  strings?: Partial<CallStrings>;
}
