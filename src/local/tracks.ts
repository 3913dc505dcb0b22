import { SCREEN_TAG, TRACK_TAG } from '../calllib/enums.js';
import type { RCLocalTrack, RCTrack } from '../calllib/types.js';

export { TRACK_TAG };
const SUCCESS = 10000;
/** RongCloud's `RCRTCCode.TRACK_PLAY_ERROR`. */
const TRACK_PLAY_ERROR = 53022;
/** `play()` resolves after this long even if the element has not started (no frame yet). */
const PLAY_WAIT_MS = 1000;

/** In a group the camera is scaled down to no fewer lines than this. */
const GROUP_MIN_HEIGHT = 240;

export type TrackKind = 'audio' | 'video';
/** What a member sends on each of the three transceivers: microphone, camera, shared screen. */
export type TrackSlot = TrackKind | 'screen';
export const SLOTS: readonly TrackSlot[] = ['audio', 'video', 'screen'];

const tagOf = (slot: TrackSlot) => (slot === 'screen' ? SCREEN_TAG : TRACK_TAG);
const kindOf = (slot: TrackSlot): TrackKind => (slot === 'audio' ? 'audio' : 'video');

export function trackId(userId: string, slot: TrackSlot): string {
  return `${userId}_${tagOf(slot)}_${kindOf(slot)}`;
}

/** Attaches `track` to `element` and starts playback. */
async function playInto(
  element: HTMLMediaElement,
  track: MediaStreamTrack,
): Promise<{ code: number }> {
  const current = element.srcObject;
  if (!(current instanceof MediaStream) || current.getTracks()[0] !== track) {
    element.srcObject = new MediaStream([track]);
  }
  try {
    // A stream without frames yet keeps play() pending; the element starts by itself later.
    await Promise.race([element.play(), new Promise((r) => setTimeout(r, PLAY_WAIT_MS))]);
    return { code: SUCCESS };
  } catch {
    return { code: TRACK_PLAY_ERROR };
  }
}

/** Removes `track` from the elements it was played into. */
function detach(elements: Set<HTMLMediaElement>, track: MediaStreamTrack | undefined): void {
  for (const element of elements) {
    const stream = element.srcObject;
    if (stream instanceof MediaStream && (!track || stream.getTracks().includes(track))) {
      element.pause();
      element.srcObject = null;
    }
  }
  elements.clear();
}

abstract class BaseTrack implements RCTrack {
  protected readonly elements = new Set<HTMLMediaElement>();
  readonly kind: TrackKind;

  constructor(
    readonly userId: string,
    readonly slot: TrackSlot,
  ) {
    this.kind = kindOf(slot);
  }

  abstract getMediaStreamTrack(): MediaStreamTrack | undefined;
  abstract isLocalTrack(): boolean;
  abstract isOwnerMuted(): boolean;
  abstract mute(): void;
  abstract unmute(): void;

  getTrackId(): string {
    return trackId(this.userId, this.slot);
  }
  getUserId(): string {
    return this.userId;
  }
  getTag(): string {
    return tagOf(this.slot);
  }
  getStreamId(): string {
    return `${this.userId}_${this.getTag()}`;
  }
  isAudioTrack(): boolean {
    return this.kind === 'audio';
  }
  isVideoTrack(): boolean {
    return this.kind === 'video';
  }

  async play(element?: HTMLVideoElement, options?: { volume?: number }): Promise<{ code: number }> {
    const track = this.getMediaStreamTrack();
    if (!track) return { code: TRACK_PLAY_ERROR };
    let target: HTMLMediaElement | undefined = element;
    if (!target) {
      if (this.kind === 'video') return { code: TRACK_PLAY_ERROR };
      target = this.audioElement();
      if (!target) return { code: SUCCESS };
    }
    if (options?.volume !== undefined)
      target.volume = Math.max(0, Math.min(1, options.volume / 100));
    this.elements.add(target);
    return playInto(target, track);
  }

  /** The element audio plays through when `play()` gets none; undefined: do not play. */
  protected audioElement(): HTMLAudioElement | undefined {
    return undefined;
  }
}

/** A camera, microphone or shared screen track of this browser. */
export class LocalTrack extends BaseTrack implements RCLocalTrack {
  private muted = false;

  constructor(
    userId: string,
    readonly track: MediaStreamTrack,
    /** The app asked for this camera's resolution: it is sent as captured. */
    readonly sizeRequested = false,
    screen = false,
  ) {
    super(userId, screen ? 'screen' : track.kind === 'audio' ? 'audio' : 'video');
  }

  /**
   * The `scaleResolutionDownBy` to send this camera with in a mesh with `remoteDevices` others.
   * A mesh sends the camera once per remote member. From two of them on (a call of three or
   * more) each copy goes at half width and height, a quarter of the pixels: three copies then
   * cost less upload and encoding than one full-size stream of a 1:1 call, and each receiver shows
   * it in a grid tile. Never below {@link GROUP_MIN_HEIGHT} lines, and not at all when the app
   * asked for a resolution. Back to full size when the call is down to two.
   */
  meshScale(remoteDevices: number): number {
    if (this.slot !== 'video' || this.sizeRequested || remoteDevices < 2) return 1;
    const height = this.track.getSettings().height ?? 0;
    return Math.max(1, Math.min(2, height / GROUP_MIN_HEIGHT));
  }

  getMediaStreamTrack(): MediaStreamTrack {
    return this.track;
  }
  isLocalTrack(): boolean {
    return true;
  }
  isOwnerMuted(): boolean {
    return this.muted;
  }
  /** Stops sending media (the device stays open); `MediaRoom.setTrackMuted` tells the peers. */
  mute(): void {
    this.muted = true;
    this.track.enabled = false;
  }
  unmute(): void {
    this.muted = false;
    this.track.enabled = true;
  }
  destroy(): void {
    detach(this.elements, this.track);
    this.track.stop();
  }
}

/** A member's published track, backed by the receiver track of the peer connection to them. */
export class RemoteTrack extends BaseTrack {
  ownerMuted = false;
  private track?: MediaStreamTrack;
  private audio?: HTMLAudioElement;

  getMediaStreamTrack(): MediaStreamTrack | undefined {
    return this.track;
  }
  setMediaStreamTrack(track: MediaStreamTrack | undefined): void {
    if (track === this.track) return;
    this.dispose();
    this.track = track;
  }
  isLocalTrack(): boolean {
    return false;
  }
  isOwnerMuted(): boolean {
    return this.ownerMuted;
  }
  /** Silences the track locally (what RongCloud's remote `mute()` does). */
  mute(): void {
    if (this.track) this.track.enabled = false;
  }
  unmute(): void {
    if (this.track) this.track.enabled = true;
  }

  protected override audioElement(): HTMLAudioElement | undefined {
    if (typeof Audio === 'undefined') return undefined;
    this.audio ??= new Audio();
    this.audio.autoplay = true;
    return this.audio;
  }

  /** Whether an audio element of ours is playing this track (tests, teardown checks). */
  hasAudioElement(): boolean {
    return !!this.audio;
  }

  /** Stops playing: detaches every element and drops our audio element. */
  dispose(): void {
    detach(this.elements, this.track);
    if (this.audio) {
      this.audio.pause();
      this.audio.srcObject = null;
      this.audio.remove();
      this.audio = undefined;
    }
  }
}
