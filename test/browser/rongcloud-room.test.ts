/**
 * RongCloud backend, in-call behaviour (calllib-protocol.md §4): descend, mute, plugin-rtc room
 * events mapped to CallLib end reasons (kick by server 23, by another client 21, ping failure and
 * peer connection loss 7, join refused 22, RTC not enabled 104), and two devices of one user.
 */
import { expect } from '@open-wc/testing';
import { RCCallMediaType, type RCCallSession } from '../../src/rongcloud/index.js';
import { common, World, type Party } from './rongcloud-harness.js';

describe('RongCloud backend: room events, media changes and multiple devices', () => {
  let world: World;
  let alice: Party;
  let bob: Party;

  beforeEach(() => {
    world = new World();
    alice = world.party('alice');
    bob = world.party('bob');
  });
  afterEach(() => world.dispose());

  /** alice calls bob (video) and bob answers; both are in the room with media flowing. */
  async function connected(): Promise<{ a: RCCallSession; b: RCCallSession; callId: string }> {
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    const b = (await bob.log.next('session')).session;
    await b.accept();
    await alice.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isVideoTrack());
    await bob.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isVideoTrack());
    return { a: session!, b, callId: session!.getCallId() };
  }

  const roomOf = (party: Party) => party.rtc.room!;

  it('descendAbility sends ModifyMedia(1), stops and unpublishes the camera', async () => {
    const { a, callId } = await connected();
    expect((await a.descendAbility()).code).to.equal(10000);
    expect(await bob.log.next('mediaModify')).to.deep.include({ userId: 'alice', mediaType: 1 });
    const [modify] = world.im.ofType('RC:VCModifyMedia');
    expect(modify).to.deep.include({ from: 'alice', conversationType: 1, targetId: 'bob' });
    expect(modify.options).to.deep.equal({
      messageType: 'RC:VCModifyMedia',
      content: { callId, mediaType: 1, ...common('alice') },
      isPersited: false,
      isCounted: false,
      directionalUserIdList: ['bob'],
    });
    const aliceVideo = alice.rtc.created.find((t) => t.kind === 'video')!;
    expect(aliceVideo.destroyed).to.equal(true);
    expect([...roomOf(alice).published].map((t) => t.kind)).to.deep.equal(['audio']);
    const bobVideoId = bob.rtc.created.find((t) => t.kind === 'video')!.trackId;
    expect(roomOf(alice).subscribed.has(bobVideoId)).to.equal(false);
    expect(a.getMediaType()).to.equal(RCCallMediaType.AUDIO);
  });

  it('mute: disableAudioTrack mutes the plugin-rtc track and the peer gets onAudioMuteChange', async () => {
    const { b } = await connected();
    const bobMic = bob.rtc.created.find((t) => t.kind === 'audio')!;
    expect((await b.disableAudioTrack()).code).to.equal(10000);
    const muted = await alice.log.next('mute', (e) => e.muteUser.kind === 'audio');
    expect(muted.muteUser).to.deep.equal({
      userId: 'bob',
      muted: true,
      kind: 'audio',
      trackId: bobMic.trackId,
    });
    expect(bobMic.__innerGetMediaStreamTrack()!.enabled).to.equal(false);
    await b.enableAudioTrack();
    const unmuted = await alice.log.next('mute', (e) => e.muteUser.kind === 'audio');
    expect(unmuted.muteUser.muted).to.equal(false);
    expect(bobMic.__innerGetMediaStreamTrack()!.enabled).to.equal(true);
  });

  const endings: [string, (callId: string) => void, number, number][] = [
    ['kicked by the server (23 → 33)', (id) => world.rtc.kick(id, 'bob', 1), 23, 33],
    [
      'kicked by another client of the same user (21 → 31)',
      (id) => world.rtc.kick(id, 'bob', 2),
      21,
      31,
    ],
    [
      'RTC ping failure, plugin-rtc kicks off with byServer false (7 → 17)',
      () => roomOf(bob).listener!.onKickOff!(false),
      7,
      17,
    ],
    [
      'peer connection closed by exception (7 → 17)',
      () => roomOf(bob).listener!.onRTCPeerConnectionCloseByException!(),
      7,
      17,
    ],
  ];
  for (const [title, trigger, own, remote] of endings) {
    it(`room: ${title}`, async () => {
      const { callId } = await connected();
      trigger(callId);
      expect((await bob.log.next('close')).summary.endReason).to.equal(own);
      expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: remote });
      const hangup = world.im.ofType('RC:VCHangup').find((m) => m.from === 'bob');
      expect(hangup?.options.content).to.deep.include({ callId, reason: own });
      expect(bob.rtc.created.every((t) => t.destroyed)).to.equal(true);
    });
  }

  it('room: failed RTC pings and a dropped media connection are our link reconnecting; a good ping, connected', async () => {
    await connected();
    const room = roomOf(bob);
    room.listener!.onPing!('Fail' as never);
    expect(await bob.log.next('link')).to.deep.include({ userId: 'bob', state: 'reconnecting' });
    room.listener!.onPing!('Fail' as never); // the same state again: nothing new
    room.listener!.onPing!('Success' as never);
    expect(await bob.log.next('link')).to.deep.include({ userId: 'bob', state: 'connected' });
    room.reportListener!.onICEConnectionStateChange!('disconnected');
    expect(await bob.log.next('link')).to.deep.include({ state: 'reconnecting' });
    room.reportListener!.onICEConnectionStateChange!('checking'); // says nothing of the link
    room.reportListener!.onICEConnectionStateChange!('connected');
    expect(await bob.log.next('link')).to.deep.include({ state: 'connected' });
    expect(bob.log.all('link').length).to.equal(4);
    expect(bob.log.all('close')).to.deep.equal([]);
  });

  it('room: plugin-rtc state reports become network quality, ours and each member’s, on change', async () => {
    await connected();
    const stat = (trackId: string, packetsLostRate: number, jitter = 5) => ({
      trackId,
      kind: 'video' as const,
      packetsLostRate,
      remoteResource: false,
      bitrate: 500,
      jitter,
    });
    const report = (lost: number) => ({
      timestamp: Date.now(),
      iceCandidatePair: { rtt: 40 } as never,
      senders: [stat('bob_RongCloudRTC_video', 0.01)],
      receivers: [stat('alice_RongCloudRTC_video', lost), stat('alice_RongCloudRTC_audio', 0)],
    });
    const listener = roomOf(bob).reportListener!;
    listener.onStateReport!(report(0.2));
    const alicePoor = await bob.log.next('quality', (q) => q.userId === 'alice');
    expect(alicePoor).to.deep.include({ quality: 'poor', loss: 0.2, rtt: 40 });
    expect(await bob.log.next('quality', (q) => q.userId === 'bob')).to.deep.include({
      quality: 'good',
    });
    listener.onStateReport!(report(0.2)); // nothing changed: nothing new
    listener.onStateReport!(report(0.06));
    expect(await bob.log.next('quality', (q) => q.userId === 'alice')).to.deep.include({
      quality: 'fair',
    });
    expect(bob.log.all('quality').length).to.equal(3);
  });

  it('room: IMLib’s connection going down and back is our link reconnecting, then connected', async () => {
    await connected();
    bob.context.onconnectionstatechange!(2 as never); // DISCONNECTED
    expect(await bob.log.next('link')).to.deep.include({ userId: 'bob', state: 'reconnecting' });
    bob.context.onconnectionstatechange!(1 as never); // CONNECTING: still down
    bob.context.onconnectionstatechange!(0 as never); // CONNECTED
    expect(await bob.log.next('link')).to.deep.include({ userId: 'bob', state: 'connected' });
    expect(bob.log.all('link').length).to.equal(2);
  });

  it('room: our link still down after reconnectTimeout ends the call with 7 (17 at the other side)', async () => {
    await world.dispose();
    world = new World();
    alice = world.party('alice');
    bob = world.party('bob', { reconnectTimeout: 200 });
    await connected();
    roomOf(bob).listener!.onPing!('Fail' as never);
    expect((await bob.log.next('close')).summary.endReason).to.equal(7);
    expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 17 });
    expect(bob.rtc.created.every((t) => t.destroyed)).to.equal(true);
  });

  it('room: a member who leaves the room without a Hangup is hung up after the grace (13)', async () => {
    const { callId } = await connected();
    roomOf(bob).removed();
    expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 13 });
    expect((await alice.log.next('close')).summary.endReason).to.equal(13);
    expect(world.rtc.members(callId)).to.deep.equal([]);
  });

  const joinFailures: [string, number, number, number][] = [
    ['join refused because another device is in the call (53028 → 22)', 53028, 22, 32],
    ['RTC service not enabled for the appkey (53009 → 104)', 53009, 104, 104],
    ['any other join failure (53001 → 7)', 53001, 7, 17],
  ];
  for (const [title, rtcCode, own, remote] of joinFailures) {
    it(`join: ${title}`, async () => {
      const { session } = await alice.client.call({
        targetId: 'bob',
        mediaType: 1,
        listener: alice.listener,
      });
      const b = (await bob.log.next('session')).session;
      world.rtc.joinFailures.push(rtcCode);
      await b.accept();
      expect((await bob.log.next('close')).summary.endReason).to.equal(own);
      expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: remote });
      await alice.log.next('close'); // after leaving the room
      expect(world.rtc.members(session!.getCallId())).to.deep.equal([]);
    });
  }

  describe('two devices of one user', () => {
    let bobPhone: Party;
    beforeEach(() => {
      bobPhone = world.party('bob', { deviceId: 'bob-phone' });
    });

    it('both ring; an Accept on one ends the other with ACCEPT_BY_OTHER_CLIENT (101)', async () => {
      await alice.client.call({ targetId: 'bob', mediaType: 1, listener: alice.listener });
      const onWeb = (await bob.log.next('session')).session;
      const onPhone = (await bobPhone.log.next('session')).session;
      expect(onWeb.getCallId()).to.equal(onPhone.getCallId());
      await onPhone.accept();
      expect((await bob.log.next('close')).summary.endReason).to.equal(101);
      await alice.log.next('accept', (e) => e.userId === 'bob');
      // The web device said nothing about it.
      expect(
        world.im.sent.filter((m) => m.deviceId === 'bob-web').map((m) => m.options.messageType),
      ).to.deep.equal(['RC:VCRinging']);
      expect(bob.rtc.joined).to.deep.equal([]);
    });

    it('a decline on one ends the other with HANGUP_BY_OTHER_CLIENT (102)', async () => {
      await alice.client.call({ targetId: 'bob', mediaType: 1, listener: alice.listener });
      await bob.log.next('session');
      const onPhone = (await bobPhone.log.next('session')).session;
      await onPhone.hungup();
      expect((await bob.log.next('close')).summary.endReason).to.equal(102);
      expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 12 });
    });
  });
});
