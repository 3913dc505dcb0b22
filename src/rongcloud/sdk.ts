/**
 * The parts of RongCloud's SDK (`@rongcloud/engine`, `@rongcloud/plugin-rtc`) this backend uses,
 * typed from the packages' own `.d.ts`.
 *
 * Only types are imported here: the installer runs on whatever copy of the SDK the page loaded, and
 * importing plugin-rtc a second time would re-run its WebRTC shims. The few enum values the backend
 * needs are copied below and checked against the SDK's enums at compile time, so an SDK upgrade that
 * changes a number breaks the build instead of the wire.
 *
 * plugin-rtc's track and room classes have private fields, which makes them nominal in TypeScript.
 * The backend therefore works on structural views (`Pick`s of the public methods) and the assertions
 * at the bottom prove that the real classes fit those views.
 */
import type { ErrorCode, PluginContext, RCConnectionStatus } from '@rongcloud/engine';
import type {
  IPublishAttrs,
  IRCRTCReportListener,
  IRCRTCStateReport,
  IRoomEventListener,
  ISubscribeAttr,
  RCKickReason,
  RCLocalTrack,
  RCRTCClient,
  RCRTCCode,
  RCRTCRoom,
  RCRemoteTrack,
} from '@rongcloud/plugin-rtc';

/** What the signalling port needs from the IMLib plugin context. */
/** plugin-rtc's once-a-second measure of its connection (`onStateReport`). */
export type { IRCRTCStateReport };

export type PluginContextLike = Pick<
  PluginContext,
  | 'sendMessage'
  | 'getCurrentId'
  | 'getServerTime'
  | 'getDeviceId'
  | 'getConnectionStatus'
  | 'onmessage'
  | 'onconnectionstatechange'
  | 'ondisconnect'
  | 'ondestroy'
>;

type TrackMethods =
  | 'getTrackId'
  | 'getUserId'
  | 'getTag'
  | 'getStreamId'
  | 'isLocalTrack'
  | 'isAudioTrack'
  | 'isVideoTrack'
  | 'isOwnerMuted'
  | 'mute'
  | 'unmute'
  | 'play'
  | '__innerGetMediaStreamTrack';

/** A plugin-rtc remote track (`RCRemoteTrack`), by its public methods. */
export type RemoteTrackLike = Pick<RCRemoteTrack, TrackMethods>;

/** A plugin-rtc local track (`RCLocalTrack`), by its public methods. */
export type LocalTrackLike = Pick<RCLocalTrack, TrackMethods | 'destroy'>;

/** The room callbacks the backend listens to (a subset of plugin-rtc's `IRoomEventListener`). */
export interface RoomListenerLike extends Pick<
  IRoomEventListener,
  'onUserJoin' | 'onUserLeave' | 'onKickOff' | 'onRTCPeerConnectionCloseByException' | 'onPing'
> {
  onTrackReady?(track: RemoteTrackLike): void;
  onTrackPublish?(tracks: RemoteTrackLike[]): void;
  onTrackUnpublish?(tracks: RemoteTrackLike[]): void;
  onAudioMuteChange?(track: RemoteTrackLike): void;
  onVideoMuteChange?(track: RemoteTrackLike): void;
}

/** A joined plugin-rtc room (`RCRTCRoom`), by the methods the backend calls. */
export interface RTCRoomLike {
  getRoomId(): string;
  /** Our own user id in the room. */
  getCrtUserId(): string;
  getSessionId(): string;
  getRemoteUserIds(): string[];
  getRemoteTracks(): RemoteTrackLike[];
  publish(
    tracks: (LocalTrackLike | IPublishAttrs)[],
  ): Promise<{ code: RCRTCCode; failedTracks?: FailedTracks[] }>;
  unpublish(tracks: LocalTrackLike[]): Promise<{ code: RCRTCCode }>;
  subscribe(tracks: (RemoteTrackLike | ISubscribeAttr)[]): Promise<{ code: RCRTCCode }>;
  unsubscribe(tracks: RemoteTrackLike[]): Promise<{ code: RCRTCCode }>;
  registerRoomEventListener(listener: RoomListenerLike | null): void;
  registerReportListener(listener: IRCRTCReportListener | null): void;
}

export interface FailedTracks {
  code: RCRTCCode;
  tracks: LocalTrackLike[];
}

/**
 * The `RCRTCClient` returned by `RongIMLib.installPlugin(RCRTC.installer, {...})`, by the methods the
 * backend calls. Typed structurally so tests can hand in a fake; the real client fits (see below).
 */
export interface RTCClientLike {
  joinRTCRoom(
    roomId: string,
    joinType?: number,
  ): Promise<{
    code: RCRTCCode;
    room?: RTCRoomLike;
    userIds?: string[];
    tracks?: RemoteTrackLike[];
  }>;
  leaveRoom(room: RTCRoomLike): Promise<{ code: RCRTCCode }>;
  createLocalAudioTrack(
    tag: string,
    track: MediaStreamTrack,
  ): Promise<{ code: RCRTCCode; track?: LocalTrackLike }>;
  createLocalVideoTrack(
    tag: string,
    track: MediaStreamTrack,
  ): Promise<{ code: RCRTCCode; track?: LocalTrackLike }>;
  getJoinedRoomInfo(): Promise<{ code: RCRTCCode | ErrorCode; data?: unknown }>;
}

/** `RCRTCCode` values the backend reads. */
export const RTCCode = {
  SUCCESS: 10000,
  SERVICE_INVALID: 50004,
  NOT_OPEN_VIDEO_AUDIO_SERVER: 53009,
  GET_USER_MEDIA_FAILED: 53010,
  PERMISSION_DENIED: 53012,
  SIGNAL_JOIN_RTC_ROOM_REFUSED: 53028,
  SOME_TRACKS_PUBLISH_FAILED: 53031,
} as const;

/** `RCKickReason` values. */
export const KickReason = { SERVER_KICK: 1, OTHER_KICK: 2 } as const;

/** `RCRTCPingResult` values. */
export const PingResult = { SUCCESS: 'Success', FAIL: 'Fail' } as const;

/** `RCConnectionStatus` values. */
export const ConnectionStatus = {
  CONNECTED: 0,
  CONNECTING: 1,
  DISCONNECTED: 2,
  SUSPENDED: 3,
} as const;

/** The IM `ErrorCode` values the backend reads (send results, connection results). */
export const IMCode = {
  SUCCESS: 0,
  TIMEOUT: -1,
  REJECTED_BY_BLACKLIST: 405,
  NOT_IN_GROUP: 22406,
  RC_NET_CHANNEL_INVALID: 30001,
  RC_NET_UNAVAILABLE: 30002,
  RC_MSG_RESP_TIMEOUT: 30003,
  RC_HTTP_SEND_FAIL: 30004,
  RC_HTTP_REQ_FAIL: 30005,
  RC_HTTP_RECV_FAIL: 30006,
  RC_NAVI_REQ_FAILED: 30007,
  RC_NODE_NOT_FOUND: 30008,
  RC_DOMAIN_NOT_RESOLVE: 30009,
  RC_SOCKET_NOT_CREATED: 30010,
  RC_SOCKET_DISCONNECTED: 30011,
  RC_PING_EXCEED_LIMIT: 30012,
  RC_MSG_SEND_FAIL: 30014,
  RC_CONN_ACK_TIMEOUT: 31000,
  RC_CONN_PROTO_VERSION_ERROR: 31001,
  RC_CONN_IDENTIFIER_REJECTED: 31002,
  RC_CONN_SERVER_UNAVAILABLE: 31003,
  RC_CONN_TOKEN_INCORRECT: 31004,
  RC_CONN_NOT_AUTHRORIZED: 31005,
  RC_CONN_REDIRECTED: 31006,
  RC_CONN_PACKAGE_NAME_INVALID: 31007,
  RC_CONN_APP_BLOCKED_OR_DELETED: 31008,
  RC_CONN_USER_BLOCKED: 31009,
  RC_DISCONN_KICK: 31010,
  RC_DISCONN_EXCEPTION: 31011,
  RC_CONN_TOKEN_EXPIRED: 31020,
  RC_CONN_DEVICE_ERROR: 31021,
  RC_CONN_HOSTNAME_ERROR: 31022,
  RC_DISCONN_SAME_CLIENT_ON_LINE: 31023,
  RC_LISCENSE_COUNT_OUT_OF_LIMIT: 31024,
  RC_CONN_WRONG_CLUSTER: 31025,
  RC_APP_AUTH_NOT_PASS: 31026,
  RC_OTP_USED: 31027,
  RC_PLATFORM_ERROR: 31028,
  RC_ACCOUNT_CANCELLATION: 31029,
  RC_LICENSE_EXPIRED: 31030,
  RC_TCP_RESET: 32054,
  BIZ_ERROR_INVALID_PARAMETER: 33003,
  BIZ_ERROR_CONNECTING: 33006,
  PACKAGE_ENVIRONMENT_ERROR: 35006,
  SERVER_UNAVAILABLE: 35008,
  HOSTNAME_ERROR: 35009,
  HAS_OHTER_SAME_CLIENT_ON_LINE: 35010,
  RC_CONN_PROXY_UNAVAILABLE: 35028,
} as const;

// ---- compile-time proof that the copies above and the structural views match the SDK ----

type Matches<Copy, Sdk> = {
  [K in keyof Copy]: K extends keyof Sdk ? ([Sdk[K]] extends [Copy[K]] ? true : false) : false;
};
type AllTrue<T> = T[keyof T] extends true ? true : false;
type Fits<Real, View> = [Real] extends [View] ? true : false;

/** Each is `true` only while the SDK agrees; a mismatch is a type error here. */
export const sdkConformance: {
  rtcCode: AllTrue<Matches<typeof RTCCode, typeof RCRTCCode>>;
  kickReason: AllTrue<Matches<typeof KickReason, typeof RCKickReason>>;
  connectionStatus: AllTrue<Matches<typeof ConnectionStatus, typeof RCConnectionStatus>>;
  imCode: AllTrue<Matches<typeof IMCode, typeof ErrorCode>>;
  client: Fits<RCRTCClient, RTCClientLike>;
  room: Fits<RCRTCRoom, RTCRoomLike>;
  localTrack: Fits<RCLocalTrack, LocalTrackLike>;
  remoteTrack: Fits<RCRemoteTrack, RemoteTrackLike>;
  context: Fits<PluginContext, PluginContextLike>;
} = {
  rtcCode: true,
  kickReason: true,
  connectionStatus: true,
  imCode: true,
  client: true,
  room: true,
  localTrack: true,
  remoteTrack: true,
  context: true,
};
