#!/usr/bin/env node
// `npm run bench`: the figures of issue 6, in Debian's Chromium with fake devices.
// 1. Time from call() to the first remote video frame at the caller (two local clients in one page,
//    the callee answering at once) against a raw RTCPeerConnection loopback, alternating: medians
//    and their ratio.
// 2. The same for a group of four: callInGroup() to a first frame from each of three members,
//    against the baseline, four raw loopbacks in one page (four getUserMedia, four pairs
//    each sending one stream one way, until the last of the four first frames), alternating in
//    browsers of their own. Info lines, measured in other browsers, set it beside one stream over
//    three raw pairs, a raw full mesh (the same twelve connections as ours), the raw mesh at half
//    size (what ours sends in a group) and raw mesh / baseline (what the topology alone costs).
// 3. The gzip size (level 9, each file on its own) of every dist entry.
// 4. Teardown of the elements: two <rc-call-client backend="local"> in one page through 30
//    call/hang-up cycles; live tracks, open peer connections, event listeners and heap growth.
// Ends with a summary block, one line per figure. Exits 0 when a target is missed (it reports),
// non-zero when the bench itself fails.
// 5. A camera switch mid-call: the longest gap between the peer's frames (target under 300 ms).
// 6. Who speaks in a group of four: one 100 ms tick read from Web Audio analysers (what the
//    elements use) against getStats' audioLevel of the three peer connections (info).
// 7. Faults (issue 15): the relay restarted mid-call, and the TURN server carrying a relay-only
//    call restarted: from the restart to signalling back / the peer's frames again (median).
// 8. The relay (issue 16): frames per second one relay process forwards, 1 kB each, 1,000
//    clients connected; alone, with Redis, and two relays with every frame across Redis (info;
//    bench/relay-load.mjs, which also runs on its own).
//   node bench/run.mjs [--runs N] [--cycles N] [--only group|1:1|switch|speaking|faults|relay]
//     [--trace]
//     runs default 12 (4 in each of 3 browsers, each browser with a warm-up), at least 5; cycles
//     default 30; --only measures that figure alone; --trace prints the group runs'
//     getUserMedia, room messages and connection steps.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../web-test-runner.config.mjs';
import { killProcess, startTurnServer } from '../test/wtr-plugins.mjs';
import { closure, gzipSize } from './dist-closure.mjs';
import { relayLoad } from './relay-load.mjs';

const root = resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(5, runsArg > 0 ? Number(process.argv[runsArg + 1]) || 12 : 12);
const cyclesArg = process.argv.indexOf('--cycles');
const cycles = Math.max(2, cyclesArg > 0 ? Number(process.argv[cyclesArg + 1]) || 30 : 30);
// While working on one figure: `--only group` (or `1:1`) measures that one alone, no sizes or
// teardown; `--trace` adds each group run's peer connections, step by step.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const trace = process.argv.includes('--trace');

/** Newest modification time under `dir` (recursively). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Rebuilds dist/ when a source is newer than the entries the bench loads. */
function buildIfNeeded() {
  const outs = ['local.js', 'calllib.js', 'rc-call.js'].map((f) => join(root, 'dist', f));
  const sources = Math.max(...['src', 'elements'].map((d) => newest(join(root, d))));
  if (outs.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
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
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** The summary: one row per figure (name, value, target, ok / MISSED / info). */
const summary = [];
const figure = (name, value, target, ok) =>
  summary.push({
    name,
    value,
    target: target ?? '-',
    status: ok === undefined ? 'info' : ok ? 'ok' : 'MISSED',
  });

/**
 * Between two runs: collect the garbage and let WebRTC's threads finish closing the last run's
 * connections and devices, so that no run pays for the one before it (whichever kind that was).
 */
async function settle(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
const SETTLE_MS = 300;

/**
 * Measures `kinds` alternately (each run starts with the next kind) in browsers of their own: a
 * kind measured in another comparison cannot leave anything behind that slows these. (It does
 * happen, also across pages: after some runs of `rawGroup`, our group runs in the same page took
 * 337 ms instead of 291 ms; after the 1:1 comparison in another page of the same browser, both
 * group kinds were slower, ours more, the ratio 1.44–1.49 instead of 1.16.) The runs are spread
 * over {@link LAUNCHES} launches, each with its own warm-up: a launch can be slow or fast as a
 * whole (ours by up to 50 ms), and one launch would make the figure that launch's. Medians per
 * kind over all the runs.
 */
async function compare(label, kinds) {
  const times = Object.fromEntries(kinds.map((k) => [k, []]));
  const perLaunch = Math.ceil(runs / LAUNCHES);
  for (let launch = 1; launch <= LAUNCHES; launch++) {
    await withBrowser(async (browser) => {
      const page = await openBenchPage(browser);
      await measure(page, `${label} (browser ${launch})`, kinds, perLaunch, times);
    });
  }
  for (const kind of kinds) console.log(`${label} ${kind} runs: ${times[kind].map(fmt).join(' ')}`);
  return Object.fromEntries(kinds.map((k) => [k, median(times[k])]));
}
const LAUNCHES = 3;

/**
 * `count` runs of each kind in `page`, added to `times`, after a warm-up of each. The order rotates
 * each run (for two kinds: ours-raw, then raw-ours).
 */
async function measure(page, label, kinds, count, times) {
  const cdp = await page.context().newCDPSession(page);
  // A warm-up of each kind first (JIT, the fake devices' first open), not counted.
  for (let run = 0; run <= count; run++) {
    const shift = run % kinds.length;
    const order = [...kinds.slice(shift), ...kinds.slice(0, shift)];
    for (const kind of order) {
      // A run that never gets its frames fails the bench instead of stalling it.
      const ms = await page.evaluate(
        ([k, i]) =>
          Promise.race([
            window.bench[k](i),
            new Promise((_, fail) => setTimeout(() => fail(new Error(`${k} timed out`)), 20000)),
          ]),
        [kind, run],
      );
      if (run > 0) times[kind].push(ms);
      await settle(cdp);
      const phases = await page.evaluate(() => window.bench.phases);
      const detail = phases ? ` (${phases})` : '';
      await page.evaluate(() => delete window.bench.phases);
      console.log(
        `${label} run ${run}${run === 0 ? ' (warm-up)' : ''} ${kind}: ${fmt(ms)}${detail}`,
      );
    }
  }
}

// ---- sizes -------------------------------------------------------------------------------------

const dist = join(root, 'dist');

/** Reads the sizes; another build rewriting dist/ meanwhile (files briefly missing) is retried. */
async function sizes() {
  for (let attempt = 1; ; attempt++) {
    const rows = [];
    try {
      readSizes((...row) => rows.push(row));
      rows.forEach((row) => figure(...row));
      return;
    } catch (error) {
      if (error.code !== 'ENOENT' || attempt === 5) throw error;
      console.log(`size: ${error.path} is missing (a build is running?), retrying in 3 s`);
      await new Promise((done) => setTimeout(done, 3000));
    }
  }
}

function readSizes(figure) {
  const entry = (file) => join(dist, file);
  const total = (label, files) => {
    const bytes = files.reduce((sum, f) => sum + gzipSize(f), 0);
    const parts = files.map((f) => `${relative(dist, f)} ${kB(gzipSize(f))}`).join(' + ');
    console.log(`size ${label}: ${kB(bytes)} gzip (${bytes} B) = ${parts}`);
    return bytes;
  };
  const TARGET = 25 * 1024;
  const elements = closure(entry('rc-call.js'));
  if (!elements.includes(entry('chunks/calllib-enums.js'))) {
    throw new Error('no static import of the enums found in rc-call.js: the import parser broke');
  }
  const budgeted = total('rc-call.js + static imports', elements);
  figure('gzip rc-call.js + static imports', kB(budgeted), `<= ${kB(TARGET)}`, budgeted <= TARGET);
  for (const file of [
    'calllib.js',
    'chunks/calllib-enums.js',
    'local.js',
    'testing.js',
    'rc-call.global.js',
  ]) {
    figure(`gzip ${file}`, kB(total(file, [entry(file)])));
  }
  // The RongCloud entry and the SDK chunks it loads (the engine, shared, is counted on its own).
  const engine = closure(entry('calllib.js'));
  const rongcloud = closure(entry('rongcloud.js'), { dynamic: true }).filter(
    (f) => !engine.includes(f),
  );
  figure('gzip rongcloud.js + chunks', kB(total('rongcloud.js + chunks', rongcloud)));
  const page = [...new Set([...elements, ...closure(entry('local.js'))])];
  figure(
    'gzip page: elements + local backend',
    kB(total('page: rc-call.js + enums + calllib.js + local.js', page)),
  );
}

// ---- teardown ------------------------------------------------------------------------------------

/**
 * Runs in the teardown page before anything else: records every device track and peer connection.
 * Live tracks and unclosed connections are held strongly (to count them); ended and closed ones are
 * moved to weak references by `retire()`, so that after a forced GC the ones something still holds
 * can be counted too.
 */
function installRecorders() {
  const live = (t) => t.readyState === 'live';
  const open = (pc) => pc.connectionState !== 'closed';
  const record = (window.__benchRecords = {
    tracks: [],
    peers: [],
    created: { tracks: 0, peers: 0 },
    gone: { tracks: [], peers: [] },
    retire() {
      for (const [kind, stillOpen] of [
        ['tracks', live],
        ['peers', open],
      ]) {
        record.gone[kind].push(
          ...record[kind].filter((x) => !stillOpen(x)).map((x) => new WeakRef(x)),
        );
        record[kind] = record[kind].filter(stillOpen);
      }
    },
    reset() {
      record.retire();
      record.created = { tracks: record.tracks.length, peers: record.peers.length };
      record.gone = { tracks: [], peers: [] };
    },
  });
  const addTracks = (list) => {
    record.tracks.push(...list);
    record.created.tracks += list.length;
  };
  const gum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (...args) {
    const stream = await gum.apply(this, args);
    addTracks(stream.getTracks());
    return stream;
  };
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function () {
    const copy = clone.call(this);
    if (record.tracks.includes(this)) addTracks([copy]);
    return copy;
  };
  window.RTCPeerConnection = new Proxy(window.RTCPeerConnection, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget);
      record.peers.push(pc);
      record.created.peers++;
      return pc;
    },
  });
}

/** Event listeners per target, counted by the DevTools protocol (`DOMDebugger.getEventListeners`). */
async function listenerCounts(cdp) {
  const targets = {
    window: 'window',
    document: 'document',
    'alice client': 'teardown.els.alice',
    'bob client': 'teardown.els.bob',
    'alice session': 'teardown.els.a',
    'bob session': 'teardown.els.b',
  };
  const counts = {};
  for (const [name, expression] of Object.entries(targets)) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, objectGroup: 'bench' });
    if (!result.objectId) throw new Error(`no object for ${expression}`);
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
    });
    counts[name] = listeners.map((l) => l.type);
  }
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'bench' });
  return counts;
}

/** JS heap used after forcing garbage collection. */
async function heapUsed(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function teardown(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('teardown page error:', error.message));
  await page.addInitScript(installRecorders);
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await context.newCDPSession(page);
  // Control: what Chromium itself keeps of raw loopbacks that were stopped and closed.
  for (let i = 0; i < 3; i++) await page.evaluate((n) => window.bench.raw(n), i);
  await page.evaluate(() => window.teardown.leftOpen());
  await heapUsed(cdp);
  const control = await page.evaluate(() => window.teardown.retained());
  await page.evaluate(() => window.teardown.resetRecords());
  console.log(
    `teardown control (3 raw loopbacks, stopped and closed): still reachable after GC: ` +
      `${control.tracks} of ${control.createdTracks} tracks, ${control.peers} of ${control.createdPeers} peer connections`,
  );
  await page.evaluate(() => window.teardown.setup());
  const before = await listenerCounts(cdp);
  let heap1 = 0;
  const started = performance.now();
  for (let n = 1; n <= cycles; n++) {
    await page.evaluate((i) => window.teardown.cycle(i), n);
    if (n === 1) {
      await page.evaluate(() => window.teardown.settle());
      heap1 = await heapUsed(cdp);
      console.log(`teardown cycle 1: heap ${kB(heap1)} (after GC, sessions idle)`);
    } else if (n % 10 === 0 && n < cycles) {
      console.log(`teardown cycle ${n}: heap ${kB(await heapUsed(cdp))} (after GC)`);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  await page.evaluate(() => window.teardown.settle());
  const heapN = await heapUsed(cdp);
  console.log(`teardown cycle ${cycles}: heap ${kB(heapN)} (after GC, sessions idle)`);
  console.log(`teardown: ${cycles} cycles in ${elapsed.toFixed(1)} s`);
  const after = await listenerCounts(cdp);
  const open = await page.evaluate(() => window.teardown.leftOpen());
  console.log(
    `teardown: ${open.tracks} device tracks opened, ${open.liveTracks} live; ` +
      `${open.peers} peer connections created, ${open.openPeers} not closed`,
  );
  await heapUsed(cdp);
  const kept = await page.evaluate(() => window.teardown.retained());
  const held = await page.evaluate(() =>
    ['alice', 'bob'].map((who) => {
      const record = window.teardown.els[who].client?.inspect?.();
      return `${who}'s client inspect(): ${record?.localTracks.length} tracks, ${record?.peerConnections.length} peer connections`;
    }),
  );
  console.log(
    `teardown: held by the local backend's record (src/local/media.ts): ${held.join('; ')}`,
  );
  console.log(
    `teardown: still reachable after GC: ${kept.tracks} of ${kept.createdTracks - open.liveTracks} ended tracks, ` +
      `${kept.peers} of ${kept.createdPeers - open.openPeers} closed peer connections`,
  );
  const describe = (types) => {
    const byType = {};
    for (const t of types) byType[t] = (byType[t] ?? 0) + 1;
    return Object.entries(byType)
      .map(([t, c]) => `${t}×${c}`)
      .join(' ');
  };
  for (const name of Object.keys(before)) {
    console.log(
      `teardown listeners ${name}: before ${before[name].length} [${describe(before[name])}]` +
        ` after ${after[name].length} [${describe(after[name])}]`,
    );
  }
  await page.close();

  figure(
    `teardown: live local tracks after ${cycles} cycles`,
    `${open.liveTracks}`,
    '0',
    open.liveTracks === 0,
  );
  figure(
    `teardown: open RTCPeerConnections after ${cycles} cycles`,
    `${open.openPeers} of ${open.peers}`,
    '0',
    open.openPeers === 0,
  );
  figure(
    `teardown: closed RTCPeerConnections still reachable after GC`,
    `${kept.peers} of ${kept.createdPeers - open.openPeers}`,
    `0 (raw control: ${control.peers} of ${control.createdPeers})`,
    kept.peers === 0,
  );
  // Chromium itself keeps getUserMedia's tracks reachable (see the control), so this one is not judged.
  figure(
    `teardown: ended tracks still reachable after GC`,
    `${kept.tracks} of ${kept.createdTracks - open.liveTracks}`,
    `- (raw control: ${control.tracks} of ${control.createdTracks})`,
  );
  // Window, document and the client elements are budgeted; the session elements are reported too.
  const budgeted = ['window', 'document', 'alice client', 'bob client'];
  const total = (counts, names) => names.reduce((sum, n) => sum + counts[n].length, 0);
  figure(
    'teardown: listeners on window, document, clients',
    `${total(before, budgeted)} -> ${total(after, budgeted)}`,
    'back to baseline',
    budgeted.every((n) => after[n].length <= before[n].length),
  );
  const sessions = ['alice session', 'bob session'];
  figure(
    'teardown: listeners on the session elements',
    `${total(before, sessions)} -> ${total(after, sessions)}`,
    'back to baseline',
    sessions.every((n) => after[n].length <= before[n].length),
  );
  const growth = heapN - heap1;
  figure(
    `teardown: heap growth cycle 1 -> ${cycles}`,
    kB(growth),
    '< 1024.0 kB',
    growth < 1024 * 1024,
  );
}

function printSummary() {
  const w = (key) => Math.max(key.length, ...summary.map((r) => r[key].length));
  const [wn, wv, wt] = [w('name'), w('value'), w('target')];
  console.log('\n=== summary ===');
  for (const r of summary) {
    console.log(
      `${r.name.padEnd(wn)}  ${r.value.padStart(wv)}  target ${r.target.padEnd(wt)}  ${r.status}`,
    );
  }
}

buildIfNeeded();
const server = await serve();
const url = `http://127.0.0.1:${server.address().port}/bench/page.html`;
/** A Chromium of its own for `use`, closed after. */
async function withBrowser(use) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs.filter((a) => !a.startsWith('--headless')),
  });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

try {
  if (!only || only === '1:1') await oneToOne();
  if (!only || only === 'group') await groupOfFour();
  if (!only || only === 'switch') await cameraSwitch();
  if (!only || only === 'speaking') await speakingCost();
  if (!only || only === 'faults') await faults();
  if (!only || only === 'relay') await relayThroughput();

  if (!only) {
    await sizes();
    await withBrowser(async (browser) => teardown(await browser.newContext(), url));
  }
  printSummary();
} finally {
  server.close();
}

async function openBenchPage(browser) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true);
  if (trace) await page.evaluate(() => (window.bench.trace = true));
  return page;
}

async function oneToOne() {
  const one = await compare('1:1', ['ours', 'raw']);
  const ratio = one.ours / one.raw;
  console.log(
    `call-to-first-frame: 1:1 ours=${fmt(one.ours)} raw=${fmt(one.raw)} ratio=${ratio.toFixed(2)} (goal < 1.3, median of ${runs} in ${LAUNCHES} browsers)`,
  );
  figure(
    `call-to-first-frame 1:1 ratio (ours ${fmt(one.ours)} / raw ${fmt(one.raw)})`,
    ratio.toFixed(2),
    '< 1.3',
    ratio < 1.3,
  );
}

async function cameraSwitch() {
  const { switchGap } = await compare('camera switch', ['switchGap']);
  figure(
    "camera switch: longest gap in the peer's frames (replaceTrack, no renegotiation)",
    fmt(switchGap),
    '< 300 ms',
    switchGap < 300,
  );
}

async function speakingCost() {
  const { speakingAnalyser, speakingStats } = await compare('speaking', [
    'speakingAnalyser',
    'speakingStats',
  ]);
  const ms = (v) => `${v.toFixed(3)}ms`;
  figure(
    'who speaks, group of 4: one tick with Web Audio analysers (main thread)',
    ms(speakingAnalyser),
  );
  figure(
    'who speaks, group of 4: one tick with getStats audioLevel (3 connections)',
    ms(speakingStats),
  );
}

async function groupOfFour() {
  // The target's two kinds alternate in browsers of their own; the raw variants that tell where the
  // time goes (info lines, set beside our median from the target's runs) in others.
  const times = {
    ...(await compare('group', ['oursGroup', 'rawLoopbacks'])),
    ...(await compare('group info', ['rawGroup', 'rawMesh', 'rawMeshHalf'])),
  };
  const ours = times.oursGroup;
  const raw = times.rawLoopbacks;
  const groupRatio = ours / raw;
  console.log(
    `call-to-first-frame: group of 4 ours=${fmt(ours)} raw (4 loopbacks)=${fmt(raw)} ratio=${groupRatio.toFixed(2)} (goal < 1.3, median of ${runs} in ${LAUNCHES} browsers)`,
  );
  figure(
    `call-to-first-frame group of 4 ratio (ours ${fmt(ours)} / 4 raw loopbacks ${fmt(raw)})`,
    groupRatio.toFixed(2),
    '< 1.3',
    groupRatio < 1.3,
  );
  figure(
    `  group of 4 vs one stream over 3 raw pairs (ours / ${fmt(times.rawGroup)})`,
    (ours / times.rawGroup).toFixed(2),
  );
  figure(
    `  group of 4 vs a raw full mesh (ours / raw mesh ${fmt(times.rawMesh)})`,
    (ours / times.rawMesh).toFixed(2),
  );
  figure(
    `  group of 4 vs a raw full mesh at half size, as ours sends (ours / ${fmt(times.rawMeshHalf)})`,
    (ours / times.rawMeshHalf).toFixed(2),
  );
  figure(
    `  raw mesh / raw baseline (what the mesh topology costs, ${fmt(times.rawMesh)} / ${fmt(raw)})`,
    (times.rawMesh / raw).toFixed(2),
  );
}

/** Debian's coturn on loopback (the tests' own starter), user `rc`, credential `bench`. */
function startTurn(port) {
  return startTurnServer({ port, credential: 'bench', relayPorts: '41000-41999' });
}

/**
 * The faults of issue 15, each run a fresh call in one page: (a) the relay closes for 2 s while
 * the call goes on, then listens again on its port: the time from it listening to both sides'
 * links `connected`, and whether the callee's frames kept coming meanwhile; (b) the TURN server
 * of a relay-only call is killed and, once the callee shows the caller reconnecting, started again:
 * the time from it listening to the callee decoding frames again.
 */
async function faults() {
  const runsHere = Math.min(runs, 6);
  const { createRelayServer } = await import(pathToFileURL(join(root, 'dist/relay.js')).href);
  const origin = new URL(url).origin;
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const relayBack = [];
  const framesWhileDown = [];
  const turnBack = [];
  const turnDown = [];
  let relay = await createRelayServer({
    host: '127.0.0.1',
    port: 0,
    origins: [origin],
    log: false,
  });
  const port = relay.port;
  const turnPort = 30000 + Math.floor(Math.random() * 10000);
  try {
    await withBrowser(async (browser) => {
      const page = await openBenchPage(browser);
      const state = () => page.evaluate(() => window.bench.faultState());
      const until = async (check, what, ms = 30000) => {
        const deadline = Date.now() + ms;
        for (;;) {
          const s = await state();
          if (check(s)) return s;
          if (Date.now() > deadline) throw new Error(`faults: timed out waiting for ${what}`);
          await wait(20);
        }
      };
      for (let run = 0; run <= runsHere; run++) {
        await page.evaluate((signal) => window.bench.faultCall({ signal }), relay.signalUrl);
        await relay.close();
        await until(
          (s) => s.caller === 'reconnecting' && s.callee === 'reconnecting',
          'relay down',
        );
        const before = (await state()).frames;
        await wait(2000);
        const during = (await state()).frames - before;
        relay = await createRelayServer({ host: '127.0.0.1', port, origins: [origin], log: false });
        const t0 = Date.now();
        await until((s) => s.caller === 'connected' && s.callee === 'connected', 'relay back');
        if (run > 0) {
          relayBack.push(Date.now() - t0);
          framesWhileDown.push(during);
        }
        console.log(
          `faults run ${run}: relay back in ${Date.now() - t0} ms, ${during} frames while it was down`,
        );
        await page.evaluate(() => window.bench.faultEnd());
      }
      if (!existsSync('/usr/bin/turnserver')) {
        console.log('faults: coturn is not installed (apt-get install coturn): TURN not measured');
        return;
      }
      let turn = await startTurn(turnPort);
      const iceServers = [
        { urls: `turn:127.0.0.1:${turnPort}?transport=udp`, username: 'rc', credential: 'bench' },
      ];
      for (let run = 0; run <= runsHere; run++) {
        await page.evaluate(
          ([signal, servers]) => window.bench.faultCall({ signal, iceServers: servers }),
          [relay.signalUrl, iceServers],
        );
        const killedAt = Date.now();
        await killProcess(turn);
        await until((s) => s.callee === 'reconnecting', 'the callee sees the caller reconnecting');
        const noticed = Date.now() - killedAt;
        turn = await startTurn(turnPort);
        const t0 = Date.now();
        const start = (await state()).frames;
        await until((s) => s.frames > start + 2, 'frames again');
        if (run > 0) {
          turnBack.push(Date.now() - t0);
          turnDown.push(noticed);
        }
        console.log(
          `faults run ${run}: TURN down noticed after ${noticed} ms, frames again ${Date.now() - t0} ms after it restarted`,
        );
        await page.evaluate(() => window.bench.faultEnd());
      }
      await killProcess(turn);
    });
  } finally {
    await relay.close();
  }
  figure(
    `relay restarted mid-call: from listening again to both links connected (median of ${relayBack.length})`,
    fmt(median(relayBack)),
  );
  figure(
    '  frames the callee decoded in the 2 s the relay was down (median; media goes on)',
    String(median(framesWhileDown)),
  );
  if (turnBack.length) {
    figure(
      `TURN restarted mid-call: from listening again to the peer's frames again (median of ${turnBack.length})`,
      fmt(median(turnBack)),
    );
    figure('  TURN killed: until the peer shows "reconnecting" (median)', fmt(median(turnDown)));
  }
}

/** Figure 8: bench/relay-load.mjs, its three scenarios as info rows. */
async function relayThroughput() {
  const { alone, withRedis, acrossRedis } = await relayLoad({ clients: 1000 });
  const rate = (n) => `${Math.round(n)}/s`;
  figure('relay: 1 kB frames forwarded by one process, 1,000 clients', rate(alone));
  if (withRedis !== undefined) {
    figure('  the same with RC_SIGNAL_REDIS (every frame also published)', rate(withRedis));
    figure('  two relays, every frame across Redis (per process)', rate(acrossRedis));
  }
}
