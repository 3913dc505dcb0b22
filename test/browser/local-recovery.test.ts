/**
 * A connection that breaks mid-call. Loopback ICE does not fail on its own, so the peer connection's
 * reported state is made to read `failed`/`disconnected` for a moment (an own property shadowing the
 * prototype getter) and its state-change event is fired; everything else is real: the ICE restart
 * renegotiates with new credentials, media flows on, or the member is given up after the limit
 * (`reconnectTimeout`, short here).
 */
import { expect } from '@open-wc/testing';
import { RCCallEndReason } from '../../src/calllib/index.js';
import { RESTART_MS } from '../../src/local/peer.js';
import {
  connections,
  destroyAll,
  grows,
  inbound,
  videoCall,
  waitFor,
  type Party,
} from './local-harness.js';

/** Makes `pc[property]` read `value` while the event of that state change is dispatched. */
function pretend(
  pc: RTCPeerConnection,
  property: 'iceConnectionState' | 'connectionState',
  value: string,
): () => void {
  Object.defineProperty(pc, property, { configurable: true, get: () => value });
  pc.dispatchEvent(new Event(property.toLowerCase().replace('state', 'statechange')));
  return () => delete (pc as unknown as Record<string, unknown>)[property];
}

/** Mid-call means connected: remote tracks are announced before the connection is up. */
const up = (pc: RTCPeerConnection) =>
  waitFor(() => pc.connectionState === 'connected', 'the connection comes up');

const LIMIT = 1500;

const ufrag = (pc: RTCPeerConnection) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription!.sdp)?.[1];

describe('local backend: a connection that breaks mid-call', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
  });

  it('a failed ICE connection restarts ICE with new credentials and the call goes on', async () => {
    parties = await videoCall();
    const [alice, bob] = parties;
    const [pc] = connections(alice);
    await up(pc);
    const before = ufrag(pc);
    let restarts = 0;
    const restartIce = pc.restartIce.bind(pc);
    pc.restartIce = () => {
      restarts++;
      restartIce();
    };
    const restore = pretend(pc, 'iceConnectionState', 'failed');
    restore();
    expect(restarts).to.equal(1);
    await waitFor(
      () => ufrag(pc) !== before && pc.signalingState === 'stable',
      'renegotiated with new ICE credentials',
    );
    await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice still decodes bob');
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob still decodes alice');
    expect(alice.closed.length + bob.closed.length).to.equal(0);
  });

  it('a connection back within the limit keeps the member, and says so on the way', async () => {
    parties = await videoCall(undefined, { reconnectTimeout: LIMIT });
    const [alice, bob] = parties;
    const [pc] = connections(alice);
    await up(pc);
    const restore = pretend(pc, 'connectionState', 'disconnected');
    expect(alice.links).to.deep.equal([{ userId: 'bob', state: 'reconnecting' }]);
    restore();
    pc.dispatchEvent(new Event('connectionstatechange')); // really `connected` again
    expect(alice.links.map((l) => l.state)).to.deep.equal(['reconnecting', 'connected']);
    await new Promise((r) => setTimeout(r, LIMIT + 500));
    expect(alice.hungup).to.deep.equal([]);
    expect(alice.closed.length + bob.closed.length).to.equal(0);
    await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice still decodes bob');
  });

  it('a connection down for a while restarts ICE again and again', async () => {
    parties = await videoCall(undefined, { reconnectTimeout: 4 * RESTART_MS });
    const [alice] = parties;
    const [pc] = connections(alice);
    await up(pc);
    let restarts = 0;
    const restartIce = pc.restartIce.bind(pc);
    pc.restartIce = () => {
      restarts++;
      restartIce();
    };
    const restore = pretend(pc, 'connectionState', 'disconnected');
    await waitFor(() => restarts >= 2, 'two ICE restarts', 3 * RESTART_MS + 2000);
    restore();
    pc.dispatchEvent(new Event('connectionstatechange'));
    const counted = restarts;
    await new Promise((r) => setTimeout(r, RESTART_MS + 500));
    expect(restarts).to.equal(counted);
    expect(alice.closed).to.deep.equal([]);
  });

  it('a connection still down after the limit ends the 1:1 call with the network reason at both', async () => {
    parties = await videoCall(undefined, { reconnectTimeout: LIMIT });
    const [alice, bob] = parties;
    const [pc] = connections(alice);
    await up(pc);
    const { localTracks } = alice.client.inspect();
    pretend(pc, 'connectionState', 'failed'); // stays failed for alice's backend
    await waitFor(() => alice.closed.length === 1, 'alice’s call ends', LIMIT + 5000);
    expect(alice.hungup).to.deep.equal([
      { userId: 'bob', reason: RCCallEndReason.REMOTE_NETWORK_ERROR },
    ]);
    expect(alice.closed[0].endReason).to.equal(RCCallEndReason.REMOTE_NETWORK_ERROR);
    // Bob's own connection is fine: he hears it from alice's Hangup (7, read as 17).
    await waitFor(() => bob.closed.length === 1, 'bob’s call ends');
    expect(bob.closed[0].endReason).to.equal(RCCallEndReason.REMOTE_NETWORK_ERROR);
    expect(alice.client.inspect().peerConnections).to.deep.equal([]);
    expect(localTracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
  });
});
