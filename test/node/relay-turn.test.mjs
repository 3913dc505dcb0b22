// TURN credentials in the relay's welcome (issue 16): the TURN REST scheme coturn checks with
// `use-auth-secret` (username `expiry:userId`, credential base64 HMAC-SHA1 of it). The browser
// test local-relay-turn has coturn accept them; here, their form and where they come from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { createRelayServer } from '../../dist/relay.js';

async function welcome(signalUrl, user) {
  const ws = new WebSocket(`${signalUrl}?user=${user}&device=d1`);
  const [data] = await once(ws, 'message');
  ws.close();
  return JSON.parse(data.toString());
}

test('each welcome carries credentials for its own user, good for ttl seconds', async (t) => {
  const secret = 'shared-with-coturn';
  const server = await createRelayServer({
    log: false,
    turn: {
      urls: ['turn:turn.example:3478', 'turns:turn.example:443?transport=tcp'],
      secret,
      ttl: 120,
    },
  });
  t.after(() => server.close());
  const frame = await welcome(server.signalUrl, 'alice');
  assert.equal(frame.iceServers.length, 1);
  const [{ urls, username, credential }] = frame.iceServers;
  assert.deepEqual(urls, ['turn:turn.example:3478', 'turns:turn.example:443?transport=tcp']);
  const [expiry, user] = username.split(':');
  assert.equal(user, 'alice');
  assert.ok(Math.abs(Number(expiry) - (Date.now() / 1000 + 120)) < 2, 'expires in 120 s');
  assert.equal(credential, createHmac('sha1', secret).update(username).digest('base64'));
  assert.equal(
    (await welcome(server.signalUrl, 'bob')).iceServers[0].username.split(':')[1],
    'bob',
  );
});

test('from RC_TURN_URLS and RC_TURN_SECRET; without both, no iceServers', async (t) => {
  process.env.RC_TURN_URLS = 'turn:a.example:3478, turn:b.example:3478';
  process.env.RC_TURN_SECRET = 'env-secret';
  t.after(() => {
    delete process.env.RC_TURN_URLS;
    delete process.env.RC_TURN_SECRET;
  });
  const withEnv = await createRelayServer({ log: false });
  t.after(() => withEnv.close());
  const frame = await welcome(withEnv.signalUrl, 'carol');
  assert.deepEqual(frame.iceServers[0].urls, ['turn:a.example:3478', 'turn:b.example:3478']);
  delete process.env.RC_TURN_SECRET;
  const without = await createRelayServer({ log: false });
  t.after(() => without.close());
  assert.equal((await welcome(without.signalUrl, 'carol')).iceServers, undefined);
});

test('a TURN url of another scheme is refused at start', async () => {
  await assert.rejects(
    createRelayServer({ log: false, turn: { urls: 'https://turn.example', secret: 's' } }),
    /TURN url must start with turn:/,
  );
});
