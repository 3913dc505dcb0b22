/**
 * A page without WebRTC (some in-app webviews, Safari's Lockdown Mode, WebKitGTK): here the page's
 * `RTCPeerConnection` is taken away for the test. Nothing rings anywhere: `call()` from the
 * elements fails before sending with `rtc/unsupported`, and an incoming call is declined with
 * ENGINE_UNSUPPORTED (the caller reads REMOTE_ENGINE_UNSUPPORTED).
 */
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../elements/index.js';
import type { CallErrorEventDetail, RcCallClient } from '../../elements/index.js';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import { createParty, destroyAll, uniqueChannel, waitFor, type Party } from './local-harness.js';

const saved = globalThis.RTCPeerConnection;
const withoutWebRTC = () => {
  // @ts-expect-error: the browsers this test stands for have none
  delete globalThis.RTCPeerConnection;
};
const restore = () => {
  globalThis.RTCPeerConnection = saved;
};

describe('a page without WebRTC', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    restore();
    await destroyAll(parties);
    parties = [];
  });

  it('declines an incoming call before it rings; the caller ends with REMOTE_ENGINE_UNSUPPORTED', async () => {
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName, autoAccept: true });
    parties = [alice, bob];
    expect(bob.client.isSupported()).to.equal(true);
    withoutWebRTC(); // bob's page, as it were: alice's engine places the call regardless
    expect(bob.client.isSupported()).to.equal(false);
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(result.code).to.equal(10000);
    await waitFor(() => alice.closed.length === 1 && bob.closed.length === 1, 'both calls end');
    expect(bob.closed[0].endReason).to.equal(RCCallEndReason.ENGINE_UNSUPPORTED);
    expect(alice.closed[0].endReason).to.equal(RCCallEndReason.REMOTE_ENGINE_UNSUPPORTED);
    expect(alice.hungup).to.deep.equal([
      { userId: 'bob', reason: RCCallEndReason.REMOTE_ENGINE_UNSUPPORTED },
    ]);
    expect(bob.localTracks).to.deep.equal([]); // bob never opened a device
    expect(alice.client.inspect().localTracks.every((t) => t.readyState === 'ended')).to.equal(
      true,
    );
  });

  it('<rc-call-client>.call() fails with rtc/unsupported and sends nothing', async () => {
    const channel = { channelName: uniqueChannel() };
    const root = fixtureSync(
      html`<div>
        <rc-call-client backend="local" user-id="un-alice" lang="en" .backendOptions=${channel}>
          <rc-call-session silent></rc-call-session>
        </rc-call-client>
        <rc-call-client backend="local" user-id="un-bob" lang="en" .backendOptions=${channel}>
          <rc-call-session silent></rc-call-session>
        </rc-call-client>
      </div>`,
    );
    const [alice, bob] = [...root.querySelectorAll('rc-call-client')] as RcCallClient[];
    await waitUntil(() => alice.status === 'connected' && bob.status === 'connected');
    const errors: CallErrorEventDetail[] = [];
    alice.addEventListener('callerror', (e) => errors.push(e.detail));
    let bobSessions = 0;
    bob.addEventListener('session', () => bobSessions++);
    withoutWebRTC();
    const error = await alice.call('un-bob', 'video').catch((e: unknown) => e);
    expect((error as { code?: unknown }).code).to.equal('rtc/unsupported');
    expect(errors.map((e) => e.code)).to.deep.equal(['rtc/unsupported']);
    expect(errors[0].message).to.contain('no WebRTC');
    await new Promise((r) => setTimeout(r, 300));
    expect(bobSessions).to.equal(0);
    expect(alice.querySelector('rc-call-session')!.state).to.equal('idle');
    restore();
    // With WebRTC back the same element calls.
    await alice.call('un-bob', 'audio');
    await waitUntil(() => bobSessions === 1, 'bob rings now');
    await alice.querySelector('rc-call-session')!.hangup();
  });
});
