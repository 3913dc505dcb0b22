/**
 * The real RongCloud packages in Chromium (run in a loopback-only network namespace: the SDK can
 * reach nothing). IMLib installs plugin-rtc and our installer and returns a working CallLib client.
 */
import { expect } from '@open-wc/testing';
import * as RongIMLib from '@rongcloud/imlib-next';
import * as RCRTC from '@rongcloud/plugin-rtc';
import { installer, RCCallClient, RCCallErrorCode } from '../../src/rongcloud/index.js';

describe('RongCloud backend: the real IMLib and plugin-rtc', () => {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.error);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);

  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    RongIMLib.init({ appkey: 'test-appkey-offline' });
  });
  after(() => {
    // No RongIMLib.destroy(): IMLib 5.7.3 then rejects unhandled IndexedDB writes (page-sdk.ts).
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it('installPlugin(RCRTC.installer) then installPlugin(installer) returns an RCCallClient', async () => {
    const rtcClient = RongIMLib.installPlugin(RCRTC.installer, {});
    expect(rtcClient).to.be.instanceOf(RCRTC.RCRTCClient);
    const sessions: unknown[] = [];
    const caller = RongIMLib.installPlugin(installer, {
      rtcClient: rtcClient!,
      onSession: (s) => sessions.push(s),
      onSessionClose: () => undefined,
    });
    expect(caller).to.be.instanceOf(RCCallClient);
    // IMLib keeps one plugin per tag.
    const again = RongIMLib.installPlugin(installer, {
      rtcClient: rtcClient!,
      onSession: () => undefined,
      onSessionClose: () => undefined,
    });
    expect(again).to.equal(caller);

    // Not connected: the Invite cannot be sent (IM 30002 → 53201) and no device stays open.
    caller!.registerUserInfo({ name: 'Alice' });
    const result = await caller!.call({
      targetId: 'bob',
      mediaType: 1,
      listener: {
        onRinging() {},
        onAccept() {},
        onHungup() {},
        onTrackReady() {},
        onMemberModify() {},
        onMediaModify() {},
      },
    });
    expect(result.code).to.equal(RCCallErrorCode.SEND_MSG_ERROR);
    expect(result.session).to.equal(undefined);
    expect(caller!.getSessions()).to.deep.equal([]);
    expect(sessions).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });
});
