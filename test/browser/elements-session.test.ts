import { expect } from '@open-wc/testing';
import { RCCallEndReason } from '../../src/calllib/index.js';
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
      expect(alice.session.call!.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
      await expect(alice.session).to.be.accessible();
      await expect(bob.session).to.be.accessible();
    });
  });
}

describe('<rc-call-session> behaviour', () => {
  it('returns to idle after endedDuration', async () => {
    const { alice, bob } = await connectedPair();
    alice.session.endedDuration = 1000;
    await startCall(alice, bob);
    part(bob.session, 'decline')!.click();
    await stateIs(alice, 'ended');
    expect(part(alice.session, 'status')!.textContent).to.contain('Call declined');
    await stateIs(alice, 'idle');
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
