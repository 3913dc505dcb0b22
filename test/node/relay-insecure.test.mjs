// A relay without a secret serves loopback only (issue 16): on any other address it refuses,
// unless told it is on a network the user trusts (RC_SIGNAL_INSECURE=1), and then says loudly
// what that means. Real servers on 0.0.0.0, reached through 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { WebSocket } from 'ws';
import { attachRelay, createRelayServer, createSignalToken } from '../../dist/relay.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';

/** Opens a relay socket on 127.0.0.1:`port`; resolves the first frame, or the HTTP refusal. */
function tryConnect(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/signal?user=alice&device=d1`);
  return new Promise((resolve) => {
    ws.once('message', (data) => {
      resolve({ frame: JSON.parse(data.toString()) });
      ws.close();
    });
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    ws.once('error', () => {});
  });
}

test('without a secret, createRelayServer will not listen on 0.0.0.0', async () => {
  await assert.rejects(createRelayServer({ host: '0.0.0.0', log: false }), (error) => {
    assert.equal(error.code, 'ERR_RELAY_INSECURE');
    assert.match(error.message, /without a secret.*RC_SIGNAL_SECRET.*RC_SIGNAL_INSECURE=1/s);
    return true;
  });
});

test('insecure: it listens, and logs one loud line saying what that means', async (t) => {
  const lines = [];
  const server = await createRelayServer({
    host: '0.0.0.0',
    insecure: true,
    log: (l) => lines.push(l),
  });
  t.after(() => server.close());
  const warnings = lines.filter((l) => l.includes('WARNING'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /anyone who can reach this port can connect as any user id/);
  assert.equal((await tryConnect(server.port)).frame?.type, 'welcome');
});

test('with a secret it listens on 0.0.0.0 with no warning', async (t) => {
  const lines = [];
  const server = await createRelayServer({
    host: '0.0.0.0',
    secret: SECRET,
    log: (l) => lines.push(l),
  });
  t.after(() => server.close());
  assert.deepEqual(lines, []);
  const token = await createSignalToken({ userId: 'alice', secret: SECRET });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/signal?device=d1`);
  await once(ws, 'open');
  ws.send(JSON.stringify({ type: 'auth', token }));
  const [data] = await once(ws, 'message');
  assert.equal(JSON.parse(data.toString()).userId, 'alice');
  ws.close();
});

test('attachRelay on a server listening on 0.0.0.0 without a secret answers upgrades 503', async (t) => {
  const lines = [];
  const server = createServer((_q, s) => s.end());
  const relay = attachRelay(server, { log: (l) => lines.push(l) });
  await new Promise((resolve) => server.listen(0, '0.0.0.0', resolve));
  t.after(async () => {
    await relay.close();
    server.close();
  });
  assert.equal(lines.filter((l) => l.includes('REFUSING')).length, 1);
  const refused = await tryConnect(server.address().port);
  assert.equal(refused.status, 503);
  assert.match(refused.body, /without a secret/);
  assert.equal(relay.connections, 0);
});

/** Runs `npm start`'s server with `env` until it prints its banner or exits. */
function demoServer(env) {
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', RC_SIGNAL_SECRET: '', RC_SIGNAL_INSECURE: '', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => {
    child.stdout.on('data', () => {
      if (out.includes('Demo at')) resolve({ out, code: undefined, child });
    });
    child.on('exit', (code) => resolve({ out, code, child }));
  });
}

test('HOST=0.0.0.0 npm start needs RC_SIGNAL_INSECURE=1, and then warns', async () => {
  const refused = await demoServer({ HOST: '0.0.0.0' });
  assert.equal(refused.code, 1);
  assert.match(refused.out, /RC_SIGNAL_INSECURE=1/);
  const served = await demoServer({ HOST: '0.0.0.0', RC_SIGNAL_INSECURE: '1' });
  try {
    assert.equal(served.code, undefined, served.out);
    assert.match(served.out, /relay WARNING: no secret on 0\.0\.0\.0/);
  } finally {
    served.child.kill('SIGTERM');
    await once(served.child, 'exit');
  }
});
