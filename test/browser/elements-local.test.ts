import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../elements/index.js';
import type { RcCallClient, RcCallSession, RcVideoTile } from '../../elements/index.js';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import type { LocalCallClient } from '../../src/local/index.js';
import { part, recordEvents } from './elements/helpers.js';

/** Two `<rc-call-client backend="local">` in one page, on their own BroadcastChannel. */
async function localPair() {
  const channel = { channelName: `elements-local-${Math.random()}` };
  const root = fixtureSync(html`
    <div>
      <rc-call-client
        backend="local"
        user-id="el-alice"
        name="Alice"
        lang="en"
        .backendOptions=${channel}
      >
        <rc-call-session silent></rc-call-session>
      </rc-call-client>
      <rc-call-client
        backend="local"
        user-id="el-bob"
        name="Bob"
        lang="en"
        .backendOptions=${channel}
      >
        <rc-call-session silent></rc-call-session>
      </rc-call-client>
    </div>
  `);
  const [alice, bob] = [...root.querySelectorAll('rc-call-client')] as RcCallClient[];
  await waitUntil(
    () => alice.status === 'connected' && bob.status === 'connected',
    'local clients did not connect',
    { timeout: 10000 },
  );
  const sessionOf = (c: RcCallClient) => c.querySelector('rc-call-session') as RcCallSession;
  return { alice, bob, a: sessionOf(alice), b: sessionOf(bob) };
}

function tiles(s: RcCallSession): RcVideoTile[] {
  return [...s.shadowRoot!.querySelectorAll('rc-video-tile')];
}

/**
 * Frames of real video shown in the tile's `<video>`: by its playback quality (Chromium; a page in a
 * background tab presents none), or counted as presented (Firefox counts no MediaStream frames).
 */
async function framesIn(tile: RcVideoTile): Promise<void> {
  const video = tile.shadowRoot!.querySelector('video')!;
  let frames = 0;
  const count = () => {
    frames++;
    if (frames < 3) video.requestVideoFrameCallback(count);
  };
  video.requestVideoFrameCallback(count);
  const decoded = () => Math.max(frames, video.getVideoPlaybackQuality().totalVideoFrames);
  await waitUntil(() => video.videoWidth > 0 && decoded() > 1, `no frames for ${tile.userId}`, {
    timeout: 10000,
  });
}

describe('elements on the local backend (real WebRTC, fake devices)', () => {
  it('call, ring, accept, video both ways, mute, switch to audio, hang up', async () => {
    const { alice, bob, a, b } = await localPair();
    const doc = recordEvents([
      'ringing',
      'accept',
      'mutechange',
      'mediamodify',
      'hungup',
      'sessionclose',
    ]);

    await alice.call('el-bob', 'video');
    await waitUntil(() => b.state === 'incoming', 'bob is not rung', { timeout: 10000 });
    await waitUntil(() => doc.of('ringing').length === 1, 'alice hears no ringing');
    expect(a.state).to.equal('outgoing');
    expect(part(b, 'name')!.textContent).to.equal('Alice');

    part(b, 'accept')!.click();
    await waitUntil(() => a.state === 'active' && b.state === 'active', 'not connected', {
      timeout: 10000,
    });
    await waitUntil(() => tiles(a).length === 2 && tiles(b).length === 2);
    for (const t of [...tiles(a), ...tiles(b)]) await framesIn(t);
    // Once frames play, the video shows instead of the avatar.
    for (const t of [...tiles(a), ...tiles(b)]) {
      await waitUntil(() => !part(t, 'avatar'), `${t.userId}: avatar still covers the video`);
      expect(part(t, 'video')!.tagName).to.equal('VIDEO');
      expect(t.videoMuted).to.equal(false);
    }
    const remoteAtAlice = tiles(a).find((t) => t.userId === 'el-bob')!;
    expect(remoteAtAlice.shadowRoot!.querySelector('video')!.muted).to.equal(false);
    expect(
      tiles(a)
        .find((t) => t.local)!
        .shadowRoot!.querySelector('video')!.muted,
    ).to.equal(true);
    await expect(a).to.be.accessible();

    part(b, 'mic')!.click();
    await waitUntil(() => doc.of('mutechange').length === 1, 'alice got no mutechange', {
      timeout: 10000,
    });
    expect(doc.of('mutechange')[0].target).to.equal(a);
    expect((doc.of('mutechange')[0].detail as { muteUser: object }).muteUser).to.include({
      userId: 'el-bob',
      muted: true,
      kind: 'audio',
    });
    await waitUntil(() => remoteAtAlice.audioMuted);

    part(a, 'to-audio')!.click();
    await waitUntil(() => doc.of('mediamodify').length === 1, 'bob got no mediamodify', {
      timeout: 10000,
    });
    expect(doc.of('mediamodify')[0].target).to.equal(b);
    expect(doc.of('mediamodify')[0].detail).to.include({ mediaType: RCCallMediaType.AUDIO });
    await waitUntil(() => a.mediaType === 'audio' && b.mediaType === 'audio');
    expect(part(a, 'camera')).to.equal(null);
    // An audio call shows names and avatars, not frozen video.
    for (const t of [...tiles(a), ...tiles(b)]) {
      await waitUntil(() => t.videoMuted && !!part(t, 'avatar'), `${t.userId} still shows video`);
      expect(part(t, 'label')!.textContent).to.match(/Alice|Bob/);
    }

    const during = [alice, bob].map((c) => (c.client as LocalCallClient).inspect());
    const pcsDuring = during.flatMap((d) => d.peerConnections);
    const tracksDuring = during.flatMap((d) => d.localTracks);
    expect(pcsDuring).to.have.length(2);
    expect(tracksDuring).to.have.length(4);
    part(a, 'hangup')!.click();
    await waitUntil(() => doc.of('sessionclose').length === 2, 'sessions did not close', {
      timeout: 10000,
    });
    const [hungup] = doc.of('hungup');
    expect(hungup.target).to.equal(b);
    expect(hungup.detail).to.include({ reason: RCCallEndReason.REMOTE_HANGUP });
    const summaries = new Map(
      doc
        .of('sessionclose')
        .map((e) => [
          e.target,
          (e.detail as { summary: { endReason: number; duration: number; mediaType: number } })
            .summary,
        ]),
    );
    expect(summaries.get(a)!.endReason).to.equal(RCCallEndReason.HANGUP);
    expect(summaries.get(b)!.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect(summaries.get(a)!.duration).to.be.greaterThan(0);
    expect(a.state).to.equal('ended');
    expect(part(b, 'status')!.textContent).to.contain('The other side hung up');

    // Teardown: every device stopped and every peer connection closed on both sides.
    for (const c of [alice, bob]) {
      await waitUntil(
        () => tracksDuring.every((t) => t.readyState === 'ended'),
        'a device is still live',
      );
      await waitUntil(
        () => (c.client as LocalCallClient).inspect().peerConnections.length === 0,
        'a peer connection is still held',
      );
    }
    expect(pcsDuring.map((pc) => pc.signalingState)).to.deep.equal(['closed', 'closed']);
    doc.stop();
  });
});

describe('elements on the local backend: a denied camera and microphone', () => {
  const getUserMedia = navigator.mediaDevices.getUserMedia;
  afterEach(() => {
    navigator.mediaDevices.getUserMedia = getUserMedia;
  });

  it('call() rejects and callerror says media/permission-denied; answering fails the same way and the call ends with 8', async () => {
    const { alice, bob, a, b } = await localPair();
    const errors: { target: EventTarget | null; code: string; cause?: unknown }[] = [];
    const onError = (e: HTMLElementEventMap['callerror']) =>
      errors.push({ target: e.target, code: e.detail.code, cause: e.detail.cause });
    document.addEventListener('callerror', onError);
    const bobClosed: number[] = [];
    bob.addEventListener('sessionclose', (e) =>
      bobClosed.push((e.detail.summary as { endReason: number }).endReason),
    );
    try {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError'));
      let thrown: unknown;
      await alice.call('el-bob', 'video').catch((e: unknown) => (thrown = e));
      expect((thrown as { code?: unknown })?.code).to.equal(53303);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({
        target: alice,
        code: 'media/permission-denied',
        cause: 53303,
      });
      expect(a.state).to.equal('idle');

      // The Invite went out while Alice's devices were being opened, so Bob rang briefly; the
      // failed call was then hung up with 8, which Bob reads as 18.
      await waitUntil(() => bobClosed.length === 1, 'bob still rings', { timeout: 10000 });
      expect(bobClosed).to.deep.equal([RCCallEndReason.REMOTE_GET_MEDIA_RESOURCE_ERROR]);

      // Now Alice's devices work and Bob's are denied as he answers.
      navigator.mediaDevices.getUserMedia = getUserMedia;
      await alice.call('el-bob', 'audio');
      await waitUntil(() => b.state === 'incoming', 'bob is not rung', { timeout: 10000 });
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError'));
      await b.accept();
      await waitUntil(() => bobClosed.length === 2, 'bob did not close', { timeout: 10000 });
      expect(bobClosed[1]).to.equal(RCCallEndReason.GET_MEDIA_RESOURCES_ERROR);
      expect(errors.map((e) => e.code)).to.deep.equal([
        'media/permission-denied',
        'media/permission-denied',
      ]);
      await waitUntil(() => a.state === 'ended' || a.state === 'idle', 'alice still in the call', {
        timeout: 10000,
      });
    } finally {
      document.removeEventListener('callerror', onError);
    }
  });
});
