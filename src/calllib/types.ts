/** CallLib's public types: users, tracks, constraints, listener, options and results. */
import type {
  ConversationType,
  LogLevel,
  RCCallEndReason,
  RCCallLanguage,
  RCCallMediaType,
} from './enums.js';
import type { RCCallSession } from './session.js';
import type { MediaFailureCause } from './ports.js';

/** A user as call messages describe them (`content.user` on the wire, `sender` in callbacks). */
export interface ISenderInfo {
  userId: string;
  name?: string;
  portraitUri?: string;
  extra?: string;
}

/** An invited user (same shape as a sender). */
export type IInvitedUsers = ISenderInfo;

/** Own user info, sent as `content.user` with every call message. */
export interface IUserProfile {
  name?: string;
  portraitUri?: string;
  extra?: string;
}

export interface IMuteUser {
  userId: string;
  muted: boolean;
  kind: 'audio' | 'video';
  trackId: string;
}

/** A member started or stopped sharing a screen (ours: `onScreenShareChange`). */
export interface IScreenShareUser {
  userId: string;
  sharing: boolean;
  trackId: string;
}

/**
 * (Ours.) Whether a link of the call works: `reconnecting` while it is down and being restored,
 * `connected` once it is back.
 */
export type RCConnectionState = 'connected' | 'reconnecting';

/** (Ours.) What `onConnectionStateChange` receives: whose link, and its state. */
export interface IConnectionStateUser {
  /** Our own id for our own connection (signalling or media), else the member whose media link it is. */
  userId: string;
  state: RCConnectionState;
}

/** (Ours.) How a link of the call is doing, from its round-trip time, packet loss and jitter. */
export type RCNetworkQuality = 'good' | 'fair' | 'poor' | 'lost';

/** (Ours.) What `onNetworkQuality` receives. */
export interface INetworkQualityUser {
  /** Our own id for our uplink (what the others receive of us), else the member's downlink. */
  userId: string;
  quality: RCNetworkQuality;
  /** Round-trip time, ms. */
  rtt?: number;
  /** Share of packets lost, 0–1. */
  loss?: number;
  /** Jitter, ms. */
  jitter?: number;
}

/** What `onSessionClose` receives. `duration` is in ms (0 when the call never connected). */
export interface IEndSummary {
  conversationType: ConversationType;
  channelId: string;
  targetId: string;
  mediaType: RCCallMediaType;
  beginTimestamp: number;
  endTimestamp: number;
  duration: number;
  endReason: RCCallEndReason;
}

/** A call that happened while this client was offline, rebuilt from offline call messages. */
export interface IOfflineRecord {
  channelId: string;
  conversationType: ConversationType;
  targetId: string;
  callId: string;
  inviterId: string;
  mediaType: RCCallMediaType;
  endReason: RCCallEndReason;
  beginTimestamp: number;
  endTimestamp: number;
  duration: number;
}

/**
 * A media track, local or remote, as CallLib hands it to `onTrackReady` (RongCloud's RCTrack API).
 */
export interface RCTrack {
  getTrackId(): string;
  getUserId(): string;
  getTag(): string;
  /** Id of the stream (user + tag) the track belongs to. */
  getStreamId(): string;
  isLocalTrack(): boolean;
  isAudioTrack(): boolean;
  isVideoTrack(): boolean;
  /** Whether the track's owner has muted it. */
  isOwnerMuted(): boolean;
  mute(): void;
  unmute(): void;
  /** Plays audio (no element needed) or video into `element`. */
  play(element?: HTMLVideoElement, options?: { volume?: number }): Promise<{ code: number }>;
  /** The real track, where there is one (browser backends). */
  getMediaStreamTrack?(): MediaStreamTrack | undefined;
}

/** A track this client produced (camera, microphone). */
export interface RCLocalTrack extends RCTrack {
  /** Stops the device. */
  destroy(): void;
}

export type RCFrameRate = 'FPS_10' | 'FPS_15' | 'FPS_24' | 'FPS_30';
export type RCResolution =
  | 'W176_H132'
  | 'W176_H144'
  | 'W256_H144'
  | 'W320_H180'
  | 'W240_H240'
  | 'W320_H240'
  | 'W480_H360'
  | 'W640_H360'
  | 'W480_H480'
  | 'W640_H480'
  | 'W720_H480'
  | 'W1280_H720'
  | 'W1920_H1080'
  | (string & {});

export interface IAudioConstraints {
  micphoneId?: string;
  sampleRate?: number;
}

export interface IVideoConstraints {
  cameraId?: string;
  frameRate?: RCFrameRate;
  resolution?: RCResolution;
  faceMode?: 'user' | 'environment';
}

export interface IMediaConstraints {
  audio?: IAudioConstraints;
  video?: IVideoConstraints;
}

/**
 * Callbacks of one session. Every callback receives the session as its last argument. Each call is
 * isolated: a callback that throws is logged and the call goes on.
 */
export interface ISessionListener {
  onRinging(sender: ISenderInfo, session: RCCallSession): void;
  onAccept(sender: ISenderInfo, session: RCCallSession): void;
  /** `reason` is already in the remote form (13, not 3). */
  onHungup(sender: ISenderInfo, reason: RCCallEndReason, session: RCCallSession): void;
  /** Local tracks too. Remote video is dropped while the call is audio only. */
  onTrackReady(track: RCTrack, session: RCCallSession): void;
  onMemberModify(sender: ISenderInfo, invitedUsers: IInvitedUsers[], session: RCCallSession): void;
  onMediaModify(sender: ISenderInfo, mediaType: RCCallMediaType, session: RCCallSession): void;
  onAudioMuteChange?(muteUser: IMuteUser, session: RCCallSession): void;
  onVideoMuteChange?(muteUser: IMuteUser, session: RCCallSession): void;
  /**
   * (Ours.) A member, or we, started or stopped sharing a screen. The screen's track comes to
   * `onTrackReady` too, tagged `SCREEN_TAG`.
   */
  onScreenShareChange?(user: IScreenShareUser, session: RCCallSession): void;
  /**
   * (Ours.) A link of the call went down or came back: ours (the user id is our own) or a member's
   * media. One that stays down for `reconnectTimeout` ends the call with NETWORK_ERROR (ours) or
   * drops that member with REMOTE_NETWORK_ERROR.
   */
  onConnectionStateChange?(user: IConnectionStateUser, session: RCCallSession): void;
  /**
   * (Ours.) The quality of a link changed (measured at most once a second): ours (our own id: our
   * uplink) or a member's (what we receive of them).
   */
  onNetworkQuality?(user: INetworkQualityUser, session: RCCallSession): void;
  onTrackSubscribeFail?(code: number, session: RCCallSession): void;
  onTrackPublishFail?(code: number, session: RCCallSession): void;
  onICEConnectionStateChange?(state: RTCIceConnectionState | string, session: RCCallSession): void;
  onPing?(result: unknown, session: RCCallSession): void;
  onRTCStateReport?(report: unknown, session: RCCallSession): void;
}

export interface ICallOptions {
  /** The callee's user id. */
  targetId: string;
  /** Default AUDIO, as RongCloud's. */
  mediaType?: RCCallMediaType;
  listener: ISessionListener;
  constraints?: IMediaConstraints;
  channelId?: string;
  /** Free text sent in the Invite. */
  extra?: string;
}

export interface IGroupCallOptions {
  /** The group id. */
  targetId: string;
  /** The group members to call. */
  userIds: string[];
  mediaType?: RCCallMediaType;
  listener: ISessionListener;
  constraints?: IMediaConstraints;
  channelId?: string;
  extra?: string;
}

export interface ICallResult {
  code: number;
  session?: RCCallSession;
  /** When opening a device failed: why (ours). */
  cause?: MediaFailureCause;
}

/** Result of a session method; `cause` when opening a device failed (ours). */
export interface IResult {
  code: number;
  cause?: MediaFailureCause;
}

export interface IInstallOptions {
  /** An incoming call. Register the session listener inside it. */
  onSession(session: RCCallSession): void;
  /** A session ended (after leaving the room, or at once if it never joined). */
  onSessionClose(session: RCCallSession, summary: IEndSummary): void;
  onOfflineRecord?(record: IOfflineRecord): void;
  /** No-answer timeout in ms (ours; RongCloud fixes 60 000). */
  timeout?: number;
  /**
   * How long (ms) a lost connection may take to come back before the call gives it up (ours;
   * default 30 000).
   */
  reconnectTimeout?: number;
  /** Push title language. */
  lang?: RCCallLanguage | 'zh' | 'en';
  isAllowPublishRetry?: boolean;
  isAllowSubscribeRetry?: boolean;
  /** `disableVideoTrack` also unpublishes and stops the camera (default true). */
  isOffCameraWhenVideoDisable?: boolean;
  /** If camera + microphone fails, retry with the microphone only. */
  isAllowDemotionGetStream?: boolean;
  joinType?: number;
  logLevel?: LogLevel;
  logStdout?: (level: LogLevel, ...args: unknown[]) => void;
}
