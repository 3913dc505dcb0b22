// demo/deploy/ (issue 16): the relay service script as systemd or the container runs it, from
// its environment, and the coturn configuration speaking the relay's TURN scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { createSignalToken } from '../../dist/relay.js';

const SECRET = 'deploy-test-secret-0123456789abcdef';

/** Starts relay.mjs with `env`; resolves its output once it listens, or its exit code. */
function startService(env) {
  const child = spawn(process.execPath, ['demo/deploy/relay.mjs'], {
    env: { ...process.env, RC_SIGNAL_SECRET: '', RC_SIGNAL_INSECURE: '', PORT: '0', ...env },
  });
  let out = '';
  return new Promise((resolve) => {
    const read = (chunk) => {
      out += chunk;
      const url = /relay listening on (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, out, url });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => resolve({ child, out, code }));
  });
}

test('relay.mjs will not start without RC_SIGNAL_SECRET', async () => {
  const { code, out } = await startService({});
  assert.equal(code, 1);
  assert.match(out, /RC_SIGNAL_SECRET is not set/);
});

test('relay.mjs with a secret: healthy, and a token connects', async () => {
  const service = await startService({ RC_SIGNAL_SECRET: SECRET });
  try {
    assert.ok(service.url, service.out);
    const http = service.url.replace(/^ws/, 'http').replace(/\/signal$/, '/healthz');
    const health = await fetch(http);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok 0\n');
    const ws = new WebSocket(`${service.url}?device=d1`);
    await once(ws, 'open');
    const token = await createSignalToken({ userId: 'alice', secret: SECRET });
    ws.send(JSON.stringify({ type: 'auth', token }));
    const [data] = await once(ws, 'message');
    assert.equal(JSON.parse(data.toString()).userId, 'alice');
    ws.close();
  } finally {
    service.child.kill('SIGTERM');
    await once(service.child, 'exit');
  }
});

test('turnserver.conf uses the TURN REST scheme the relay mints credentials for', () => {
  const conf = readFileSync('demo/deploy/turnserver.conf', 'utf8');
  const lines = new Set(conf.split('\n').map((l) => l.trim().split('=')[0]));
  for (const key of ['use-auth-secret', 'static-auth-secret', 'realm', 'tls-listening-port'])
    assert.ok(lines.has(key), key);
  assert.match(conf, /^tls-listening-port=443$/m, 'TURN over TLS on 443 for corporate networks');
  const env = readFileSync('demo/deploy/relay.env.example', 'utf8');
  for (const name of ['RC_SIGNAL_SECRET', 'RC_TURN_URLS', 'RC_TURN_SECRET', 'RC_SIGNAL_ORIGINS'])
    assert.match(env, new RegExp(`^#?${name}=`, 'm'), name);
});
