// The README's one-minute quick start, run as written: its first HTML block becomes alice.html and,
// edited as the README says (user-id="bob", name="Bob", call('alice')), bob.html, in a folder where
// node_modules/rc-call-elements/dist is this package's dist/. Both pages open as tabs of one
// browser (the local backend over BroadcastChannel, real WebRTC with fake devices); Alice clicks
// "Call Bob", Bob accepts in the built-in UI, both get video, Bob hangs up. So the snippet cannot
// rot. dist/ must be built (test/run.mjs does it before the Node tests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../web-test-runner.config.mjs';
import { eventually, root } from './browser-helpers.mjs';

/** The first ```html block after `heading` in README.md. */
function htmlBlockAfter(heading) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README.md has no "${heading}"`);
  const block = /```html\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `no html block after "${heading}"`);
  return block[1];
}

/** A static server for `dir` on 127.0.0.1 (follows the dist/ symlink). */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(dir, path);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port })),
  );
}

describe(
  'README quick start: the script-tag snippet on the local backend',
  { timeout: 120_000 },
  () => {
    let dir;
    let http;
    let browser;
    const pages = {};
    const errors = [];

    before(async () => {
      const alice = htmlBlockAfter('### A script tag, local backend');
      assert.match(alice, /user-id="alice"/);
      assert.match(alice, /call\('bob'/);
      assert.match(alice, /name="Alice"/);
      // "…and a copy with user-id="bob", name="Bob" and call('alice') as bob.html"
      const bob = alice
        .replace('user-id="alice"', 'user-id="bob"')
        .replace('name="Alice"', 'name="Bob"')
        .replace("call('bob'", "call('alice'");
      dir = mkdtempSync(join(tmpdir(), 'rc-quickstart-'));
      mkdirSync(join(dir, 'node_modules/rc-call-elements'), { recursive: true });
      symlinkSync(join(root, 'dist'), join(dir, 'node_modules/rc-call-elements/dist'));
      writeFileSync(join(dir, 'alice.html'), alice);
      writeFileSync(join(dir, 'bob.html'), bob);
      http = await serve(dir);
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
      const context = await browser.newContext(); // one browser: the tabs share a BroadcastChannel
      for (const who of ['alice', 'bob']) {
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
        await page.goto(`http://localhost:${http.port}/${who}.html`);
        pages[who] = page;
      }
    });

    after(async () => {
      await browser?.close();
      http?.server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const session = (who) => pages[who].locator('rc-call-session');
    const state = (who) => session(who).getAttribute('state');

    it('both pages connect, Alice calls, Bob accepts, both see video, Bob hangs up', async () => {
      for (const who of ['alice', 'bob']) {
        await eventually(`${who} connected`, async () => {
          return (
            (await pages[who].locator('rc-call-client').getAttribute('status')) === 'connected'
          );
        });
      }
      await pages.alice.locator('#call').click();
      await eventually('bob is rung', async () => (await state('bob')) === 'incoming');
      assert.match(await session('bob').locator('[part="name"]').textContent(), /Alice/);
      assert.match(await session('alice').locator('[part="name"]').textContent(), /bob|Bob/);
      await session('bob').locator('[part="accept"]').click();
      for (const who of ['alice', 'bob']) {
        await eventually(`${who} active`, async () => (await state(who)) === 'active');
        await eventually(`${who} decodes the other's video`, async () => {
          const width = await session(who)
            .locator('rc-video-tile:not([local]) video[part="video"]')
            .evaluate((v) => v.videoWidth);
          return width > 0;
        });
      }
      await session('bob').locator('[part="hangup"]').click();
      for (const who of ['alice', 'bob'])
        await eventually(`${who} ended`, async () => (await state(who)) !== 'active');
      assert.deepEqual(errors, []);
    });
  },
);
