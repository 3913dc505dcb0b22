#!/usr/bin/env node
// `npm test`: makes sure Debian's Chromium is there, builds, runs the Node tests and the browser
// tests (inside a loopback-only network namespace when root), and ends with one line
// `N passed, N failed, N skipped` that adds both up.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
const isRoot = process.getuid?.() === 0;
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });

/** Chromium, the build, and the network namespace; a number is the exit code of a run that is over. */
function prepare() {
  if (!process.env.RC_IN_NETNS) {
    if (!existsSync(chromium)) {
      if (!isRoot) {
        console.error(
          'Chromium not found: install it with `sudo apt-get install -y chromium` (Debian) or set CHROME_PATH.',
        );
        return 1;
      }
      console.log('Installing Debian chromium (apt-get)…');
      run('apt-get', ['update', '-qq']);
      const r = run('apt-get', ['install', '-y', '-qq', 'chromium'], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (r.status !== 0 || !existsSync(chromium)) {
        console.error('Could not install chromium with apt-get.');
        return 1;
      }
    }
    if (!process.argv.includes('--no-build')) {
      const b = run('npm', ['run', '-s', 'build']);
      if (b.status !== 0) {
        console.log('0 passed, 1 failed, 0 skipped');
        return 1;
      }
    }
    // Hermetic: the tests may only reach loopback. Re-run this script in a new network namespace.
    if (isRoot && spawnSync('unshare', ['-n', 'true']).status === 0) {
      const r = run(
        'unshare',
        [
          '-n',
          'sh',
          '-c',
          'ip link set lo up && exec "$@"',
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
