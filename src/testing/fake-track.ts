import type { RCLocalTrack, RCTrack } from '../calllib/index.js';

let trackSeq = 0;

/**
 * A track without media, implementing RongCloud's RCTrack API. The memory network hands out a local
 * one per opened device and a remote view of it to every subscriber.
 */
export class FakeTrack implements RCLocalTrack {
  private ownerMuted = false;
  private destroyed = false;
  readonly remoteViews = new Set<FakeTrack>();

  constructor(
    private readonly userId: string,
    readonly kind: 'audio' | 'video',
    private readonly local: boolean,
    private readonly trackId = `${userId}_RongCloudRTC_${kind}_${++trackSeq}`,
    private readonly tag = 'RongCloudRTC',
  ) {}

  getTrackId(): string {
    return this.trackId;
  }
  getUserId(): string {
    return this.userId;
  }
  getTag(): string {
    return this.tag;
  }
  getStreamId(): string {
    return `${this.userId}_${this.tag}`;
  }
  isLocalTrack(): boolean {
    return this.local;
  }
  isAudioTrack(): boolean {
    return this.kind === 'audio';
  }
  isVideoTrack(): boolean {
    return this.kind === 'video';
  }
  isOwnerMuted(): boolean {
    return this.ownerMuted;
  }
  /** Whether `destroy()` stopped it (local tracks). */
  isDestroyed(): boolean {
    return this.destroyed;
  }
  mute(): void {
    this.setOwnerMuted(true);
  }
  unmute(): void {
    this.setOwnerMuted(false);
  }
  /** @internal */
  setOwnerMuted(muted: boolean): void {
    this.ownerMuted = muted;
    for (const view of this.remoteViews) view.ownerMuted = muted;
  }
  async play(): Promise<{ code: number }> {
    return { code: this.destroyed ? 50000 : 10000 };
  }
  getMediaStreamTrack(): MediaStreamTrack | undefined {
    return undefined;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** @internal A remote view of this local track, as a subscriber sees it. */
  remoteView(): FakeTrack {
    const view = new FakeTrack(this.userId, this.kind, false, this.trackId, this.tag);
    view.ownerMuted = this.ownerMuted;
    this.remoteViews.add(view);
    return view;
  }
}

export type { RCTrack };
