/**
 * Joining the call's room and publishing local tracks there, as each side does once the call is
 * answered (the callee on accept, the caller on the Accept), and for tracks opened later.
 */
import { RCCallEndReason, RCCallErrorCode } from './enums.js';
import type { CallCore } from './session-core.js';
import type { RCLocalTrack } from './types.js';

const OK = RCCallErrorCode.SUCCESS;

/** Waits for the room; a failed join ends the call (network error unless the backend says why). */
export async function joinAndPublish(
  call: CallCore,
  joined: Promise<{ code: number; reason?: RCCallEndReason }>,
  tracks: RCLocalTrack[],
  announce: boolean,
): Promise<{ code: number }> {
  const j = await joined;
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  if (j.code !== OK) {
    void call.end(j.reason ?? RCCallEndReason.NETWORK_ERROR, { notify: true });
    return { code: j.code };
  }
  return publishAndAnnounce(call, tracks, announce);
}

/** Publishes `tracks`, then (`announce`) tells the app of them with `onTrackReady`. */
export async function publishAndAnnounce(
  call: CallCore,
  tracks: RCLocalTrack[],
  announce = true,
): Promise<{ code: number }> {
  const code = await call.media.publish(tracks);
  if (code !== OK || call.isEnded())
    return { code: code !== OK ? code : RCCallErrorCode.STATE_MACHINE_EXIT };
  if (announce) for (const t of tracks) call.emit('onTrackReady', t);
  return { code: OK };
}
