// Shared by the Node tests that drive Debian's Chromium with Playwright (e2e-demo*, readme-quickstart):
// polling with a generous limit, and the demo server of `npm start` on a port the OS picks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Generous: the machine may be busy. Tests poll for states; they never assert timings. */
export const WAIT = 20_000;

/** Polls `check` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function eventually(what, check, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      assert.fail(`${what}: still not true after ${timeout} ms (last: ${why})`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** `node demo/server.mjs` on a port the OS picks; `url` resolves once it listens. */
export function startServer() {
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const m = /Demo at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`demo server exited (${code}): ${output}`)));
    setTimeout(() => reject(new Error(`demo server did not start: ${output}`)), WAIT).unref();
  });
  return { child, url };
}

export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
