/**
 * A call whose link goes down: `<rc-call-session state="reconnecting">` with its banner and live
 * region, the member's tile reflects `reconnecting`, `connectionstate` events; back to `active`,
 * or, after `reconnect-timeout`, the ended screen with the network reason. The memory network's
 * `interrupt`/`restore` drive it the way the backends report it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ConnectionStateEventDetail, RcVideoTile } from '../../elements/index.js';
import { RCCallEndReason } from '../../src/calllib/index.js';
import {
  createMemoryNetwork,
  part,
  party,
  settle,
  stateIs,
  type MemoryNetwork,
  type Party,
} from './elements/helpers.js';

async function activeCall(net: MemoryNetwork, reconnectTimeout = '') {
  const alice = await party(net, 'alice', { name: 'Alice', reconnectTimeout });
  const bob = await party(net, 'bob', { name: 'Bob', reconnectTimeout });
  await alice.client.call('bob', 'video');
  await stateIs(bob, 'incoming');
  await bob.session.accept();
  await stateIs(alice, 'active');
  await stateIs(bob, 'active');
  await waitUntil(() => net.roomMembers(alice.client.session!.getCallId()).length === 2);
  return { alice, bob };
}

const tileOf = (p: Party, userId: string) =>
  [...p.session.shadowRoot!.querySelectorAll<RcVideoTile>('rc-video-tile')].find(
    (t) => t.userId === userId && !t.screen,
  );
const live = (p: Party) => p.session.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();

function recordLinks(p: Party) {
  const seen: Array<ConnectionStateEventDetail & { target: string }> = [];
  p.client.addEventListener('connectionstate', (e) => {
    const { userId, state, session } = e.detail;
    const target = (e.composedPath()[0] as Element).tagName.toLowerCase();
    seen.push({ userId, state, session, target });
  });
  return seen;
}

describe('<rc-call-session>: a link that goes down', () => {
  it('shows reconnecting (state, banner, live region, tile) and goes back to active', async () => {
    const net = createMemoryNetwork();
    const { alice, bob } = await activeCall(net);
    const seen = recordLinks(bob);
    net.interrupt('alice');
    await stateIs(bob, 'reconnecting');
    await stateIs(alice, 'reconnecting');
    await settle(alice, bob);
    expect(part(bob.session, 'banner')?.textContent?.trim()).to.equal('Reconnecting…');
    expect(live(bob)).to.equal('Reconnecting…');
    expect(tileOf(bob, 'alice')!.hasAttribute('reconnecting')).to.equal(true);
    expect(tileOf(bob, 'bob')!.hasAttribute('reconnecting')).to.equal(false);
    // Alice's own link: her own tile says so.
    expect(tileOf(alice, 'alice')!.hasAttribute('reconnecting')).to.equal(true);
    await expect(bob.session).to.be.accessible();

    net.restore('alice');
    await stateIs(bob, 'active');
    await stateIs(alice, 'active');
    await settle(alice, bob);
    expect(part(bob.session, 'banner')).to.equal(null);
    expect(live(bob)).to.equal('Connection restored');
    expect(tileOf(bob, 'alice')!.hasAttribute('reconnecting')).to.equal(false);
    expect(seen.map(({ userId, state, target }) => ({ userId, state, target }))).to.deep.equal([
      { userId: 'alice', state: 'reconnecting', target: 'rc-video-tile' },
      { userId: 'alice', state: 'connected', target: 'rc-video-tile' },
    ]);
    expect(seen[0].session).to.equal(bob.client.session);
  });

  it('not back within reconnect-timeout: the ended screen gives the network reason at both', async () => {
    const net = createMemoryNetwork();
    const { alice, bob } = await activeCall(net, '0.3');
    net.interrupt('alice');
    await stateIs(alice, 'ended');
    await stateIs(bob, 'ended');
    expect(alice.session.call!.status).to.include({ reason: RCCallEndReason.NETWORK_ERROR });
    expect(bob.session.call!.status).to.include({
      reason: RCCallEndReason.REMOTE_NETWORK_ERROR,
    });
    expect(part(alice.session, 'status')!.textContent).to.contain('Network problem');
    expect(part(bob.session, 'status')!.textContent).to.contain('The other side lost the network');
    expect(net.liveTracks()).to.deep.equal([]);
  });

  it('a bad reconnect-timeout gives callerror and the default', async () => {
    const net = createMemoryNetwork();
    const errors: string[] = [];
    document.addEventListener('callerror', (e) => errors.push(e.detail.message), { once: true });
    await party(net, 'carol', { reconnectTimeout: 'soon' });
    expect(errors).to.deep.equal([
      'reconnect-timeout="soon" must be seconds between 0 and 3600; using 30',
    ]);
  });
});

describe('<rc-video-tile>: network quality', () => {
  it('reflects quality, shows a badge with its name for fair/poor/lost, and dispatches networkquality', async () => {
    const net = createMemoryNetwork();
    const { alice, bob } = await activeCall(net);
    const seen: Array<{ userId: string; quality: string; target: string }> = [];
    bob.client.addEventListener('networkquality', (e) => {
      const target = (e.composedPath()[0] as Element).tagName.toLowerCase();
      seen.push({ userId: e.detail.userId, quality: e.detail.quality, target });
    });
    net.setQuality('alice', 'poor');
    await waitUntil(
      () => tileOf(bob, 'alice')?.getAttribute('quality') === 'poor',
      'alice poor at bob',
    );
    await settle(alice, bob);
    const badge = tileOf(bob, 'alice')!.shadowRoot!.querySelector('[part="quality"]');
    expect(badge?.getAttribute('aria-label')).to.equal('Poor network');
    // Alice's own tile shows her uplink.
    expect(tileOf(alice, 'alice')!.getAttribute('quality')).to.equal('poor');
    await expect(tileOf(bob, 'alice')!).to.be.accessible();
    net.setQuality('alice', 'good');
    await waitUntil(() => tileOf(bob, 'alice')?.getAttribute('quality') === 'good', 'good again');
    await settle(bob);
    expect(tileOf(bob, 'alice')!.shadowRoot!.querySelector('[part="quality"]')).to.equal(null);
    expect(seen).to.deep.equal([
      { userId: 'alice', quality: 'poor', target: 'rc-video-tile' },
      { userId: 'alice', quality: 'good', target: 'rc-video-tile' },
    ]);
  });
});
