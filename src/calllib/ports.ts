/**
 * The two ports through which the engine talks to the world. A backend (memory network, local
 * WebRTC, RongCloud) implements both and hands them to `new RCCallClient(signaling, media, options)`;
 * the engine knows nothing else about the network or the media stack.
 */
import type { ConversationType, RCCallEndReason, RCCallMessageType } from './enums.js';
import type { IMediaConstraints, INetworkQualityUser, RCLocalTrack, RCTrack } from './types.js';

/**
 * A call signal as the network delivers it. Everything in it is untrusted: the engine validates
 * each field before it touches any state, so a backend may pass along whatever arrived.
 */
export interface IncomingSignal {
  /** `RC:VCInvite` … `RC:VCModifyMedia`; anything else is ignored. */
  messageType: string;
  conversationType: ConversationType;
  /** The conversation as seen by the receiver: the sender's id (1:1) or the group id. */
  targetId: string;
  channelId?: string;
  /** Stamped by the server from the connection, never by the sender. */
  senderUserId: string;
  /** Server time (ms) at which the server accepted the message. */
  sentTime: number;
  /** Unique message id; used to drop duplicates. */
  messageUId?: string;
  /** The message content (the JSON of calllib-protocol.md §3). */
  content: unknown;
  /** Delivered from the server's offline store after (re)connecting. */
  offline?: boolean;
}

/** What the engine asks a signalling port to send. */
export interface OutgoingSignal {
  messageType: RCCallMessageType;
  conversationType: ConversationType;
  /** The peer (1:1) or the group id. */
  targetId: string;
  channelId: string;
  /** `directionalUserIdList`: only these users receive it (plus the sender's other devices). */
  recipients: string[];
  content: Record<string, unknown>;
  /** Push notification for offline recipients (Invite, ModifyMem, Hangup). */
  push?: { title: string; content: string; data: string };
}

export interface SendResult {
  /** 10000 on success, else the backend's IM error code (405 blacklist, 22406 not in group, …). */
  code: number;
  sentTime?: number;
  messageUId?: string;
}

/** Carries the RC:VC* signals (RongCloud IM, a WebSocket relay, BroadcastChannel, memory). */
export interface SignalingPort {
  /** The connected user's id. */
  getUserId(): string;
  /** A stable id of this device (browser), sent as `deviceId`. */
  getDeviceId(): string;
  /** Server time in ms (local clock corrected by the server's offset). */
  getServerTime(): number;
  send(signal: OutgoingSignal): Promise<SendResult>;
  /**
   * Registers the one receiver of incoming signals. The port must not echo a signal back to the
   * device that sent it, but should copy it to the sender's other devices (multi-device sync).
   * The value handed over is untrusted; it is normally an {@link IncomingSignal}.
   */
  setReceiver(receiver: (signal: unknown) => void): void;
}

/** Which local devices to open. */
export interface LocalTrackRequest {
  audio: boolean;
  video: boolean;
  constraints?: IMediaConstraints;
  /**
   * Tracks the page opened already (a preview): a live one of a requested kind is used as that
   * kind's track, and no device of that kind is opened.
   */
  adopt?: MediaStreamTrack[];
}

/** Why opening a device failed, as far as the browser tells (permission, missing, busy). */
export type MediaFailureCause = 'permission-denied' | 'not-found' | 'in-use' | 'unknown';

export interface LocalTracksResult {
  /**
   * 10000, or the CallLib code of the failure: 53301 (microphone), 53302 (camera), 53303 (both).
   * On failure no track is left open.
   */
  code: number;
  tracks: RCLocalTrack[];
  /** On failure: why, where the backend can tell. */
  cause?: MediaFailureCause;
}

/** Events of a joined room. Remote tracks only; the engine decides what to subscribe. */
export interface RoomEvents {
  /** Remote tracks were published (or are present when joining). */
  onTrackPublish(tracks: RCTrack[]): void;
  onTrackUnpublish(tracks: RCTrack[]): void;
  /** A subscribed remote track has media and can be played. */
  onTrackReady(track: RCTrack): void;
  onUserJoin(userIds: string[]): void;
  onUserLeave(userIds: string[]): void;
  /** A remote owner muted/unmuted a track (`track.isOwnerMuted()` tells which). */
  onAudioMuteChange(track: RCTrack): void;
  onVideoMuteChange(track: RCTrack): void;
  /** This client was removed from the room: by the server, or by another client of the same user. */
  onKickOff(byServer: boolean): void;
  /** The media connection is lost and did not recover (ping failure, transport closed). */
  onNetworkError(): void;
  onICEConnectionStateChange?(state: string): void;
  /**
   * A link went down (`reconnecting`, the backend is restoring it) or came back (`connected`).
   * `userId` is our own id for our own connection (signalling, or the room's), else the member
   * whose media link it is. The engine decides when to give up.
   */
  onConnectionChange?(userId: string, state: 'connected' | 'reconnecting'): void;
  /** A link's measured quality, at most once a second per user (the engine passes on changes). */
  onNetworkQuality?(report: INetworkQualityUser): void;
}

export interface JoinResult {
  /** 10000 or the backend's failure code. */
  code: number;
  room?: MediaRoom;
  /** On failure: the end reason the engine should use (22 refused, 104 service off); default 7. */
  reason?: RCCallEndReason;
}

/** A joined media room, named by the callId. */
export interface MediaRoom {
  getRemoteUserIds(): string[];
  /** Remote tracks currently published in the room. */
  getRemoteTracks(): RCTrack[];
  /** The media session id (`getRTCSessionId()`), if the backend has one. */
  getSessionId?(): string;
  publish(tracks: RCLocalTrack[]): Promise<{ code: number }>;
  unpublish(tracks: RCLocalTrack[]): Promise<{ code: number }>;
  subscribe(tracks: RCTrack[]): Promise<{ code: number }>;
  unsubscribe(tracks: RCTrack[]): Promise<{ code: number }>;
  /**
   * Sends `next` in place of the published `old` (same kind, same tag), without renegotiating;
   * the backend does not stop `old`. Without it the engine unpublishes `old` and publishes `next`.
   */
  replaceTrack?(old: RCLocalTrack, next: RCLocalTrack): Promise<{ code: number }>;
  /** Mutes/unmutes a published local track and tells the room's other members. */
  setTrackMuted(track: RCLocalTrack, muted: boolean): Promise<{ code: number }>;
  leave(): Promise<void>;
}

/** Creates local tracks and joins rooms (WebRTC mesh, RongCloud RTC, fakes). */
export interface MediaPort {
  /**
   * Whether this page can carry calls at all (WebRTC is there); default yes. Where not, an incoming
   * call is declined with ENGINE_UNSUPPORTED before it rings.
   */
  isSupported?(): boolean;
  createLocalTracks(request: LocalTrackRequest): Promise<LocalTracksResult>;
  joinRoom(
    roomId: string,
    events: RoomEvents,
    options?: { joinType?: number },
  ): Promise<JoinResult>;
  /**
   * Opens a screen, window or tab (`getDisplayMedia`) as one video track tagged
   * `SCREEN_TAG`. Without it, screen sharing fails with 53302.
   */
  createScreenTrack?(): Promise<LocalTracksResult>;
  /** RongCloud only: user info of a member already in the room. */
  getJoinedUserInfo?(userId: string): Promise<{ code: number; data?: unknown }>;
}
