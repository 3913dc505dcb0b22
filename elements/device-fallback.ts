/**
 * What happens when a camera or microphone in use is unplugged (or taken by the system): its track
 * ends by itself. Loaded with the in-call screen; it watches our tracks while a call is active.
 */
import { RCCallErrorCode, SCREEN_TAG } from '../src/calllib/enums.js';
import type { CallModel } from './call-model.js';
import type { RCTrack } from '../src/calllib/types.js';

const watched = new WeakSet<MediaStreamTrack>();

/**
 * When a track of ours ends by itself, the browser's default device of its kind takes over;
 * without one, the camera goes off (a lost microphone leaves the call silent). A `callerror`
 * `media/device-lost` says which happened. A track we stop ourselves fires no `ended`.
 */
function watchTrack(model: CallModel, track: RCTrack): void {
  const media = track.getMediaStreamTrack?.();
  if (!media || watched.has(media) || track.getTag() === SCREEN_TAG) return;
  watched.add(media);
  const kind = track.isVideoTrack() ? 'camera' : 'microphone';
  const replace = async () => {
    const { session, status, camera } = model.state;
    if (status.phase === 'ended') return;
    const result = await (
      kind === 'camera' ? session.changeVideoDevice({}) : session.changeAudioDevice({})
    ).catch(() => ({ code: RCCallErrorCode.STATE_MACHINE_EXIT }));
    if (result.code === RCCallErrorCode.SUCCESS) {
      model.reportError('media/device-lost', `The ${kind} was disconnected; another one took over`);
      return;
    }
    if (kind === 'camera' && camera.on) await model.toggleCamera();
    model.reportError(
      'media/device-lost',
      `The ${kind} was disconnected and no other one is available`,
    );
  };
  media.addEventListener('ended', () => void replace(), { once: true });
}

const following = new WeakSet<CallModel>();

/** Watches our microphone and camera in `model`'s call, each new track as it comes. */
export function watchDevices(model: CallModel): void {
  if (following.has(model)) return;
  following.add(model);
  const check = () => {
    const { members, selfId, status } = model.state;
    if (status.phase === 'ended') return unsubscribe();
    const self = members.get(selfId);
    for (const track of [self?.audio, self?.video]) if (track) watchTrack(model, track);
  };
  const unsubscribe = model.subscribe(check);
  check();
}
