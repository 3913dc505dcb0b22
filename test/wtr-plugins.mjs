// Dev-server plugins the browser tests need (test-runner commands). Later backends add theirs here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRedis } from './redis-server.mjs';

export function testPlugins() {
  return [
    commonjsPackagesPlugin(['@sinonjs/fake-timers']),
    localPeersPlugin(),
    turnPlugin(),
    networkPlugin(),
  ];
}

/**
 * Packages published as CommonJS only (`@sinonjs/fake-timers`, the tests' fake clock): a test's
 * import of one is served as one ES module, bundled by esbuild for the browser.
 */
function commonjsPackagesPlugin(packages) {
  const prefix = '/__rc-commonjs/';
  return {
    name: 'rc-commonjs-packages',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${source}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!packages.includes(name)) return undefined;
      const { build } = await import('esbuild');
      const out = await build({
        stdin: { contents: `export { default } from '${name}';`, resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        // Asked for only under Node (`process.versions`): never loaded in a page.
        external: ['util'],
        logLevel: 'silent',
      });
      return { body: out.outputFiles[0].text, type: 'js' };
    },
  };
}

/** How long dist/local.js takes to arrive for a page that set the cookie `rc-slow-backend`. */
export const SLOW_BACKEND_MS = 400;

/**
 * Dev-server middleware the browser tests need. A page that sets the cookie `rc-slow-backend`
 * gets dist/local.js {@link SLOW_BACKEND_MS} late, as over a slow network: what the page fetches
 * meanwhile was asked for in parallel, not because local.js asked for it.
 */
export function testMiddleware() {
  return [
    async (context, next) => {
      if (context.path === '/dist/local.js' && context.cookies.get('rc-slow-backend')) {
        await new Promise((resolve) => setTimeout(resolve, SLOW_BACKEND_MS));
      }
      return next();
    },
  ];
}

const PEER_PAGE = '/__rc-local-peer.html';

/**
 * Commands for the local backend's cross-context tests:
 * - `local-relay-start` {port?, secret?, turn?, key?} → {signalUrl, port}: a relay with a secret (tokens
 *   are needed) or TURN ({urls, secret}: credentials in the welcome) is one of its own, by `key`
 *   (default `auth`), apart from the plain one that files run in parallel share;
 * - `local-signal-token` {userId, secret, expiresIn?} → a token from `createSignalToken`, as an app's server mints it;: the real relay (dist/relay.js), allowing the test page's origin;
 * - `local-relay-stop` {secret?}: closes it, or the one with a secret (clients see `disconnected` and retry);
 * - `local-relay-process-start` {port?} → {signalUrl, port}: the relay in a process of its own;
 * - `local-relay-process-kill`: SIGKILLs that process (no close frames: the sockets just break);
 * - `local-cluster-start` → {balancedUrl, aUrl, bUrl}: redis-server, relays A and B in processes of
 *   their own sharing it, and a TCP balancer that sends new connections to A while it is up, else B;
 * - `local-cluster-kill-a`: SIGKILLs relay A; `local-cluster-stop`: stops them all;
 * - `local-peer-open` {userId, signal?, channelName?, sameContext?} → {id}: a page running an auto-answering
 *   client, in a second browser context (or in the test page's own one, so BroadcastChannel reaches it);
 * - `local-peer-state` {id} → what that client saw, and video frames / audio packets it received;
 * - `local-peer-close` {id}: closes that page and its context, as a user closing the tab;
 * - `local-peer-freeze` {id}: freezes that page (its timers stop; no pagehide, no goodbye), as a hung or
 *   crashed tab. (Page.crash could take down a test page sharing its renderer.)
 * - `local-peer-thaw` {id}: lets a frozen page run again.
 */
function localPeersPlugin() {
  let relay;
  /** Relays with a secret or TURN (`local-relay-start` {secret, turn, key}), by key. */
  const ownRelays = new Map();
  const peers = new Map();
  let nextId = 1;

  const startRelay = async (origin, port, secret, turn) => {
    const file = resolve('dist/relay.js');
    if (!existsSync(file)) throw new Error('dist/relay.js is missing: run `npm run build` first');
    const { createRelayServer } = await import(pathToFileURL(file).href);
    const options = { host: '127.0.0.1', port: port ?? 0, origins: [origin], log: false, secret };
    return createRelayServer({ ...options, turn });
  };
  const closeOwn = async (key) => {
    await ownRelays.get(key)?.close();
    ownRelays.delete(key);
  };

  let relayProcess;
  /** A relay in a process of its own (with `redis`: one of a cluster); resolves {child, signalUrl, port}. */
  const spawnRelay = (origin, port, redis) =>
    spawnRelayProcess({
      host: '127.0.0.1',
      port: Number(port ?? 0),
      origins: [origin],
      log: false,
      redis,
      heartbeatMs: redis ? 1000 : 10_000,
    });
  const startRelayProcess = async (origin, port) => {
    const { child, ...started } = await spawnRelay(origin, port);
    relayProcess = child;
    return started;
  };

  /**
   * Two relays sharing a Redis, and a TCP "load balancer" in front: to relay A while it is up,
   * else to relay B (as a balancer whose health check dropped A).
   */
  let cluster;
  const stopCluster = async () => {
    const c = cluster;
    cluster = undefined;
    if (!c) return;
    c.balancer.close();
    for (const socket of c.sockets) socket.destroy();
    await Promise.all([killProcess(c.a.child), killProcess(c.b.child)]);
    await c.redis.stop();
  };
  const startCluster = async (origin) => {
    await stopCluster();
    const redis = await startRedis();
    const [a, b] = await Promise.all([
      spawnRelay(origin, 0, redis.url),
      spawnRelay(origin, 0, redis.url),
    ]);
    const sockets = new Set();
    const balancer = createServer((client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => {});
      const forward = (ports) => {
        const upstream = createConnection({ host: '127.0.0.1', port: ports[0] });
        upstream.once('error', () => {
          if (ports.length > 1) forward(ports.slice(1));
          else client.destroy();
        });
        upstream.once('connect', () => {
          sockets.add(upstream);
          upstream.on('close', () => {
            sockets.delete(upstream);
            client.destroy();
          });
          client.on('close', () => upstream.destroy());
          client.pipe(upstream).pipe(client);
        });
      };
      forward([a.port, b.port]);
    });
    await new Promise((done) => balancer.listen(0, '127.0.0.1', done));
    cluster = { redis, a, b, balancer, sockets };
    return {
      balancedUrl: `ws://127.0.0.1:${balancer.address().port}/signal`,
      aUrl: a.signalUrl,
      bUrl: b.signalUrl,
    };
  };
  const killRelayProcess = async () => {
    const child = relayProcess;
    relayProcess = undefined;
    await killProcess(child);
  };

  return {
    name: 'rc-local-peers',
    serve(context) {
      if (context.path === PEER_PAGE) {
        return {
          body: '<!doctype html><meta charset="utf-8"><title>local peer</title>',
          type: 'html',
        };
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...peers.values()].map((p) => p.close().catch(() => {})));
      peers.clear();
      await relay?.close();
      relay = undefined;
      await Promise.all([...ownRelays.keys()].map(closeOwn));
      await killRelayProcess();
      await stopCluster();
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('local-')) return undefined;
      const page = session.browser.getPage(session.id);
      const origin = new URL(page.url()).origin;
      switch (command) {
        case 'local-relay-start':
          if (payload?.secret || payload?.turn) {
            const key = payload.key ?? 'auth';
            await closeOwn(key);
            const own = await startRelay(origin, payload.port, payload.secret, payload.turn);
            ownRelays.set(key, own);
            return { signalUrl: own.signalUrl, port: own.port };
          }
          relay ??= await startRelay(origin, payload?.port);
          return { signalUrl: relay.signalUrl, port: relay.port };
        case 'local-signal-token': {
          const { createSignalToken } = await import(pathToFileURL(resolve('dist/relay.js')).href);
          return createSignalToken(payload);
        }
        case 'local-relay-stop':
          if (payload?.secret || payload?.key) {
            await closeOwn(payload.key ?? 'auth');
            return true;
          }
          await relay?.close();
          relay = undefined;
          return true;
        case 'local-relay-process-start':
          await killRelayProcess();
          return startRelayProcess(origin, payload?.port);
        case 'local-relay-process-kill':
          await killRelayProcess();
          return true;
        case 'local-cluster-start':
          return startCluster(origin);
        case 'local-cluster-kill-a':
          await killProcess(cluster?.a.child);
          return true;
        case 'local-cluster-stop':
          await stopCluster();
          return true;
        case 'local-peer-open': {
          const context = payload.sameContext
            ? undefined
            : await page.browser().createBrowserContext();
          const peerPage = await (context ?? page.browser()).newPage();
          await peerPage.goto(origin + PEER_PAGE);
          await peerPage.evaluate(runPeer, payload);
          const id = String(nextId++);
          peers.set(id, { context, page: peerPage, close: () => (context ?? peerPage).close() });
          return { id };
        }
        case 'local-peer-state': {
          const peer = peers.get(payload.id);
          return peer ? peer.page.evaluate(() => globalThis.rcPeer.report()) : undefined;
        }
        case 'local-peer-close': {
          const peer = peers.get(payload.id);
          peers.delete(payload.id);
          await peer?.close();
          return true;
        }
        case 'local-peer-thaw': {
          const peer = peers.get(payload.id);
          const cdp = await peer?.page.createCDPSession();
          await cdp?.send('Page.setWebLifecycleState', { state: 'active' });
          return true;
        }
        case 'local-peer-freeze': {
          const peer = peers.get(payload.id);
          const cdp = await peer?.page.createCDPSession();
          await cdp?.send('Page.setWebLifecycleState', { state: 'frozen' });
          return true;
        }
      }
      return undefined;
    },
  };
}

/** Runs inside the second context's page: an auto-answering client of the local backend. */
async function runPeer({ userId, signal, channelName }) {
  const local = await import('/src/local/index.ts');
  const seen = { hungup: [], closed: [], tracks: [] };
  const listener = {
    onRinging() {},
    onAccept() {},
    onHungup(sender, reason) {
      seen.hungup.push([sender.userId, reason]);
    },
    onTrackReady(track) {
      seen.tracks.push([track.getUserId(), track.isVideoTrack() ? 'video' : 'audio']);
      if (!track.isLocalTrack() && track.isAudioTrack()) void track.play();
    },
    onMemberModify() {},
    onMediaModify() {},
  };
  const client = await local.createLocalCallClient({
    userId,
    signal,
    channelName,
    onSession(session) {
      session.registerSessionListener(listener);
      void session.accept();
    },
    onSessionClose(_session, summary) {
      seen.closed.push(summary.endReason);
    },
  });
  const inbound = async () => {
    const totals = { framesDecoded: 0, packetsReceived: 0 };
    for (const pc of client.inspect().peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') totals.framesDecoded += s.framesDecoded ?? 0;
        else totals.packetsReceived += s.packetsReceived ?? 0;
      });
    }
    return totals;
  };
  globalThis.rcPeer = {
    client,
    async report() {
      return { ...seen, status: client.getStatus(), ...(await inbound()) };
    },
  };
}

/** Where Debian's coturn puts its server. */
/**
 * `createRelayServer(options)` of dist/relay.js in a Node process of its own (options: JSON);
 * resolves {child, signalUrl, port} once it listens. Also the relay bench's.
 */
export async function spawnRelayProcess(options) {
  const file = resolve('dist/relay.js');
  if (!existsSync(file)) throw new Error('dist/relay.js is missing: run `npm run build` first');
  const script = `
    const { createRelayServer } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const s = await createRelayServer(${JSON.stringify(options)});
    console.log(JSON.stringify({ signalUrl: s.signalUrl, port: s.port }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolveStart(JSON.parse(out));
    });
    child.once('exit', (code) => reject(new Error(`relay process exited with ${code}`)));
  });
  return { child, ...started };
}

export const TURNSERVER = '/usr/bin/turnserver';

/** SIGKILLs `child` (if it still runs) and resolves once it has exited. */
export async function killProcess(child) {
  // One that exited has an exit code, or the signal that ended it.
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Starts Debian's coturn on loopback: UDP only, one long-term user `rc` with `credential`, relay
 * ports in `relayPorts` (`from-to`); resolves with its process once it listens. The bench uses it
 * too.
 */
export async function startTurnServer({ port, credential, authSecret, relayPorts }) {
  const [minPort, maxPort] = relayPorts.split('-');
  const args = [
    ...['-n', '--no-cli', '--no-tls', '--no-dtls', '--no-tcp-relay', '--log-file=stdout'],
    ...['--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`],
    ...[`--min-port=${minPort}`, `--max-port=${maxPort}`, '--allow-loopback-peers'],
    // A long-term user, or the TURN REST scheme: credentials a relay derives from a shared secret.
    ...(authSecret
      ? ['--use-auth-secret', `--static-auth-secret=${authSecret}`]
      : ['--lt-cred-mech', `--user=rc:${credential}`]),
    ...['--realm=rc-call.test', '--fingerprint'],
    `--pidfile=${join(tmpdir(), `rc-turn-${port}.pid`)}`,
    `--db=${join(tmpdir(), `rc-turn-${port}.sqlite`)}`,
  ];
  const child = spawn(TURNSERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`turnserver did not start: ${out}`)), 5000);
    const read = (chunk) => {
      out += chunk;
      if (/Total General servers/i.test(out)) {
        clearTimeout(timer);
        resolveStart();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`turnserver exited with ${code}: ${out}`));
    });
  });
  // Keep reading, or a full pipe would stall the server.
  child.stdout.resume();
  child.stderr.resume();
  return child;
}

/**
 * Real TURN servers: Debian's coturn on loopback, UDP only. The fault tests' has one long-term
 * user; with `authSecret` (its own server, key `rest`) it is coturn's `use-auth-secret`, whose
 * credentials a relay mints. Files running in parallel each have their own.
 * - `turn-start` {port?, authSecret?} → {urls, username, credential, port} or {missing: true} when
 *   coturn is not installed;
 * - `turn-kill` {authSecret?}: SIGKILLs that one (its allocations are gone; a restart on the same
 *   port has none).
 */
function turnPlugin() {
  const children = new Map();
  const kill = async (key) => {
    const running = children.get(key);
    children.delete(key);
    await killProcess(running);
  };
  return {
    name: 'rc-turn',
    async serverStop() {
      await Promise.all([...children.keys()].map(kill));
    },
    async executeCommand({ command, payload }) {
      const key = payload?.authSecret ? 'rest' : 'faults';
      if (command === 'turn-kill') {
        await kill(key);
        return true;
      }
      if (command !== 'turn-start') return undefined;
      if (!existsSync(TURNSERVER)) return { missing: true };
      await kill(key);
      const port = payload?.port ?? 20000 + Math.floor(Math.random() * 20000);
      const child = await startTurnServer({
        port,
        credential: 'test',
        authSecret: payload?.authSecret,
        relayPorts: key === 'rest' ? '42000-42999' : '40000-40999',
      });
      children.set(key, child);
      return {
        urls: `turn:127.0.0.1:${port}?transport=udp`,
        username: 'rc',
        credential: 'test',
        port,
      };
    },
  };
}

/**
 * A congested link for one UDP port: `tc` on the loopback of the tests' own network namespace
 * (test/run.mjs makes one when root) sends what goes to that port through an HTB class of `kbit`
 * with a 5-packet queue, so the rest is dropped. (DevTools network emulation does not reach the
 * sockets of a call that is up; this machine's kernel has no netem.)
 * - `udp-throttle` {port, kbit} → true, or {unavailable: reason} outside a namespace of our own;
 * - `udp-throttle` {} lifts it.
 */
function networkPlugin() {
  const tc = (...args) => spawnSync('tc', args, { encoding: 'utf8' });
  let active = false;
  const clear = () => {
    if (active) tc('qdisc', 'del', 'dev', 'lo', 'root');
    active = false;
  };
  return {
    name: 'rc-network',
    serverStop: clear,
    async executeCommand({ command, payload }) {
      if (command !== 'udp-throttle') return undefined;
      if (!process.env.RC_IN_NETNS) return { unavailable: 'not in a network namespace of its own' };
      clear();
      if (!payload?.port) return true;
      const lo = ['dev', 'lo'];
      const steps = [
        ['qdisc', 'add', ...lo, 'root', 'handle', '1:', 'htb', 'default', '10', 'r2q', '100000'],
        ['class', 'add', ...lo, 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit'],
        [
          'class',
          'add',
          ...lo,
          'parent',
          '1:',
          'classid',
          '1:20',
          'htb',
          'rate',
          `${payload.kbit}kbit`,
          'ceil',
          `${payload.kbit}kbit`,
        ],
        ['qdisc', 'add', ...lo, 'parent', '1:20', 'handle', '20:', 'pfifo', 'limit', '5'],
        [
          'filter',
          'add',
          ...lo,
          'parent',
          '1:',
          'protocol',
          'ip',
          'u32',
          'match',
          'ip',
          'protocol',
          '17',
          '0xff',
          'match',
          'ip',
          'dport',
          String(payload.port),
          '0xffff',
          'flowid',
          '1:20',
        ],
      ];
      active = true;
      for (const step of steps) {
        const r = tc(...step);
        if (r.status !== 0) {
          clear();
          return { unavailable: `tc ${step.slice(0, 3).join(' ')}: ${r.stderr.trim()}` };
        }
      }
      return true;
    },
  };
}
