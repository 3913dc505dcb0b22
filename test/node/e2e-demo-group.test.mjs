// End to end, group call: the demo page of `npm start`, served by the real demo/server.mjs, in four
// browser contexts of Debian's Chromium with fake camera and microphone. Alice starts a video group
// call with Bob and Carol from the page's "Group call" section, both accept from the UI and every
// page shows the other two with decoded video; Alice invites Dave with the session's invite form,
// Dave accepts and Alice sees three remote tiles; Bob hangs up and the others stay in the call
// without his tile; then Alice and Carol hang up and every page ends (Dave, left alone, by itself).
// dist/ must be built. Screenshots of every step, for every page, go to test-results/e2e-group/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../web-test-runner.config.mjs';
import { eventually, startServer, stopServer } from './browser-helpers.mjs';

const shots = fileURLToPath(new URL('../../test-results/e2e-group/', import.meta.url));

describe('the demo page, a group call of four users in four contexts', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let base;
  const errors = [];
  const WHO = /** @type {const} */ (['alice', 'bob', 'carol', 'dave']);
  /** @type {Record<(typeof WHO)[number], import('playwright-core').Page>} */
  const pages = {};
  const users = Object.fromEntries(WHO.map((w) => [w, `${w}-${process.pid}`]));
  const others = (who, among = WHO) => among.filter((w) => w !== who);
  let step = 0;

  async function snap(name) {
    step++;
    const prefix = String(step).padStart(2, '0');
    for (const who of WHO) {
      await pages[who].screenshot({ path: `${shots}${prefix}-${name}-${who}.png`, fullPage: true });
    }
  }

  const session = (who) => pages[who].locator('#session');
  const stateOf = (who) => session(who).getAttribute('state');
  const logEntries = (who, event) => pages[who].locator(`#log li[data-event="${event}"]`);
  const remoteTiles = (who) => session(who).locator('rc-video-tile:not([local])');
  const tileOf = (who, member) =>
    session(who).locator(`rc-video-tile[user-id="${users[member]}"]:not([local])`);
  /** The decoded width of `member`'s video on `who`'s page (0 until a frame arrived). */
  const videoWidth = (who, member) =>
    tileOf(who, member)
      .locator('video[part="video"]')
      .evaluate((v) => v.videoWidth);

  async function seesVideoOf(who, members) {
    for (const member of members) {
      await eventually(
        `${who} decodes ${member}’s video`,
        async () => (await videoWidth(who, member)) > 0,
      );
    }
  }

  async function accept(who) {
    await eventually(`${who} incoming`, async () => (await stateOf(who)) === 'incoming');
    await session(who).locator('[part="accept"]').click();
  }

  before(async () => {
    mkdirSync(shots, { recursive: true });
    server = startServer();
    base = await server.url;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    for (const who of WHO) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: who === 'carol' ? 'dark' : 'light',
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
      await page.goto(`${base}?user=${users[who]}&lang=en`);
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

  it('all four pages connect to the relay with the id from ?user=', async () => {
    for (const who of WHO) {
      const client = pages[who].locator('#client');
      await eventually(`${who} connected`, async () => {
        return (await client.getAttribute('status')) === 'connected';
      });
      assert.equal(await client.getAttribute('user-id'), users[who]);
      assert.equal(await stateOf(who), 'idle');
    }
    await snap('connected');
  });

  it('Alice starts a video group call with Bob and Carol from the group section', async () => {
    const group = pages.alice.locator('details#group');
    assert.equal(await group.getAttribute('open'), null, 'the group section starts folded');
    await group.locator('summary').click();
    await eventually('the group form shows', () =>
      pages.alice.locator('[data-testid="members"]').isVisible(),
    );
    await pages.alice.locator('[data-testid="group-id"]').fill(`group-${process.pid}`);
    await pages.alice.locator('[data-testid="members"]').fill(`${users.bob}, ${users.carol}`);
    await pages.alice.locator('[data-testid="group-video"]').click();
    await eventually('alice outgoing', async () => (await stateOf('alice')) === 'outgoing');
    for (const who of ['bob', 'carol']) {
      await eventually(`${who} incoming`, async () => (await stateOf(who)) === 'incoming');
      assert.equal(await session(who).getAttribute('media-type'), 'video');
      assert.match(
        await session(who).locator('[part="name"]').textContent(),
        new RegExp(users.alice),
      );
      assert.match(await session(who).locator('[part="status"]').textContent(), /Group call/);
      const incoming = await logEntries(who, 'session').first().textContent();
      assert.match(incoming, /"incoming": true/);
    }
    assert.equal(await pages.alice.locator('[data-testid="call-error"]').isHidden(), true);
    await snap('ringing');
  });

  it('Bob and Carol accept from the page; each page shows the other two with video', async () => {
    await accept('bob');
    await accept('carol');
    const three = ['alice', 'bob', 'carol'];
    for (const who of three) {
      await eventually(`${who} active`, async () => (await stateOf(who)) === 'active');
      await seesVideoOf(who, others(who, three));
      await eventually(
        `${who} shows two remote tiles`,
        async () => (await remoteTiles(who).count()) === 2,
      );
      await eventually(
        `${who} shows its own tile`,
        async () => (await session(who).locator('rc-video-tile[local]').count()) === 1,
      );
      assert.match(await session(who).locator('[part="status"]').textContent(), /Group call/);
    }
    assert.equal(await stateOf('dave'), 'idle', 'dave was not called');
    await snap('active');
  });

  it('Alice invites Dave with the invite form; Dave accepts and Alice sees three remote tiles', async () => {
    await session('alice').locator('[part="invite"]').click();
    const form = session('alice').locator('form.invite-form');
    await form.locator('input[name="users"]').fill(users.dave);
    await snap('invite-form');
    await form.locator('button[type="submit"]').click();
    await eventually('the invite form closes', async () => (await form.count()) === 0);
    await eventually('dave incoming', async () => (await stateOf('dave')) === 'incoming');
    for (const who of ['bob', 'carol']) {
      await eventually(`${who} logs the membermodify`, async () => {
        const all = await logEntries(who, 'membermodify').allTextContents();
        return all.some((t) => t.includes(users.dave));
      });
    }
    await snap('dave-ringing');
    await accept('dave');
    await eventually('dave active', async () => (await stateOf('dave')) === 'active');
    await seesVideoOf('alice', ['bob', 'carol', 'dave']);
    await eventually(
      'alice shows three remote tiles',
      async () => (await remoteTiles('alice').count()) === 3,
    );
    await seesVideoOf('dave', ['alice', 'bob', 'carol']);
    for (const who of ['bob', 'carol']) await seesVideoOf(who, ['dave']);
    await snap('four');
  });

  it('Bob hangs up; the others stay in the call and his tile leaves their pages', async () => {
    await session('bob').locator('[part="hangup"]').click();
    await eventually('bob ended', async () => (await stateOf('bob')) === 'ended');
    assert.equal(
      (await session('bob').locator('[part="status"]').textContent()).trim(),
      'You hung up',
    );
    for (const who of ['alice', 'carol', 'dave']) {
      await eventually(
        `bob’s tile leaves ${who}’s page`,
        async () => (await tileOf(who, 'bob').count()) === 0,
      );
      await eventually(`${who} logs bob’s hungup`, async () => {
        const all = await logEntries(who, 'hungup').allTextContents();
        return all.some((t) => t.includes(users.bob));
      });
      assert.equal(await stateOf(who), 'active', `${who} stays in the call`);
      assert.equal(await remoteTiles(who).count(), 2, `${who} shows the other two`);
    }
    await seesVideoOf('alice', ['carol', 'dave']);
    await snap('bob-left');
  });

  it('Alice and Carol hang up; every page reaches the ended state', async () => {
    await session('alice').locator('[part="hangup"]').click();
    await eventually('alice ended', async () => (await stateOf('alice')) === 'ended');
    for (const who of ['carol', 'dave']) {
      await eventually(
        `alice’s tile leaves ${who}’s page`,
        async () => (await tileOf(who, 'alice').count()) === 0,
      );
      assert.equal(await stateOf(who), 'active', `${who} stays with one other`);
    }
    await snap('alice-left');
    await session('carol').locator('[part="hangup"]').click();
    // Dave, the last one in the call, ends by himself: a call needs two.
    for (const who of WHO) {
      await eventually(`${who} ended`, async () => (await stateOf(who)) === 'ended');
      await eventually(
        `${who} logs sessionclose`,
        async () => (await logEntries(who, 'sessionclose').count()) > 0,
      );
      const closed = await logEntries(who, 'sessionclose').first().textContent();
      assert.match(closed, /"endReason": \d+/);
    }
    for (const who of ['alice', 'bob', 'carol']) {
      const note = await logEntries(who, 'sessionclose').first().locator('.note').textContent();
      assert.equal(note, 'HANGUP', `${who} hung up`);
    }
    const daveNote = await logEntries('dave', 'sessionclose')
      .first()
      .locator('.note')
      .textContent();
    assert.notEqual(daveNote, 'HANGUP', 'dave did not hang up');
    // The ended screen names the group call, not whoever invited (Dave was invited by Alice).
    for (const who of WHO)
      assert.equal(await session(who).locator('[part="name"]').textContent(), 'Group call');
    await snap('ended');
  });

  it('no page threw', () => {
    assert.deepEqual(errors, []);
  });
});
