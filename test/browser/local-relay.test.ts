import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import { createLocalCallClient, type LocalTransportStatus } from '../../src/local/index.js';
import { createParty, destroyAll, grows, inbound, waitFor, type Party } from './local-harness.js';

interface PeerReport {
  hungup: Array<[string, number]>;
  closed: number[];
  tracks: Array<[string, string]>;
  status: string;
  framesDecoded: number;
  packetsReceived: number;
}

const peerState = (id: string) =>
  executeServerCommand<PeerReport, { id: string }>('local-peer-state', { id });

describe('local backend: relay between two browser contexts', () => {
  let parties: Party[] = [];
  let peers: string[] = [];
  let signal: string;

  before(async () => {
    ({ signalUrl: signal } = await executeServerCommand<{ signalUrl: string }, undefined>(
      'local-relay-start',
    ));
  });
  afterEach(async () => {
    await destroyAll(parties);
    for (const id of peers) await executeServerCommand('local-peer-close', { id });
    parties = [];
    peers = [];
  });
  after(() => executeServerCommand('local-relay-stop'));

  it('refuses a signal URL that is not ws:// or wss://', async () => {
    const error = await createLocalCallClient({
      userId: 'alice',
      signal: 'http://127.0.0.1/signal',
      onSession: () => undefined,
      onSessionClose: () => undefined,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(String(error)).to.contain('ws://');
  });

  it('calls a user in another browser context; closing that context ends the call with a reason', async () => {
    const { id } = await executeServerCommand<{ id: string }, { userId: string; signal: string }>(
      'local-peer-open',
      {
        userId: 'bob',
        signal,
      },
    );
    peers.push(id);
    const alice = await createParty('alice', { signal });
    parties = [alice];
    expect(alice.client.getStatus()).to.equal('connected');
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(result.code).to.equal(10000);
    alice.session = result.session;

    await waitFor(() => alice.remoteTracks.length === 2, 'alice gets bob’s audio and video');
    await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice decodes bob’s video');
    await grows(() => inbound(alice, 'audio', 'packetsReceived'), 'alice receives bob’s audio');
    await waitUntil(
      async () => {
        const bob = await peerState(id);
        return bob.framesDecoded > 0 && bob.packetsReceived > 0;
      },
      'bob decodes alice’s video and receives her audio',
      { timeout: 8000, interval: 200 },
    );

    const { peerConnections: pcs, localTracks } = alice.client.inspect();
    expect(pcs).to.have.length(1);
    expect(localTracks).to.have.length(2);
    await executeServerCommand('local-peer-close', { id });
    peers = [];
    await waitFor(
      () => alice.closed.length === 1,
      'alice’s call ends after bob’s tab closed',
      15_000,
    );
    expect([
      RCCallEndReason.REMOTE_HANGUP,
      RCCallEndReason.NETWORK_ERROR,
      RCCallEndReason.REMOTE_NETWORK_ERROR,
    ]).to.include(alice.closed[0].endReason);
    const state = alice.client.inspect();
    expect(localTracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    expect(pcs.map((pc) => pc.connectionState)).to.deep.equal(['closed']);
    expect(state.peerConnections).to.deep.equal([]);
  });

  it('shows its status and reconnects when the relay comes back', async () => {
    const statuses: LocalTransportStatus[] = [];
    const alice = await createParty('alice', { signal, onStatusChange: (s) => statuses.push(s) });
    parties = [alice];
    expect(alice.client.getStatus()).to.equal('connected');
    const port = Number(new URL(signal).port);
    await executeServerCommand('local-relay-stop');
    await waitFor(
      () => alice.client.getStatus() === 'disconnected',
      'alice notices the relay is gone',
    );
    await executeServerCommand('local-relay-start', { port });
    await waitFor(() => alice.client.getStatus() === 'connected', 'alice reconnects', 15_000);
    expect(statuses.slice(-1)).to.deep.equal(['connected']);
    expect(statuses).to.include('disconnected');
  });
});
