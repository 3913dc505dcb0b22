import { expect } from '@open-wc/testing';
import {
  ConversationType,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallSessionState,
  RCCallUserState,
  type RCTrack,
} from '../../src/calllib/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../src/testing/index.js';
import { Party, checkSummary } from './helpers/calllib-harness.js';
import { installClock } from './helpers/fake-clock.js';

const { AUDIO, AUDIO_VIDEO } = RCCallMediaType;

async function connect(a: Party, b: Party, mediaType = AUDIO_VIDEO) {
  const { code, session } = await a.client.call({
    targetId: b.userId,
    mediaType,
    listener: a.listener(),
  });
  expect(code).to.equal(RCCallErrorCode.SUCCESS);
  await b.next('session');
  await a.next('ringing');
  const accepted = await b.sessions[0].accept();
  expect(accepted.code).to.equal(RCCallErrorCode.SUCCESS);
  await a.next('accept');
  return session!;
}

const remoteTracks = (p: Party) =>
  p
    .of('track')
    .map((e) => e.args[0] as RCTrack)
    .filter((t) => !t.isLocalTrack());
const localTracks = (p: Party) =>
  p
    .of('track')
    .map((e) => e.args[0] as RCTrack)
    .filter((t) => t.isLocalTrack());

describe('CallLib 1:1 calls on the memory network', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice');
    bob = new Party(net, 'bob');
  });

  it('audio call: ringing, accept, local and remote audio on each side, caller hangs up', async () => {
    const session = await connect(alice, bob, AUDIO);
    expect(alice.of('ringing')[0].args[0]).to.include({ userId: 'bob' });
    expect(alice.of('accept')[0].args[0]).to.include({ userId: 'bob' });
    await alice.until(() => remoteTracks(alice).length === 1, 'remote audio at alice');
    await bob.until(() => remoteTracks(bob).length === 1, 'remote audio at bob');
    expect(localTracks(alice).map((t) => t.isAudioTrack())).to.deep.equal([true]);
    expect(localTracks(bob).map((t) => t.isAudioTrack())).to.deep.equal([true]);
    expect(remoteTracks(alice)[0].getUserId()).to.equal('bob');
    expect(session.getState()).to.equal(RCCallSessionState.KEEPING);
    expect(session.getUserState('bob')).to.equal(RCCallUserState.KEEPING);
    expect(bob.sessions[0].getCallerId()).to.equal('alice');
    expect(bob.sessions[0].getTargetId()).to.equal('alice');
    expect(session.getTargetId()).to.equal('bob');

    expect((await session.hungup()).code).to.equal(RCCallErrorCode.SUCCESS);
    const hung = await bob.next('hungup');
    expect(hung.args).to.deep.equal([{ userId: 'alice' }, RCCallEndReason.REMOTE_HANGUP]);
    const [a, b] = [await alice.closed(), await bob.closed()];
    expect(a.summary.endReason).to.equal(RCCallEndReason.HANGUP);
    expect(b.summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    for (const { summary } of [a, b]) {
      checkSummary(summary);
      expect(summary.mediaType).to.equal(AUDIO);
      expect(summary.conversationType).to.equal(ConversationType.PRIVATE);
      expect(summary.channelId).to.equal('');
    }
    expect(a.summary.targetId).to.equal('bob');
    expect(b.summary.targetId).to.equal('alice');
    expect(net.liveTracks()).to.have.length(0);
    expect(net.roomMembers(session.getCallId())).to.deep.equal([]);
  });

  it('video call: audio and video both ways, callee hangs up; the summary counts from the answer', async () => {
    // Installed for the whole call: timers set under it (the network's deliveries) need it.
    const clock = installClock();
    let session, hung, a;
    try {
      session = await connect(alice, bob);
      await alice.until(() => remoteTracks(alice).length === 2, 'remote audio+video at alice');
      await bob.until(() => remoteTracks(bob).length === 2, 'remote audio+video at bob');
      expect(localTracks(alice).filter((t) => t.isVideoTrack())).to.have.length(1);
      expect(localTracks(bob).filter((t) => t.isVideoTrack())).to.have.length(1);
      clock.tick(90_000); // a minute and a half of talking
      await bob.sessions[0].hungup();
      hung = await alice.next('hungup');
      a = await alice.closed();
    } finally {
      clock.uninstall();
    }
    expect(hung.args[1]).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(a.summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(a.summary.mediaType).to.equal(AUDIO_VIDEO);
    // From the Accept to the Hangup: the 90 s, plus the few ms the signals took.
    expect(a.summary.duration).to.be.within(90_000, 91_000);
    expect(a.summary.duration).to.equal(a.summary.endTimestamp - a.summary.beginTimestamp);
    checkSummary(a.summary);
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.HANGUP);
    expect(session.getState()).to.equal(RCCallSessionState.END);
    expect(net.liveTracks()).to.have.length(0);
  });

  it('local tracks are ready before the callee rings, and the caller joins the room only after Accept', async () => {
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO_VIDEO,
      listener: alice.listener(),
    });
    expect(localTracks(alice)).to.have.length(2);
    await alice.next('ringing');
    expect(net.roomMembers(session!.getCallId())).to.deep.equal([]);
    await bob.sessions[0].accept();
    await alice.next('accept');
    await alice.until(() => net.roomMembers(session!.getCallId()).length === 2, 'both in room');
    await session!.hungup();
  });

  it('reject: the caller hears REMOTE_REJECT, the callee closes with REJECT', async () => {
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    await bob.sessions[0].hungup();
    expect((await alice.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_REJECT);
    expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_REJECT);
    const b = await bob.closed();
    expect(b.summary.endReason).to.equal(RCCallEndReason.REJECT);
    expect(b.summary.duration).to.equal(0);
    checkSummary(b.summary);
    expect(net.liveTracks()).to.have.length(0);
  });

  it('cancel: the callee hears REMOTE_CANCEL, the caller closes with CANCEL', async () => {
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO,
      listener: alice.listener(),
    });
    await bob.next('session');
    await session!.hungup();
    expect((await bob.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_CANCEL);
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_CANCEL);
    expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.CANCEL);
    checkSummary(alice.closes[0].summary);
  });

  it('no answer: with a short timeout the caller sees REMOTE_NO_RESPONSE and the callee NO_RESPONSE', async () => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { timeout: 150 });
    bob = new Party(net, 'bob', { timeout: 150 });
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    const a = await alice.closed();
    const b = await bob.closed();
    expect(a.summary.endReason).to.equal(RCCallEndReason.REMOTE_NO_RESPONSE);
    expect(b.summary.endReason).to.equal(RCCallEndReason.NO_RESPONSE);
    expect(alice.of('hungup')[0].args[1]).to.equal(RCCallEndReason.REMOTE_NO_RESPONSE);
    expect(net.liveTracks()).to.have.length(0);
  });

  it('the caller alone times out an unreachable callee (offline) with REMOTE_NO_RESPONSE', async () => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { timeout: 150 });
    bob = new Party(net, 'bob', { timeout: 150 });
    net.disconnect('bob');
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    const a = await alice.closed();
    expect(a.summary.endReason).to.equal(RCCallEndReason.REMOTE_NO_RESPONSE);
    const hangup = net.sent.find((s) => s.signal.messageType === 'RC:VCHangup');
    expect(hangup?.signal.content.reason).to.equal(RCCallEndReason.REMOTE_NO_RESPONSE);
  });

  it('busy: a second caller gets REMOTE_BUSY_LINE; the busy callee sees the session and its close with BUSY_LINE', async () => {
    const carol = new Party(net, 'carol');
    await connect(alice, bob);
    await carol.client.call({ targetId: 'bob', mediaType: AUDIO, listener: carol.listener() });
    expect((await carol.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_BUSY_LINE);
    expect((await carol.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_BUSY_LINE);
    await bob.until(() => bob.sessions.length === 2, 'second onSession');
    const busy = await bob.closed();
    expect(busy.session).to.equal(bob.sessions[1]);
    expect(busy.summary.endReason).to.equal(RCCallEndReason.BUSY_LINE);
    expect(bob.sessions[0].getState()).to.equal(RCCallSessionState.KEEPING);
    expect(carol.of('ringing')).to.have.length(0);
  });

  it('a second call() while in a call is refused with STATE_MACHINE_EXIT', async () => {
    const session = await connect(alice, bob);
    const r = await alice.client.call({
      targetId: 'carol',
      mediaType: AUDIO,
      listener: alice.listener(),
    });
    expect(r.code).to.equal(RCCallErrorCode.STATE_MACHINE_EXIT);
    expect(r.session).to.equal(undefined);
    expect(session.getState()).to.equal(RCCallSessionState.KEEPING);
    expect(net.sent.filter((s) => s.signal.messageType === 'RC:VCInvite')).to.have.length(1);
  });

  it('invite() on a 1:1 call fails with CONVERSATION_NOT_GROUP_ERROR', async () => {
    const session = await connect(alice, bob);
    expect((await session.invite(['carol'])).code).to.equal(
      RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR,
    );
  });

  it('a throwing app callback is isolated: the call still connects and ends', async () => {
    alice.throwIn = 'ringing';
    bob.throwIn = 'track';
    const session = await connect(alice, bob);
    await bob.until(() => remoteTracks(bob).length === 2, 'tracks despite throwing callback');
    await session.hungup();
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
  });

  it('programmer errors throw with a message; bad listeners are refused', async () => {
    expect(() => alice.client.call({ targetId: '', listener: alice.listener() })).to.throw(
      /targetId/,
    );
    expect(() => alice.client.call({ targetId: 'bob', listener: {} as never })).to.throw(
      /onRinging/,
    );
    expect(() => alice.client.call({ targetId: 'alice', listener: alice.listener() })).to.throw(
      /own/,
    );
  });
});
