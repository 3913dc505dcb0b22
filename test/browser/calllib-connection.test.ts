/**
 * A link of a call that goes down mid-call (ours): the memory network's `interrupt`/`restore`
 * report it the way the backends do (`onConnectionChange`), and the engine waits
 * `reconnectTimeout` before it gives the link up.
 */
import { expect } from '@open-wc/testing';
import {
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  type IConnectionStateUser,
} from '../../src/calllib/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../src/testing/index.js';
import { Party, sleep } from './helpers/calllib-harness.js';
import { installClock } from './helpers/fake-clock.js';

const LIMIT = 300;

async function connect(net: MemoryNetwork, a: Party, b: Party) {
  const { code, session } = await a.client.call({
    targetId: b.userId,
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: a.listener(),
  });
  expect(code).to.equal(RCCallErrorCode.SUCCESS);
  await b.next('session');
  expect((await b.sessions[0].accept()).code).to.equal(RCCallErrorCode.SUCCESS);
  await a.next('accept');
  await a.until(() => net.roomMembers(session!.getCallId()).length === 2, 'both in the room');
  return session!;
}

const states = (p: Party) => p.of('connection').map((e) => e.args[0] as IConnectionStateUser);

describe('CallLib: a link that goes down mid-call', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { reconnectTimeout: LIMIT });
    bob = new Party(net, 'bob', { reconnectTimeout: LIMIT });
  });

  it('back within the limit: reconnecting, then connected, at both; the call goes on', async () => {
    const session = await connect(net, alice, bob);
    net.interrupt('alice');
    await alice.until(() => states(alice).length === 1, 'alice sees her link down');
    await bob.until(() => states(bob).length === 1, 'bob sees alice’s link down');
    net.restore('alice');
    await alice.until(() => states(alice).length === 2, 'alice sees it back');
    await bob.until(() => states(bob).length === 2, 'bob sees it back');
    const expected = [
      { userId: 'alice', state: 'reconnecting' },
      { userId: 'alice', state: 'connected' },
    ];
    expect(states(alice)).to.deep.equal(expected);
    expect(states(bob)).to.deep.equal(expected);
    await sleep(LIMIT + 100);
    expect(alice.closes.length + bob.closes.length).to.equal(0);
    expect(alice.of('hungup').length + bob.of('hungup').length).to.equal(0);
    await session.hungup();
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
  });

  it('still down after the limit: NETWORK_ERROR for the one who lost it, REMOTE_NETWORK_ERROR for the other', async () => {
    await connect(net, alice, bob);
    net.interrupt('alice');
    const [a, b] = [await alice.closed(), await bob.closed()];
    expect(a.summary.endReason).to.equal(RCCallEndReason.NETWORK_ERROR);
    expect(b.summary.endReason).to.equal(RCCallEndReason.REMOTE_NETWORK_ERROR);
    expect(bob.of('hungup').map((e) => e.args)).to.deep.equal([
      [{ userId: 'alice' }, RCCallEndReason.REMOTE_NETWORK_ERROR],
    ]);
    expect(net.liveTracks()).to.deep.equal([]);
    // Bob told alice, in the wire's own-side form; she reads it once she is back, ended already.
    const hangup = net.sent.find((s) => s.from === 'bob' && s.signal.messageType === 'RC:VCHangup');
    expect(hangup?.signal.content).to.include({ reason: RCCallEndReason.NETWORK_ERROR });
  });

  it('repeated and unknown reports change nothing', async () => {
    await connect(net, alice, bob);
    net.interrupt('alice');
    net.interrupt('alice');
    await bob.until(() => states(bob).length === 1, 'bob sees alice’s link down');
    net.restore('alice');
    await bob.until(() => states(bob).length === 2, 'bob sees it back');
    await sleep(50);
    expect(states(bob).map((s) => s.state)).to.deep.equal(['reconnecting', 'connected']);
  });

  it('a group call drops only the member whose link stayed down', async () => {
    net.setGroup('g1', ['alice', 'bob', 'carol']);
    const carol = new Party(net, 'carol', { reconnectTimeout: LIMIT });
    const { session } = await alice.client.callInGroup({
      targetId: 'g1',
      userIds: ['bob', 'carol'],
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener(),
    });
    await bob.next('session');
    await carol.next('session');
    await bob.sessions[0].accept();
    await carol.sessions[0].accept();
    await alice.until(() => alice.of('accept').length === 2, 'both accepted');
    await bob.until(() => net.roomMembers(session!.getCallId()).length === 3, 'all in the room');
    net.interrupt('carol');
    expect((await carol.closed()).summary.endReason).to.equal(RCCallEndReason.NETWORK_ERROR);
    for (const p of [alice, bob]) {
      const hungup = await p.next('hungup');
      expect(hungup.args).to.deep.equal([
        { userId: 'carol' },
        RCCallEndReason.REMOTE_NETWORK_ERROR,
      ]);
    }
    await sleep(50);
    expect(alice.closes.length + bob.closes.length).to.equal(0);
  });

  it('waits 30 s by default', async () => {
    alice = new Party(net, 'alice2');
    bob = new Party(net, 'bob2');
    await connect(net, alice, bob);
    const clock = installClock();
    try {
      net.interrupt('alice2');
      await alice.until(() => states(alice).length === 1, 'alice sees her link down');
      await clock.tickAsync(29_000);
      expect(alice.closes).to.deep.equal([]);
      await clock.tickAsync(1_500);
      expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.NETWORK_ERROR);
    } finally {
      clock.uninstall();
    }
  });
});
