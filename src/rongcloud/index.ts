/**
 * The RongCloud backend: CallLib on `@rongcloud/imlib-next` (signals) and `@rongcloud/plugin-rtc`
 * (media), wire-compatible with RongCloud's CallLib apps on Web, iOS and Android.
 *
 * ```ts
 * import { installer } from 'rc-call-elements/rongcloud';
 * const rtcClient = RongIMLib.installPlugin(RCRTC.installer, {});
 * const caller = RongIMLib.installPlugin(installer, { rtcClient, onSession, onSessionClose });
 * ```
 */
export { installer, createRongCloudCallClient } from './installer.js';
export type { RongCloudInstallOptions } from './installer.js';
export { startRongCloud } from './start.js';
export type {
  RongCloudConnection,
  RongCloudStartError,
  RongCloudStartOptions,
  RongCloudStatus,
} from './start.js';
export type { RongCloudErrorCode } from './codes.js';
export { PluginSignalingPort } from './signaling.js';
export { RongCloudMediaPort } from './media.js';
export type { MediaFailureCause, RongCloudTracksResult } from './media.js';
export { RongCloudLocalTrack, RongCloudRemoteTrack, TRACK_TAG } from './tracks.js';
export type {
  LocalTrackLike,
  PluginContextLike,
  RemoteTrackLike,
  RoomListenerLike,
  RTCClientLike,
  RTCRoomLike,
} from './sdk.js';
export * from '../calllib/index.js';
