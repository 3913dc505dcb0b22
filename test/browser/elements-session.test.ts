import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CallStore, type RcCallSession, type RcVideoTile } from '../../elements/index.js';
import { RCCallEndReason } from '../../src/calllib/index.js';
import { installClock } from './helpers/fake-clock.js';
import {
  createMemoryNetwork,
  part,
  party,
  settle,
  stateIs,
  type Party,
} from './elements/helpers.js';

async function connectedPair(lang = 'en') {
  const net = createMemoryNetwork();
  const alice = await party(net, 'alice', { lang, name: 'Alice' });
  const bob = await party(net, 'bob', { lang, name: 'Bob' });
  return { net, alice, bob };
}

async function startCall(alice: Party, bob: Party, media: 'audio' | 'video' = 'video') {
  await alice.client.call('bob', media);
  await stateIs(alice, 'outgoing');
  await stateIs(bob, 'incoming');
}

for (const lang of ['en', 'zh']) {
  describe(`<rc-call-session> states (${lang})`, () => {
    it('idle: shows that there is no call and passes axe', async () => {
      const { alice } = await connectedPair(lang);
      expect(alice.session.state).to.equal('idle');
      expect(part(alice.session, 'status')!.textContent).to.contain(
        lang === 'en' ? 'No active call' : '当前没有通话',
      );
      await expect(alice.session).to.be.accessible();
    });

    it('incoming and outgoing: caller and callee screens, accessible', async () => {
      const { alice, bob } = await connectedPair(lang);
      await startCall(alice, bob);
      expect(bob.session.getAttribute('media-type')).to.equal('video');
      expect(part(bob.session, 'name')!.textContent).to.equal('Alice');
      for (const p of ['accept', 'accept-audio', 'decline'])
        expect(part(bob.session, p), p).to.exist;
      expect(part(bob.session, 'accept')!.tagName).to.equal('BUTTON');
      await expect(bob.session).to.be.accessible();
      expect(part(alice.session, 'hangup')).to.exist;
      await expect(alice.session).to.be.accessible();
    });

    it('active: tiles, timer and controls, accessible; ended shows the reason', async () => {
      const { alice, bob } = await connectedPair(lang);
      await startCall(alice, bob);
      part(bob.session, 'accept')!.click();
      await stateIs(bob, 'active');
      await stateIs(alice, 'active');
      for (const p of ['mic', 'camera', 'to-audio', 'hangup', 'timer', 'tiles']) {
        expect(part(alice.session, p), p).to.exist;
      }
      expect(part(alice.session, 'invite')).to.equal(null);
      const tiles = alice.session.shadowRoot!.querySelectorAll('rc-video-tile');
      expect([...tiles].map((t) => t.userId).sort()).to.deep.equal(['alice', 'bob']);
      await expect(alice.session).to.be.accessible();
      part(bob.session, 'hangup')!.click();
      await stateIs(alice, 'ended');
      await stateIs(bob, 'ended');
      const expected = lang === 'en' ? 'The other side hung up' : '对方已挂断';
      expect(part(alice.session, 'status')!.textContent).to.contain(expected);
      expect(alice.session.call!.status).to.include({ reason: RCCallEndReason.REMOTE_HANGUP });
      await expect(alice.session).to.be.accessible();
      await expect(bob.session).to.be.accessible();
    });
  });
}

describe('<rc-call-session> behaviour', () => {
  it('shows the ended screen for endedDuration, then idle', async () => {
    const { alice, bob } = await connectedPair();
    alice.session.endedDuration = 10_000;
    await startCall(alice, bob);
    const clock = installClock();
    try {
      part(bob.session, 'decline')!.click();
      await stateIs(alice, 'ended');
      expect(part(alice.session, 'status')!.textContent).to.contain('Call declined');
      clock.tick(9_000);
      await alice.session.updateComplete;
      expect(alice.session.state, 'still ended before endedDuration').to.equal('ended');
      clock.tick(1_000);
      await stateIs(alice, 'idle');
      expect(alice.session.call).to.equal(undefined);
    } finally {
      clock.uninstall();
    }
  });

  it('keeps a toggle pending until the engine confirms it', async () => {
    const { alice, bob } = await connectedPair();
    await startCall(alice, bob);
    await bob.session.accept();
    await stateIs(alice, 'active');
    const mic = part(alice.session, 'mic')!;
    expect(mic.getAttribute('aria-label')).to.equal('Mute microphone');
    mic.click();
    await alice.session.updateComplete;
    expect(alice.session.call!.mic).to.deep.equal({ on: true, pending: true });
    expect(
      bob.session.shadowRoot!.querySelector<RcVideoTile>('rc-video-tile[user-id=alice]')!
        .audioMuted,
    ).to.equal(false, 'the tile follows the confirmed state, not the click');
    expect(part(alice.session, 'mic')!.getAttribute('aria-busy')).to.equal('true');
    await settle(alice, bob);
    await stateIs(alice, 'active');
    expect(alice.session.call!.mic).to.deep.equal({ on: false, pending: false });
    expect(part(alice.session, 'mic')!.getAttribute('aria-label')).to.equal('Unmute microphone');
  });

  it('accept audio only makes it an audio call on both sides', async () => {
    const { alice, bob } = await connectedPair();
    await startCall(alice, bob);
    part(bob.session, 'accept-audio')!.click();
    await stateIs(bob, 'active');
    await stateIs(alice, 'active');
    await settle(alice, bob);
    expect(bob.session.mediaType).to.equal('audio');
    expect(alice.session.mediaType).to.equal('audio');
    expect(part(alice.session, 'camera')).to.equal(null);
  });
});

describe('<rc-call-session> more', () => {
  it('alone, with an explicit store instead of context, and bound by call-id', async () => {
    const net = createMemoryNetwork();
    const store = new CallStore();
    store.setLocale({ lang: 'en' });
    store.attach(net.createClient('bob', store.installOptions()), 'bob');
    const alice = await party(net, 'alice', { name: 'Alice' });
    const el = await fixture<RcCallSession>(html`<rc-call-session silent></rc-call-session>`);
    el.store = store;
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    const session = await alice.client.call('bob', 'audio');
    await waitUntil(() => el.state === 'incoming');
    const byId = await fixture<RcCallSession>(
      html`<rc-call-session
        silent
        .store=${store}
        call-id=${session.getCallId()}
      ></rc-call-session>`,
    );
    const other = await fixture<RcCallSession>(
      html`<rc-call-session silent .store=${store} call-id="no-such-call"></rc-call-session>`,
    );
    expect(byId.state).to.equal('incoming');
    expect(other.state).to.equal('idle');
    part(el, 'accept')!.click();
    await waitUntil(() => el.state === 'active' && byId.state === 'active');
    await stateIs(alice, 'active');
    await el.updateComplete;
    expect(
      [...el.shadowRoot!.querySelectorAll('rc-video-tile')].map((t) => t.userId).sort(),
    ).to.deep.equal(['alice', 'bob']);
    await expect(el).to.be.accessible();
  });

  it('the timer counts each second from the connection; the ended screen shows the duration', async () => {
    const { alice, bob } = await connectedPair();
    await startCall(alice, bob, 'audio');
    // Alice's session element starts its ticking when it is connected: put it back under the clock.
    const clock = installClock();
    const parent = alice.session.parentElement!;
    alice.session.remove();
    parent.append(alice.session);
    try {
      await bob.session.accept();
      await stateIs(alice, 'active');
      const timer = () => part(alice.session, 'timer')!.textContent;
      expect(timer()).to.equal('00:00');
      clock.tick(1_000);
      await alice.session.updateComplete;
      expect(timer()).to.equal('00:01');
      clock.tick(3_724_000);
      await alice.session.updateComplete;
      expect(timer()).to.equal('1:02:05');
      await bob.session.hangup();
      await stateIs(alice, 'ended');
      const status = alice.session.call!.status;
      if (status.phase !== 'ended') throw new Error('not ended');
      // The engine measured the call on the same (fake) clock: 1:02:05 and a little.
      expect(status.summary.duration).to.be.within(3_725_000, 3_726_000);
      expect(part(alice.session, 'timer')!.textContent).to.equal('1:02:05');
    } finally {
      clock.uninstall();
    }
  });

  it('every toggle stays pending until the engine confirms it', async () => {
    const { alice, bob } = await connectedPair();
    await startCall(alice, bob);
    part(bob.session, 'accept')!.click();
    await bob.session.updateComplete;
    expect(bob.session.call!.pending.accept).to.equal(true);
    expect(part(bob.session, 'accept')!.getAttribute('aria-busy')).to.equal('true');
    expect(bob.session.state, 'not active before the engine answers').to.equal('incoming');
    await stateIs(bob, 'active');
    await stateIs(alice, 'active');
    for (const [p, flag] of [
      ['camera', () => alice.session.call!.camera.pending],
      ['to-audio', () => alice.session.call!.pending.toAudio],
      ['hangup', () => alice.session.call!.pending.hangup],
    ] as const) {
      const before = alice.session.mediaType;
      part(alice.session, p)!.click();
      await alice.session.updateComplete;
      expect(flag(), p).to.equal(true);
      expect(part(alice.session, p)!.getAttribute('aria-busy'), p).to.equal('true');
      if (p === 'camera') expect(alice.session.call!.camera.on).to.equal(true);
      if (p === 'to-audio') expect(alice.session.mediaType).to.equal(before);
      await settle(alice, bob);
      await waitUntil(() => !flag());
    }
    await stateIs(alice, 'ended');
    expect(alice.session.call!.camera.on).to.equal(false);
    expect(alice.session.call!.mediaType).to.equal('audio');
  });

  it('each member keeps the same tile element as tiles reorder, join and leave', async () => {
    const net = createMemoryNetwork();
    const ids = ['host', 'u1', 'u2', 'u3'];
    const [host, u1, u2, u3] = await Promise.all(ids.map((id) => party(net, id)));
    net.setGroup('g', ids);
    await host.client.callInGroup('g', ['u1', 'u2', 'u3'], 'audio');
    await Promise.all([u1, u2, u3].map((p) => stateIs(p, 'incoming')));
    const tiles = () =>
      [...host.session.shadowRoot!.querySelectorAll('rc-video-tile')].map((t) => ({
        id: t.userId,
        el: t,
      }));
    await u2.session.accept();
    await stateIs(host, 'active');
    await waitUntil(() => tiles().length === 4, 'four tiles');
    const first = tiles();
    // Connected members first, then the invited ones, then self.
    expect(first.map((t) => t.id)).to.eql(['u2', 'u1', 'u3', 'host']);
    const byId = new Map(first.map((t) => [t.id, t.el]));
    await u3.session.accept();
    await waitUntil(() => tiles()[1]?.id === 'u3', 'u3 moves up once connected');
    expect(tiles().map((t) => t.id)).to.eql(['u2', 'u3', 'u1', 'host']);
    for (const t of tiles()) expect(t.el, t.id).to.equal(byId.get(t.id));
    await u1.session.decline();
    await waitUntil(() => tiles().length === 3, 'u1 leaves the grid');
    expect(tiles().map((t) => t.id)).to.eql(['u2', 'u3', 'host']);
    for (const t of tiles()) expect(t.el, t.id).to.equal(byId.get(t.id));
    for (const t of tiles()) expect(t.el.boundCallId).to.equal(host.session.boundCallId);
  });

  it('a group call of 9 shows 9 tiles in a 3 × 3 grid inside the stage, none overlapping', async () => {
    const net = createMemoryNetwork();
    const ids = Array.from({ length: 9 }, (_, i) => `u${i}`);
    const parties = await Promise.all(ids.map((id) => party(net, id)));
    net.setGroup('nine', ids);
    const [host, first] = parties;
    host.session.style.cssText = 'width: 640px; height: 480px';
    await host.client.callInGroup('nine', ids.slice(1), 'audio');
    await stateIs(first, 'incoming');
    await first.session.accept();
    await stateIs(host, 'active');
    const grid = part(host.session, 'tiles')!.getBoundingClientRect();
    const rects = [...host.session.shadowRoot!.querySelectorAll('rc-video-tile')].map((t) =>
      t.getBoundingClientRect(),
    );
    expect(rects).to.have.length(9);
    const tiles = part(host.session, 'tiles')!;
    expect([tiles.style.getPropertyValue('--cols'), tiles.style.getPropertyValue('--rows')]).to.eql(
      ['3', '3'],
    );
    expect(new Set(rects.map((r) => Math.round(r.left))).size).to.equal(3);
    expect(new Set(rects.map((r) => Math.round(r.top))).size).to.equal(3);
    for (const r of rects) {
      expect(r.width).to.be.greaterThan(100);
      expect(r.left).to.be.at.least(grid.left - 0.5);
      expect(r.right).to.be.at.most(grid.right + 0.5);
      expect(r.top).to.be.at.least(grid.top - 0.5);
      expect(r.bottom).to.be.at.most(grid.bottom + 0.5);
    }
    for (const [i, a] of rects.entries())
      for (const b of rects.slice(i + 1))
        expect(
          a.right <= b.left + 0.5 ||
            b.right <= a.left + 0.5 ||
            a.bottom <= b.top + 0.5 ||
            b.bottom <= a.top + 0.5,
        ).to.equal(true);
    await expect(host.session).to.be.accessible();
  });
});

describe('<rc-call-session> slots', () => {
  it('slot="controls" adds to the control bar before hang up; a hidden part is gone from it', async () => {
    const { alice, bob } = await connectedPair();
    const share = document.createElement('button');
    share.slot = 'controls';
    share.textContent = 'Share';
    alice.session.append(share);
    const sheet = document.createElement('style');
    sheet.textContent = 'rc-call-session::part(to-audio) { display: none }';
    document.head.append(sheet);
    try {
      expect(share.assignedSlot === null, 'not shown before the call').to.equal(true);
      await startCall(alice, bob);
      await bob.session.accept();
      await stateIs(alice, 'active');
      const slot = share.assignedSlot!;
      expect(slot.name).to.equal('controls');
      const bar = slot.parentElement!;
      const order = [...bar.children].map((c) => c.getAttribute('part') ?? c.localName);
      expect(order.slice(-2)).to.deep.equal(['slot', 'hangup']);
      expect(share.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(part(alice.session, 'to-audio')!.getBoundingClientRect().width).to.equal(0);
      await expect(alice.session).to.be.accessible();
    } finally {
      sheet.remove();
    }
  });

  it('slot="incoming-actions" adds buttons to the incoming screen; slot="avatar" replaces the avatar', async () => {
    const { alice, bob } = await connectedPair();
    const reply = document.createElement('button');
    reply.slot = 'incoming-actions';
    reply.textContent = 'Reply with a message';
    const face = document.createElement('img');
    face.slot = 'avatar';
    face.alt = 'Alice';
    bob.session.append(reply, face);
    await startCall(alice, bob);
    expect(reply.assignedSlot?.name).to.equal('incoming-actions');
    expect(reply.assignedSlot!.parentElement!.querySelector('[part=decline]')).to.exist;
    expect(face.assignedSlot?.name).to.equal('avatar');
    // The built-in avatar stays as the slot's fallback, not shown.
    expect(part(bob.session, 'avatar')!.checkVisibility(), 'the built-in avatar shows').to.equal(
      false,
    );
    await expect(bob.session).to.be.accessible();
    await bob.session.accept();
    await stateIs(bob, 'active');
    expect(reply.assignedSlot === null, 'only while ringing').to.equal(true);
  });
});
