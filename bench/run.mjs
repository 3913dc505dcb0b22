#!/usr/bin/env node
// `npm run bench`: time from call() to the first remote video frame at the caller (two local
// clients in one page, the callee answering at once) against a raw RTCPeerConnection loopback,
// alternating, in Debian's Chromium with fake devices. Prints medians and their ratio.
//   node bench/run.mjs [--runs N]     (default 7; the first run of each kind is a warm-up)
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../web-test-runner.config.mjs';

const root = resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(5, runsArg > 0 ? Number(process.argv[runsArg + 1]) || 7 : 7);

/** Newest modification time under `dir` (recursively). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildIfNeeded() {
  const out = join(root, 'dist/local.js');
  const sources = Math.max(newest(join(root, 'src/local')), newest(join(root, 'src/calllib')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  console.log('Building dist/ (rollup)…');
  const r = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** Serves /dist/ and /bench/ from the package root on 127.0.0.1. */
function serve() {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(root, path);
    const allowed = [join(root, 'dist') + sep, join(root, 'bench') + sep].some((d) =>
      file.startsWith(d),
    );
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (ms) => `${ms.toFixed(0)}ms`;

buildIfNeeded();
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: chromiumArgs.filter((a) => !a.startsWith('--headless')),
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const times = { ours: [], raw: [] };
  // A warm-up of each kind first (JIT, the fake devices' first open), not counted.
  for (let run = 0; run <= runs; run++) {
    const order = run % 2 ? ['raw', 'ours'] : ['ours', 'raw'];
    for (const kind of order) {
      const ms = await page.evaluate(([k, i]) => window.bench[k](i), [kind, run]);
      if (run > 0) times[kind].push(ms);
      console.log(`run ${run}${run === 0 ? ' (warm-up)' : ''} ${kind}: ${fmt(ms)}`);
    }
  }
  const ours = median(times.ours);
  const raw = median(times.raw);
  console.log(`raw runs: ${times.raw.map(fmt).join(' ')}`);
  console.log(`ours runs: ${times.ours.map(fmt).join(' ')}`);
  console.log(
    `call-to-first-frame: 1:1 ours=${fmt(ours)} raw=${fmt(raw)} ratio=${(ours / raw).toFixed(2)} (goal < 1.3, median of ${runs})`,
  );
} finally {
  await browser.close();
  server.close();
}
