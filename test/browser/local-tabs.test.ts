import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import {
  createParty,
  destroyAll,
  grows,
  inbound,
  uniqueChannel,
  waitFor,
  type Party,
} from './local-harness.js';
import { itOutsideFirefox } from './helpers/browsers.js';

type PeerOptions = { userId: string; channelName: string; sameContext: true };

/** Bob in another tab of this browser (BroadcastChannel), answering at once; alice calls him. */
async function callOtherTab(): Promise<{ alice: Party; id: string }> {
  const channelName = uniqueChannel();
  const { id } = await executeServerCommand<{ id: string }, PeerOptions>('local-peer-open', {
    userId: 'bob',
    channelName,
    sameContext: true,
  });
  // A tab whose goodbye is lost (Firefox closes the context before it goes out) is given up
  // after the reconnect limit, short here.
  const alice = await createParty('alice', { channelName, reconnectTimeout: 3000 });
  const result = await alice.client.call({
    targetId: 'bob',
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: alice.listener,
  });
  expect(result.code).to.equal(10000);
  alice.session = result.session;
  await waitFor(() => alice.remoteTracks.length === 2, 'alice gets bob’s tracks');
  await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice decodes bob’s video');
  return { alice, id };
}

describe('local backend: tabs of one browser (BroadcastChannel)', () => {
  let parties: Party[] = [];
  let peers: string[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    for (const id of peers) await executeServerCommand('local-peer-close', { id });
    parties = [];
    peers = [];
  });

  it('a tab closed mid-call ends the call on the other side', async () => {
    const { alice, id } = await callOtherTab();
    parties = [alice];
    const pcs = alice.client.inspect().peerConnections;
    expect(pcs).to.have.length(1);
    await executeServerCommand('local-peer-close', { id });
    await waitFor(() => alice.closed.length === 1, 'alice’s call ends', 20_000);
    expect([
      RCCallEndReason.REMOTE_HANGUP,
      RCCallEndReason.NETWORK_ERROR,
      RCCallEndReason.REMOTE_NETWORK_ERROR,
    ]).to.include(alice.closed[0].endReason);
    expect(pcs.map((pc) => pc.connectionState)).to.deep.equal(['closed']);
    expect(alice.client.inspect().peerConnections).to.deep.equal([]);
  });

  itOutsideFirefox('freezing a page needs CDP (Page.setWebLifecycleState)')(
    'a tab that froze (no goodbye, silent past its presence timeout) keeps the call; thawed, it hears us again',
    async () => {
      const { alice, id } = await callOtherTab();
      parties = [alice];
      peers = [id];
      await executeServerCommand('local-peer-freeze', { id });
      // Silent for longer than the presence timeout (7 s): the transport reports bob lost. A
      // frozen page's media goes on (WebRTC runs outside its frozen main thread), so the call does.
      await new Promise((r) => setTimeout(r, 8000));
      await grows(() => inbound(alice, 'video', 'framesDecoded'), 'alice decodes bob meanwhile');
      expect(alice.closed).to.deep.equal([]);
      await executeServerCommand('local-peer-thaw', { id });
      await alice.session!.hungup();
      await waitFor(() => alice.closed.length === 1, 'alice’s call ends');
      const bobClosed = async () =>
        (
          await executeServerCommand<{ closed: number[] }, { id: string }>('local-peer-state', {
            id,
          })
        ).closed;
      let closed: number[] = [];
      await waitUntil(async () => (closed = await bobClosed()).length > 0, 'bob hears the hangup', {
        timeout: 8000,
      });
      expect(closed).to.deep.equal([RCCallEndReason.REMOTE_HANGUP]);
    },
  );
});
