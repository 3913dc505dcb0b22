// A relay started with a secret (issue 16, first part): only a valid, unexpired HS256 token that
// names the user connects, sent in the first frame; everything else is closed with 4401.
// Real `ws` clients on 127.0.0.1 against dist/relay.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { SignJWT, UnsecuredJWT } from 'jose';
import { AUTH_CLOSE_CODE, createRelayServer, createSignalToken } from '../../dist/relay.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';

/** Opens `?user=…&device=…` (no user: device only), sends `auth` with `token`, and reports. */
async function attempt(signalUrl, { user, token, send = true }) {
  const query = user ? `user=${user}&device=d1` : 'device=d1';
  const ws = new WebSocket(`${signalUrl}?${query}`);
  ws.on('error', () => {});
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await once(ws, 'open');
  if (send) ws.send(JSON.stringify({ type: 'auth', token }));
  // The first of: the socket closes, or a frame arrives.
  let poll;
  const outcome = await Promise.race([
    once(ws, 'close').then(([code, reason]) => ({ code, reason: reason.toString() })),
    new Promise((resolve) => {
      poll = setInterval(() => frames.length && resolve({ frame: frames[0] }), 5);
    }),
  ]).finally(() => clearInterval(poll));
  return { ws, ...outcome };
}

async function relayFor(t) {
  const server = await createRelayServer({ log: false, secret: SECRET });
  t.after(() => server.close());
  return server;
}

test('a valid token connects as its user, from the token and not the query', async (t) => {
  const { signalUrl } = await relayFor(t);
  const token = await createSignalToken({ userId: 'alice', expiresIn: 60, secret: SECRET });
  const ok = await attempt(signalUrl, { token });
  assert.equal(ok.frame?.type, 'welcome');
  assert.equal(ok.frame.userId, 'alice');
  ok.ws.close();
  const same = await attempt(signalUrl, { user: 'alice', token });
  assert.equal(same.frame?.userId, 'alice');
  same.ws.close();
});

test('each bad token is refused with 4401 and a reason', async (t) => {
  const { signalUrl } = await relayFor(t);
  const valid = await createSignalToken({ userId: 'alice', expiresIn: 60, secret: SECRET });
  const [head, body, signature] = valid.split('.');
  const forgedBody = Buffer.from(JSON.stringify({ sub: 'bob', exp: 9999999999 })).toString(
    'base64url',
  );
  const key = new TextEncoder().encode(SECRET);
  const expired = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
    .sign(key);
  const wrongSecret = await createSignalToken({ userId: 'alice', secret: 'another-secret-xyz' });
  const none = new UnsecuredJWT({}).setSubject('alice').setExpirationTime('1h').encode();
  const cases = [
    [
      'forged (another body, the old signature)',
      { token: `${head}.${forgedBody}.${signature}` },
      'invalid token',
    ],
    [
      'signature tampered',
      { token: `${head}.${body}.${signature.slice(0, -2)}AA` },
      'invalid token',
    ],
    ['expired', { token: expired }, 'token expired'],
    ['wrong secret', { token: wrongSecret }, 'invalid token'],
    ['alg: none', { token: none }, 'invalid token'],
    [
      'user id in the query is another',
      { user: 'bob', token: valid },
      'user id in the query is not the token’s',
    ],
    ['not a string', { token: 42 }, 'no token'],
  ];
  for (const [name, opts, reason] of cases) {
    const result = await attempt(signalUrl, opts);
    assert.equal(result.code, AUTH_CLOSE_CODE, `${name}: closed with 4401`);
    assert.equal(result.reason, reason, `${name}: reason`);
    assert.equal(result.frame, undefined, `${name}: no frame before the close`);
  }
});

test('a connection that sends no auth frame is closed with 4401 after 5 s', async (t) => {
  const { signalUrl } = await relayFor(t);
  const started = Date.now();
  const result = await attempt(signalUrl, { user: 'alice', send: false });
  assert.equal(result.code, AUTH_CLOSE_CODE);
  assert.equal(result.reason, 'no auth frame within 5 s');
  assert.ok(Date.now() - started >= 4900);
});

test('nobody receives another user’s frames: a refused socket gets nothing sent to that user', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  const aliceToken = await createSignalToken({ userId: 'alice', secret: SECRET });
  const bobToken = await createSignalToken({ userId: 'bob', secret: SECRET });
  const bob = await attempt(signalUrl, { token: bobToken });
  const impostor = await attempt(signalUrl, { user: 'alice', token: bobToken });
  assert.equal(impostor.code, AUTH_CLOSE_CODE);
  assert.deepEqual(relay.devicesOf('alice'), []);
  const alice = await attempt(signalUrl, { token: aliceToken });
  assert.deepEqual(relay.devicesOf('alice'), ['d1']);
  assert.deepEqual(relay.devicesOf('bob'), ['d1']);
  alice.ws.close();
  bob.ws.close();
});

test('createSignalToken: secret from RC_SIGNAL_SECRET, and clear errors', async () => {
  await assert.rejects(createSignalToken({ userId: 'alice', secret: '' }), /no secret/);
  await assert.rejects(createSignalToken({ userId: 'a b', secret: SECRET }), /valid user id/);
  process.env.RC_SIGNAL_SECRET = SECRET;
  try {
    const token = await createSignalToken({ userId: 'carol', expiresIn: 30 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    assert.equal(payload.sub, 'carol');
    assert.ok(payload.exp - payload.iat === 30);
  } finally {
    delete process.env.RC_SIGNAL_SECRET;
  }
});

/** Resolves the first frame of `type` the socket receives from now on. */
function frameOf(ws, type) {
  return new Promise((resolve) => {
    const onMessage = (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type !== type) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

test('a token about to expire is asked for again, and a fresh one keeps the connection', async (t) => {
  const { signalUrl } = await relayFor(t);
  const short = await createSignalToken({ userId: 'alice', expiresIn: 2, secret: SECRET });
  const { ws, frame } = await attempt(signalUrl, { token: short });
  assert.equal(frame?.type, 'welcome');
  const expiring = await frameOf(ws, 'token-expiring');
  assert.ok(expiring.expiresAt > Date.now(), 'asked before it expires');
  const fresh = await createSignalToken({ userId: 'alice', expiresIn: 60, secret: SECRET });
  const renewed = frameOf(ws, 'renewed');
  ws.send(JSON.stringify({ type: 'auth', token: fresh }));
  assert.ok((await renewed).expiresAt > Date.now() + 50_000, 'the new expiry');
  // Past the old token's end, the connection is still open and relays.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.equal(ws.readyState, WebSocket.OPEN);
  const ack = frameOf(ws, 'ack');
  ws.send(JSON.stringify({ type: 'send', seq: 1, to: ['bob'], data: {} }));
  assert.deepEqual((await ack).offline, ['bob']);
  ws.close();
});

test('a token that is not renewed ends the connection with 4401 when it expires', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  // `exp` is in whole seconds: 2 s leaves between 1 and 2, enough to be welcomed first.
  const short = await createSignalToken({ userId: 'alice', expiresIn: 2, secret: SECRET });
  const { ws, frame } = await attempt(signalUrl, { token: short });
  assert.equal(frame?.type, 'welcome');
  const [code, reason] = await once(ws, 'close');
  assert.equal(code, AUTH_CLOSE_CODE);
  assert.equal(reason.toString(), 'token expired');
  // The relay forgets the connection once its side of the close is done too.
  while (relay.devicesOf('alice').length > 0) await new Promise((r) => setTimeout(r, 10));
  assert.equal(relay.connections, 0);
});

test('a renewal that is bad or names another user ends the connection with 4401', async (t) => {
  const { signalUrl } = await relayFor(t);
  const alice = await createSignalToken({ userId: 'alice', secret: SECRET });
  const bob = await createSignalToken({ userId: 'bob', secret: SECRET });
  for (const [token, why] of [
    [bob, 'a renewal names another user'],
    ['not.a.jwt', 'invalid token'],
  ]) {
    const { ws } = await attempt(signalUrl, { token: alice });
    ws.send(JSON.stringify({ type: 'auth', token }));
    const [code, reason] = await once(ws, 'close');
    assert.equal(code, AUTH_CLOSE_CODE, why);
    assert.equal(reason.toString(), why);
  }
});
