/**
 * TURN credentials from the relay (issue 16): a relay with `turn` ({urls, secret}, as
 * `RC_TURN_URLS`/`RC_TURN_SECRET`) hands each client short-lived credentials of the TURN REST
 * scheme in its welcome, and the local backend uses them without any page code. Real coturn
 * (`use-auth-secret`) on loopback; both parties relay-only, so media can only flow through it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../elements/index.js';
import type { RcCallClient } from '../../elements/index.js';
import {
  connections,
  createParty,
  destroyAll,
  grows,
  inbound,
  videoCall,
  waitFor,
  type Party,
} from './local-harness.js';

const TURN_SECRET = 'turn-shared-secret-0123456789';

interface Turn {
  urls: string;
  port: number;
  missing?: true;
}

const relayOnly: RTCConfiguration = { iceTransportPolicy: 'relay' };

/** coturn sharing `TURN_SECRET`, and a relay of our own minting credentials with `secret`. */
async function relayWithTurn(secret: string): Promise<string> {
  const turn = await executeServerCommand<Turn, { authSecret: string }>('turn-start', {
    authSecret: TURN_SECRET,
  });
  expect(turn.missing, 'coturn is installed (npm test installs it as root)').to.equal(undefined);
  const { signalUrl } = await executeServerCommand<
    { signalUrl: string },
    { key: string; turn: { urls: string[]; secret: string; ttl: number } }
  >('local-relay-start', { key: 'turn', turn: { urls: [turn.urls], secret, ttl: 600 } });
  return signalUrl;
}

/** The candidate types of the connection's selected pair. */
async function selectedPair(pc: RTCPeerConnection): Promise<string[]> {
  const stats = new Map<string, Record<string, unknown>>();
  (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s.id), s));
  const pair = [...stats.values()].find(
    (s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated,
  );
  if (!pair) return [];
  return [pair.localCandidateId, pair.remoteCandidateId].map((id) =>
    String(stats.get(String(id))?.candidateType),
  );
}

describe('local backend: TURN credentials from the relay', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
    await executeServerCommand('local-relay-stop', { key: 'turn' });
    await executeServerCommand('turn-kill', { authSecret: TURN_SECRET });
  });

  it('a relay-only call flows through coturn with the credentials of the welcome', async () => {
    const signal = await relayWithTurn(TURN_SECRET);
    parties = await videoCall(undefined, { signal, rtcConfiguration: relayOnly });
    const [alice, bob] = parties;
    const up = (p: Party) => connections(p)[0]?.connectionState === 'connected';
    await waitFor(() => up(alice) && up(bob), 'both connections up', 15_000);
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob decodes alice');
    await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice decodes bob');
    const pc = connections(alice)[0];
    expect(await selectedPair(pc)).to.deep.equal(['relay', 'relay']);
    // The page gave no ICE server: this one is the relay's, `expiry:userId`, ten minutes ahead.
    const [server] = pc.getConfiguration().iceServers ?? [];
    const [expiry, user] = String(server?.username).split(':');
    expect(user).to.equal('alice');
    expect(Number(expiry) * 1000 - Date.now()).to.be.within(590_000, 601_000);
  });

  it('credentials the TURN server refuses give network/turn-failed, to the backend and the element', async () => {
    const signal = await relayWithTurn('not-the-turn-servers-secret');
    const errors: { code: string; message: string }[] = [];
    const bob = await createParty('bob', {
      signal,
      rtcConfiguration: relayOnly,
      autoAccept: true,
      onNetworkError: (e) => errors.push(e),
    });
    parties = [bob];
    const seen: { code: string; message: string }[] = [];
    const alice = await fixture<RcCallClient>(html`
      <rc-call-client
        backend="local"
        user-id="alice"
        signal-url=${signal}
        .backendOptions=${{ rtcConfiguration: relayOnly }}
        @callerror=${(e: CustomEvent<{ code: string; message: string }>) => seen.push(e.detail)}
      >
        <rc-call-session silent></rc-call-session>
      </rc-call-client>
    `);
    await waitUntil(() => alice.status === 'connected', 'alice did not connect', {
      timeout: 10000,
    });
    await alice.call('bob', 'audio');
    await waitUntil(() => seen.length > 0 && errors.length > 0, 'no network/turn-failed', {
      timeout: 20000,
    });
    for (const error of [seen[0], errors[0]]) {
      expect(error.code).to.equal('network/turn-failed');
      expect(error.message).to.match(/No relay address from the TURN server turn:127\.0\.0\.1/);
    }
    await alice.disconnect();
  });
});
