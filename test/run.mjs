#!/usr/bin/env node
// `npm test`: makes sure Debian's Chromium and Firefox ESR are there, builds, runs the Node tests
// and the browser tests in both browsers (inside a loopback-only network namespace when root), and
// ends with one line `N passed, N failed, N skipped` that adds both up.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/**
 * Inside the tests' network namespace, besides loopback: Firefox gathers no ICE candidates on a
 * machine without a default route (and none on loopback). So one veth pair, both ends inside the
 * namespace: 10.213.0.1 with a default route to the other end, where everything that arrives is
 * answered "network unreachable" at once; the name servers of /etc/resolv.conf are addresses of
 * loopback, so a DNS query is refused at once too (browsers wait seconds for an unreachable one).
 * Nothing leaves the namespace, and a connection anywhere but loopback fails within milliseconds,
 * as with loopback alone.
 */
const NETNS_ROUTE = [
  'ip link add rc-veth0 type veth peer name rc-veth1',
  'ip addr add 10.213.0.1/24 dev rc-veth0',
  'ip link set rc-veth0 up',
  'ip link set rc-veth1 up',
  'ip route add default via 10.213.0.2 dev rc-veth0 onlink',
  // The other end's address without ARP (its veth has none).
  'ip neigh add 10.213.0.2 lladdr "$(ip -o link show rc-veth1 | sed -n \'s/.*link\\/ether \\([0-9a-f:]*\\).*/\\1/p\')" dev rc-veth0',
  'sysctl -qw net.ipv4.ip_forward=1',
  'sysctl -qw net.ipv4.conf.all.rp_filter=0',
  'sysctl -qw net.ipv4.conf.rc-veth1.rp_filter=0',
  'sysctl -qw net.ipv4.conf.rc-veth1.accept_local=1',
  'ip rule add iif rc-veth1 lookup 100',
  'ip route add unreachable default table 100',
  ...nameservers().map((ip) => `ip addr add ${ip}/${ip.includes(':') ? 128 : 32} dev lo`),
].join(' && ');

function nameservers() {
  const conf = existsSync('/etc/resolv.conf') ? readFileSync('/etc/resolv.conf', 'utf8') : '';
  return [...conf.matchAll(/^nameserver\s+([0-9a-f.:]+)\s*$/gim)]
    .map((m) => m[1])
    .filter((ip) => !ip.startsWith('127.') && ip !== '::1');
}
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });

/** The browsers the tests run in (RC_BROWSERS picks some), by Debian package. */
const browsers = [
  { name: 'chromium', path: process.env.CHROME_PATH || '/usr/bin/chromium', env: 'CHROME_PATH' },
  {
    name: 'firefox',
    pkg: 'firefox-esr',
    path: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    env: 'FIREFOX_PATH',
  },
].filter((b) => (process.env.RC_BROWSERS ?? 'chromium,firefox').split(',').includes(b.name));

/** Servers the tests start: coturn (TURN) for the browser tests, redis-server for the relays'. */
const servers = [
  { name: 'coturn', path: '/usr/bin/turnserver', env: 'PATH (coturn)', only: 'browser' },
  { name: 'redis-server', path: '/usr/bin/redis-server', env: 'PATH (redis-server)' },
].filter((s) => !s.only || process.env.RC_TEST_ONLY !== 'node');

/** Installs the missing browsers and servers with apt-get when root; else says how, in one line. */
function installBrowsers() {
  const needed = [...browsers, ...servers];
  const missing = needed.filter((b) => !existsSync(b.path)).map((b) => b.pkg ?? b.name);
  if (missing.length === 0) return undefined;
  if (!isRoot) {
    console.error(
      `Not found: ${missing.join(', ')}. Install with \`sudo apt-get install -y ${missing.join(' ')}\` (Debian), or set ${browsers.map((b) => b.env).join('/')}.`,
    );
    return 1;
  }
  console.log(`Installing Debian ${missing.join(', ')} (apt-get)…`);
  run('apt-get', ['update', '-qq']);
  const r = run('apt-get', ['install', '-y', '-qq', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0 || needed.some((b) => !existsSync(b.path))) {
    console.error(`Could not install ${missing.join(', ')} with apt-get.`);
    return 1;
  }
  return undefined;
}

/** The browsers, the build, and the network namespace; a number is the exit code of a run that is over. */
function prepare() {
  if (!process.env.RC_IN_NETNS) {
    const installed = installBrowsers();
    if (installed !== undefined) return installed;
    if (!process.argv.includes('--no-build')) {
      const b = run('npm', ['run', '-s', 'build']);
      if (b.status !== 0) {
        console.log('0 passed, 1 failed, 0 skipped');
        return 1;
      }
    }
    // Hermetic: the tests may only reach loopback. Re-run this script in a new network namespace
    // (with the route Firefox needs, NETNS_ROUTE).
    if (isRoot && spawnSync('unshare', ['-n', 'true']).status === 0) {
      const r = run(
        'unshare',
        [
          '-n',
          'sh',
          '-c',
          `ip link set lo up && { ${NETNS_ROUTE} || ip link del rc-veth0 2>/dev/null; true; } && exec "$@"`,
          'sh',
          process.execPath,
          ...process.argv.slice(1),
          '--no-build',
        ],
        {
          env: { ...process.env, RC_IN_NETNS: '1' },
        },
      );
      return r.status ?? 1;
    }
  }
  return undefined;
}

const ended = prepare();
if (ended !== undefined) {
  process.exitCode = ended;
} else {
  runTests();
}

function runTests() {
  const dir = mkdtempSync(join(tmpdir(), 'rc-test-'));
  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (file, exitStatus) => {
    if (existsSync(file)) {
      const c = JSON.parse(readFileSync(file, 'utf8'));
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      if (exitStatus !== 0 && c.failed === 0) total.failed++;
    } else {
      total.failed++; // the runner died before it could report
    }
  };

  const nodeTests = existsSync('test/node')
    ? readdirSync('test/node')
        .filter((f) => /\.test\.m?js$/.test(f))
        .map((f) => join('test/node', f))
    : [];
  const only = process.env.RC_TEST_ONLY; // 'node' | 'browser' | undefined
  if (nodeTests.length && only !== 'browser') {
    const counts = join(dir, 'node.json');
    const r = run(process.execPath, [
      '--test',
      // Dots for what passed; a failure is printed in full.
      '--test-reporter=dot',
      '--test-reporter-destination=stdout',
      '--test-reporter=./test/node-counts-reporter.mjs',
      `--test-reporter-destination=${counts}`,
      ...nodeTests,
    ]);
    add(counts, r.status);
  }
  if (only !== 'node') {
    const counts = join(dir, 'browser.json');
    const extra = process.argv.slice(2).filter((a) => a !== '--no-build');
    const r = run(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...extra], {
      env: { ...process.env, RC_TEST_COUNTS: counts },
    });
    add(counts, r.status);
  }
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}
