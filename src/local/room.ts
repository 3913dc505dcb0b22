import type { MediaRoom, RoomEvents } from '../calllib/ports.js';
import type { RCLocalTrack, RCTrack } from '../calllib/types.js';
import { LinkMonitor } from './link-stats.js';
import { Peer } from './peer.js';
import type { LocalSignaling } from './signaling.js';
import { RemoteTracks } from './remote-tracks.js';
import { waitsForOffer, type Member, type RoomData, type TrackState } from './room-member.js';
import { LocalTrack, RemoteTrack, type TrackSlot } from './tracks.js';
import type { TransportMessage } from './transport.js';

const SUCCESS = 10000;
/** A departure reported by the transport waits this long for the endpoint to come back (reconnect). */
const LEAVE_GRACE_MS = 1500;

export interface RoomContext {
  signaling: LocalSignaling;
  rtcConfiguration: RTCConfiguration;
  /** A peer connection got no relay address from its TURN servers (see `Peer`). */
  onTurnFailure?(detail: string): void;
  /** Told about every peer connection and remote track, for teardown checks. */
  track(peer: RTCPeerConnection | RemoteTrack): void;
  closed(room: LocalRoom): void;
}

/**
 * A media room named by the callId, as a mesh: one {@link Peer} per remote member device. Members
 * find each other through the call's participants: a newcomer announces `join` to all of them,
 * members already in the room answer with their `state`; later changes (publish, mute) are sent as
 * `state` to everyone in the room.
 */
export class LocalRoom implements MediaRoom {
  private readonly members = new Map<string, Member>();
  private readonly published = new Map<TrackSlot, LocalTrack>();
  private readonly remote: RemoteTracks;
  private readonly unlisten: Array<() => void> = [];
  private left = false;
  /** Until `join()`, room messages wait here: no peer connection is made before we announce. */
  private backlog: TransportMessage[] | null = [];
  /** Set while the devices just opened: the next `publish()` joins, announcing its tracks. */
  joinOnPublish = false;
  /** Who placed the call, as this room first knew it: the same in every `join` and `state`. */
  private readonly caller?: string;
  /** Network quality, once a second; the video sent follows our uplink. */
  private readonly links: LinkMonitor;

  constructor(
    readonly roomId: string,
    private readonly events: RoomEvents,
    private readonly context: RoomContext,
  ) {
    this.caller = context.signaling.callerOf(roomId);
    this.links = new LinkMonitor({
      members: () => [...this.members.values()],
      selfId: () => this.me,
      report: (quality) => !this.left && this.events.onNetworkQuality?.(quality),
      limitChanged: () => this.rescale(),
    });
    this.remote = new RemoteTracks(events, (track) => context.track(track));
    this.unlisten.push(
      context.signaling.onRoomMessage((m) => this.receive(m)),
      context.signaling.onEndpointLeave((userId, deviceId, lost) =>
        this.endpointLeft(userId, deviceId, lost),
      ),
      // Our relay connection is part of the call: while it is down, nobody hears our changes.
      context.signaling.onStatus((status) => {
        if (!this.backlog) {
          this.events.onConnectionChange?.(
            this.me,
            status === 'connected' ? 'connected' : 'reconnecting',
          );
        }
      }),
    );
  }

  /**
   * Announces this endpoint to every participant, then handles the messages that came before. A
   * `join` that waited is not answered: our own `join`, just sent to its sender, carries our tracks.
   */
  join(): void {
    if (this.left || !this.backlog) return;
    this.joinOnPublish = false;
    const told = this.announceJoin();
    const waiting = this.backlog;
    this.backlog = null;
    waiting.forEach((m) => this.receive(m, told));
  }

  /** After a transport reconnect: members may have been told we left. */
  rejoin(): void {
    if (!this.backlog) this.announceJoin();
  }

  /** Sends `join` to every other participant; returns who they are. */
  private announceJoin(): string[] {
    const others = this.context.signaling.participantsOf(this.roomId).filter((u) => u !== this.me);
    if (others.length) this.post(others, { type: 'join', tracks: this.trackStates() });
    return others;
  }

  getRemoteUserIds(): string[] {
    return [...new Set([...this.members.values()].map((m) => m.userId))];
  }

  getRemoteTracks(): RCTrack[] {
    return [...this.members.values()].flatMap((m) => [...m.tracks.values()]);
  }

  getSessionId(): string {
    return `${this.roomId}_${this.context.signaling.transport.deviceId}`;
  }

  async publish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    for (const track of tracks) {
      if (!(track instanceof LocalTrack)) continue;
      this.published.set(track.slot, track);
      this.forEachPeer((peer) => peer.setTrack(track.slot, track.track));
    }
    this.rescale();
    if (this.joinOnPublish) this.join();
    else this.announce();
    return { code: SUCCESS };
  }

  async unpublish(tracks: RCLocalTrack[]): Promise<{ code: number }> {
    for (const track of tracks) {
      if (!(track instanceof LocalTrack) || this.published.get(track.slot) !== track) continue;
      this.published.delete(track.slot);
      this.forEachPeer((peer) => peer.setTrack(track.slot, null));
    }
    this.announce();
    return { code: SUCCESS };
  }

  /** `replaceTrack` on every peer's sender of that slot: the members see no gap and no change. */
  async replaceTrack(old: RCLocalTrack, next: RCLocalTrack): Promise<{ code: number }> {
    if (!(next instanceof LocalTrack) || this.published.get(next.slot) !== old)
      return this.publish([next]);
    this.published.set(next.slot, next);
    const peers = [...this.members.values()].map((m) => m.peer);
    await Promise.all(
      peers.map((peer) => peer.setTrack(next.slot, next.track).catch(() => undefined)),
    );
    this.rescale();
    // The mute flag may differ; the members keep the same track otherwise.
    if (old.isOwnerMuted() !== next.isOwnerMuted()) this.announce();
    return { code: SUCCESS };
  }

  async subscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    for (const track of tracks) {
      if (track instanceof RemoteTrack) this.remote.subscribe(track, this.memberOf(track));
    }
    return { code: SUCCESS };
  }

  async unsubscribe(tracks: RCTrack[]): Promise<{ code: number }> {
    for (const track of tracks) {
      if (track instanceof RemoteTrack) this.remote.unsubscribe(track);
    }
    return { code: SUCCESS };
  }

  async setTrackMuted(track: RCLocalTrack, muted: boolean): Promise<{ code: number }> {
    if (muted) track.mute();
    else track.unmute();
    this.announce();
    return { code: SUCCESS };
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.backlog = null;
    this.links.stop();
    const users = this.getRemoteUserIds();
    if (users.length) this.post(users, { type: 'leave' });
    this.unlisten.forEach((off) => off());
    for (const member of this.members.values()) this.remote.drop(member);
    this.members.clear();
    this.published.forEach((track) => track.destroy());
    this.published.clear();
    this.remote.clear();
    this.context.closed(this);
  }

  /** Peer connections of this room, keyed `userId/deviceId` (tests, stats). */
  peerConnections(): Map<string, RTCPeerConnection> {
    return new Map([...this.members].map(([key, m]) => [key, m.peer.pc]));
  }

  private get me(): string {
    return this.context.signaling.getUserId();
  }

  /** `told`: users who have our `join` already (no need to answer theirs). */
  private receive(message: TransportMessage, told: readonly string[] = []): void {
    const data = message.data as Partial<RoomData>;
    if (this.left || data.room !== this.roomId || message.from === this.me) return;
    if (data.toDevice && data.toDevice !== this.context.signaling.transport.deviceId) return;
    if (this.backlog) {
      this.backlog.push(message);
      return;
    }
    const key = `${message.from}/${message.fromDevice}`;
    const known = this.members.get(key);
    if (known?.leaving) {
      clearTimeout(known.leaving);
      known.leaving = undefined;
    }
    switch (data.type) {
      case 'join':
      case 'state':
        // Answer a join (unless it has ours); and a member we did not know yet that answered ours
        // may have missed what we published since.
        if (data.type === 'join' ? !told.includes(message.from) : !known) {
          const tracks = this.trackStates();
          this.post([message.from], { type: 'state', toDevice: message.fromDevice, tracks });
        }
        this.remote.update(this.member(message), data.tracks);
        break;
      case 'leave':
        if (known) this.remove(known);
        break;
      case 'rtc':
        if (known && data.rtc && typeof data.rtc === 'object') known.peer.receive(data.rtc);
        break;
    }
  }

  /** The member for a message's sender, created (with its peer connection) on first contact. */
  private member(message: TransportMessage): Member {
    const { from: userId, fromDevice: deviceId } = message;
    const key = `${userId}/${deviceId}`;
    const existing = this.members.get(key);
    if (existing) return existing;
    const { signaling, rtcConfiguration } = this.context;
    signaling.addParticipant(this.roomId, userId);
    const myKey = `${this.me}/${signaling.transport.deviceId}`;
    const us = { userId: this.me, key: myKey, caller: this.caller };
    const them = { userId, key, caller: (message.data as Partial<RoomData>).caller };
    const member: Member = {
      userId,
      deviceId,
      tracks: new Map(),
      received: new Map(),
      peer: new Peer(
        waitsForOffer(us, them),
        rtcConfiguration,
        {
          track: (slot) => this.published.get(slot)?.track ?? null,
          // A peer counts itself, also while it is being made.
          videoScale: () => this.videoScale(this.members.size + (this.members.has(key) ? 0 : 1)),
          videoBitrate: () => this.links.limit.bitrate,
        },
        {
          send: (rtc) => this.post([userId], { type: 'rtc', toDevice: deviceId, rtc }),
          onRemoteTrack: (kind, track) => this.remote.received(member, kind, track),
          onFailed: () => this.peerFailed(member),
          onLink: (up) =>
            this.events.onConnectionChange?.(userId, up ? 'connected' : 'reconnecting'),
          onIceState: (state) => this.events.onICEConnectionStateChange?.(state),
          onTurnFailure: (detail) => this.context.onTurnFailure?.(detail),
        },
      ),
    };
    const isNewUser = !this.getRemoteUserIds().includes(userId);
    this.members.set(key, member);
    this.rescale();
    this.context.track(member.peer.pc);
    if (isNewUser) this.events.onUserJoin([userId]);
    return member;
  }

  /**
   * The relay says a member's endpoint went away. Closed: it is gone, once its Hangup had time to
   * arrive. Lost: its media may still flow, or its connection says when it fails; it rejoins when
   * its relay connection is back.
   */
  private endpointLeft(userId: string, deviceId: string, lost: boolean): void {
    const member = this.members.get(`${userId}/${deviceId}`);
    if (!member || member.leaving || lost) return;
    member.leaving = setTimeout(() => this.remove(member), LEAVE_GRACE_MS);
  }

  private peerFailed(member: Member): void {
    if (this.context.signaling.status === 'connected') this.remove(member);
    else if (!this.left) this.events.onNetworkError();
  }

  private remove(member: Member): void {
    const key = `${member.userId}/${member.deviceId}`;
    if (this.members.get(key) !== member) return;
    this.members.delete(key);
    const tracks = [...member.tracks.values()];
    this.remote.drop(member);
    this.rescale();
    // A user who left is not a user who unpublished: the engine would report their camera off.
    if (this.getRemoteUserIds().includes(member.userId)) {
      if (tracks.length) this.events.onTrackUnpublish(tracks);
    } else this.events.onUserLeave([member.userId]);
  }

  private memberOf(track: RemoteTrack): Member | undefined {
    return [...this.members.values()].find((m) => m.tracks.get(track.slot) === track);
  }

  private videoScale(remoteDevices = this.members.size): number {
    const mesh = this.published.get('video')?.meshScale(remoteDevices) ?? 1;
    return mesh * this.links.limit.scale;
  }

  private rescale(): void {
    this.forEachPeer((peer) => peer.rescale());
  }

  private forEachPeer(action: (peer: Peer) => Promise<void>): void {
    for (const member of this.members.values()) action(member.peer).catch(() => undefined);
  }

  private trackStates(): TrackState[] {
    return [...this.published.values()].map((t) => ({ kind: t.slot, muted: t.isOwnerMuted() }));
  }

  private announce(): void {
    const users = this.getRemoteUserIds();
    if (users.length && !this.left) this.post(users, { type: 'state', tracks: this.trackStates() });
  }

  private post(to: string[], data: Omit<RoomData, 'room'>): void {
    const announces = data.type === 'join' || data.type === 'state';
    const message = { ...data, room: this.roomId, ...(announces && { caller: this.caller }) };
    void this.context.signaling.sendRoomMessage(to, message);
  }
}
