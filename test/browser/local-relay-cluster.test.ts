/**
 * Two relays as one through Redis (issue 16), for real: redis-server, relays A and B in processes
 * of their own, and a TCP balancer in front. Alice connects through the balancer (to A), bob to B;
 * they call. A is SIGKILLed mid-call: alice's socket breaks, she reconnects through the balancer
 * (now to B) and keeps her call: media flows on and signals go both ways again.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  connections,
  destroyAll,
  grows,
  inbound,
  waitFor,
  videoCall,
  type Party,
} from './local-harness.js';

interface Cluster {
  balancedUrl: string;
  aUrl: string;
  bUrl: string;
}

describe('local backend: two relays through Redis', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
    await executeServerCommand('local-cluster-stop');
  });

  it('alice on relay A calls bob on relay B; A is killed and alice keeps her call on B', async function () {
    // Processes to start, a call, a reconnection: more than the default 20 s in a loaded run.
    this.timeout(60_000);
    const cluster = await executeServerCommand<Cluster, undefined>('local-cluster-start');
    const [alice, bob] = await videoCall(
      undefined,
      { signal: cluster.balancedUrl },
      { signal: cluster.bUrl },
    );
    parties = [alice, bob];
    const up = (p: Party) => connections(p)[0]?.connectionState === 'connected';
    await waitFor(() => up(alice) && up(bob), 'both connections up', 15_000);
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob decodes alice');

    await executeServerCommand('local-cluster-kill-a');
    await waitFor(() => alice.client.getStatus() !== 'connected', 'alice sees A gone', 10_000);
    await waitFor(() => alice.client.getStatus() === 'connected', 'alice is back, on B', 15_000);
    expect(alice.closed).to.deep.equal([]);
    expect(bob.closed).to.deep.equal([]);

    // Signals go both ways through B and Redis, and media never stopped.
    await alice.session!.disableAudioTrack();
    await waitFor(
      () => bob.mutes.some((m) => m.userId === 'alice' && m.kind === 'audio' && m.muted),
      'bob sees alice mute',
      10_000,
    );
    await bob.session!.disableVideoTrack();
    await waitFor(
      () => alice.mutes.some((m) => m.userId === 'bob' && m.kind === 'video' && m.muted),
      'alice sees bob turn the camera off',
      10_000,
    );
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob still decodes alice');
    expect(alice.closed).to.deep.equal([]);
    expect(alice.session!.getState()).to.equal(bob.session!.getState());
  });
});
