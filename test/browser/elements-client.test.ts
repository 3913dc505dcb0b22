import { expect, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../elements/index.js';
import type { CallEvent, MediaTypeInput, RcCallClient } from '../../elements/index.js';
import { RCCallErrorCode, RCCallMediaType, type IInstallOptions } from '../../src/calllib/index.js';
import { createMemoryNetwork, party, recordEvents } from './elements/helpers.js';

/** A client on the memory network whose attributes the test changes. */
async function bareClient(attrs: Record<string, string> = {}) {
  const net = createMemoryNetwork();
  const el = document.createElement('rc-call-client');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.clientFactory = (o: IInstallOptions) => net.createClient('tester', o);
  const errors: string[] = [];
  el.addEventListener('callerror', (e) => errors.push(e.detail.code));
  const parent = fixtureSync(html`<div></div>`);
  parent.append(el);
  await waitUntil(() => el.status === 'connected');
  return { el, errors, net, parent };
}

async function set(el: RcCallClient, attr: string, value: string | null) {
  if (value === null) el.removeAttribute(attr);
  else el.setAttribute(attr, value);
  await el.updateComplete;
}

describe('<rc-call-client> attributes', () => {
  const cases: [string, string[], string, string][] = [
    ['backend', ['carrier-pigeon', 'LOCAL2'], 'config/invalid-backend', 'local'],
    ['user-id', ['has space', 'x'.repeat(65), '<b>'], 'config/invalid-user-id', 'carol'],
    [
      'signal-url',
      ['http://127.0.0.1/signal', 'not a url'],
      'config/invalid-signal-url',
      'ws://127.0.0.1:1/signal',
    ],
    ['timeout', ['-3', 'abc', '0', '99999'], 'config/invalid-timeout', '30'],
    ['lang', ['fr', 'klingon'], 'config/invalid-lang', 'zh-CN'],
    [
      'portrait',
      ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x/y.png'],
      'config/invalid-portrait',
      'https://example.com/a.png',
    ],
    [
      'navigators',
      ['ftp://nav.example.com', 'https://ok.example.com javascript:x'],
      'config/invalid-navigators',
      'https://nav.example.com, https://nav2.example.com',
    ],
    ['appkey', ['bad key!', 'x'.repeat(65)], 'config/invalid-appkey', 'abc123'],
    ['token', ['with space', 'tab\there'], 'config/invalid-token', 'abc+def/ghi=@cn1'],
    ['name', ['n'.repeat(65)], 'config/invalid-name', 'Alice'],
  ];
  for (const [attr, badValues, code, good] of cases) {
    it(`${attr}: one callerror ${code} per bad value, keeps working, recovers`, async () => {
      const { el, errors } = await bareClient();
      for (const bad of badValues) {
        await set(el, attr, bad);
        await set(el, attr, bad); // the same value again is not a new error
      }
      expect(errors.filter((c) => c === code)).to.have.length(badValues.length);
      expect(
        errors.filter(
          (c) => c !== code && c !== 'config/missing-token' && c !== 'config/missing-appkey',
        ),
      ).to.deep.equal([]);
      expect(el.status).to.equal('connected');
      const before = errors.length;
      await set(el, attr, good);
      await set(el, attr, badValues[0]);
      expect(errors.length).to.equal(before + 1, 'fixed then broken again reports again');
      await set(el, attr, good);
      await waitUntil(() => el.status === 'connected');
    });
  }

  it('appkey without token reports config/missing-token once', async () => {
    const { el, errors } = await bareClient();
    el.clientFactory = undefined;
    await set(el, 'appkey', 'abc123');
    await set(el, 'name', 'x');
    expect(errors.filter((c) => c === 'config/missing-token')).to.have.length(1);
  });

  it('a bad value never throws and the client still calls', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    const bob = await party(net, 'bob');
    await set(alice.client, 'timeout', 'soon');
    await set(alice.client, 'lang', 'xx');
    const session = await alice.client.call('bob', 'audio');
    expect(session.getTargetId()).to.equal('bob');
    await waitUntil(() => bob.session.state === 'incoming');
  });
});

describe('<rc-call-client> lifecycle', () => {
  it('connects on insertion, reflects status, disconnects on removal and reconnects on re-append', async () => {
    const net = createMemoryNetwork();
    const made: string[] = [];
    const el = document.createElement('rc-call-client');
    el.setAttribute('user-id', 'dana');
    el.clientFactory = (o: IInstallOptions) => (made.push('dana'), net.createClient('dana', o));
    const statuses: string[] = [];
    el.addEventListener('statuschange', (e) => statuses.push(e.detail.status));
    const parent = fixtureSync(html`<div></div>`);
    expect(el.status).to.equal('idle');
    parent.append(el);
    await waitUntil(() => el.getAttribute('status') === 'connected');
    const first = el.client;
    expect(first).to.exist;
    el.remove();
    await waitUntil(() => el.getAttribute('status') === 'disconnected');
    expect(el.client).to.equal(undefined);
    parent.append(el);
    await waitUntil(() => el.status === 'connected');
    expect(el.client).to.exist.and.not.equal(first);
    expect(made).to.have.length(2);
    await waitUntil(() => statuses.length >= 5, `statuses: ${statuses}`);
    expect(statuses).to.deep.equal([
      'connecting',
      'connected',
      'disconnected',
      'connecting',
      'connected',
    ]);
  });

  it('disconnect() and connect() by hand', async () => {
    const { el } = await bareClient();
    await el.disconnect();
    expect(el.status).to.equal('disconnected');
    // A connection it wanted would have started by now (updated() starts it in a microtask).
    await el.updateComplete;
    expect(el.status, 'does not reconnect by itself after disconnect()').to.equal('disconnected');
    await el.connect();
    expect(el.status).to.equal('connected');
  });

  it('call() before connecting rejects and gives callerror', async () => {
    const el = document.createElement('rc-call-client');
    const parent = fixtureSync(html`<div></div>`);
    parent.append(el);
    const errored = oneEvent(el, 'callerror');
    const err = await el.call('bob').catch((e: unknown) => e);
    expect((err as { code: string }).code).to.equal('call/not-connected');
    expect((await errored).detail.code).to.equal('call/not-connected');
  });

  it('a second call() rejects with STATE_MACHINE_EXIT and callerror call/busy', async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    await party(net, 'bob');
    await party(net, 'carol');
    await alice.client.call('bob');
    const events = recordEvents(['callerror']);
    const err = await alice.client.call('carol').catch((e: unknown) => e);
    expect((err as { code: number }).code).to.equal(RCCallErrorCode.STATE_MACHINE_EXIT);
    await waitUntil(() => events.of('callerror').length === 1);
    expect((events.seen[0].detail as { code: string }).code).to.equal('call/busy');
    events.stop();
  });

  it("mediaType: 'audio' and 1 place audio calls, 'video' and 2 video calls, anything else rejects with a TypeError", async () => {
    const net = createMemoryNetwork();
    const alice = await party(net, 'alice');
    await party(net, 'bob');
    const cases: [MediaTypeInput, RCCallMediaType][] = [
      ['audio', RCCallMediaType.AUDIO],
      [1, RCCallMediaType.AUDIO],
      ['video', RCCallMediaType.AUDIO_VIDEO],
      [2, RCCallMediaType.AUDIO_VIDEO],
    ];
    for (const [input, expected] of cases) {
      const s = await alice.client.call('bob', input);
      expect(s.getMediaType(), String(input)).to.equal(expected);
      await alice.session.hangup();
      await waitUntil(() => alice.client.sessions.length === 0);
    }
    const err = await alice.client.call('bob', 'hologram' as 'audio').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TypeError);
    expect((err as Error).message).to.contain("'audio', 'video', 1 or 2");
    expect(alice.client.sessions).to.deep.equal([]);
  });

  it('backend rongcloud: loaded only when used, failure is a callerror and status error', async () => {
    const el = document.createElement('rc-call-client');
    el.setAttribute('appkey', 'abc123');
    el.setAttribute('token', 'tok');
    el.setAttribute('navigators', 'http://127.0.0.1:9/nav');
    const parent = fixtureSync(html`<div></div>`);
    const err = new Promise<CallEvent<'callerror'>>((r) =>
      el.addEventListener('callerror', r, { once: true }),
    );
    parent.append(el);
    const e = await err;
    expect(e.detail.code).to.equal('network/offline');
    await waitUntil(() => el.status === 'error');
    el.remove();
  });
});

describe('<rc-call-client> readiness and client-level events', () => {
  it('backend local waits for user-id, then connects by itself; nothing else is needed', async () => {
    const el = document.createElement('rc-call-client');
    el.setAttribute('backend', 'local');
    el.backendOptions = { channelName: `ready-${Math.random()}` };
    const errors: string[] = [];
    el.addEventListener('callerror', (e) => errors.push(e.detail.code));
    const parent = fixtureSync(html`<div></div>`);
    parent.append(el);
    await el.updateComplete; // a connection it wanted would have started now
    expect(el.status).to.equal('idle');
    expect(el.client).to.equal(undefined);
    el.setAttribute('user-id', 'ready-user');
    await waitUntil(() => el.status === 'connected', 'did not connect', { timeout: 5000 });
    expect(el.client).to.exist;
    expect(errors).to.deep.equal([]);
    el.remove();
    await waitUntil(() => el.status === 'disconnected');
  });

  it('backend rongcloud waits for appkey and token (config/missing-token meanwhile), then starts', async () => {
    const el = document.createElement('rc-call-client');
    el.setAttribute('appkey', 'abc123');
    el.setAttribute('navigators', 'http://127.0.0.1:9/nav');
    const errors: string[] = [];
    el.addEventListener('callerror', (e) => errors.push(e.detail.code));
    fixtureSync(html`<div></div>`).append(el);
    await el.updateComplete; // a connection it wanted would have started now
    expect(el.status).to.equal('idle');
    expect(errors).to.deep.equal(['config/missing-token']);
    el.setAttribute('token', 'tok');
    await waitUntil(() => el.status === 'error', 'did not start', { timeout: 10000 });
    expect(errors).to.deep.equal(['config/missing-token', 'network/offline']);
    el.remove();
  });

  it('statuschange and callerror reach the document once each, from the client, with their detail', async () => {
    const net = createMemoryNetwork();
    const seen: { type: string; target: EventTarget | null; detail: unknown }[] = [];
    const on = (e: Event) =>
      seen.push({ type: e.type, target: e.target, detail: (e as CustomEvent).detail });
    document.addEventListener('statuschange', on);
    document.addEventListener('callerror', on);
    try {
      const el = document.createElement('rc-call-client');
      el.setAttribute('user-id', 'zed');
      el.clientFactory = (o: IInstallOptions) => net.createClient('zed', o);
      fixtureSync(html`<div></div>`).append(el);
      await waitUntil(() => el.status === 'connected');
      await set(el, 'timeout', 'never');
      await waitUntil(() => seen.length === 3);
      expect(seen.map((s) => [s.type, s.target])).to.deep.equal([
        ['statuschange', el],
        ['statuschange', el],
        ['callerror', el],
      ]);
      expect(seen[0].detail).to.deep.equal({ status: 'connecting' });
      expect(seen[1].detail).to.deep.equal({ status: 'connected' });
      expect(seen[2].detail).to.deep.include({ code: 'config/invalid-timeout', recoverable: true });
      expect((seen[2].detail as { message: string }).message).to.contain('timeout');
    } finally {
      document.removeEventListener('statuschange', on);
      document.removeEventListener('callerror', on);
    }
  });
});
