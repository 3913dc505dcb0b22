/** The browser's devices, by kind: loaded when a page or a call first asks. */
import type { DeviceLists } from './device-choice.js';

/** Whether this browser can send sound to a chosen speaker. */
export const canChooseSpeaker = () =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** The devices of this browser, by kind. Entries without an id (no permission yet) are left out. */
export async function listDevices(): Promise<DeviceLists> {
  const all = (await globalThis.navigator?.mediaDevices?.enumerateDevices?.()) ?? [];
  const of = (kind: MediaDeviceKind) =>
    all
      .filter((d) => d.kind === kind && d.deviceId)
      .map(({ deviceId, label, kind }) => ({ deviceId, label, kind }));
  const inputs = all.filter((d) => d.kind !== 'audiooutput');
  return {
    cameras: of('videoinput'),
    microphones: of('audioinput'),
    speakers: canChooseSpeaker() ? of('audiooutput') : [],
    needsPermission: inputs.length === 0 || inputs.some((d) => !d.label),
  };
}
