import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../elements/index.js';
import type { IntentEvent, IntentEventName, RcCallClient } from '../../elements/index.js';
import type { IInstallOptions } from '../../src/calllib/index.js';
import { createRongCloudCallClient } from '../../src/rongcloud/index.js';
import { FakeIMServer, FakeRTCClient, FakeRTCServer } from './rongcloud-fakes.js';
import { createMemoryNetwork, part, party, settle, type Party } from './elements/helpers.js';

const TIMEOUT = { timeout: 10_000 };

/** Two clients with a session element each, on one backend. */
type Backend = { name: string; pair(): Promise<[Party, Party]> };

async function clientPair(
  attrs: (userId: string) => Record<string, string>,
  props: (userId: string) => Partial<RcCallClient>,
): Promise<[Party, Party]> {
  const root = fixtureSync(html`<div></div>`);
  const make = (userId: string): Party => {
    const client = document.createElement('rc-call-client');
    for (const [k, v] of Object.entries({ 'user-id': userId, lang: 'en', ...attrs(userId) }))
      client.setAttribute(k, v);
    Object.assign(client, props(userId));
    const session = document.createElement('rc-call-session');
    session.silent = true;
    client.append(session);
    root.append(client);
    return { client, session };
  };
  const pair: [Party, Party] = [make('alice'), make('bob')];
  await waitUntil(
    () => pair.every((p) => p.client.status === 'connected'),
    'not connected',
    TIMEOUT,
  );
  return pair;
}

const backends: Backend[] = [
  {
    name: 'testing (memory network)',
    async pair() {
      const net = createMemoryNetwork();
      return [await party(net, 'alice'), await party(net, 'bob')];
    },
  },
  {
    name: 'local (real WebRTC)',
    pair() {
      const channelName = `intents-${Math.random()}`;
      return clientPair(
        () => ({ backend: 'local' }),
        () => ({ backendOptions: { channelName } }),
      );
    },
  },
  {
    name: 'rongcloud (the real installer on fake IM and RTC servers)',
    pair() {
      const im = new FakeIMServer();
      const rtc = new FakeRTCServer();
      const factory = (userId: string) => (options: IInstallOptions) =>
        createRongCloudCallClient(im.connect(userId), {
          ...options,
          rtcClient: new FakeRTCClient(rtc, userId),
        });
      return clientPair(
        () => ({}),
        (userId) => ({ clientFactory: factory(userId) }),
      );
    },
  },
];

/** Every intent event that reaches the document; `veto` names the ones to cancel. */
function intents() {
  const names: IntentEventName[] = ['beforecall', 'beforeaccept', 'beforehangup', 'beforemute'];
  const seen: { type: string; target: EventTarget | null; detail: Record<string, unknown> }[] = [];
  const veto = new Set<IntentEventName>();
  const on = (e: Event) => {
    const event = e as IntentEvent;
    seen.push({ type: e.type, target: e.target, detail: { ...event.detail } });
    if (veto.has(e.type as IntentEventName)) e.preventDefault();
  };
  for (const n of names) document.addEventListener(n, on);
  return {
    seen,
    veto,
    last: () => seen[seen.length - 1],
    stop: () => names.forEach((n) => document.removeEventListener(n, on)),
  };
}

async function state(p: Party, s: string) {
  await waitUntil(() => p.session.state === s, `${p.client.userId}: not ${s}`, TIMEOUT);
  await settle(p);
}

for (const backend of backends) {
  describe(`before… events on the ${backend.name} backend`, () => {
    let log: ReturnType<typeof intents>;
    beforeEach(() => (log = intents()));
    afterEach(() => log.stop());

    it('a cancelled beforeaccept keeps the call ringing; an allowed one answers with what was pressed', async () => {
      const [alice, bob] = await backend.pair();
      await alice.client.call('bob', 'video');
      await state(bob, 'incoming');
      log.veto.add('beforeaccept');
      part(bob.session, 'accept')!.click();
      expect(log.last()).to.deep.include({ type: 'beforeaccept', target: bob.session });
      expect(log.last().detail).to.deep.equal({ session: bob.session.session, mediaType: 'video' });
      await bob.session.updateComplete;
      expect(bob.session.state).to.equal('incoming');
      expect(bob.session.call!.pending.accept, 'the engine was not asked').to.equal(false);
      log.veto.clear();
      part(bob.session, 'accept-audio')!.click();
      expect(log.last().detail).to.deep.include({ mediaType: 'audio' });
      await state(bob, 'active');
      await state(alice, 'active');
      expect(bob.session.mediaType).to.equal('audio');
    });

    it('a cancelled beforemute leaves the microphone on; an allowed one mutes it at both ends', async () => {
      const [alice, bob] = await backend.pair();
      await alice.client.call('bob', 'audio');
      await state(bob, 'incoming');
      await bob.session.accept();
      await state(alice, 'active');
      // Mutes reach the others once the track is in the room (before, it just arrives muted).
      await waitUntil(() => !!bob.session.call?.members.get('alice')?.audio, 'no audio', TIMEOUT);
      const mutes: unknown[] = [];
      bob.client.addEventListener('mutechange', (e) => mutes.push(e.detail.muteUser));
      log.veto.add('beforemute');
      part(alice.session, 'mic')!.click();
      expect(log.last()).to.deep.include({ type: 'beforemute', target: alice.session });
      expect(log.last().detail).to.deep.include({ kind: 'audio', muted: true });
      await alice.session.updateComplete;
      expect(alice.session.call!.mic).to.deep.equal({ on: true, pending: false });
      log.veto.clear();
      part(alice.session, 'mic')!.click();
      await waitUntil(() => alice.session.call!.mic.on === false, 'not muted', TIMEOUT);
      await waitUntil(() => mutes.length === 1, 'bob saw no mute', TIMEOUT);
      expect(mutes[0]).to.deep.include({ userId: 'alice', muted: true, kind: 'audio' });
      part(alice.session, 'mic')!.click();
      expect(log.last().detail).to.deep.include({ kind: 'audio', muted: false });
    });

    it('beforehangup says decline, cancel or hang up; cancelled, the call goes on', async () => {
      const [alice, bob] = await backend.pair();
      await alice.client.call('bob', 'audio');
      await state(bob, 'incoming');
      await state(alice, 'outgoing');
      log.veto.add('beforehangup');
      part(alice.session, 'hangup')!.click();
      expect(log.last().detail).to.deep.include({ action: 'cancel' });
      part(bob.session, 'decline')!.click();
      expect(log.last().detail).to.deep.include({ action: 'decline' });
      expect(log.last().target).to.equal(bob.session);
      await bob.session.accept();
      await state(alice, 'active');
      part(bob.session, 'hangup')!.click();
      expect(log.last().detail).to.deep.include({ action: 'hangup' });
      await settle(alice, bob);
      expect([alice.session.state, bob.session.state]).to.deep.equal(['active', 'active']);
      log.veto.clear();
      part(bob.session, 'hangup')!.click();
      await state(alice, 'ended');
      await state(bob, 'ended');
    });

    it('beforecall from the call-back button: cancelled, no call; allowed, the same user rings again', async () => {
      const [alice, bob] = await backend.pair();
      await alice.client.call('bob', 'video');
      await state(bob, 'incoming');
      await bob.session.decline();
      await state(alice, 'ended');
      expect(log.seen, 'methods dispatch no before… events').to.deep.equal([]);
      log.veto.add('beforecall');
      part(alice.session, 'call-back')!.click();
      expect(log.last()).to.deep.include({ type: 'beforecall', target: alice.session });
      expect(log.last().detail).to.deep.equal({
        targetId: 'bob',
        userIds: ['bob'],
        group: false,
        mediaType: 'video',
      });
      await settle(alice, bob);
      expect(alice.client.sessions).to.deep.equal([]);
      log.veto.clear();
      part(alice.session, 'call-back')!.click();
      await state(alice, 'outgoing');
      await waitUntil(() => bob.client.sessions.length === 1, 'bob is not rung again', TIMEOUT);
      await alice.session.hangup();
    });
  });
}
