// Relay throughput (issue 16): frames per second one relay process forwards, 1 kB each, with
// 1,000 connected clients; alone, with Redis, and as one of two relays whose every frame crosses
// Redis. The relays run in processes of their own (rate limit off); the clients are `ws` sockets
// in this process, each keeping a few sends in flight to a random other client, and only the
// receivers count (a frame counts once it reached its recipient); the median of five windows.
//   node bench/relay-load.mjs [--clients N] [--seconds S]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { startRedis, REDIS_SERVER } from '../test/redis-server.mjs';
import { killProcess, spawnRelayProcess } from '../test/wtr-plugins.mjs';

const root = resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const IN_FLIGHT = 4;
const WINDOWS = 5;
const PAYLOAD = 'x'.repeat(1024 - 120); // with the envelope, about 1 kB on the wire

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** A relay in its own process, its rate limit off; resolves {child, signalUrl}. */
const spawnRelay = (redis) =>
  spawnRelayProcess({ log: false, rateLimit: 1e9, maxBufferedBytes: 64 * 1024 * 1024, redis });

/** Connects `count` clients named `${prefix}${i}` to `signalUrl`, 100 at a time. */
async function connectAll(signalUrl, prefix, count) {
  const clients = [];
  for (let start = 0; start < count; start += 100) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const ws = new WebSocket(`${signalUrl}?user=${prefix}${i}&device=d`, {
        perMessageDeflate: false,
      });
      const client = { ws, received: 0, inFlight: 0, seq: 0, targets: [] };
      batch.push(
        new Promise((done, fail) => {
          ws.once('error', fail);
          ws.once('message', () => done()); // welcome
        }),
      );
      clients.push(client);
    }
    await Promise.all(batch);
  }
  return clients;
}

/** Every client keeps IN_FLIGHT sends to a random one of its targets; counts what arrives. */
async function load(clients, seconds, pids) {
  let running = true;
  const send = (c) => {
    while (running && c.inFlight < IN_FLIGHT) {
      const to = c.targets[Math.floor(Math.random() * c.targets.length)];
      c.inFlight++;
      c.ws.send(`{"type":"send","seq":${++c.seq},"to":["${to}"],"data":"${PAYLOAD}"}`);
    }
  };
  for (const c of clients) {
    c.ws.on('message', (data) => {
      // The relay writes `type` first: no need to parse 1 kB to tell a message from an ack.
      if (data[9] === 0x6d /* m */) c.received++;
      else if (data[9] === 0x61 /* a */) {
        c.inFlight--;
        send(c);
      }
    });
  }
  clients.forEach(send);
  await new Promise((r) => setTimeout(r, 1000)); // warm up
  const count = () => clients.reduce((n, c) => n + c.received, 0);
  // Several windows, the median of them: one window on a small machine swings by a third.
  const rates = [];
  const cpu0 = pids.map(cpuSeconds);
  const t0 = performance.now();
  for (let w = 0; w < WINDOWS; w++) {
    const before = count();
    const start = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    rates.push(((count() - before) * 1000) / (performance.now() - start));
  }
  const elapsed = (performance.now() - t0) / 1000;
  const busy = pids.map((pid, i) => (cpuSeconds(pid) - cpu0[i]) / elapsed);
  running = false;
  const rate = rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)];
  return { rate, busy };
}

async function scenario(label, relays, clientsPerRelay, seconds, cross, redisPid) {
  const groups = [];
  for (const [i, relay] of relays.entries()) {
    groups.push(await connectAll(relay.signalUrl, `r${i}u`, clientsPerRelay));
  }
  const names = groups.map((g, i) => g.map((_, j) => `r${i}u${j}`));
  for (const [i, group] of groups.entries()) {
    // Across: every recipient is on another relay; else on the same one, never oneself.
    const pool = cross ? names.filter((_, k) => k !== i).flat() : names[i];
    group.forEach((c, j) => (c.targets = pool.filter((n) => n !== `r${i}u${j}`)));
  }
  const all = groups.flat();
  // The relays', Redis's and this process's (the clients') CPU: on a small machine they share it.
  const pids = [...relays.map((r) => r.child.pid), ...(redisPid ? [redisPid] : []), process.pid];
  const { rate, busy } = await load(all, seconds, pids);
  const pct = (b) => `${Math.round(b * 100)}%`;
  const cpu = [
    `relay ${busy.slice(0, relays.length).map(pct).join(', ')}`,
    ...(redisPid ? [`redis ${pct(busy[relays.length])}`] : []),
    `clients ${pct(busy.at(-1))}`,
  ].join(', ');
  for (const c of all) c.ws.terminate();
  const perRelay = rate / relays.length;
  console.log(
    `relay load: ${label}: ${Math.round(rate)} frames/s delivered (median)` +
      (relays.length > 1 ? ` (${Math.round(perRelay)} per relay process)` : '') +
      ` with ${all.length} clients; CPU: ${cpu}`,
  );
  return perRelay;
}

/** Runs the three scenarios; resolves {alone, withRedis, acrossRedis} (frames/s per relay). */
export async function relayLoad({ clients = 1000, seconds = 3 } = {}) {
  if (!existsSync(join(root, 'dist/relay.js'))) throw new Error('run `npm run build` first');
  const result = {};
  let relay = await spawnRelay(undefined);
  try {
    result.alone = await scenario('one relay, no Redis', [relay], clients, seconds, false);
  } finally {
    await killProcess(relay.child);
  }
  if (!existsSync(REDIS_SERVER)) {
    console.log('relay load: redis-server is not installed (apt-get install redis-server)');
    return result;
  }
  const redis = await startRedis();
  try {
    relay = await spawnRelay(redis.url);
    try {
      result.withRedis = await scenario(
        'one relay with Redis',
        [relay],
        clients,
        seconds,
        false,
        redis.pid,
      );
    } finally {
      await killProcess(relay.child);
    }
    const pair = [await spawnRelay(redis.url), await spawnRelay(redis.url)];
    try {
      result.acrossRedis = await scenario(
        'two relays, every frame across Redis',
        pair,
        clients / 2,
        seconds,
        true,
        redis.pid,
      );
    } finally {
      await Promise.all(pair.map((r) => killProcess(r.child)));
    }
  } finally {
    await redis.stop();
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await relayLoad({ clients: arg('--clients', 1000), seconds: arg('--seconds', 3) });
}
