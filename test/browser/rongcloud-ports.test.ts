/**
 * The RongCloud backend's two ports on their own: how IM messages become engine signals (offline
 * flag, conversation types, early messages), how sends map to the SDK's options and codes, and how
 * plugin-rtc local tracks are made from real (fake-device) media.
 */
import { expect } from '@open-wc/testing';
import type { IReceivedMessage } from '@rongcloud/engine';
import {
  ConversationType,
  PluginSignalingPort,
  RongCloudLocalTrack,
  RongCloudMediaPort,
  installer,
} from '../../src/rongcloud/index.js';
import { userMediaConstraints } from '../../src/rongcloud/media.js';
import { FakeIMServer, FakeRTCClient, FakeRTCServer } from './rongcloud-fakes.js';
import { World } from './rongcloud-harness.js';
import { captureConsole } from './helpers/console.js';

function received(overrides: Partial<IReceivedMessage>): IReceivedMessage {
  return {
    conversationType: 1,
    targetId: 'bob',
    senderUserId: 'bob',
    content: { callId: 'c1' },
    messageType: 'RC:VCRinging',
    messageUId: 'u1',
    messageDirection: 2,
    isOffLineMessage: false,
    sentTime: 1000,
    receivedTime: 1000,
    isPersited: false,
    isCounted: false,
    isMentioned: false,
    disableNotification: false,
    isStatusMessage: false,
    canIncludeExpansion: false,
    expansion: null,
    receivedStatus: 0,
    ...overrides,
  };
}

describe('RongCloud backend: signalling port', () => {
  it('hands RC:VC* to the engine with the offline flag and consumes them; leaves others', () => {
    const context = new FakeIMServer().connect('alice');
    const port = new PluginSignalingPort(context);
    const got: unknown[] = [];
    port.setReceiver((s) => got.push(s));
    expect(context.onmessage!(received({ isOffLineMessage: true, channelId: 'ch' }))).to.equal(
      true,
    );
    expect(context.onmessage!(received({ messageType: 'RC:TxtMsg' }))).to.equal(false);
    expect(context.onmessage!(received({ messageType: 'RC:VCSummary' }))).to.equal(false);
    // A call message in a conversation type CallLib does not use: consumed, not handed on.
    expect(context.onmessage!(received({ conversationType: 2 }))).to.equal(true);
    expect(got).to.deep.equal([
      {
        messageType: 'RC:VCRinging',
        conversationType: ConversationType.PRIVATE,
        targetId: 'bob',
        senderUserId: 'bob',
        sentTime: 1000,
        messageUId: 'u1',
        content: { callId: 'c1' },
        offline: true,
        channelId: 'ch',
      },
    ]);
  });

  it('passes no messageUId when the SDK has none (the engine would drop an empty one)', () => {
    const context = new FakeIMServer().connect('alice');
    const port = new PluginSignalingPort(context);
    const got: object[] = [];
    port.setReceiver((s) => got.push(s as object));
    context.onmessage!(received({ messageUId: '' }));
    expect(got).to.have.length(1);
    expect(got[0]).to.not.have.property('messageUId');
  });

  it('keeps signals that arrive before the engine listens, and survives a throwing receiver', () => {
    const context = new FakeIMServer().connect('alice');
    const port = new PluginSignalingPort(context);
    context.onmessage!(received({ messageUId: 'early' }));
    const got: unknown[] = [];
    port.setReceiver((s) => got.push(s));
    expect(got).to.have.length(1);
    port.setReceiver(() => {
      throw new Error('engine bug');
    });
    const printed = captureConsole();
    expect(context.onmessage!(received({ messageUId: 'late' }))).to.equal(true);
    const [[prefix, error]] = printed.restore();
    expect(prefix).to.equal('[rc-call] call signal handling failed');
    expect((error as Error).message).to.equal('engine bug');
  });

  it('reports own id, device id and server time from the context', () => {
    const context = new FakeIMServer().connect('alice', 'dev-1');
    const port = new PluginSignalingPort(context);
    expect([port.getUserId(), port.getDeviceId()]).to.deep.equal(['alice', 'dev-1']);
    expect(Math.abs(port.getServerTime() - Date.now())).to.be.below(1000);
  });

  it('maps send results: IM 0 → 10000 with sentTime/messageUId; failures keep the IM code', async () => {
    const server = new FakeIMServer();
    const port = new PluginSignalingPort(server.connect('alice'));
    const signal = {
      messageType: 'RC:VCRinging' as const,
      conversationType: ConversationType.GROUP,
      targetId: 'g1',
      channelId: 'biz',
      recipients: ['bob'],
      content: { callId: 'c1' },
    };
    const ok = await port.send(signal);
    expect(ok.code).to.equal(10000);
    expect(ok.messageUId).to.be.a('string');
    expect(ok.sentTime).to.be.a('number');
    expect(server.sent[0]).to.deep.include({ conversationType: 3, targetId: 'g1' });
    expect(server.sent[0].options.channelId).to.equal('biz');
    server.failures.push(22406);
    expect(await port.send(signal)).to.deep.equal({ code: 22406 });
  });

  it('a throwing sendMessage is a failed send, not an exception', async () => {
    const context = new FakeIMServer().connect('alice');
    context.sendMessage = () => Promise.reject(new Error('sdk bug'));
    const port = new PluginSignalingPort(context);
    const result = await port.send({
      messageType: 'RC:VCRinging',
      conversationType: ConversationType.PRIVATE,
      targetId: 'bob',
      channelId: '',
      recipients: ['bob'],
      content: { callId: 'c1' },
    });
    expect(result.code).to.not.equal(10000);
  });

  it('rebuilds offline records from offline call messages', async () => {
    const world = new World();
    const alice = world.party('alice');
    const sentTime = Date.now() - 120_000;
    const content = { callId: 'old', engineType: 4, mediaType: 1, inviteUserIds: ['alice'] };
    alice.context.deliver(
      received({
        messageType: 'RC:VCInvite',
        content,
        isOffLineMessage: true,
        sentTime,
        messageUId: 'o1',
      }),
    );
    alice.context.deliver(
      received({
        messageType: 'RC:VCHangup',
        content: { callId: 'old', reason: 1 },
        isOffLineMessage: true,
        sentTime: sentTime + 5000,
        messageUId: 'o2',
      }),
    );
    const { record } = await alice.log.next('offline');
    expect(record).to.deep.include({
      callId: 'old',
      inviterId: 'bob',
      targetId: 'bob',
      mediaType: 1,
    });
    expect(alice.log.all('session')).to.deep.equal([]);
    expect(alice.context.appMessages).to.deep.equal([]);
    await world.dispose();
  });

  it('the installer is an IMLib plugin: tag RCCall, browser only, setup returns a client', () => {
    expect(installer.tag).to.equal('RCCall');
    expect(installer.verify({ tag: 'browser' } as Parameters<typeof installer.verify>[0])).to.equal(
      true,
    );
    expect(installer.verify({ tag: 'wechat' } as Parameters<typeof installer.verify>[0])).to.equal(
      false,
    );
    expect(() =>
      installer.setup(
        new FakeIMServer().connect('a') as unknown as Parameters<typeof installer.setup>[0],
        { tag: 'browser' } as Parameters<typeof installer.verify>[0],
        { onSession() {}, onSessionClose() {} } as unknown as Parameters<typeof installer.setup>[2],
      ),
    ).to.throw(TypeError, /rtcClient/);
  });
});

describe('RongCloud backend: media port', () => {
  it('opens microphone then camera as plugin-rtc tracks tagged RongCloudRTC', async () => {
    const rtc = new FakeRTCClient(new FakeRTCServer(), 'alice');
    const port = new RongCloudMediaPort(rtc);
    const result = await port.createLocalTracks({ audio: true, video: true });
    expect(result.code).to.equal(10000);
    expect(
      result.tracks.map((t) => [t.isAudioTrack(), t.getTag(), t.isLocalTrack()]),
    ).to.deep.equal([
      [true, 'RongCloudRTC', true],
      [false, 'RongCloudRTC', true],
    ]);
    expect(result.tracks.every((t) => t instanceof RongCloudLocalTrack)).to.equal(true);
    const video = result.tracks[1].getMediaStreamTrack!()!;
    expect(video.getSettings().width).to.equal(640);
    result.tracks.forEach((t) => t.destroy());
    expect(video.readyState).to.equal('ended');
  });

  it('a join waits until the previous room is left (plugin-rtc holds one room at a time)', async () => {
    const rtc = new FakeRTCClient(new FakeRTCServer(), 'alice');
    const port = new RongCloudMediaPort(rtc);
    const events = {
      onTrackPublish() {},
      onTrackUnpublish() {},
      onTrackReady() {},
      onUserJoin() {},
      onUserLeave() {},
      onAudioMuteChange() {},
      onVideoMuteChange() {},
      onKickOff() {},
      onNetworkError() {},
    };
    const first = await port.joinRoom('call-1', events);
    void first.room!.leave();
    const second = await port.joinRoom('call-2', events, { joinType: 1 });
    expect(second.code).to.equal(10000);
    expect(rtc.calls).to.deep.equal(['join call-1', 'leave call-1', 'left call-1', 'join call-2']);
    expect(rtc.joined[1]).to.deep.equal({ roomId: 'call-2', joinType: 1 });
  });

  it('maps constraints like plugin-rtc: resolution, frame rate; device ids exact', () => {
    expect(
      userMediaConstraints({
        audio: true,
        video: true,
        constraints: {
          audio: { micphoneId: 'mic-1' },
          video: { cameraId: 'cam-1', resolution: 'W1280_H720', frameRate: 'FPS_30' },
        },
      }),
    ).to.deep.equal({
      audio: { deviceId: { exact: 'mic-1' } },
      video: { width: 1280, height: 720, frameRate: 30, deviceId: { exact: 'cam-1' } },
    });
    expect(userMediaConstraints({ audio: false, video: true }).video).to.deep.equal({
      width: 640,
      height: 480,
      frameRate: 15,
    });
  });

  for (const [name, cause] of [
    ['NotAllowedError', 'permission-denied'],
    ['NotFoundError', 'not-found'],
    ['NotReadableError', 'in-use'],
  ] as const) {
    it(`a ${name} from getUserMedia is 53301/53302/53303 by kind, cause ${cause}`, async () => {
      const port = new RongCloudMediaPort(new FakeRTCClient(new FakeRTCServer(), 'alice'));
      const original = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', name));
      try {
        expect(await port.createLocalTracks({ audio: true, video: false })).to.deep.equal({
          code: 53301,
          tracks: [],
          cause,
        });
        expect((await port.createLocalTracks({ audio: false, video: true })).code).to.equal(53302);
        expect((await port.createLocalTracks({ audio: true, video: true })).code).to.equal(53303);
      } finally {
        navigator.mediaDevices.getUserMedia = original;
      }
    });
  }
});
