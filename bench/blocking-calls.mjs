#!/usr/bin/env node
// Where a bench kind blocks the page's main thread in WebRTC and media calls: every method and
// getter of RTCPeerConnection, RTCRtpSender/Receiver/Transceiver, MediaStreamTrack and
// BroadcastChannel (and `new RTCPeerConnection`) is wrapped in the page, and the time spent inside
// each is summed per run. Many of them wait for WebRTC's signalling thread, which all the page's
// connections share. Uses dist/ as built (`npm run build` first).
//   node bench/blocking-calls.mjs [kind ...]   default: oursGroup rawMeshHalf; RUNS=5
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../web-test-runner.config.mjs';

const root = resolve(import.meta.dirname, '..');
const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ['oursGroup', 'rawMeshHalf'];
const runs = Number(process.env.RUNS) || 5;

const server = createServer((request, response) => {
  const file = join(root, normalize(new URL(request.url, 'http://x').pathname));
  const inside = ['dist', 'bench'].some((dir) => file.startsWith(join(root, dir)));
  if (!inside || !existsSync(file) || !statSync(file).isFile())
    return response.writeHead(404).end();
  const type = { '.html': 'text/html', '.js': 'text/javascript' }[extname(file)];
  response.writeHead(200, { 'Content-Type': type ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: chromiumArgs.filter((a) => !a.startsWith('--headless')),
});

/** Installed in the page before the runs: `window.blocked` maps `Class.member` → {calls, ms}. */
function wrapAll() {
  const blocked = (window.blocked = new Map());
  const timed = (label, fn) =>
    function (...args) {
      const start = performance.now();
      try {
        return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
      } finally {
        const entry = blocked.get(label) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - start;
        blocked.set(label, entry);
      }
    };
  const classes = [RTCPeerConnection, RTCRtpSender, RTCRtpReceiver, RTCRtpTransceiver];
  for (const type of [...classes, MediaStreamTrack, BroadcastChannel]) {
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const d = Object.getOwnPropertyDescriptor(type.prototype, name);
      const label = `${type.name}.${name}`;
      if (name === 'constructor' || !d.configurable) continue;
      if (typeof d.value === 'function') d.value = timed(label, d.value);
      else if (d.get) d.get = timed(label, d.get);
      else continue;
      Object.defineProperty(type.prototype, name, d);
    }
  }
  const Native = RTCPeerConnection;
  window.RTCPeerConnection = timed('new RTCPeerConnection', Native);
  window.RTCPeerConnection.prototype = Native.prototype;
}

try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  await page.evaluate(wrapAll);
  for (const kind of kinds) {
    await page.evaluate((k) => window.bench[k](0), kind); // warm-up
    await page.evaluate(() => window.blocked.clear());
    let total = 0;
    for (let run = 1; run <= runs; run++) {
      total += await page.evaluate(([k, i]) => window.bench[k](i), [kind, run]);
      await new Promise((done) => setTimeout(done, 300));
    }
    const rows = await page.evaluate(() => [...window.blocked]);
    console.log(`${kind}: ${(total / runs).toFixed(0)} ms a run; blocked per run, most first:`);
    for (const [label, { calls, ms }] of rows.sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) {
      const perRun = `${(ms / runs).toFixed(1)} ms`.padStart(9);
      console.log(`${perRun} ${String(Math.round(calls / runs)).padStart(4)}× ${label}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
