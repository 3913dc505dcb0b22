import {
  RCCallEndReason,
  RCCallErrorCode,
  type JoinResult,
  type MediaRoom,
  type RCLocalTrack,
  type RCNetworkQuality,
  type RCTrack,
  type RoomEvents,
} from '../calllib/index.js';
import type { FakeTrack } from './fake-track.js';

const OK = RCCallErrorCode.SUCCESS;
/** RongCloud's RCRTCCode.SIGNAL_JOIN_RTC_ROOM_REFUSED. */
const JOIN_REFUSED = 53028;

interface Device {
  userId: string;
  deviceId: string;
  rooms: Set<MemoryRoom>;
}

/** All rooms of a memory network, keyed by room id (the callId). */
export class RoomRegistry {
  private readonly rooms = new Map<string, Set<MemoryRoom>>();

  constructor(readonly later: (fn: () => void) => void) {}

  join(device: Device, roomId: string, events: RoomEvents, joinType: number): JoinResult {
    const members = this.rooms.get(roomId) ?? new Set<MemoryRoom>();
    const sameUser = [...members].find((m) => m.device.userId === device.userId);
    if (sameUser && joinType === 0) {
      return { code: JOIN_REFUSED, reason: RCCallEndReason.OTHER_CLIENT_IN_CALL };
    }
    if (sameUser && joinType === 1) sameUser.kick(false);
    const room = new MemoryRoom(this, roomId, device, events);
    members.add(room);
    this.rooms.set(roomId, members);
    device.rooms.add(room);
    for (const other of this.others(room)) other.emit((e) => e.onUserJoin([device.userId]));
    return { code: OK, room };
  }

  others(room: MemoryRoom): MemoryRoom[] {
    return [...(this.rooms.get(room.roomId) ?? [])].filter(
      (m) => m !== room && m.device.userId !== room.device.userId,
    );
  }

  remove(room: MemoryRoom): void {
    const members = this.rooms.get(room.roomId);
    if (!members?.delete(room)) return;
    room.device.rooms.delete(room);
    if (members.size === 0) this.rooms.delete(room.roomId);
    const userStays = [...members].some((m) => m.device.userId === room.device.userId);
    for (const other of this.others(room)) {
      const gone = room.published.map((t) => other.viewOf(t));
      if (gone.length) other.emit((e) => e.onTrackUnpublish(gone));
      if (!userStays) other.emit((e) => e.onUserLeave([room.device.userId]));
    }
  }

  members(roomId: string): string[] {
    return [...new Set([...(this.rooms.get(roomId) ?? [])].map((m) => m.device.userId))];
  }
}

/** One device's membership of a room. */
export class MemoryRoom implements MediaRoom {
  published: FakeTrack[] = [];
  private readonly views = new Map<string, FakeTrack>();
  private readonly subscribed = new Set<string>();
  private left = false;

  constructor(
    private readonly registry: RoomRegistry,
    readonly roomId: string,
    readonly device: Device,
    private readonly events: RoomEvents,
  ) {}

  getRemoteUserIds(): string[] {
    return [...new Set(this.registry.others(this).map((m) => m.device.userId))];
  }

  getRemoteTracks(): RCTrack[] {
    return this.registry.others(this).flatMap((m) => m.published.map((t) => this.viewOf(t)));
  }

  getSessionId(): string {
    return `${this.roomId}:${this.device.deviceId}`;
  }

  async publish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    if (this.left) return { code: RCCallErrorCode.AUDIO_AND_VIDEO_PUBLISH_ERROR };
    const fresh = (tracks as FakeTrack[]).filter((t) => !this.published.includes(t));
    this.published.push(...fresh);
    for (const other of this.registry.others(this)) {
      const views = fresh.map((t) => other.viewOf(t));
      if (views.length) other.emit((e) => e.onTrackPublish(views));
    }
    return { code: OK };
  }

  async unpublish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    const gone = this.published.filter((t) => tracks.includes(t));
    this.published = this.published.filter((t) => !gone.includes(t));
    for (const other of this.registry.others(this)) {
      const views = gone.map((t) => other.viewOf(t));
      for (const v of views) other.subscribed.delete(v.getTrackId());
      if (views.length) other.emit((e) => e.onTrackUnpublish(views));
    }
    return { code: OK };
  }

  async subscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    if (this.left) return { code: 50000 };
    const available = new Set(this.getRemoteTracks().map((t) => t.getTrackId()));
    for (const t of tracks) {
      const id = t.getTrackId();
      if (!available.has(id) || this.subscribed.has(id)) continue;
      this.subscribed.add(id);
      const view = this.views.get(id);
      if (view) this.emit((e) => e.onTrackReady(view));
    }
    return { code: OK };
  }

  async unsubscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    for (const t of tracks) this.subscribed.delete(t.getTrackId());
    return { code: OK };
  }

  async setTrackMuted(track: RCLocalTrack, muted: boolean): Promise<{ code: number }> {
    const local = track as FakeTrack;
    local.setOwnerMuted(muted);
    if (!this.published.includes(local)) return { code: OK };
    for (const other of this.registry.others(this)) {
      const view = other.viewOf(local);
      other.emit((e) =>
        local.isAudioTrack() ? e.onAudioMuteChange(view) : e.onVideoMuteChange(view),
      );
    }
    return { code: OK };
  }

  async leave(): Promise<void> {
    this.left = true;
    this.registry.remove(this);
  }

  /** @internal Removed from the room by the server or by another client of the same user. */
  kick(byServer: boolean): void {
    this.left = true;
    this.registry.remove(this);
    this.registry.later(() => this.events.onKickOff(byServer));
  }

  /** @internal This device lost the network: peers see it leave, it sees a network error. */
  dropFromNetwork(): void {
    this.left = true;
    this.registry.remove(this);
    this.registry.later(() => this.events.onNetworkError());
  }

  /**
   * @internal This device's link is down (`reconnecting`) or back (`connected`): it sees its own
   * state, the room's other members see its state as that member's.
   */
  linkChanged(state: 'connected' | 'reconnecting'): void {
    const { userId } = this.device;
    this.emit((e) => e.onConnectionChange?.(userId, state));
    for (const other of this.registry.others(this))
      other.emit((e) => e.onConnectionChange?.(userId, state));
  }

  /** @internal This device's link measures `quality`: for itself (uplink) and for the others. */
  qualityChanged(quality: RCNetworkQuality): void {
    const { userId } = this.device;
    this.emit((e) => e.onNetworkQuality?.({ userId, quality }));
    for (const other of this.registry.others(this))
      other.emit((e) => e.onNetworkQuality?.({ userId, quality }));
  }

  /** @internal The view this room's device has of another device's local track. */
  viewOf(track: FakeTrack): FakeTrack {
    let view = this.views.get(track.getTrackId());
    if (!view) {
      view = track.remoteView();
      this.views.set(track.getTrackId(), view);
    }
    return view;
  }

  /** @internal */
  emit(fn: (events: RoomEvents) => void): void {
    this.registry.later(() => {
      if (!this.left) fn(this.events);
    });
  }
}
