/**
 * RongCloud's numbers translated to CallLib's (calllib-protocol.md §2, §4) and to the
 * `callerror` codes of the elements (API.md).
 */
import { RCCallEndReason, RCCallErrorCode } from '../calllib/enums.js';
import { IMCode, RTCCode } from './sdk.js';

/** CallLib's success code; IM's is 0. */
export const CALL_SUCCESS = RCCallErrorCode.SUCCESS;

/** IM send result → `SendResult.code` (10000 on success, else the IM code for the engine to map). */
export function sendResultCode(imCode: number): number {
  return imCode === IMCode.SUCCESS ? CALL_SUCCESS : imCode;
}

/** Why joining the room failed, as the end reason of the session. */
export function joinFailureReason(rtcCode: number): RCCallEndReason {
  switch (rtcCode) {
    case RTCCode.SIGNAL_JOIN_RTC_ROOM_REFUSED:
      return RCCallEndReason.OTHER_CLIENT_IN_CALL;
    case RTCCode.NOT_OPEN_VIDEO_AUDIO_SERVER:
    case RTCCode.SERVICE_INVALID:
      return RCCallEndReason.SERVICE_NOT_OPENED;
    default:
      return RCCallEndReason.NETWORK_ERROR;
  }
}

/** getUserMedia failure → CallLib code by what was asked for. */
export function mediaFailureCode(audio: boolean, video: boolean): RCCallErrorCode {
  if (audio && video) return RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR;
  return video
    ? RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR
    : RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR;
}

/** Publish failure → CallLib code by the kinds that failed. */
export function publishFailureCode(audio: boolean, video: boolean): RCCallErrorCode {
  if (audio && video) return RCCallErrorCode.AUDIO_AND_VIDEO_PUBLISH_ERROR;
  return video ? RCCallErrorCode.VIDEO_PUBLISH_ERROR : RCCallErrorCode.AUDIO_PUBLISH_ERROR;
}

/** The `callerror` codes `startRongCloud` reports. */
export type RongCloudErrorCode =
  | 'config/missing-appkey'
  | 'config/missing-token'
  | 'config/invalid'
  | 'network/offline'
  | 'auth/token-invalid'
  | 'auth/appkey-invalid'
  | 'auth/user-blocked'
  | 'auth/kicked'
  | 'rtc/unsupported'
  | 'connection/failed';

const NETWORK: readonly number[] = [
  IMCode.TIMEOUT,
  IMCode.RC_NET_CHANNEL_INVALID,
  IMCode.RC_NET_UNAVAILABLE,
  IMCode.RC_MSG_RESP_TIMEOUT,
  IMCode.RC_HTTP_SEND_FAIL,
  IMCode.RC_HTTP_REQ_FAIL,
  IMCode.RC_HTTP_RECV_FAIL,
  IMCode.RC_NAVI_REQ_FAILED,
  IMCode.RC_NODE_NOT_FOUND,
  IMCode.RC_DOMAIN_NOT_RESOLVE,
  IMCode.RC_SOCKET_NOT_CREATED,
  IMCode.RC_SOCKET_DISCONNECTED,
  IMCode.RC_PING_EXCEED_LIMIT,
  IMCode.RC_CONN_ACK_TIMEOUT,
  IMCode.RC_CONN_SERVER_UNAVAILABLE,
  IMCode.RC_CONN_REDIRECTED,
  IMCode.RC_DISCONN_EXCEPTION,
  IMCode.RC_TCP_RESET,
  IMCode.SERVER_UNAVAILABLE,
  IMCode.RC_CONN_PROXY_UNAVAILABLE,
];

const TOKEN: readonly number[] = [
  IMCode.RC_CONN_TOKEN_INCORRECT,
  IMCode.RC_CONN_NOT_AUTHRORIZED,
  IMCode.RC_CONN_TOKEN_EXPIRED,
  IMCode.RC_CONN_DEVICE_ERROR,
  IMCode.RC_OTP_USED,
  IMCode.RC_PLATFORM_ERROR,
];

const APPKEY: readonly number[] = [
  IMCode.RC_CONN_PROTO_VERSION_ERROR,
  IMCode.RC_CONN_IDENTIFIER_REJECTED,
  IMCode.RC_CONN_PACKAGE_NAME_INVALID,
  IMCode.RC_CONN_APP_BLOCKED_OR_DELETED,
  IMCode.RC_CONN_HOSTNAME_ERROR,
  IMCode.RC_LISCENSE_COUNT_OUT_OF_LIMIT,
  IMCode.RC_CONN_WRONG_CLUSTER,
  IMCode.RC_APP_AUTH_NOT_PASS,
  IMCode.RC_LICENSE_EXPIRED,
  IMCode.PACKAGE_ENVIRONMENT_ERROR,
  IMCode.HOSTNAME_ERROR,
];

const BLOCKED: readonly number[] = [IMCode.RC_CONN_USER_BLOCKED, IMCode.RC_ACCOUNT_CANCELLATION];

const KICKED: readonly number[] = [
  IMCode.RC_DISCONN_KICK,
  IMCode.RC_DISCONN_SAME_CLIENT_ON_LINE,
  IMCode.HAS_OHTER_SAME_CLIENT_ON_LINE,
];

/** An IM connect/disconnect code → `callerror` code and whether retrying later may help. */
export function connectionErrorCode(imCode: number): {
  code: RongCloudErrorCode;
  recoverable: boolean;
} {
  if (NETWORK.includes(imCode)) return { code: 'network/offline', recoverable: true };
  if (TOKEN.includes(imCode)) return { code: 'auth/token-invalid', recoverable: false };
  if (APPKEY.includes(imCode)) return { code: 'auth/appkey-invalid', recoverable: false };
  if (BLOCKED.includes(imCode)) return { code: 'auth/user-blocked', recoverable: false };
  if (KICKED.includes(imCode)) return { code: 'auth/kicked', recoverable: true };
  if (imCode === IMCode.BIZ_ERROR_INVALID_PARAMETER) {
    return { code: 'config/invalid', recoverable: false };
  }
  return { code: 'connection/failed', recoverable: true };
}
