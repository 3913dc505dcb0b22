// End to end: the demo page of `npm start`, served by the real demo/server.mjs, in two browser
// contexts of Debian's Chromium with fake camera and microphone. Alice calls Bob from the page,
// Bob accepts, both see video, Alice mutes her microphone and Bob sees it, Bob hangs up and both
// show why the call ended. dist/ must be built (test/run.mjs does it before the Node tests).
// Screenshots of every step, for both pages, go to test-results/e2e/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../web-test-runner.config.mjs';
import { eventually, startServer, stopServer } from './browser-helpers.mjs';

const shots = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

describe('the demo page, two users in two browser contexts', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let base;
  const errors = [];
  /** @type {Record<'alice' | 'bob', import('playwright-core').Page>} */
  const pages = {};
  const users = { alice: `alice-${process.pid}`, bob: `bob-${process.pid}` };
  let step = 0;

  async function snap(name) {
    step++;
    const prefix = String(step).padStart(2, '0');
    for (const who of ['alice', 'bob']) {
      await pages[who].screenshot({ path: `${shots}${prefix}-${name}-${who}.png`, fullPage: true });
    }
  }

  const session = (who) => pages[who].locator('#session');
  const stateOf = (who) => session(who).getAttribute('state');
  const logEntries = (who, event) => pages[who].locator(`#log li[data-event="${event}"]`);
  /** The first decoded frame's width of a tile's video (0 until a frame arrived). */
  const videoWidth = (who, tile) =>
    session(who)
      .locator(`rc-video-tile${tile} video[part="video"]`)
      .evaluate((v) => v.videoWidth);

  before(async () => {
    mkdirSync(shots, { recursive: true });
    server = startServer();
    base = await server.url;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    // Alice in light mode and English, Bob in dark mode and Chinese: both looks get a screenshot.
    const looks = { alice: ['light', 'en'], bob: ['dark', 'zh'] };
    for (const who of ['alice', 'bob']) {
      const [colorScheme, lang] = looks[who];
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme,
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
      await page.goto(`${base}?user=${users[who]}&lang=${lang}`);
      pages[who] = page;
    }
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await stopServer(server?.child);
    }
  });

  it('both pages connect to the relay with the id from ?user=', async () => {
    for (const who of ['alice', 'bob']) {
      const client = pages[who].locator('#client');
      await eventually(`${who} connected`, async () => {
        return (await client.getAttribute('status')) === 'connected';
      });
      assert.equal(await client.getAttribute('user-id'), users[who]);
      assert.match(await client.getAttribute('signal-url'), /^ws:\/\/127\.0\.0\.1:\d+\/signal$/);
      assert.equal(await pages[who].locator('[data-testid="me"]').inputValue(), users[who]);
      await eventually(`${who} logs statuschange`, async () => {
        const text = await logEntries(who, 'statuschange').first().textContent();
        return /"status": "connected"/.test(text);
      });
    }
    assert.equal(await stateOf('alice'), 'idle');
    // The second-tab link opens a fresh id with this one prefilled as the callee.
    const second = new URL(
      await pages.alice.locator('[data-testid="second-tab"]').getAttribute('href'),
    );
    assert.equal(second.searchParams.get('to'), users.alice);
    assert.match(second.searchParams.get('user'), /^[a-z]+-\d{4}$/);
    // The language switch: Bob's page and call UI speak Chinese, Alice's English.
    assert.equal(
      await pages.bob.locator('[data-testid="lang-zh"]').getAttribute('aria-pressed'),
      'true',
    );
    assert.equal(await pages.bob.locator('#client').getAttribute('lang'), 'zh');
    assert.match(await session('bob').locator('[part="status"]').textContent(), /当前没有通话/);
    assert.match(await session('alice').locator('[part="status"]').textContent(), /No active call/);
    await snap('connected');
  });

  it('Alice calls Bob with video from the page; Bob sees the incoming call', async () => {
    await pages.alice.locator('[data-testid="target"]').fill(users.bob);
    await pages.alice.locator('[data-testid="call-video"]').click();
    await eventually('alice outgoing', async () => (await stateOf('alice')) === 'outgoing');
    await eventually('bob incoming', async () => (await stateOf('bob')) === 'incoming');
    assert.equal(await session('bob').getAttribute('media-type'), 'video');
    assert.match(
      await session('bob').locator('[part="name"]').textContent(),
      new RegExp(users.alice),
    );
    await eventually(
      'alice logs ringing',
      async () => (await logEntries('alice', 'ringing').count()) > 0,
    );
    const incoming = await logEntries('bob', 'session').first().textContent();
    assert.match(incoming, /"incoming": true/);
    assert.equal(
      await logEntries('bob', 'session').first().getAttribute('data-target'),
      'rc-call-session',
    );
    await snap('ringing');
  });

  it('Bob accepts from the page and both see each other’s video', async () => {
    await session('bob').locator('[part="accept"]').click();
    for (const who of ['alice', 'bob']) {
      await eventually(`${who} active`, async () => (await stateOf(who)) === 'active');
      await eventually(
        `${who} decodes the remote video`,
        async () => (await videoWidth(who, ':not([local])')) > 0,
      );
      await eventually(
        `${who} shows the local video`,
        async () => (await videoWidth(who, '[local]')) > 0,
      );
      await eventually(`${who} logs a remote video trackready`, async () => {
        const all = await logEntries(who, 'trackready').allTextContents();
        return all.some((t) => t.includes('"local": false') && t.includes('"kind": "video"'));
      });
    }
    assert.ok((await logEntries('alice', 'accept').count()) > 0, 'alice logged accept');
    await snap('active');
  });

  it('Alice mutes her microphone from the page and Bob’s page shows it', async () => {
    const aliceOnBob = session('bob').locator(`rc-video-tile[user-id="${users.alice}"]`);
    await eventually(
      'bob has alice’s audio',
      async () => (await aliceOnBob.getAttribute('audio-muted')) === null,
    );
    await session('alice').locator('[part="mic"]').click();
    await eventually(
      'alice’s tile on bob is audio-muted',
      async () => (await aliceOnBob.getAttribute('audio-muted')) !== null,
    );
    await eventually('bob logs the mutechange', async () => {
      const all = await logEntries('bob', 'mutechange').allTextContents();
      return all.some(
        (t) =>
          t.includes(users.alice) && t.includes('"muted": true') && t.includes('"kind": "audio"'),
      );
    });
    const mute = logEntries('bob', 'mutechange').first();
    assert.equal(
      await mute.getAttribute('data-target'),
      'rc-video-tile',
      'dispatched on alice’s tile',
    );
    await eventually('alice’s mic button says unmute', async () => {
      const label = await session('alice').locator('[part="mic"]').getAttribute('aria-label');
      return label === 'Unmute microphone';
    });
    await snap('muted');
  });

  it('Bob hangs up from the page; both show why the call ended', async () => {
    await session('bob').locator('[part="hangup"]').click();
    const reasons = { alice: 'The other side hung up', bob: '已挂断' };
    for (const who of ['alice', 'bob']) {
      await eventually(`${who} ended`, async () => (await stateOf(who)) === 'ended');
      assert.equal(
        (await session(who).locator('[part="status"]').textContent()).trim(),
        reasons[who],
      );
      await eventually(
        `${who} logs sessionclose`,
        async () => (await logEntries(who, 'sessionclose').count()) > 0,
      );
      const closed = await logEntries(who, 'sessionclose').first().textContent();
      assert.match(closed, /"endReason": \d+/);
      assert.match(closed, who === 'bob' ? /\bHANGUP\b/ : /\bREMOTE_HANGUP\b/, 'the reason’s name');
    }
    await snap('ended');
  });

  it('the language switch turns Bob’s page and call UI to English', async () => {
    await pages.bob.locator('[data-testid="lang-en"]').click();
    assert.equal(await pages.bob.locator('#client').getAttribute('lang'), 'en');
    assert.equal(await pages.bob.locator('[data-testid="call-video"]').textContent(), 'Video call');
    // Still ended, or back to idle if the machine was slow: either way in English now.
    await eventually('bob’s call UI in English', async () => {
      const text = await session('bob').locator('[part="status"]').textContent();
      return /You hung up|No active call/.test(text);
    });
    await snap('english');
  });

  it('no page threw', () => {
    assert.deepEqual(errors, []);
  });
});
