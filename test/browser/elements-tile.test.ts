import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../elements/index.js';
import {
  CallStore,
  RCCallEndReason,
  type CallEvent,
  type RcCallSession,
  type RcVideoTile,
} from '../../elements/index.js';
import { FakeTrack } from '../../src/testing/fake-track.js';
import { createMemoryNetwork, part, party, settle, stateIs } from './elements/helpers.js';
import { itOutsideFirefox } from './helpers/browsers.js';

const MARKUP = '<img src=x onerror="window.__pwned=1"><b>Eve</b>';

/** A headless store on the memory network: what a page uses without `<rc-call-client>`. */
const stores: CallStore[] = [];
function headless(net: ReturnType<typeof createMemoryNetwork>, userId: string) {
  const store = new CallStore();
  store.attach(net.createClient(userId, store.installOptions()), userId);
  stores.push(store);
  return store;
}
afterEach(() => stores.splice(0).forEach((s) => s.detach()));

/** Listens on the document until the end of the test (each test removes what it added). */
const documentListeners: [string, EventListener][] = [];
function onDocument<K extends keyof DocumentEventMap>(
  type: K,
  fn: (e: DocumentEventMap[K]) => void,
): void {
  documentListeners.push([type, fn as EventListener]);
  document.addEventListener(type, fn as EventListener);
}
afterEach(() => {
  for (const [type, fn] of documentListeners.splice(0)) document.removeEventListener(type, fn);
});

describe('<rc-video-tile>', () => {
  it('alone with an explicit store: name as text, reflected local/audio-muted/video-muted', async () => {
    const net = createMemoryNetwork();
    const alice = headless(net, 'alice');
    const bob = headless(net, 'bob');
    bob.setProfile({ name: 'Bob B' });
    const session = await alice.call('bob', 'video');
    await waitUntil(() => bob.current?.state.status.phase === 'incoming');
    await bob.current!.accept();
    await waitUntil(
      () =>
        alice.current?.state.status.phase === 'active' &&
        !!alice.current.state.members.get('bob')?.video,
    );
    const callId = session.getCallId();
    const remote = await fixture<RcVideoTile>(
      html`<rc-video-tile .store=${alice} call-id=${callId} user-id="bob"></rc-video-tile>`,
    );
    const self = await fixture<RcVideoTile>(
      html`<rc-video-tile .store=${alice} call-id=${callId} user-id="alice"></rc-video-tile>`,
    );
    expect(remote.hasAttribute('local')).to.equal(false);
    expect(self.hasAttribute('local')).to.equal(true);
    expect(part(remote, 'label')!.textContent).to.equal('Bob B');
    expect(
      self.shadowRoot!.querySelector('video')!.muted,
      'self-view never plays our audio',
    ).to.equal(true);
    expect(getComputedStyle(self.shadowRoot!.querySelector('video')!).transform).to.contain(
      'matrix(-1',
    );
    expect(remote.hasAttribute('audio-muted')).to.equal(false);
    const muted = oneEvent(remote, 'mutechange');
    await bob.get(callId)!.toggleMic();
    expect((await muted).detail.muteUser).to.include({ userId: 'bob', muted: true });
    await remote.updateComplete;
    expect(remote.hasAttribute('audio-muted')).to.equal(true);
    expect(part(remote, 'muted-indicator')!.getAttribute('aria-label')).to.equal('Microphone off');
    await bob.get(callId)!.toggleCamera();
    await waitUntil(() => remote.hasAttribute('video-muted'));
    expect(part(remote, 'avatar')).to.exist;
    await expect(remote).to.be.accessible();
  });

  it('a bad avatar attribute gives config/invalid-avatar once and is not used', async () => {
    const errors: string[] = [];
    const el = await fixture<RcVideoTile>(
      html`<rc-video-tile
        name="Zoe"
        @callerror=${(e: CustomEvent) => errors.push(e.detail.code)}
      ></rc-video-tile>`,
    );
    el.avatar = 'javascript:alert(1)';
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(errors).to.deep.equal(['config/invalid-avatar']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'avatar')!.textContent!.trim()).to.equal('Z');
    el.avatar = 'https://example.com/zoe.png';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')!.getAttribute('src')).to.equal(
      'https://example.com/zoe.png',
    );
  });
});

describe('untrusted user info', () => {
  it('a caller name with markup shows as text, and a javascript: avatar is not used', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice', { name: MARKUP });
    const bob = await party(net, 'bob');
    // Bypass the attribute check, as a hostile peer would: its user info arrives on the wire.
    alice.client.store.setProfile({ name: MARKUP, portraitUri: 'javascript:alert(1)' });
    await alice.client.call('bob', 'video');
    await stateIs(bob, 'incoming');
    const name = part(bob.session, 'name')!;
    expect(name.textContent).to.equal(MARKUP);
    expect(name.querySelector('img, b')).to.equal(null);
    expect(bob.session.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(bob.session, 'avatar')!.tagName).to.equal('DIV');
    await bob.session.accept();
    await stateIs(bob, 'active');
    const tile = [...bob.session.shadowRoot!.querySelectorAll('rc-video-tile')].find(
      (t) => t.userId === 'alice',
    )!;
    await tile.updateComplete;
    expect(part(tile, 'label')!.textContent).to.equal(MARKUP);
    for (const img of tile.shadowRoot!.querySelectorAll('img'))
      expect(img.src).not.to.match(/^javascript:/);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('remove and re-append', () => {
  it('a session element removed mid-call and re-appended shows the call again and gets its sessionclose once', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    await bob.session.accept();
    await stateIs(alice, 'active');
    const el: RcCallSession = alice.session;
    el.remove();
    expect(el.call, 'a removed session shows nothing').to.equal(undefined);
    alice.client.append(el);
    await stateIs(alice, 'active');
    expect(part(el, 'tiles')).to.exist;
    const closes: EventTarget[] = [];
    el.addEventListener('sessionclose', (e) => closes.push(e.target!));
    await bob.session.hangup();
    await stateIs(alice, 'ended');
    await settle(alice, bob);
    expect(closes).to.deep.equal([el]);
  });

  it('a client removed mid-call cancels it (the callee reads 11); re-appended it connects again and can call', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    const parent = alice.client.parentElement!;
    alice.client.remove();
    await stateIs(bob, 'ended');
    expect(bob.session.call!.status).to.include({ reason: RCCallEndReason.REMOTE_CANCEL });
    expect(net.liveTracks('alice')).to.deep.equal([]);
    parent.append(alice.client);
    await waitUntil(() => alice.client.status === 'connected');
    bob.session.endedDuration = 0;
    await stateIs(bob, 'idle');
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    expect(net.liveTracks('alice').length).to.be.greaterThan(0);
  });

  it('a tile removed lets go of its member; re-appended it shows the member and their video again', async () => {
    const net = createMemoryNetwork();
    const alice = headless(net, 'alice');
    const bob = headless(net, 'bob');
    bob.setProfile({ name: 'Bob' });
    const s = await alice.call('bob', 'video');
    await waitUntil(() => bob.current?.state.status.phase === 'incoming');
    await bob.current!.accept();
    await waitUntil(() => !!alice.current?.state.members.get('bob')?.video);
    const tile = await fixture<RcVideoTile>(
      html`<rc-video-tile .store=${alice} call-id=${s.getCallId()} user-id="bob"></rc-video-tile>`,
    );
    expect(tile.videoMuted).to.equal(false);
    const parent = tile.parentElement!;
    tile.remove();
    expect(tile.member, 'a removed tile holds no member').to.equal(undefined);
    parent.append(tile);
    await tile.updateComplete;
    expect(tile.member?.userId).to.equal('bob');
    expect(part(tile, 'label')!.textContent).to.equal('Bob');
    expect(tile.videoMuted).to.equal(false);
  });
});

describe('sound', () => {
  it('autoplay blocked: a "tap to enable sound" button and one callerror autoplay/blocked per client, on the tile; tapping plays', async () => {
    const original = HTMLMediaElement.prototype.play;
    const fakeTrack = FakeTrack.prototype.getMediaStreamTrack;
    let blocked = true;
    let plays = 0;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      plays++;
      return blocked
        ? Promise.reject(new DOMException('no gesture', 'NotAllowedError'))
        : Promise.resolve();
    };
    // The memory network's remote audio gets a real track, so the tile plays it through <video>.
    const audio = new AudioContext();
    const real = audio.createMediaStreamDestination().stream.getAudioTracks()[0];
    FakeTrack.prototype.getMediaStreamTrack = function (this: FakeTrack) {
      return !this.isLocalTrack() && this.isAudioTrack() ? real : undefined;
    };
    try {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice');
      const bob = await party(net, 'bob');
      const errors: [string, EventTarget | null][] = [];
      onDocument('callerror', (e) => errors.push([e.detail.code, e.composedPath()[0]]));
      await alice.client.call('bob', 'audio');
      await stateIs(bob, 'incoming');
      await bob.session.accept();
      await stateIs(alice, 'active');
      await waitUntil(
        () => !!part(alice.session, 'enable-sound') && !!part(bob.session, 'enable-sound'),
      );
      await settle(alice, bob);
      const tileOf = (p: typeof alice, userId: string) =>
        p.session.shadowRoot!.querySelector(`rc-video-tile[user-id=${userId}]`);
      // Each side's tile of the other could not play; each client says so once.
      expect(errors).to.have.deep.members([
        ['autoplay/blocked', tileOf(alice, 'bob')],
        ['autoplay/blocked', tileOf(bob, 'alice')],
      ]);
      await expect(alice.session).to.be.accessible();
      blocked = false;
      const before = plays;
      part(alice.session, 'enable-sound')!.click();
      await waitUntil(() => !part(alice.session, 'enable-sound'));
      expect(plays).to.be.greaterThan(before);
    } finally {
      HTMLMediaElement.prototype.play = original;
      FakeTrack.prototype.getMediaStreamTrack = fakeTrack;
      real.stop();
      await audio.close();
    }
  });

  it('rings while incoming, ringback while outgoing, silent stops it, and any state change stops it', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    alice.session.silent = false;
    bob.session.silent = false;
    const tone = (el: RcCallSession) => (el as unknown as { tone: string | null }).tone;
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    await stateIs(alice, 'outgoing');
    expect(tone(bob.session)).to.equal('ring');
    expect(tone(alice.session)).to.equal('ringback');
    bob.session.silent = true;
    await bob.session.updateComplete;
    expect(tone(bob.session)).to.equal(null);
    await bob.session.accept();
    await stateIs(alice, 'active');
    expect(tone(alice.session)).to.equal(null);
  });
});

describe('attributes of the session and the tile', () => {
  it('a bad lang on a session or a tile: one config/invalid-lang each, the default language, recovery', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice', { lang: 'en' });
    const errors: [string, EventTarget | null][] = [];
    const on = (e: CallEvent<'callerror'>) => errors.push([e.detail.code, e.target]);
    alice.client.addEventListener('callerror', on);
    const tile = await fixture<RcVideoTile>(html`<rc-video-tile name="Zoe"></rc-video-tile>`);
    tile.addEventListener('callerror', on);
    for (const el of [alice.session, tile]) {
      el.lang = 'tlh';
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    }
    expect(errors).to.deep.equal([
      ['config/invalid-lang', alice.session],
      ['config/invalid-lang', tile],
    ]);
    expect(part(alice.session, 'status')!.textContent).to.contain('No active call');
    alice.session.lang = 'zh';
    await alice.session.updateComplete;
    expect(part(alice.session, 'status')!.textContent).to.contain('当前没有通话');
    alice.session.lang = 'tlh';
    await alice.session.updateComplete;
    expect(errors).to.have.length(3);
  });

  it('the client provides its store to the session and its tiles through context', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    expect(alice.session.store).to.equal(alice.client.store);
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    await bob.session.accept();
    await stateIs(alice, 'active');
    for (const t of alice.session.shadowRoot!.querySelectorAll('rc-video-tile'))
      expect(t.store).to.equal(alice.client.store);
  });

  it('tiles the page puts in the session replace the automatic ones', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    const mine = document.createElement('rc-video-tile');
    mine.userId = 'bob';
    alice.session.append(mine);
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    await bob.session.accept();
    await stateIs(alice, 'active');
    await mine.updateComplete;
    expect(alice.session.shadowRoot!.querySelectorAll('rc-video-tile')).to.have.length(0);
    expect(mine.store).to.equal(alice.client.store);
    expect(mine.boundCallId).to.equal(alice.session.boundCallId);
    expect(part(mine, 'label')!.textContent).to.equal('bob');
    expect(mine.getBoundingClientRect().width).to.be.greaterThan(100);
  });
});

describe('ring tones', () => {
  itOutsideFirefox('headless Firefox has no audio output, so its AudioContext never runs')(
    'are made with Web Audio oscillators and stop when the call is answered',
    async () => {
      const started: OscillatorNode[] = [];
      const stopped = new Set<OscillatorNode>();
      const { start, stop } = OscillatorNode.prototype;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...a: [number?]) {
        started.push(this);
        return start.apply(this, a);
      };
      OscillatorNode.prototype.stop = function (this: OscillatorNode, ...a: [number?]) {
        if (a.length === 0) stopped.add(this);
        return stop.apply(this, a);
      };
      try {
        const net = createMemoryNetwork();
        const alice = await party(net, 'alice');
        const bob = await party(net, 'bob');
        bob.session.silent = false;
        await alice.client.call('bob', 'audio');
        await stateIs(bob, 'incoming');
        await waitUntil(() => started.length > 0, 'no oscillator for the ring');
        expect(bob.session.tone).to.equal('ring');
        await bob.session.accept();
        await stateIs(bob, 'active');
        expect(bob.session.tone).to.equal(null);
        expect(
          started.every((o) => stopped.has(o)),
          'every oscillator is stopped',
        ).to.equal(true);
      } finally {
        Object.assign(OscillatorNode.prototype, { start, stop });
      }
    },
  );

  it('a suspended audio context: "tap to enable sound" and one callerror autoplay/blocked; the tap starts the ring', async () => {
    const state = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'state')!;
    const resume = AudioContext.prototype.resume;
    let allowed = false;
    let release = () => {};
    Object.defineProperty(BaseAudioContext.prototype, 'state', {
      configurable: true,
      get: () => (allowed ? 'running' : 'suspended'),
    });
    AudioContext.prototype.resume = function () {
      return allowed ? Promise.resolve() : new Promise<void>((r) => (release = r));
    };
    try {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice');
      const bob = await party(net, 'bob');
      bob.session.silent = false;
      const errors: string[] = [];
      onDocument('callerror', (e) => errors.push(e.detail.code));
      await alice.client.call('bob', 'audio');
      await stateIs(bob, 'incoming');
      await waitUntil(() => !!part(bob.session, 'enable-sound'), 'no enable-sound button', {
        timeout: 3000,
      });
      await settle(bob);
      expect(errors).to.deep.equal(['autoplay/blocked']);
      expect(part(bob.session, 'enable-sound')!.tagName).to.equal('BUTTON');
      await expect(bob.session).to.be.accessible();
      allowed = true;
      release();
      part(bob.session, 'enable-sound')!.click();
      await waitUntil(() => !part(bob.session, 'enable-sound'));
      expect(bob.session.tone).to.equal('ring');
    } finally {
      Object.defineProperty(BaseAudioContext.prototype, 'state', state);
      AudioContext.prototype.resume = resume;
    }
  });
});
