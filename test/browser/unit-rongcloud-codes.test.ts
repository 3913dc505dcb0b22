import { expect } from '@open-wc/testing';
import type { CallErrorCode } from '../../elements/error-codes.js';
import { RCCallEndReason, RCCallErrorCode } from '../../src/calllib/index.js';
import {
  connectionErrorCode,
  joinFailureReason,
  mediaFailureCode,
  publishFailureCode,
  type RongCloudErrorCode,
} from '../../src/rongcloud/codes.js';
import { IMCode, RTCCode } from '../../src/rongcloud/sdk.js';

// The backend reports its failures with the elements' callerror codes.
const asElementCode = (code: RongCloudErrorCode): CallErrorCode => code;

type Name = keyof typeof IMCode;
// Each IM connect/disconnect code the backend knows → callerror code, recoverable.
const rows: [Name, RongCloudErrorCode, boolean][] = [
  ...(
    [
      'TIMEOUT',
      'RC_NET_CHANNEL_INVALID',
      'RC_NET_UNAVAILABLE',
      'RC_MSG_RESP_TIMEOUT',
      'RC_HTTP_SEND_FAIL',
      'RC_HTTP_REQ_FAIL',
      'RC_HTTP_RECV_FAIL',
      'RC_NAVI_REQ_FAILED',
      'RC_NODE_NOT_FOUND',
      'RC_DOMAIN_NOT_RESOLVE',
      'RC_SOCKET_NOT_CREATED',
      'RC_SOCKET_DISCONNECTED',
      'RC_PING_EXCEED_LIMIT',
      'RC_CONN_ACK_TIMEOUT',
      'RC_CONN_SERVER_UNAVAILABLE',
      'RC_CONN_REDIRECTED',
      'RC_DISCONN_EXCEPTION',
      'RC_TCP_RESET',
      'SERVER_UNAVAILABLE',
      'RC_CONN_PROXY_UNAVAILABLE',
    ] as Name[]
  ).map((n): [Name, RongCloudErrorCode, boolean] => [n, 'network/offline', true]),
  ...(
    [
      'RC_CONN_TOKEN_INCORRECT',
      'RC_CONN_NOT_AUTHRORIZED',
      'RC_CONN_TOKEN_EXPIRED',
      'RC_CONN_DEVICE_ERROR',
      'RC_OTP_USED',
      'RC_PLATFORM_ERROR',
    ] as Name[]
  ).map((n): [Name, RongCloudErrorCode, boolean] => [n, 'auth/token-invalid', false]),
  ...(
    [
      'RC_CONN_PROTO_VERSION_ERROR',
      'RC_CONN_IDENTIFIER_REJECTED',
      'RC_CONN_PACKAGE_NAME_INVALID',
      'RC_CONN_APP_BLOCKED_OR_DELETED',
      'RC_CONN_HOSTNAME_ERROR',
      'RC_LISCENSE_COUNT_OUT_OF_LIMIT',
      'RC_CONN_WRONG_CLUSTER',
      'RC_APP_AUTH_NOT_PASS',
      'RC_LICENSE_EXPIRED',
      'PACKAGE_ENVIRONMENT_ERROR',
      'HOSTNAME_ERROR',
    ] as Name[]
  ).map((n): [Name, RongCloudErrorCode, boolean] => [n, 'auth/appkey-invalid', false]),
  ['RC_CONN_USER_BLOCKED', 'auth/user-blocked', false],
  ['RC_ACCOUNT_CANCELLATION', 'auth/user-blocked', false],
  ['RC_DISCONN_KICK', 'auth/kicked', true],
  ['RC_DISCONN_SAME_CLIENT_ON_LINE', 'auth/kicked', true],
  ['HAS_OHTER_SAME_CLIENT_ON_LINE', 'auth/kicked', true],
  ['BIZ_ERROR_INVALID_PARAMETER', 'config/invalid', false],
  ['BIZ_ERROR_CONNECTING', 'connection/failed', true],
  ['RC_MSG_SEND_FAIL', 'connection/failed', true],
];

describe('RongCloud codes: connectionErrorCode(imCode)', () => {
  for (const [name, code, recoverable] of rows) {
    it(`IM ${name} (${IMCode[name]}) → ${code}, ${recoverable ? 'recoverable' : 'not recoverable'}`, () => {
      expect(connectionErrorCode(IMCode[name])).to.deep.equal({ code, recoverable });
      expect(asElementCode(code)).to.equal(code);
    });
  }

  it('every IM code of the backend but those of sends and success has a row', () => {
    const tested = new Set(rows.map(([n]) => n));
    const rest = (Object.keys(IMCode) as Name[]).filter((n) => !tested.has(n));
    expect(rest.sort()).to.deep.equal(['NOT_IN_GROUP', 'REJECTED_BY_BLACKLIST', 'SUCCESS']);
  });

  it('a code nobody knows is connection/failed, recoverable', () => {
    expect(connectionErrorCode(99999)).to.deep.equal({
      code: 'connection/failed',
      recoverable: true,
    });
  });
});

describe('RongCloud codes: the call end and error codes', () => {
  const joins: [number, RCCallEndReason][] = [
    [RTCCode.SIGNAL_JOIN_RTC_ROOM_REFUSED, RCCallEndReason.OTHER_CLIENT_IN_CALL],
    [RTCCode.NOT_OPEN_VIDEO_AUDIO_SERVER, RCCallEndReason.SERVICE_NOT_OPENED],
    [RTCCode.SERVICE_INVALID, RCCallEndReason.SERVICE_NOT_OPENED],
    [RTCCode.GET_USER_MEDIA_FAILED, RCCallEndReason.NETWORK_ERROR],
    [12345, RCCallEndReason.NETWORK_ERROR],
  ];
  for (const [rtc, reason] of joins) {
    it(`joining fails with RTC ${rtc} → end reason ${RCCallEndReason[reason]}`, () => {
      expect(joinFailureReason(rtc)).to.equal(reason);
    });
  }

  const kinds: [boolean, boolean, RCCallErrorCode, RCCallErrorCode][] = [
    [
      true,
      true,
      RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR,
      RCCallErrorCode.AUDIO_AND_VIDEO_PUBLISH_ERROR,
    ],
    [true, false, RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR, RCCallErrorCode.AUDIO_PUBLISH_ERROR],
    [false, true, RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR, RCCallErrorCode.VIDEO_PUBLISH_ERROR],
  ];
  for (const [audio, video, media, publish] of kinds) {
    const what = [audio && 'audio', video && 'video'].filter(Boolean).join(' and ');
    it(`${what}: devices fail with ${RCCallErrorCode[media]}, publishing with ${RCCallErrorCode[publish]}`, () => {
      expect(mediaFailureCode(audio, video)).to.equal(media);
      expect(publishFailureCode(audio, video)).to.equal(publish);
    });
  }
});
