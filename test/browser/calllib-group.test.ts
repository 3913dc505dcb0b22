import { expect } from '@open-wc/testing';
import {
  ConversationType,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallUserState,
  type RCTrack,
} from '../../src/calllib/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../src/testing/index.js';
import { Party, checkSummary } from './helpers/calllib-harness.js';

const remoteUsers = (p: Party) =>
  new Set(
    p
      .of('track')
      .map((e) => e.args[0] as RCTrack)
      .filter((t) => !t.isLocalTrack())
      .map((t) => t.getUserId()),
  );

describe('CallLib group calls on the memory network', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  let carol: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    net.setGroup('g1', ['alice', 'bob', 'carol', 'dave']);
    alice = new Party(net, 'alice');
    bob = new Party(net, 'bob');
    carol = new Party(net, 'carol');
  });

  async function groupCall(userIds = ['bob', 'carol']) {
    const { code, session } = await alice.client.callInGroup({
      targetId: 'g1',
      userIds,
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener(),
    });
    expect(code).to.equal(RCCallErrorCode.SUCCESS);
    return session!;
  }

  it('invites go to the invitees of the group; each rings the caller and the other invitees', async () => {
    await groupCall();
    await bob.next('session');
    await carol.next('session');
    const invite = net.sent.find((s) => s.signal.messageType === 'RC:VCInvite')!;
    expect(invite.signal.conversationType).to.equal(ConversationType.GROUP);
    expect(invite.signal.targetId).to.equal('g1');
    expect(invite.signal.recipients).to.deep.equal(['bob', 'carol']);
    const bobRinging = await bob.until(
      () => net.sent.find((s) => s.signal.messageType === 'RC:VCRinging' && s.from === 'bob'),
      'bob rings back',
    );
    await alice.until(() => alice.of('ringing').length === 2, 'two ringings');
    expect([...bobRinging.signal.recipients].sort()).to.deep.equal(['alice', 'carol']);
    await carol.until(
      () => carol.of('ringing').some((e) => (e.args[0] as { userId: string }).userId === 'bob'),
      'bob rings at carol',
    );
    expect(bob.sessions[0].getTargetId()).to.equal('g1');
    expect(bob.sessions[0].getConversationType()).to.equal(ConversationType.GROUP);
  });

  it('one rejects, the other accepts: the call goes on and everyone receives everyone', async () => {
    const session = await groupCall();
    await bob.next('session');
    await carol.next('session');
    await bob.sessions[0].hungup();
    expect((await alice.next('hungup')).args).to.deep.equal([
      { userId: 'bob' },
      RCCallEndReason.REMOTE_REJECT,
    ]);
    await carol.next('hungup');
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REJECT);
    await carol.sessions[0].accept();
    await alice.next('accept');
    await alice.until(() => remoteUsers(alice).has('carol'), 'carol media at alice');
    await carol.until(() => remoteUsers(carol).has('alice'), 'alice media at carol');
    expect(session.getUserState('bob')).to.equal(RCCallUserState.NONE);
    expect(session.getUserState('carol')).to.equal(RCCallUserState.KEEPING);
  });

  it('three in a call: everyone gets everyone; a member leaves and the call goes on; it ends when fewer than two remain', async () => {
    const session = await groupCall();
    await bob.next('session');
    await carol.next('session');
    await bob.sessions[0].accept();
    await carol.sessions[0].accept();
    for (const p of [alice, bob, carol]) {
      const others = ['alice', 'bob', 'carol'].filter((u) => u !== p.userId);
      await p.until(
        () => others.every((u) => remoteUsers(p).has(u)),
        `${p.userId} receives everyone`,
      );
    }
    await bob.sessions[0].hungup();
    expect((await carol.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect((await alice.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(alice.closes).to.have.length(0);
    expect(session.getRemoteUsers().map((u) => u.userId)).to.deep.equal(['carol']);
    await carol.sessions[0].hungup();
    const a = await alice.closed();
    expect(a.summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(a.summary.conversationType).to.equal(ConversationType.GROUP);
    expect(a.summary.targetId).to.equal('g1');
    checkSummary(a.summary);
    expect(net.liveTracks()).to.have.length(0);
  });

  it('the inviter hanging up while nobody answered ends it for every invitee', async () => {
    const session = await groupCall();
    await bob.next('session');
    await carol.next('session');
    await session.hungup();
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_CANCEL);
    expect((await carol.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_CANCEL);
    expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.CANCEL);
  });

  it('invite: ModifyMem carries only the new invitees; the new one rings; the others get onMemberModify', async () => {
    const dave = new Party(net, 'dave');
    const session = await groupCall(['bob']);
    await bob.next('session');
    await bob.sessions[0].accept();
    await alice.next('accept');
    expect((await session.invite(['bob', 'dave'])).code).to.equal(RCCallErrorCode.SUCCESS);
    const mm = net.sent.find((s) => s.signal.messageType === 'RC:VCModifyMem')!;
    expect(mm.signal.content.inviteUserIds).to.deep.equal(['dave']);
    expect([...mm.signal.recipients].sort()).to.deep.equal(['bob', 'dave']);
    expect(mm.signal.content.existedUserPofiles).to.deep.equal([
      { userId: 'alice', mediaType: 2, callStatus: 4 },
      { userId: 'bob', mediaType: 2, callStatus: 4 },
    ]);
    expect(JSON.parse(mm.signal.push!.data)).to.deep.equal({
      mediaType: 2,
      userIdList: ['dave'],
      callId: session.getCallId(),
    });
    const modify = await bob.next('membermodify');
    expect(modify.args).to.deep.equal([{ userId: 'alice' }, [{ userId: 'dave' }]]);
    await dave.next('session');
    const daveSession = dave.sessions[0];
    expect(daveSession.getInviterId()).to.equal('alice');
    expect(daveSession.getCallerId()).to.equal('alice');
    expect(daveSession.getUserState('bob')).to.equal(RCCallUserState.KEEPING);
    await alice.until(
      () => alice.of('ringing').some((e) => (e.args[0] as { userId: string }).userId === 'dave'),
      'dave rings',
    );
    await daveSession.accept();
    await bob.until(() => remoteUsers(bob).has('dave'), 'dave media at bob');
    await alice.until(() => remoteUsers(alice).has('dave'), 'dave media at alice');
  });

  it('an invitee who never answers is dropped with REMOTE_NO_RESPONSE while the call goes on', async () => {
    net = createMemoryNetwork();
    net.setGroup('g1', ['alice', 'bob', 'carol']);
    alice = new Party(net, 'alice', { timeout: 300 });
    bob = new Party(net, 'bob', { timeout: 300 });
    carol = new Party(net, 'carol', { timeout: 300 });
    net.disconnect('carol');
    const session = await groupCall();
    await bob.next('session');
    await bob.sessions[0].accept();
    const dropped = await alice.until(
      () => alice.of('hungup').find((e) => (e.args[0] as { userId: string }).userId === 'carol'),
      'carol dropped',
    );
    expect(dropped.args[1]).to.equal(RCCallEndReason.REMOTE_NO_RESPONSE);
    expect(alice.closes).to.have.length(0);
    expect(session.getRemoteUsers().map((u) => u.userId)).to.deep.equal(['bob']);
    await session.hungup();
  });

  it('a caller outside the group gets NOT_IN_GROUP and keeps no device open', async () => {
    const eve = new Party(net, 'eve');
    const r = await eve.client.callInGroup({
      targetId: 'g1',
      userIds: ['bob'],
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: eve.listener(),
    });
    expect(r.code).to.equal(RCCallErrorCode.NOT_IN_GROUP);
    expect(net.liveTracks('eve')).to.have.length(0);
    expect(eve.client.getSessions()).to.have.length(0);
  });

  it('invite() by a member who left the group fails with NOT_IN_GROUP', async () => {
    const session = await groupCall(['bob']);
    await bob.next('session');
    net.setGroup('g1', ['bob', 'carol']);
    expect((await session.invite(['carol'])).code).to.equal(RCCallErrorCode.NOT_IN_GROUP);
  });
});
