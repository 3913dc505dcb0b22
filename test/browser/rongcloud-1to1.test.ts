/**
 * RongCloud backend, 1:1 flows of calllib-protocol.md §4: the exact IM messages the plugin sends
 * through the plugin context, and the CallLib callbacks on both sides.
 */
import { expect } from '@open-wc/testing';
import { RCCallEndReason, RCCallErrorCode, RCCallMediaType } from '../../src/rongcloud/index.js';
import { common, invitePushConfig, World, type Party } from './rongcloud-harness.js';

const VIDEO = RCCallMediaType.AUDIO_VIDEO;

describe('RongCloud backend: 1:1 calls over the plugin context', () => {
  let world: World;
  let alice: Party;
  let bob: Party;

  beforeEach(() => {
    world = new World();
    alice = world.party('alice');
    bob = world.party('bob');
  });
  afterEach(() => world.dispose());

  async function aliceCallsBob(mediaType = VIDEO) {
    const { code, session } = await alice.client.call({
      targetId: 'bob',
      mediaType,
      listener: alice.listener,
    });
    expect(code).to.equal(RCCallErrorCode.SUCCESS);
    const incoming = (await bob.log.next('session')).session;
    await alice.log.next('ringing');
    return { session: session!, incoming, callId: session!.getCallId() };
  }

  it('sends Invite, Ringing, Accept and Hangup exactly as RongCloud clients do', async () => {
    const { session, incoming, callId } = await aliceCallsBob();
    expect(incoming.getCallId()).to.equal(callId);
    await incoming.accept();
    await alice.log.next('accept', (e) => e.userId === 'bob');
    await alice.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isVideoTrack());
    await session.hungup();
    await bob.log.next('hungup');

    const [invite] = world.im.ofType('RC:VCInvite');
    expect(invite).to.deep.equal({
      from: 'alice',
      deviceId: 'alice-web',
      conversationType: 1,
      targetId: 'bob',
      options: {
        messageType: 'RC:VCInvite',
        content: {
          callId,
          engineType: 4,
          channelInfo: { Id: callId, Key: '' },
          mediaType: 2,
          inviteUserIds: ['bob'],
          observerUserIds: [],
          ...common('alice'),
        },
        isPersited: false,
        isCounted: false,
        directionalUserIdList: ['bob'],
        pushConfig: invitePushConfig(2, ['bob'], callId),
        isVoipPush: true,
      },
    });
    const [ringing] = world.im.ofType('RC:VCRinging');
    expect(ringing).to.deep.equal({
      from: 'bob',
      deviceId: 'bob-web',
      conversationType: 1,
      targetId: 'alice',
      options: {
        messageType: 'RC:VCRinging',
        content: { callId, ...common('bob') },
        isPersited: false,
        isCounted: false,
        directionalUserIdList: ['alice'],
      },
    });
    const [accept] = world.im.ofType('RC:VCAccept');
    expect(accept.targetId).to.equal('alice');
    expect(accept.options).to.deep.equal({
      messageType: 'RC:VCAccept',
      content: { callId, mediaType: 2, ...common('bob') },
      isPersited: false,
      isCounted: false,
      directionalUserIdList: ['alice'],
    });
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(hangup.from).to.equal('alice');
    expect(hangup.targetId).to.equal('bob');
    expect(hangup.options.content).to.deep.equal({ callId, reason: 3, ...common('alice') });
    expect(hangup.options.directionalUserIdList).to.deep.equal(['bob']);
    expect(hangup.options.isVoipPush).to.equal(undefined);
    expect(JSON.parse(hangup.options.pushConfig!.pushData)).to.deep.equal({ callId, reason: 3 });
    expect(world.im.sent.map((m) => m.options.messageType)).to.deep.equal([
      'RC:VCInvite',
      'RC:VCRinging',
      'RC:VCAccept',
      'RC:VCHangup',
    ]);
  });

  it('fires the callbacks on both sides and plays real media through plugin-rtc tracks', async () => {
    const { session, incoming } = await aliceCallsBob();
    const localTracks = alice.log.all('track').map((e) => e.track);
    expect(localTracks.map((t) => [t.isLocalTrack(), t.isAudioTrack(), t.getTag()])).to.deep.equal([
      [true, true, 'RongCloudRTC'],
      [true, false, 'RongCloudRTC'],
    ]);
    // The caller joins the room only after Accept.
    expect(alice.rtc.joined).to.deep.equal([]);
    await incoming.accept();
    await alice.log.next('accept');
    const remoteVideo = (
      await alice.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isVideoTrack())
    ).track;
    expect(remoteVideo.getUserId()).to.equal('bob');
    expect(alice.rtc.joined).to.deep.equal([{ roomId: session.getCallId(), joinType: 2 }]);
    expect(bob.rtc.joined).to.deep.equal([{ roomId: session.getCallId(), joinType: 2 }]);
    const video = document.createElement('video');
    video.muted = true;
    expect(await remoteVideo.play(video)).to.deep.equal({ code: 10000 });
    expect((video.srcObject as MediaStream).getVideoTracks()[0].readyState).to.equal('live');
    await bob.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isAudioTrack());

    await incoming.hungup();
    const hungup = await alice.log.next('hungup');
    expect(hungup).to.deep.include({ userId: 'bob', reason: RCCallEndReason.REMOTE_HANGUP });
    const aliceClose = await alice.log.next('close');
    const bobClose = await bob.log.next('close');
    expect(aliceClose.summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(bobClose.summary.endReason).to.equal(RCCallEndReason.HANGUP);
    expect(bobClose.summary).to.deep.include({
      conversationType: 1,
      targetId: 'alice',
      mediaType: 2,
    });
    // Every device stopped, every room left.
    expect([...alice.rtc.created, ...bob.rtc.created].every((t) => t.destroyed)).to.equal(true);
    expect(world.rtc.members(session.getCallId())).to.deep.equal([]);
  });

  it('bob calls alice: the other direction, audio only', async () => {
    const { session } = await bob.client.call({
      targetId: 'alice',
      mediaType: 1,
      listener: bob.listener,
    });
    const incoming = (await alice.log.next('session')).session;
    expect(incoming.getCallerId()).to.equal('bob');
    expect(incoming.getMediaType()).to.equal(RCCallMediaType.AUDIO);
    await incoming.accept();
    await bob.log.next('accept', (e) => e.userId === 'alice');
    await bob.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isAudioTrack());
    const [invite] = world.im.ofType('RC:VCInvite');
    expect(invite.options.pushConfig).to.deep.equal(
      invitePushConfig(1, ['alice'], session!.getCallId()),
    );
    expect(alice.rtc.created.map((t) => t.kind)).to.deep.equal(['audio']);
    await incoming.hungup();
    await bob.log.next('close');
  });

  it('reject: the callee hangs up before answering (2 → 12)', async () => {
    const { incoming, callId } = await aliceCallsBob();
    await incoming.hungup();
    expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 12 });
    expect((await alice.log.next('close')).summary.endReason).to.equal(12);
    expect((await bob.log.next('close')).summary.endReason).to.equal(2);
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(hangup).to.deep.include({ from: 'bob', conversationType: 1, targetId: 'alice' });
    expect(hangup.options.content).to.deep.equal({ callId, reason: 2, ...common('bob') });
    expect(alice.rtc.joined.length + bob.rtc.joined.length).to.equal(0);
  });

  it('cancel: the caller hangs up before an answer (1 → 11)', async () => {
    const { session, callId } = await aliceCallsBob();
    await session.hungup();
    expect(await bob.log.next('hungup')).to.deep.include({ userId: 'alice', reason: 11 });
    expect((await bob.log.next('close')).summary.endReason).to.equal(11);
    expect((await alice.log.next('close')).summary.endReason).to.equal(1);
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(hangup.options.content).to.deep.equal({ callId, reason: 1, ...common('alice') });
    expect(hangup.options.directionalUserIdList).to.deep.equal(['bob']);
  });

  async function withTimeouts(aliceMs: number, bobMs: number) {
    await world.dispose();
    world = new World();
    alice = world.party('alice', { timeout: aliceMs });
    bob = world.party('bob', { timeout: bobMs });
    return aliceCallsBob();
  }

  it("timeout, callee's timer first: Hangup NO_RESPONSE (5), the caller reads 15", async () => {
    const { callId } = await withTimeouts(5_000, 300);
    expect((await bob.log.next('close')).summary.endReason).to.equal(RCCallEndReason.NO_RESPONSE);
    expect(await alice.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 15 });
    expect((await alice.log.next('close')).summary.endReason).to.equal(15);
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(hangup).to.deep.include({ from: 'bob', targetId: 'alice' });
    expect(hangup.options.content).to.deep.equal({ callId, reason: 5, ...common('bob') });
  });

  it("timeout, caller's timer first: the caller drops the callee (15), who reads 5", async () => {
    const { callId } = await withTimeouts(300, 5_000);
    expect((await alice.log.next('close')).summary.endReason).to.equal(15);
    expect((await bob.log.next('close')).summary.endReason).to.equal(RCCallEndReason.NO_RESPONSE);
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(hangup).to.deep.include({ from: 'alice', targetId: 'bob' });
    expect(hangup.options.content).to.deep.equal({ callId, reason: 15, ...common('alice') });
  });

  it('busy: an Invite during a call creates a session, ends it with 4 and tells the caller (14)', async () => {
    const carol = world.party('carol');
    const { incoming } = await aliceCallsBob();
    await incoming.accept();
    await alice.log.next('accept');
    const { session: second } = await carol.client.call({
      targetId: 'bob',
      mediaType: 1,
      listener: carol.listener,
    });
    const busy = (await bob.log.next('session')).session;
    expect(busy.getCallId()).to.equal(second!.getCallId());
    expect((await bob.log.next('close', (e) => e.session === busy)).summary.endReason).to.equal(4);
    expect(await carol.log.next('hungup')).to.deep.include({ userId: 'bob', reason: 14 });
    const hangup = world.im.ofType('RC:VCHangup').find((m) => m.from === 'bob');
    expect(hangup).to.deep.include({ targetId: 'carol' });
    expect(hangup!.options.content).to.deep.include({ callId: second!.getCallId(), reason: 4 });
    // The first call goes on.
    expect(bob.client.getSessions()).to.deep.equal([incoming]);
  });

  it('a second call() while a session exists is refused with STATE_MACHINE_EXIT', async () => {
    await aliceCallsBob();
    const again = await alice.client.call({
      targetId: 'bob',
      mediaType: 1,
      listener: alice.listener,
    });
    expect(again.code).to.equal(RCCallErrorCode.STATE_MACHINE_EXIT);
    expect(world.im.ofType('RC:VCInvite')).to.have.length(1);
  });

  it('an IM send failure maps to CallLib codes and stops the devices (405 → 53202)', async () => {
    world.im.failures.push(405);
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType: VIDEO,
      listener: alice.listener,
    });
    expect(result.code).to.equal(RCCallErrorCode.REJECTED_BY_BLACKLIST);
    expect(alice.rtc.created.length).to.equal(2);
    expect(alice.rtc.created.every((t) => t.destroyed)).to.equal(true);
  });

  it('consumes RC:VC* messages so the app never sees them; other messages reach the app', async () => {
    await aliceCallsBob();
    bob.context.deliver({
      ...bob.context.delivered[0],
      messageType: 'RC:TxtMsg',
      content: { content: 'hello' },
      messageUId: 'txt-1',
    });
    expect(bob.context.delivered.map((m) => m.messageType)).to.deep.equal([
      'RC:VCInvite',
      'RC:TxtMsg',
    ]);
    expect(bob.context.appMessages.map((m) => m.messageType)).to.deep.equal(['RC:TxtMsg']);
    expect(alice.context.appMessages).to.deep.equal([]);
  });
});
