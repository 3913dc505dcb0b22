// The relay's HTTP side: which upgrades it takes (path, Origin) and sharing a server (dist/relay.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { WebSocket } from 'ws';
import { attachRelay, createRelayServer } from '../../dist/relay.js';

/** A relay server for one test, closed when the test ends. */
async function relayFor(t, options = {}) {
  const server = await createRelayServer({ log: false, ...options });
  t.after(() => server.close());
  return server;
}

/** The HTTP status of the upgrade: 101 when the relay accepted it. */
function upgradeStatus(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode);
      response.resume();
      ws.terminate();
    });
    ws.on('upgrade', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

/** A relay server for one test, closed when the test ends. */
test('upgrades from an unknown origin get 403; same origin, listed origins and no origin are let in', async (t) => {
  const { signalUrl, port } = await relayFor(t, {
    origins: 'https://app.example, http://other.test:9000',
  });
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'https://evil.example' }), 403);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'http://other.test' }), 403);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'null' }), 403);
  assert.equal(await upgradeStatus(signalUrl, { Origin: `http://127.0.0.1:${port}` }), 101);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'https://app.example' }), 101);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'http://other.test:9000' }), 101);
  assert.equal(await upgradeStatus(signalUrl), 101);
});

test('RC_SIGNAL_ORIGINS lists allowed origins when the option is absent', async (t) => {
  const saved = process.env.RC_SIGNAL_ORIGINS;
  process.env.RC_SIGNAL_ORIGINS = 'https://a.example,https://b.example';
  t.after(() => {
    if (saved === undefined) delete process.env.RC_SIGNAL_ORIGINS;
    else process.env.RC_SIGNAL_ORIGINS = saved;
  });
  const { signalUrl } = await relayFor(t);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'https://b.example' }), 101);
  assert.equal(await upgradeStatus(signalUrl, { Origin: 'https://c.example' }), 403);
});

test('only the relay path upgrades; other paths get 404', async (t) => {
  const { url } = await relayFor(t);
  assert.equal(await upgradeStatus(`${url.replace('http', 'ws')}other`), 404);
  assert.equal(await upgradeStatus(`${url.replace('http', 'ws')}signal/x`), 404);
});

test('attachRelay leaves other paths to another upgrade listener on the same server', async (t) => {
  const server = createServer();
  const relay = attachRelay(server, { log: false });
  const seen = [];
  server.on('upgrade', (request, socket) => {
    if (request.url.startsWith('/signal')) return;
    seen.push(request.url);
    socket.end("HTTP/1.1 418 I'm a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    await relay.close();
    server.close();
  });
  const base = `ws://127.0.0.1:${server.address().port}`;
  assert.equal(await upgradeStatus(`${base}/elsewhere`), 418);
  const ws = new WebSocket(`${base}/signal?user=alice&device=a`);
  const [welcome] = await once(ws, 'message');
  assert.equal(JSON.parse(welcome.toString()).type, 'welcome');
  assert.deepEqual(seen, ['/elsewhere']);
  assert.equal(relay.connections, 1);
});
