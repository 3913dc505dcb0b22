import {
  ConversationType,
  RCCallClient,
  RCCallErrorCode,
  SCREEN_TAG,
  type IInstallOptions,
  type IncomingSignal,
  type JoinResult,
  type LocalTrackRequest,
  type LocalTracksResult,
  type MediaPort,
  type OutgoingSignal,
  type RCNetworkQuality,
  type RoomEvents,
  type SendResult,
  type SignalingPort,
} from '../calllib/index.js';
import { FakeTrack } from './fake-track.js';
import { MemoryRoom, RoomRegistry } from './memory-room.js';

const OK = RCCallErrorCode.SUCCESS;
/** IM codes the fake server answers with, as RongCloud's does. */
export const IM_NOT_IN_GROUP = 22406;
export const IM_NOT_CONNECTED = 30001;

export interface MemoryNetworkOptions {
  /** Delay of every signal and room event in ms (default 0: next task). */
  latency?: number;
}

/** A signal as the fake server accepted it. */
export interface SentSignal {
  from: string;
  deviceId: string;
  sentTime: number;
  messageUId: string;
  signal: OutgoingSignal;
}

/** One client of the network: a user on one device. Implements both engine ports. */
class MemoryDevice implements SignalingPort, MediaPort {
  receiver: (signal: unknown) => void = () => undefined;
  readonly rooms = new Set<MemoryRoom>();
  readonly tracks: FakeTrack[] = [];
  client!: RCCallClient;

  constructor(
    private readonly net: MemoryNetworkImpl,
    readonly userId: string,
    readonly deviceId: string,
  ) {}

  getUserId(): string {
    return this.userId;
  }
  getDeviceId(): string {
    return this.deviceId;
  }
  getServerTime(): number {
    return Date.now();
  }
  setReceiver(receiver: (signal: unknown) => void): void {
    this.receiver = receiver;
  }
  send(signal: OutgoingSignal): Promise<SendResult> {
    return this.net.send(this, signal);
  }

  async createLocalTracks(request: LocalTrackRequest): Promise<LocalTracksResult> {
    await this.net.tick();
    const failing = this.net.mediaFailure(this.userId, request);
    if (failing) return { code: failing, tracks: [] };
    const tracks: FakeTrack[] = [];
    if (request.audio) tracks.push(new FakeTrack(this.userId, 'audio', true));
    if (request.video) tracks.push(new FakeTrack(this.userId, 'video', true));
    this.tracks.push(...tracks);
    return { code: OK, tracks };
  }

  /** A screen without media, tagged `SCREEN_TAG`; fails as a camera would (`failMedia`). */
  async createScreenTrack(): Promise<LocalTracksResult> {
    await this.net.tick();
    const failing = this.net.mediaFailure(this.userId, { audio: false, video: true });
    if (failing) return { code: failing, tracks: [] };
    const id = `${this.userId}_${SCREEN_TAG}_video`;
    const track = new FakeTrack(this.userId, 'video', true, id, SCREEN_TAG);
    this.tracks.push(track);
    return { code: OK, tracks: [track] };
  }

  async joinRoom(
    roomId: string,
    events: RoomEvents,
    options?: { joinType?: number },
  ): Promise<JoinResult> {
    await this.net.tick();
    if (!this.net.isConnected(this.userId)) return { code: IM_NOT_CONNECTED };
    return this.net.roomRegistry.join(this, roomId, events, options?.joinType ?? 2);
  }
}

class MemoryNetworkImpl {
  readonly sent: SentSignal[] = [];
  readonly roomRegistry: RoomRegistry;
  private readonly devices: MemoryDevice[] = [];
  private readonly groups = new Map<string, Set<string>>();
  private readonly offline = new Set<string>();
  private readonly stored = new Map<string, IncomingSignal[]>();
  private readonly failures = new Map<string, { audio?: boolean; video?: boolean }>();
  private seq = 0;

  constructor(public latency: number) {
    this.roomRegistry = new RoomRegistry((fn) => this.later(fn));
  }

  createClient(userId: string, options: IInstallOptions): RCCallClient {
    if (typeof userId !== 'string' || !userId)
      throw new TypeError('createClient(userId): userId required');
    const n = this.devices.filter((d) => d.userId === userId).length + 1;
    const device = new MemoryDevice(this, userId, `${userId}-device-${n}`);
    this.devices.push(device);
    device.client = new RCCallClient(device, device, options);
    return device.client;
  }

  setGroup(groupId: string, userIds: string[]): void {
    this.groups.set(groupId, new Set(userIds));
  }

  isConnected(userId: string): boolean {
    return !this.offline.has(userId);
  }

  disconnect(userId: string): void {
    if (this.offline.has(userId)) return;
    this.offline.add(userId);
    for (const d of this.devicesOf(userId)) {
      for (const room of [...d.rooms]) room.dropFromNetwork();
    }
  }

  /** The user's link drops but is being restored: the rooms stay, messages wait. */
  interrupt(userId: string): void {
    if (this.offline.has(userId)) return;
    this.offline.add(userId);
    for (const d of this.devicesOf(userId))
      d.rooms.forEach((room) => room.linkChanged('reconnecting'));
  }

  setQuality(userId: string, quality: RCNetworkQuality): void {
    for (const d of this.devicesOf(userId)) d.rooms.forEach((room) => room.qualityChanged(quality));
  }

  /** The interrupted link is back: its rooms say so, waiting messages arrive (as live ones). */
  restore(userId: string): void {
    if (!this.offline.has(userId)) return;
    this.offline.delete(userId);
    const stored = this.stored.get(userId) ?? [];
    this.stored.delete(userId);
    for (const d of this.devicesOf(userId)) {
      d.rooms.forEach((room) => room.linkChanged('connected'));
      for (const s of stored) this.later(() => d.receiver({ ...s }));
    }
  }

  reconnect(userId: string): void {
    if (!this.offline.delete(userId)) return;
    const stored = this.stored.get(userId) ?? [];
    this.stored.delete(userId);
    for (const d of this.devicesOf(userId)) {
      for (const s of stored) this.later(() => d.receiver({ ...s, offline: true }));
    }
  }

  deliver(userId: string, value: unknown): void {
    for (const d of this.devicesOf(userId)) this.later(() => d.receiver(value));
  }

  kick(userId: string, byServer: boolean): void {
    for (const d of this.devicesOf(userId)) for (const room of [...d.rooms]) room.kick(byServer);
  }

  failMedia(userId: string, kinds: { audio?: boolean; video?: boolean } | null): void {
    if (kinds) this.failures.set(userId, kinds);
    else this.failures.delete(userId);
  }

  mediaFailure(userId: string, request: LocalTrackRequest): number {
    const f = this.failures.get(userId);
    if (!f) return 0;
    const audio = request.audio && f.audio;
    const video = request.video && f.video;
    if (audio && video) return RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR;
    if (audio) return RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR;
    if (video) return RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR;
    return 0;
  }

  liveTracks(userId?: string): FakeTrack[] {
    return this.devices
      .filter((d) => userId === undefined || d.userId === userId)
      .flatMap((d) => d.tracks.filter((t) => !t.isDestroyed()));
  }

  tick(): Promise<void> {
    return new Promise((resolve) => this.later(resolve));
  }

  later(fn: () => void): void {
    setTimeout(fn, this.latency);
  }

  async send(from: MemoryDevice, signal: OutgoingSignal): Promise<SendResult> {
    await this.tick();
    if (!this.isConnected(from.userId)) return { code: IM_NOT_CONNECTED };
    if (signal.conversationType === ConversationType.GROUP) {
      if (!this.groups.get(signal.targetId)?.has(from.userId)) return { code: IM_NOT_IN_GROUP };
    }
    const sentTime = Date.now();
    const messageUId = `MSG-${++this.seq}`;
    this.sent.push({ from: from.userId, deviceId: from.deviceId, sentTime, messageUId, signal });
    const content = JSON.parse(JSON.stringify(signal.content)) as unknown;
    const base = {
      messageType: signal.messageType,
      conversationType: signal.conversationType,
      channelId: signal.channelId,
      senderUserId: from.userId,
      sentTime,
      messageUId,
      content,
    };
    const peerTarget =
      signal.conversationType === ConversationType.PRIVATE ? from.userId : signal.targetId;
    for (const userId of new Set(signal.recipients)) {
      if (userId === from.userId) continue;
      this.toUser(userId, { ...base, targetId: peerTarget });
    }
    // Multi-device sync: the sender's other devices get a copy, as RongCloud's server does.
    for (const d of this.devicesOf(from.userId)) {
      if (d !== from) this.later(() => d.receiver({ ...base, targetId: signal.targetId }));
    }
    return { code: OK, sentTime, messageUId };
  }

  private toUser(userId: string, signal: IncomingSignal): void {
    if (!this.isConnected(userId)) {
      const list = this.stored.get(userId) ?? [];
      list.push(signal);
      this.stored.set(userId, list);
      return;
    }
    for (const d of this.devicesOf(userId)) this.later(() => d.receiver({ ...signal }));
  }

  private devicesOf(userId: string): MemoryDevice[] {
    return this.devices.filter((d) => d.userId === userId);
  }
}

/** The in-memory network: call clients, a fake IM server and fake RTC rooms with fake tracks. */
export interface MemoryNetwork {
  /** A connected client; the same user twice is two devices. */
  createClient(userId: string, options: IInstallOptions): RCCallClient;
  /** Defines group membership (group sends from non-members fail with NOT_IN_GROUP). */
  setGroup(groupId: string, userIds: string[]): void;
  /** Drops the user off the network: their rooms fail, room peers see them leave, messages wait. */
  disconnect(userId: string): void;
  /** Back online: waiting messages arrive as offline messages. */
  reconnect(userId: string): void;
  /**
   * The user's connection drops and is being restored (ours): their rooms stay, they and the
   * room's other members get `reconnecting` for it (`onConnectionStateChange`), messages wait.
   */
  interrupt(userId: string): void;
  /** The interrupted connection is back: `connected` for it, waiting messages arrive. */
  restore(userId: string): void;
  /**
   * The user's link measures `quality` (ours): they get it as their uplink, the room's other
   * members as that member's (`onNetworkQuality`).
   */
  setQuality(userId: string, quality: RCNetworkQuality): void;
  /** Hands every device of the user a raw signal of any shape, as if the network carried it. */
  deliver(userId: string, value: unknown): void;
  /** Makes the user's next device opens fail (53301/53302/53303); `null` heals. */
  failMedia(userId: string, kinds: { audio?: boolean; video?: boolean } | null): void;
  /** Removes the user from their rooms: by the server, or by another client. */
  kick(userId: string, byServer?: boolean): void;
  /** Every signal the fake server accepted, in order. */
  readonly sent: readonly SentSignal[];
  /** Local tracks opened and not yet stopped (of one user, or all). */
  liveTracks(userId?: string): FakeTrack[];
  /** User ids currently in a room. */
  roomMembers(roomId: string): string[];
  /** Delay of every signal and room event in ms. */
  latency: number;
}

/** Creates an in-memory network of call clients for tests (Node or browser). */
export function createMemoryNetwork(options: MemoryNetworkOptions = {}): MemoryNetwork {
  const net = new MemoryNetworkImpl(Math.max(0, options.latency ?? 0));
  return {
    createClient: (userId, opts) => net.createClient(userId, opts),
    setGroup: (groupId, userIds) => net.setGroup(groupId, userIds),
    disconnect: (userId) => net.disconnect(userId),
    reconnect: (userId) => net.reconnect(userId),
    interrupt: (userId) => net.interrupt(userId),
    restore: (userId) => net.restore(userId),
    setQuality: (userId, quality) => net.setQuality(userId, quality),
    deliver: (userId, value) => net.deliver(userId, value),
    failMedia: (userId, kinds) => net.failMedia(userId, kinds),
    kick: (userId, byServer = true) => net.kick(userId, byServer),
    get sent() {
      return net.sent;
    },
    liveTracks: (userId) => net.liveTracks(userId),
    roomMembers: (roomId) => net.roomRegistry.members(roomId),
    get latency() {
      return net.latency;
    },
    set latency(ms: number) {
      net.latency = Math.max(0, ms);
    },
  };
}
