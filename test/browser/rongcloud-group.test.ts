/**
 * RongCloud backend, group calls (calllib-protocol.md §4): Invite to a group with recipients,
 * Ringing to everyone in the call, invite() as ModifyMem with only the new invitees.
 */
import { expect } from '@open-wc/testing';
import { RCCallErrorCode, RCCallMediaType } from '../../src/rongcloud/index.js';
import { common, invitePushConfig, World, type Party } from './rongcloud-harness.js';

const sorted = (ids: string[] | undefined) => [...(ids ?? [])].sort();

describe('RongCloud backend: group calls over the plugin context', () => {
  let world: World;
  let alice: Party;
  let bob: Party;
  let carol: Party;

  beforeEach(() => {
    world = new World();
    alice = world.party('alice');
    bob = world.party('bob');
    carol = world.party('carol');
  });
  afterEach(() => world.dispose());

  async function aliceCallsGroup() {
    const { code, session } = await alice.client.callInGroup({
      targetId: 'g1',
      userIds: ['bob', 'carol'],
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener,
    });
    expect(code).to.equal(RCCallErrorCode.SUCCESS);
    const bobSession = (await bob.log.next('session')).session;
    const carolSession = (await carol.log.next('session')).session;
    return { session: session!, bobSession, carolSession, callId: session!.getCallId() };
  }

  it('Invite goes to the group with the invitees as recipients; each invitee rings everyone', async () => {
    const { callId, bobSession } = await aliceCallsGroup();
    await alice.log.next('ringing', (e) => e.userId === 'bob');
    await alice.log.next('ringing', (e) => e.userId === 'carol');
    expect(bobSession.getTargetId()).to.equal('g1');
    expect(bobSession.getConversationType()).to.equal(3);

    const [invite] = world.im.ofType('RC:VCInvite');
    expect(invite).to.deep.include({ from: 'alice', conversationType: 3, targetId: 'g1' });
    expect(invite.options).to.deep.equal({
      messageType: 'RC:VCInvite',
      content: {
        callId,
        engineType: 4,
        channelInfo: { Id: callId, Key: '' },
        mediaType: 1,
        inviteUserIds: ['bob', 'carol'],
        observerUserIds: [],
        ...common('alice'),
      },
      isPersited: false,
      isCounted: false,
      directionalUserIdList: ['bob', 'carol'],
      pushConfig: invitePushConfig(1, ['bob', 'carol'], callId),
      isVoipPush: true,
    });
    const rings = world.im.ofType('RC:VCRinging');
    expect(rings.map((m) => m.from).sort()).to.deep.equal(['bob', 'carol']);
    for (const ring of rings) {
      expect(ring).to.deep.include({ conversationType: 3, targetId: 'g1' });
      const others = ['alice', 'bob', 'carol'].filter((id) => id !== ring.from);
      expect(sorted(ring.options.directionalUserIdList)).to.deep.equal(others);
      expect(ring.options.content).to.deep.equal({ callId, ...common(ring.from) });
    }
  });

  it('an Accept marks the user in the call everywhere while the others keep ringing', async () => {
    const { session, bobSession, carolSession } = await aliceCallsGroup();
    await bobSession.accept();
    await alice.log.next('accept', (e) => e.userId === 'bob');
    await carol.log.next('accept', (e) => e.userId === 'bob');
    expect(carolSession.getUserState('bob')).to.equal(2); // KEEPING
    expect(session.getUserState('carol')).to.equal(1); // WAITING
    const [accept] = world.im.ofType('RC:VCAccept');
    expect(accept).to.deep.include({ conversationType: 3, targetId: 'g1' });
    expect(sorted(accept.options.directionalUserIdList)).to.deep.equal(['alice', 'carol']);
    await alice.log.next('track', (e) => !e.track.isLocalTrack() && e.track.getUserId() === 'bob');
  });

  it('invite() sends ModifyMem with only the new invitee; the invitee gets a session', async () => {
    const dave = world.party('dave');
    const { session, bobSession, callId } = await aliceCallsGroup();
    await bobSession.accept();
    await alice.log.next('accept', (e) => e.userId === 'bob');
    expect((await session.invite(['dave'])).code).to.equal(RCCallErrorCode.SUCCESS);

    const daveSession = (await dave.log.next('session')).session;
    expect(daveSession.getCallId()).to.equal(callId);
    expect(daveSession.getCallerId()).to.equal('alice');
    expect(await bob.log.next('memberModify')).to.deep.include({
      userId: 'alice',
      invited: ['dave'],
    });
    expect(await carol.log.next('memberModify')).to.deep.include({ invited: ['dave'] });

    const [modify] = world.im.ofType('RC:VCModifyMem');
    expect(modify).to.deep.include({ from: 'alice', conversationType: 3, targetId: 'g1' });
    expect(sorted(modify.options.directionalUserIdList)).to.deep.equal(['bob', 'carol', 'dave']);
    expect(modify.options.pushConfig).to.deep.equal(invitePushConfig(1, ['dave'], callId));
    expect(modify.options.isVoipPush).to.equal(true);
    const { existedUserPofiles, ...content } = modify.options.content as Record<string, unknown>;
    expect(content).to.deep.equal({
      callId,
      engineType: 4,
      channelInfo: { Id: callId, Key: '' },
      mediaType: 1,
      caller: 'alice',
      inviter: 'alice',
      modifyMemType: 1,
      inviteUserIds: ['dave'],
      observerUserIds: [],
      ...common('alice'),
    });
    const existing = existedUserPofiles as {
      userId: string;
      mediaType: number;
      callStatus: number;
    }[];
    expect(existing.map((m) => m.userId).sort()).to.deep.equal(['alice', 'bob', 'carol']);
    expect(existing.find((m) => m.userId === 'bob')).to.deep.equal({
      userId: 'bob',
      mediaType: 1,
      callStatus: 4,
    });
    // Dave rings everyone in the call.
    const daveRing = world.im.ofType('RC:VCRinging').find((m) => m.from === 'dave');
    expect(sorted(daveRing?.options.directionalUserIdList)).to.deep.equal([
      'alice',
      'bob',
      'carol',
    ]);
  });

  it('invite() when the server says "not in group" fails with NOT_IN_GROUP (22406 → 53203)', async () => {
    const { session } = await aliceCallsGroup();
    // The invitees' automatic Ringing sends must not take the failure meant for the ModifyMem.
    await alice.log.next('ringing', (e) => e.userId === 'bob');
    await alice.log.next('ringing', (e) => e.userId === 'carol');
    world.im.failures.push(22406);
    expect((await session.invite(['dave'])).code).to.equal(RCCallErrorCode.NOT_IN_GROUP);
  });

  it('invite() in a 1:1 call is CONVERSATION_NOT_GROUP_ERROR and sends nothing', async () => {
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType: 1,
      listener: alice.listener,
    });
    expect((await session!.invite(['carol'])).code).to.equal(
      RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR,
    );
    expect(world.im.ofType('RC:VCModifyMem')).to.deep.equal([]);
  });

  it('the call ends for everyone when the inviter cancels before anyone answered', async () => {
    const { session } = await aliceCallsGroup();
    await session.hungup();
    expect(await bob.log.next('hungup')).to.deep.include({ userId: 'alice', reason: 11 });
    expect((await bob.log.next('close')).summary.endReason).to.equal(11);
    expect((await carol.log.next('close')).summary.endReason).to.equal(11);
    const [hangup] = world.im.ofType('RC:VCHangup');
    expect(sorted(hangup.options.directionalUserIdList)).to.deep.equal(['bob', 'carol']);
  });
});
