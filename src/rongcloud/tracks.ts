/**
 * plugin-rtc tracks seen through CallLib's RCTrack API. The wrappers delegate every call to the SDK
 * track, add `getMediaStreamTrack()` (as every backend of this project does) and keep the SDK object
 * reachable through `getSdkTrack()` for SDK-only features (bitrate, subscription state).
 */
import type { RCLocalTrack, RCTrack } from '../calllib/types.js';
import type { LocalTrackLike, RemoteTrackLike } from './sdk.js';

/** The tag RongCloud's CallLib gives its camera and microphone tracks. */
export const TRACK_TAG = 'RongCloudRTC';

type SdkTrack = RemoteTrackLike | LocalTrackLike;

abstract class RongCloudTrackBase<T extends SdkTrack> implements RCTrack {
  constructor(protected readonly sdk: T) {}

  /** The plugin-rtc track behind this one. */
  getSdkTrack(): T {
    return this.sdk;
  }
  getTrackId(): string {
    return this.sdk.getTrackId();
  }
  getUserId(): string {
    return this.sdk.getUserId();
  }
  getTag(): string {
    return this.sdk.getTag();
  }
  getStreamId(): string {
    return this.sdk.getStreamId();
  }
  isLocalTrack(): boolean {
    return this.sdk.isLocalTrack();
  }
  isAudioTrack(): boolean {
    return this.sdk.isAudioTrack();
  }
  isVideoTrack(): boolean {
    return this.sdk.isVideoTrack();
  }
  isOwnerMuted(): boolean {
    return this.sdk.isOwnerMuted();
  }
  /** On a local track this also tells the room's other members (plugin-rtc does that). */
  mute(): void {
    this.sdk.mute();
  }
  unmute(): void {
    this.sdk.unmute();
  }
  async play(element?: HTMLVideoElement, options?: { volume?: number }): Promise<{ code: number }> {
    // plugin-rtc's option type requires audioDeviceId; an empty one means "default output".
    const sdkOptions = options ? { volume: options.volume, audioDeviceId: '' } : undefined;
    return this.sdk.play(element, sdkOptions);
  }
  getMediaStreamTrack(): MediaStreamTrack | undefined {
    return this.sdk.__innerGetMediaStreamTrack();
  }
}

/** A remote member's track. */
export class RongCloudRemoteTrack extends RongCloudTrackBase<RemoteTrackLike> {}

/** A camera or microphone track of this client. */
export class RongCloudLocalTrack
  extends RongCloudTrackBase<LocalTrackLike>
  implements RCLocalTrack
{
  destroy(): void {
    this.sdk.destroy();
  }
}

/**
 * One wrapper per SDK remote track, so the engine and the app see the same object in
 * `onTrackPublish`, `onTrackReady` and the mute callbacks.
 */
export class RemoteTrackCache {
  readonly #wrappers = new WeakMap<RemoteTrackLike, RongCloudRemoteTrack>();

  wrap(track: RemoteTrackLike): RongCloudRemoteTrack {
    let wrapper = this.#wrappers.get(track);
    if (!wrapper) {
      wrapper = new RongCloudRemoteTrack(track);
      this.#wrappers.set(track, wrapper);
    }
    return wrapper;
  }

  wrapAll(tracks: readonly RemoteTrackLike[] | undefined): RongCloudRemoteTrack[] {
    return (tracks ?? []).map((track) => this.wrap(track));
  }
}

/** The SDK tracks behind engine tracks; tracks this backend did not make are skipped. */
export function sdkLocalTracks(tracks: readonly RCLocalTrack[]): LocalTrackLike[] {
  return tracks.flatMap((t) => (t instanceof RongCloudLocalTrack ? [t.getSdkTrack()] : []));
}

export function sdkRemoteTracks(tracks: readonly RCTrack[]): RemoteTrackLike[] {
  return tracks.flatMap((t) => (t instanceof RongCloudRemoteTrack ? [t.getSdkTrack()] : []));
}
