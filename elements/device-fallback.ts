/**
 * What happens when a camera or microphone in use is unplugged (or taken by the system): its track
 * ends by itself. Loaded with a call's first local track.
 */
import { RCCallErrorCode, SCREEN_TAG } from '../src/calllib/enums.js';
import type { RCCallSession } from '../src/calllib/session.js';
import type { RCTrack } from '../src/calllib/types.js';

export interface DeviceFallbackHost {
  session: RCCallSession;
  /** The call is over: nothing to replace. */
  ended(): boolean;
  /** Turns our camera off (the call goes on with audio). */
  cameraOff(): Promise<unknown>;
  /** A recoverable `callerror` `media/device-lost` with this message. */
  fail(message: string): void;
}

/**
 * Watches a local track: when it ends by itself, the browser's default device of its kind takes
 * over; without one, the camera goes off (a lost microphone leaves the call silent), and the
 * `callerror` says which happened. A track we stop ourselves fires no `ended`.
 */
export function watchDevice(track: RCTrack, host: DeviceFallbackHost): void {
  const media = track.getMediaStreamTrack?.();
  if (!media || track.getTag() === SCREEN_TAG) return;
  const kind = track.isVideoTrack() ? 'camera' : 'microphone';
  const replace = async () => {
    if (host.ended()) return;
    const s = host.session;
    const result = await (
      kind === 'camera' ? s.changeVideoDevice({}) : s.changeAudioDevice({})
    ).catch(() => ({ code: RCCallErrorCode.STATE_MACHINE_EXIT }));
    if (result.code === RCCallErrorCode.SUCCESS) {
      host.fail(`The ${kind} was disconnected; another one took over`);
      return;
    }
    if (kind === 'camera') await host.cameraOff();
    host.fail(`The ${kind} was disconnected and no other one is available`);
  };
  media.addEventListener('ended', () => void replace(), { once: true });
}
