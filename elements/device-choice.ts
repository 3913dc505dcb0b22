import type { RCCallClient } from '../src/calllib/client.js';
import type { IMediaConstraints } from '../src/calllib/types.js';

/** One camera, microphone or speaker, as `listDevices()` gives it. */
export interface DeviceInfo {
  deviceId: string;
  /** Empty until the page may use the devices of that kind (every browser hides labels). */
  label: string;
  kind: MediaDeviceKind;
}

/** `listDevices()` and the `devicechange` event. */
export interface DeviceLists {
  cameras: DeviceInfo[];
  microphones: DeviceInfo[];
  /** Empty where the browser cannot choose where sound goes (`setSinkId`; Safari). */
  speakers: DeviceInfo[];
  /** The browser hides the names until the camera or microphone is allowed: ask for them first. */
  needsPermission: boolean;
}

export type DeviceKind = 'camera' | 'microphone' | 'speaker';

const STORAGE_KEY = 'rc-call-devices';

/**
 * The camera, microphone and speaker the user chose, remembered for this origin (localStorage).
 * A chosen device that is gone is left out of the constraints: the browser's default is used.
 */
export class DeviceChoice {
  #chosen: Partial<Record<DeviceKind, string>> = {};
  /** A preview's open tracks, and what to tell it when a call takes them. */
  #preview: { tracks: MediaStreamTrack[]; taken(): void } | undefined;

  constructor() {
    try {
      const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}');
      if (saved && typeof saved === 'object') {
        for (const kind of ['camera', 'microphone', 'speaker'] as const) {
          const id = (saved as Record<string, unknown>)[kind];
          if (typeof id === 'string' && id) this.#chosen[kind] = id;
        }
      }
    } catch {
      // Storage refused (private mode, sandboxed frame) or unreadable: nothing chosen.
    }
  }

  get(kind: DeviceKind): string | undefined {
    return this.#chosen[kind];
  }

  /** Chooses a device (`undefined`: the browser's default); returns whether it changed. */
  set(kind: DeviceKind, deviceId: string | undefined): boolean {
    if ((deviceId || undefined) === this.#chosen[kind]) return false;
    if (deviceId) this.#chosen[kind] = deviceId;
    else delete this.#chosen[kind];
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(this.#chosen));
    } catch {
      // Not remembered; still used for this page.
    }
    return true;
  }

  /** Offers a preview's tracks to the next call or answer (`undefined`: withdraws them). */
  offer(preview: { tracks: MediaStreamTrack[]; taken(): void } | undefined): void {
    this.#preview = preview;
  }

  /**
   * Before a call or an answer: hands the preview's tracks to `client`, which uses them instead of
   * opening the devices again, and returns the constraints for what it still opens.
   */
  prepare(client: RCCallClient | undefined): Promise<IMediaConstraints | undefined> {
    const preview = this.#preview;
    this.#preview = undefined;
    if (preview && client) {
      client.useLocalTracks(preview.tracks);
      preview.taken();
    }
    return this.constraints();
  }

  /** CallLib constraints for the chosen camera and microphone that are still there. */
  async constraints(): Promise<IMediaConstraints | undefined> {
    const { camera, microphone } = this.#chosen;
    if (!camera && !microphone) return undefined;
    const { listDevices } = await import('./device-lists.js');
    const { cameras, microphones } = await listDevices().catch(() => ({
      cameras: [],
      microphones: [],
    }));
    const has = (list: DeviceInfo[], id?: string) => !!id && list.some((d) => d.deviceId === id);
    const result: IMediaConstraints = {};
    if (has(cameras, camera)) result.video = { cameraId: camera };
    if (has(microphones, microphone)) result.audio = { micphoneId: microphone };
    return result;
  }
}
