/**
 * Fakes of RongCloud's IM plugin context and of plugin-rtc's client, room and tracks, for the
 * RongCloud backend's contract tests. Each implements the backend's structural view of the SDK
 * (`PluginContextLike`, `RTCClientLike`, … in src/rongcloud/sdk.ts), and those views are proven
 * against the SDK's own `.d.ts` at compile time: an SDK change breaks the build of these fakes too.
 *
 * A tiny IM "server" routes messages between contexts the way RongCloud's does (1:1 to the peer,
 * group to `directionalUserIdList`, and a copy to the sender's other devices); a tiny RTC "server"
 * keeps rooms of published tracks. Media is real: local tracks hold real (fake-device) tracks.
 */
import type {
  ConversationType as IMConversationType,
  IAsyncRes,
  IReceivedMessage,
  ISendMsgOptions,
  RCConnectionStatus,
} from '@rongcloud/engine';
import type {
  IRCRTCReportListener,
  IPublishAttrs,
  ISubscribeAttr,
  RCRTCCode,
  RCKickReason,
} from '@rongcloud/plugin-rtc';
import type {
  LocalTrackLike,
  PluginContextLike,
  RemoteTrackLike,
  RoomListenerLike,
  RTCClientLike,
  RTCRoomLike,
} from '../../src/rongcloud/index.js';

const OK: RCRTCCode = 10000;
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One message as a context handed it to the server. */
export interface SentMessage {
  from: string;
  deviceId: string;
  conversationType: number;
  targetId: string;
  options: ISendMsgOptions;
}

export class FakeIMServer {
  readonly contexts: FakePluginContext[] = [];
  readonly groups = new Map<string, string[]>();
  readonly sent: SentMessage[] = [];
  /** The next sends fail with these IM codes. */
  readonly failures: number[] = [];
  #uid = 0;

  connect(userId: string, deviceId = `${userId}-web`): FakePluginContext {
    const context = new FakePluginContext(this, userId, deviceId);
    this.contexts.push(context);
    return context;
  }

  /** Messages of one type, in order. */
  ofType(messageType: string): SentMessage[] {
    return this.sent.filter((m) => m.options.messageType === messageType);
  }

  async send(
    from: FakePluginContext,
    conversationType: IMConversationType,
    targetId: string,
    options: ISendMsgOptions,
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const record = JSON.parse(JSON.stringify(options)) as ISendMsgOptions;
    this.sent.push({
      from: from.userId,
      deviceId: from.deviceId,
      conversationType,
      targetId,
      options: record,
    });
    await macrotask();
    const failure = this.failures.shift();
    if (failure !== undefined) return { code: failure };
    const base = message(from.userId, conversationType, targetId, record, `uid-${++this.#uid}`);
    const recipients =
      conversationType === 1
        ? [targetId]
        : (record.directionalUserIdList ?? this.groups.get(targetId) ?? []);
    for (const context of this.contexts) {
      if (context === from || !context.online) continue;
      if (context.userId === from.userId) {
        context.deliver({ ...base, messageDirection: 1 }); // our other device: same conversation
      } else if (recipients.includes(context.userId)) {
        context.deliver({ ...base, targetId: conversationType === 1 ? from.userId : targetId });
      }
    }
    return { code: 0, data: { ...base, messageDirection: 1 } };
  }
}

function message(
  senderUserId: string,
  conversationType: IMConversationType,
  targetId: string,
  options: ISendMsgOptions,
  messageUId: string,
): IReceivedMessage {
  return {
    conversationType,
    targetId,
    senderUserId,
    content: options.content,
    messageType: options.messageType,
    messageUId,
    messageDirection: 2,
    isOffLineMessage: false,
    sentTime: Date.now(),
    receivedTime: Date.now(),
    isPersited: false,
    isCounted: false,
    isMentioned: false,
    disableNotification: false,
    isStatusMessage: false,
    canIncludeExpansion: false,
    expansion: null,
    receivedStatus: 0,
    channelId: options.channelId ?? '',
  };
}

export class FakePluginContext implements PluginContextLike {
  onmessage?: (message: IReceivedMessage) => boolean;
  onconnectionstatechange?: (status: RCConnectionStatus) => void;
  ondisconnect?: () => void;
  ondestroy?: () => void;
  online = true;
  /** Messages the plugin did not consume (what the app would see). */
  readonly appMessages: IReceivedMessage[] = [];
  /** Every message delivered to this context. */
  readonly delivered: IReceivedMessage[] = [];

  constructor(
    private readonly server: FakeIMServer,
    readonly userId: string,
    readonly deviceId: string,
  ) {}

  getCurrentId(): string {
    return this.userId;
  }
  getServerTime(): number {
    return Date.now();
  }
  getDeviceId(): string {
    return this.deviceId;
  }
  getConnectionStatus(): RCConnectionStatus {
    return this.online ? 0 : 2;
  }
  sendMessage(
    conversationType: IMConversationType,
    targetId: string,
    options: ISendMsgOptions,
  ): Promise<IAsyncRes<IReceivedMessage>> {
    return this.server.send(this, conversationType, targetId, options);
  }

  /** As IMLib does: the plugin sees the message first, the app only if the plugin declines it. */
  deliver(msg: IReceivedMessage): void {
    this.delivered.push(msg);
    if (!this.onmessage?.(msg)) this.appMessages.push(msg);
  }
}

// ---- RTC ----------------------------------------------------------------------------------------

let trackSeq = 0;

abstract class FakeTrackBase {
  protected ownerMuted = false;
  constructor(
    readonly userId: string,
    readonly kind: 'audio' | 'video',
    readonly trackId: string,
    protected msTrack?: MediaStreamTrack,
    /** The tag the track was created with (`RongCloudRTC`: camera and microphone). */
    readonly tag = 'RongCloudRTC',
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
  isAudioTrack(): boolean {
    return this.kind === 'audio';
  }
  isVideoTrack(): boolean {
    return this.kind === 'video';
  }
  isOwnerMuted(): boolean {
    return this.ownerMuted;
  }
  __innerGetMediaStreamTrack(): MediaStreamTrack | undefined {
    return this.msTrack;
  }
  async play(element?: HTMLVideoElement): Promise<{ code: RCRTCCode }> {
    if (!this.msTrack) return { code: 53020 };
    if (this.kind === 'video' && !element) return { code: 53021 };
    if (element) element.srcObject = new MediaStream([this.msTrack]);
    return { code: OK };
  }
}

export class FakeLocalTrack extends FakeTrackBase implements LocalTrackLike {
  destroyed = false;
  room?: FakeRoom;
  constructor(userId: string, msTrack: MediaStreamTrack, tag = 'RongCloudRTC') {
    const kind = msTrack.kind === 'audio' ? 'audio' : 'video';
    super(userId, kind, `${userId}_${tag}_${kind === 'audio' ? 0 : 1}_${++trackSeq}`, msTrack, tag);
  }
  isLocalTrack(): boolean {
    return true;
  }
  mute(): void {
    this.setMuted(true);
  }
  unmute(): void {
    this.setMuted(false);
  }
  destroy(): void {
    this.destroyed = true;
    this.msTrack?.stop();
  }
  private setMuted(muted: boolean): void {
    this.ownerMuted = muted;
    if (this.msTrack) this.msTrack.enabled = !muted;
    this.room?.localMuted(this);
  }
}

export class FakeRemoteTrack extends FakeTrackBase implements RemoteTrackLike {
  constructor(readonly source: FakeLocalTrack) {
    super(source.userId, source.kind, source.trackId, undefined, source.tag);
    this.ownerMuted = source.isOwnerMuted();
  }
  isLocalTrack(): boolean {
    return false;
  }
  mute(): void {}
  unmute(): void {}
  setOwnerMuted(muted: boolean): void {
    this.ownerMuted = muted;
  }
  attach(): void {
    this.msTrack = this.source.__innerGetMediaStreamTrack();
  }
}

export class FakeRTCServer {
  readonly rooms = new Map<string, FakeRoom[]>();
  /** The next joins fail with these RCRTCCode values. */
  readonly joinFailures: RCRTCCode[] = [];

  members(roomId: string): FakeRoom[] {
    return this.rooms.get(roomId) ?? [];
  }

  /** The server removes a user from a room (kick by server API, or another device). */
  kick(roomId: string, userId: string, reason: RCKickReason = 1): void {
    for (const room of this.members(roomId).filter((r) => r.userId === userId)) {
      room.removed();
      room.listener?.onKickOff?.(true, reason);
    }
  }
}

export class FakeRoom implements RTCRoomLike {
  listener: RoomListenerLike | null = null;
  reportListener: IRCRTCReportListener | null = null;
  readonly published = new Set<FakeLocalTrack>();
  /** This member's views of the others' tracks, by track id. */
  readonly remote = new Map<string, FakeRemoteTrack>();
  readonly subscribed = new Set<string>();
  publishFailures: RCRTCCode[] = [];
  left = false;

  constructor(
    private readonly server: FakeRTCServer,
    readonly roomId: string,
    readonly userId: string,
  ) {}

  private others(): FakeRoom[] {
    return this.server.members(this.roomId).filter((r) => r !== this);
  }
  viewOf(track: FakeLocalTrack): FakeRemoteTrack {
    let view = this.remote.get(track.trackId);
    if (!view) {
      view = new FakeRemoteTrack(track);
      this.remote.set(track.trackId, view);
    }
    return view;
  }

  getCrtUserId(): string {
    return this.userId;
  }

  getRoomId(): string {
    return this.roomId;
  }
  getSessionId(): string {
    return `session-${this.roomId}-${this.userId}`;
  }
  getRemoteUserIds(): string[] {
    return [...new Set(this.others().map((r) => r.userId))];
  }
  getRemoteTracks(): FakeRemoteTrack[] {
    return this.others().flatMap((r) => [...r.published].map((t) => this.viewOf(t)));
  }
  async publish(tracks: (LocalTrackLike | IPublishAttrs)[]): Promise<{ code: RCRTCCode }> {
    await macrotask();
    const failure = this.publishFailures.shift();
    if (failure !== undefined) return { code: failure };
    const fresh = tracks.filter((t): t is FakeLocalTrack => t instanceof FakeLocalTrack);
    fresh.forEach((t) => {
      this.published.add(t);
      t.room = this;
    });
    for (const other of this.others()) {
      other.listener?.onTrackPublish?.(fresh.map((t) => other.viewOf(t)));
    }
    return { code: OK };
  }
  async unpublish(tracks: LocalTrackLike[]): Promise<{ code: RCRTCCode }> {
    const gone = tracks.filter((t): t is FakeLocalTrack => t instanceof FakeLocalTrack);
    gone.forEach((t) => this.published.delete(t));
    for (const other of this.others()) {
      // As plugin-rtc: an unpublished track is unsubscribed by the SDK itself.
      gone.forEach((t) => other.subscribed.delete(t.trackId));
      other.listener?.onTrackUnpublish?.(gone.map((t) => other.viewOf(t)));
    }
    return { code: OK };
  }
  async subscribe(tracks: (RemoteTrackLike | ISubscribeAttr)[]): Promise<{ code: RCRTCCode }> {
    await macrotask();
    for (const track of tracks) {
      if (!(track instanceof FakeRemoteTrack)) continue;
      this.subscribed.add(track.trackId);
      track.attach();
      this.listener?.onTrackReady?.(track);
    }
    return { code: OK };
  }
  async unsubscribe(tracks: RemoteTrackLike[]): Promise<{ code: RCRTCCode }> {
    tracks.forEach((t) => this.subscribed.delete(t.getTrackId()));
    return { code: OK };
  }
  registerRoomEventListener(listener: RoomListenerLike | null): void {
    this.listener = listener;
  }
  registerReportListener(listener: IRCRTCReportListener | null): void {
    this.reportListener = listener;
  }

  localMuted(track: FakeLocalTrack): void {
    if (!this.published.has(track)) return;
    for (const other of this.others()) {
      const view = other.viewOf(track);
      view.setOwnerMuted(track.isOwnerMuted());
      if (track.kind === 'audio') other.listener?.onAudioMuteChange?.(view);
      else other.listener?.onVideoMuteChange?.(view);
    }
  }
  /** Leaves the server's room; the others see the tracks go and the user leave. */
  removed(): void {
    if (this.left) return;
    this.left = true;
    const others = this.others();
    this.server.rooms.set(this.roomId, others);
    for (const other of others) {
      const gone = [...this.published].map((t) => other.viewOf(t));
      if (gone.length) other.listener?.onTrackUnpublish?.(gone);
      other.listener?.onUserLeave?.([this.userId]);
    }
  }
}

export class FakeRTCClient implements RTCClientLike {
  readonly joined: { roomId: string; joinType?: number }[] = [];
  /** Order of join/leave calls and completions. */
  readonly calls: string[] = [];
  readonly created: FakeLocalTrack[] = [];
  room?: FakeRoom;

  constructor(
    private readonly server: FakeRTCServer,
    readonly userId: string,
  ) {}

  async joinRTCRoom(roomId: string, joinType?: number) {
    this.joined.push({ roomId, joinType });
    this.calls.push(`join ${roomId}`);
    await macrotask();
    const failure = this.server.joinFailures.shift();
    if (failure !== undefined) return { code: failure };
    const room = new FakeRoom(this.server, roomId, this.userId);
    const members = this.server.members(roomId);
    this.server.rooms.set(roomId, [...members, room]);
    for (const other of members) other.listener?.onUserJoin?.([this.userId]);
    this.room = room;
    return { code: OK, room, userIds: room.getRemoteUserIds(), tracks: room.getRemoteTracks() };
  }
  async leaveRoom(room: RTCRoomLike): Promise<{ code: RCRTCCode }> {
    this.calls.push(`leave ${room.getRoomId()}`);
    // Leaving takes a round trip to the media server.
    await macrotask();
    await macrotask();
    if (room instanceof FakeRoom) room.removed();
    this.calls.push(`left ${room.getRoomId()}`);
    return { code: OK };
  }
  async createLocalAudioTrack(tag: string, track: MediaStreamTrack) {
    return this.create(track, tag);
  }
  async createLocalVideoTrack(tag: string, track: MediaStreamTrack) {
    return this.create(track, tag);
  }
  async getJoinedRoomInfo(): Promise<{ code: RCRTCCode; data?: unknown }> {
    return { code: OK, data: [] };
  }
  private create(
    msTrack: MediaStreamTrack,
    tag: string,
  ): { code: RCRTCCode; track: FakeLocalTrack } {
    const track = new FakeLocalTrack(this.userId, msTrack, tag);
    this.created.push(track);
    return { code: OK, track };
  }
}
