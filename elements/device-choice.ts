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
