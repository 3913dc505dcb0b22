import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../elements/index.js';
import { en, RCCallEndReason, zh, type RcCallSession } from '../../elements/index.js';
import { browserLang, format } from '../../elements/strings.js';
import { createMemoryNetwork, part, party, settle, stateIs } from './elements/helpers.js';
import { inFirefox, itOutsideFirefox } from './helpers/browsers.js';

const LANGS = { en, zh };

function liveRegion(s: RcCallSession): HTMLElement {
  return s.shadowRoot!.querySelector('[aria-live]')!;
}

function focused(s: RcCallSession): Element | null {
  return s.shadowRoot!.activeElement;
}

/** The focus ring is drawn: `:focus-visible` matches and gives a solid outline. */
function ringVisible(el: Element): boolean {
  const style = getComputedStyle(el);
  return (
    el.matches(':focus-visible') &&
    style.outlineStyle === 'solid' &&
    parseFloat(style.outlineWidth) >= 2
  );
}

for (const lang of ['en', 'zh'] as const) {
  const t = LANGS[lang];
  describe(`accessibility (${lang})`, () => {
    it('the live region announces an incoming call, the connection and the end with its reason', async () => {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice', { lang, name: 'Alice' });
      const bob = await party(net, 'bob', { lang, name: 'Bob' });
      const region = liveRegion(bob.session);
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(region.textContent!.trim()).to.equal('');
      await alice.client.call('bob', 'video');
      await stateIs(bob, 'incoming');
      // The same node changes its text: that is what a screen reader announces.
      expect(liveRegion(bob.session)).to.equal(region);
      expect(region.textContent!.trim()).to.equal(format(t.announceIncoming, { name: 'Alice' }));
      await bob.session.accept();
      await stateIs(bob, 'active');
      await stateIs(alice, 'active');
      expect(region.textContent!.trim()).to.equal(t.announceConnected);
      expect(liveRegion(alice.session).textContent!.trim()).to.equal(t.announceConnected);
      await alice.session.hangup();
      await stateIs(bob, 'ended');
      await stateIs(alice, 'ended');
      expect(region.textContent!.trim()).to.equal(
        format(t.announceEnded, { reason: t.endReasons[RCCallEndReason.REMOTE_HANGUP]! }),
      );
      expect(liveRegion(alice.session).textContent!.trim()).to.equal(
        format(t.announceEnded, { reason: t.endReasons[RCCallEndReason.HANGUP]! }),
      );
    });

    it('audio calls: incoming, outgoing, active and ended pass axe', async () => {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice', { lang, name: 'Alice' });
      const bob = await party(net, 'bob', { lang, name: 'Bob' });
      await alice.client.call('bob', 'audio');
      await stateIs(bob, 'incoming');
      await stateIs(alice, 'outgoing');
      expect(part(bob.session, 'accept-audio')).to.equal(null);
      expect(part(bob.session, 'accept')!.textContent!.trim()).to.equal(t.acceptAudio);
      await expect(bob.session).to.be.accessible();
      await expect(alice.session).to.be.accessible();
      await bob.session.accept();
      await stateIs(alice, 'active');
      await stateIs(bob, 'active');
      expect(part(alice.session, 'camera')).to.equal(null);
      await expect(alice.session).to.be.accessible();
      await bob.session.hangup();
      await stateIs(alice, 'ended');
      await expect(alice.session).to.be.accessible();
    });

    it('group calls: incoming, outgoing, active and the open invite form pass axe', async () => {
      const net = createMemoryNetwork();
      const [alice, bob] = await Promise.all(
        ['alice', 'bob', 'carol'].map((id) => party(net, id, { lang })),
      );
      net.setGroup('team', ['alice', 'bob', 'carol']);
      await alice.client.callInGroup('team', ['bob', 'carol'], 'video');
      await stateIs(bob, 'incoming');
      await stateIs(alice, 'outgoing');
      expect(part(alice.session, 'name')!.textContent).to.equal(t.groupCall);
      await expect(bob.session).to.be.accessible();
      await expect(alice.session).to.be.accessible();
      await bob.session.accept();
      await stateIs(alice, 'active');
      await expect(alice.session).to.be.accessible();
      part(alice.session, 'invite')!.click();
      await alice.session.updateComplete;
      expect(alice.session.shadowRoot!.querySelector('form')).to.exist;
      await expect(alice.session).to.be.accessible();
    });

    it('keyboard: Tab walks the buttons with a visible focus ring; Enter and Space press them', async () => {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice', { lang, name: 'Alice' });
      const bob = await party(net, 'bob', { lang, name: 'Bob' });
      await alice.client.call('bob', 'video');
      await stateIs(bob, 'incoming');
      await stateIs(alice, 'outgoing');
      // From the caller's Cancel button (earlier in the page), Tab goes into Bob's call screen.
      part(alice.session, 'hangup')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(bob.session)).to.equal(part(bob.session, 'decline'));
      expect(ringVisible(part(bob.session, 'decline')!)).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(bob.session)).to.equal(part(bob.session, 'accept-audio'));
      await sendKeys({ press: 'Tab' });
      expect(focused(bob.session)).to.equal(part(bob.session, 'accept'));
      expect(ringVisible(part(bob.session, 'accept')!)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await stateIs(bob, 'active');
      expect(bob.session.mediaType).to.equal('video');
      // The pressed button is gone: focus moves to the first control of the call, not to the page.
      await waitUntil(() => focused(bob.session) === part(bob.session, 'mic'), 'focus was lost');
      await sendKeys({ press: ' ' }); // 'Space' is a name Firefox's WebDriver BiDi does not know
      await waitUntil(() => bob.session.call!.mic.on === false, 'Space did not mute');
      await settle(bob);
      await sendKeys({ press: 'Tab' });
      expect(focused(bob.session)).to.equal(part(bob.session, 'camera'));
      expect(ringVisible(part(bob.session, 'camera')!)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => bob.session.call!.camera.on === false, 'Enter did not stop the camera');
      await settle(bob);
      expect(part(bob.session, 'mic')!.getAttribute('aria-label')).to.equal(t.micOn);
      expect(part(bob.session, 'camera')!.getAttribute('aria-label')).to.equal(t.cameraOn);
    });

    it('keyboard: the invite form takes focus, sends with Enter and closes with Escape', async () => {
      const net = createMemoryNetwork();
      const [alice, bob, carol] = await Promise.all(
        ['alice', 'bob', 'carol'].map((id) => party(net, id, { lang })),
      );
      net.setGroup('team', ['alice', 'bob', 'carol']);
      await alice.client.callInGroup('team', ['bob'], 'audio');
      await stateIs(bob, 'incoming');
      await bob.session.accept();
      await stateIs(alice, 'active');
      part(alice.session, 'invite')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(alice.session)?.tagName === 'INPUT', 'the field has no focus');
      const input = focused(alice.session) as HTMLInputElement;
      expect(input.labels![0].textContent).to.contain(t.inviteLabel);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !alice.session.shadowRoot!.querySelector('form'), 'Escape kept it');
      await waitUntil(() => focused(alice.session) === part(alice.session, 'invite'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(alice.session)?.tagName === 'INPUT');
      await sendKeys({ type: 'carol' });
      await sendKeys({ press: 'Enter' });
      await stateIs(carol, 'incoming');
      await waitUntil(() => !alice.session.shadowRoot!.querySelector('form'), 'form stays open');
    });
  });
}

describe('language', () => {
  it('follows navigator.languages when no lang is set, and the lang attribute when it is', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    Object.defineProperty(Navigator.prototype, 'languages', {
      configurable: true,
      get: () => ['fr-FR', 'zh-TW', 'en'],
    });
    try {
      expect(browserLang()).to.equal('zh');
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice', { lang: '' });
      expect(part(alice.session, 'status')!.textContent).to.contain(zh.noCall);
      alice.client.lang = 'en';
      await alice.client.updateComplete;
      await alice.session.updateComplete;
      expect(part(alice.session, 'status')!.textContent).to.contain(en.noCall);
      alice.session.lang = 'zh';
      await alice.session.updateComplete;
      expect(part(alice.session, 'status')!.textContent).to.contain(zh.noCall);
    } finally {
      Object.defineProperty(Navigator.prototype, 'languages', original);
    }
  });

  it('the strings property overrides phrases: the session over the client over the table', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice', { lang: 'en' });
    const bob = await party(net, 'bob', { lang: 'en' });
    alice.client.strings = { noCall: 'Nobody on the line', hangup: 'End' };
    await alice.client.updateComplete;
    await alice.session.updateComplete;
    expect(part(alice.session, 'status')!.textContent).to.contain('Nobody on the line');
    alice.session.strings = { noCall: 'Quiet' };
    await alice.session.updateComplete;
    expect(part(alice.session, 'status')!.textContent).to.contain('Quiet');
    alice.session.strings = {
      endReasons: { [RCCallEndReason.REMOTE_HANGUP]: 'Bob left' },
    };
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    await bob.session.accept();
    await stateIs(bob, 'active');
    await stateIs(alice, 'active');
    expect(part(alice.session, 'hangup')!.getAttribute('aria-label')).to.equal('End');
    await bob.session.hangup();
    await stateIs(alice, 'ended');
    expect(part(alice.session, 'status')!.textContent).to.contain('Bob left');
  });

  it('every RCCallEndReason has its own phrase in zh and in en', () => {
    const reasons = Object.values(RCCallEndReason).filter((v) => typeof v === 'number');
    expect(reasons.length).to.equal(32);
    for (const table of [en, zh]) {
      const phrases = reasons.map((r) => table.endReasons[r as RCCallEndReason]);
      for (const [i, p] of phrases.entries())
        expect(p, `reason ${reasons[i]}`).to.be.a('string').and.not.equal('');
      expect(new Set(phrases).size, 'no two reasons share a phrase').to.equal(reasons.length);
    }
    for (const r of reasons) {
      expect(zh.endReasons[r as RCCallEndReason]).to.match(/[\u4e00-\u9fff]/);
      expect(en.endReasons[r as RCCallEndReason]).to.match(/^[\x20-\x7e]+$/);
    }
  });
});

describe('theming', () => {
  afterEach(() => (inFirefox ? undefined : emulateMedia({ colorScheme: 'light' })));

  it('--rc-call-* custom properties and ::part reach the card, the buttons and the tiles', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    for (const el of [alice.client, bob.client]) {
      el.style.setProperty('--rc-call-accept', 'rgb(1, 2, 3)');
      el.style.setProperty('--rc-call-danger', 'rgb(4, 5, 6)');
      el.style.setProperty('--rc-call-radius', '3px');
      el.style.setProperty('--rc-call-font', 'monospace');
      el.style.setProperty('--rc-call-tile-aspect', '16 / 9');
    }
    await alice.client.call('bob', 'audio');
    await stateIs(bob, 'incoming');
    const disc = (p: string) => part(bob.session, p)!.querySelector('.disc')!;
    expect(getComputedStyle(disc('accept')).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(disc('decline')).backgroundColor).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(bob.session).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(bob.session).fontFamily).to.equal('monospace');
    const sheet = document.createElement('style');
    sheet.textContent = 'rc-call-session::part(decline) { min-width: 111px }';
    document.head.append(sheet);
    try {
      expect(getComputedStyle(part(bob.session, 'decline')!).minWidth).to.equal('111px');
    } finally {
      sheet.remove();
    }
    await bob.session.accept();
    await stateIs(bob, 'active');
    const tile = bob.session.shadowRoot!.querySelector('rc-video-tile')!;
    expect(getComputedStyle(tile).borderTopLeftRadius).to.equal('3px');
    const alone = await fixture(
      html`<rc-video-tile
        style="--rc-call-tile-aspect: 16 / 9; width: 320px"
        name="Zoe"
      ></rc-video-tile>`,
    );
    expect(alone.getBoundingClientRect().height).to.equal(180);
  });

  itOutsideFirefox('emulateMedia needs the Chrome DevTools Protocol')(
    'light and dark follow prefers-color-scheme, and both pass axe',
    async () => {
      const net = createMemoryNetwork();
      const alice = await party(net, 'alice');
      const bob = await party(net, 'bob');
      await alice.client.call('bob', 'video');
      await stateIs(bob, 'incoming');
      await emulateMedia({ colorScheme: 'light' });
      const light = getComputedStyle(bob.session).backgroundColor;
      await expect(bob.session).to.be.accessible();
      await emulateMedia({ colorScheme: 'dark' });
      const dark = getComputedStyle(bob.session).backgroundColor;
      expect(light).to.equal('rgb(255, 255, 255)');
      expect(dark).to.not.equal(light);
      expect(getComputedStyle(bob.session).color).to.equal('rgb(242, 244, 247)');
      await expect(bob.session).to.be.accessible();
    },
  );
});
