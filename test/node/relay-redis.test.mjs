// Several relays as one through Redis (issue 16): users on different relays reach each other,
// `offline` in the ack is true only for users connected to no relay, the sender's other devices
// elsewhere get its messages, and a departure reaches the peers on other relays. Real
// redis-server (Debian's) on loopback, real relays and `ws` clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, connect as connectTcp } from 'node:net';
import { WebSocket } from 'ws';
import { createRelayServer } from '../../dist/relay.js';
import { startRedis } from '../redis-server.mjs';

let redis;
before(async () => {
  redis = await startRedis();
});
after(() => redis?.stop());

/** A client on `relay` as `user`/`device`, collecting its frames. */
async function connect(relay, user, device = 'd1') {
  const ws = new WebSocket(`${relay.signalUrl}?user=${user}&device=${device}`);
  const frames = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await once(ws, 'message'); // welcome
  let seq = 0;
  return {
    ws,
    frames,
    /** Sends and resolves the ack. */
    async send(to, data) {
      const s = ++seq;
      ws.send(JSON.stringify({ type: 'send', seq: s, to, data }));
      return waitFor(() => frames.find((f) => f.type === 'ack' && f.seq === s));
    },
    /** Resolves the first received frame `match` accepts. */
    receive: (match, ms) => waitFor(() => frames.find(match), ms),
  };
}

async function waitFor(find, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until Redis has each user subscribed and present on `relays` relays. */
async function inRedis(users, relays = 1) {
  for (const user of users) {
    for (;;) {
      const subs = (await redis.cli('PUBSUB', 'NUMSUB', `rc-call:u:${user}`)).stdout.split('\n');
      const present = Number((await redis.cli('ZCARD', `rc-call:p:${user}`)).stdout);
      if (Number(subs[1]) >= relays && present >= relays) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function pair(t) {
  const options = { log: false, redis: redis.url, heartbeatMs: 500 };
  const a = await createRelayServer(options);
  const b = await createRelayServer(options);
  t.after(async () => {
    await a.close();
    await b.close();
  });
  return { a, b };
}

/** A TCP way to Redis that lets each connection through only after `ms`: a slow Redis. */
async function slowRedis(t, ms) {
  const { port } = new URL(redis.url);
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.pause();
    setTimeout(() => {
      const upstream = connectTcp(Number(port), '127.0.0.1', () => client.resume());
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    }, ms);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((r) => server.close(r));
  });
  return `redis://127.0.0.1:${server.address().port}`;
}

test('a welcome means the user is reachable from the other relays, even through a slow Redis', async (t) => {
  // B reaches Redis 300 ms late: bob's welcome waits for his subscription and presence, so what
  // alice sends the moment he is welcomed reaches him, and he does not count as offline.
  const a = await createRelayServer({ log: false, redis: redis.url, heartbeatMs: 500 });
  const b = await createRelayServer({
    log: false,
    redis: await slowRedis(t, 300),
    heartbeatMs: 500,
  });
  t.after(async () => {
    await a.close();
    await b.close();
  });
  const alice = await connect(a, 'alice');
  await inRedis(['alice']);
  const bob = await connect(b, 'bob');
  const ack = await alice.send(['bob'], { hello: 'bob' });
  assert.deepEqual(ack.offline, []);
  const got = await bob.receive((f) => f.type === 'message', 2000);
  assert.deepEqual(got.data, { hello: 'bob' });
  alice.ws.close();
  bob.ws.close();
});

test('alice on relay A and bob on relay B reach each other; offline means on no relay', async (t) => {
  const { a, b } = await pair(t);
  const alice = await connect(a, 'alice');
  const bob = await connect(b, 'bob');
  await inRedis(['alice', 'bob']); // subscriptions and presence are asynchronous
  const ack = await alice.send(['bob', 'carol'], { hello: 'bob' });
  assert.deepEqual(ack.offline, ['carol']);
  const got = await bob.receive((f) => f.type === 'message');
  assert.equal(got.from, 'alice');
  assert.deepEqual(got.data, { hello: 'bob' });
  assert.equal(got.id, ack.id);
  const back = await bob.send(['alice'], { hello: 'alice' });
  assert.deepEqual(back.offline, []);
  assert.equal((await alice.receive((f) => f.type === 'message')).from, 'bob');
  alice.ws.close();
  bob.ws.close();
});

test('the sender’s device on another relay gets its messages; a departure reaches other relays', async (t) => {
  const { a, b } = await pair(t);
  const alice = await connect(a, 'alice', 'laptop');
  const alicePhone = await connect(b, 'alice', 'phone');
  const bob = await connect(b, 'bob');
  await inRedis(['alice'], 2);
  await inRedis(['bob']);
  await alice.send(['bob'], { n: 1 });
  const copy = await alicePhone.receive((f) => f.type === 'message');
  assert.equal(copy.fromDevice, 'laptop');
  await bob.receive((f) => f.type === 'message');
  assert.equal(alice.frames.filter((f) => f.type === 'message').length, 0, 'not to itself');
  alice.ws.terminate(); // broken, not closed
  const leave = await bob.receive((f) => f.type === 'leave');
  assert.deepEqual([leave.userId, leave.deviceId, leave.lost], ['alice', 'laptop', true]);
  alicePhone.ws.close();
  bob.ws.close();
});

test('a relay that closes takes its users out at once; a dead one’s entries expire', async (t) => {
  const { a, b } = await pair(t);
  const dave = await connect(a, 'dave');
  const bob = await connect(b, 'bob');
  await inRedis(['dave', 'bob']);
  assert.deepEqual((await bob.send(['dave'], {})).offline, []);
  dave.ws.close();
  await waitFor(() => a.relay.connections === 0);
  while (Number((await redis.cli('ZCARD', 'rc-call:p:dave')).stdout) > 0);
  assert.deepEqual((await bob.send(['dave'], {})).offline, ['dave']);
  // A relay killed outright leaves its entry, good until its expiry (three heartbeats).
  await redis.cli('ZADD', 'rc-call:p:erin', String(Date.now() + 300), 'a-dead-relay');
  assert.deepEqual((await bob.send(['erin'], {})).offline, []);
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual((await bob.send(['erin'], {})).offline, ['erin']);
  bob.ws.close();
});

test('a relay that cannot reach Redis says so and still serves its own connections', async (t) => {
  const lines = [];
  const lonely = await createRelayServer({
    log: (l) => lines.push(l),
    redis: 'redis://127.0.0.1:1',
  });
  t.after(() => lonely.close());
  const alice = await connect(lonely, 'alice');
  const bob = await connect(lonely, 'bob');
  alice.ws.send(JSON.stringify({ type: 'send', seq: 1, to: ['bob'], data: {} }));
  assert.equal((await bob.receive((f) => f.type === 'message')).from, 'alice');
  await waitFor(() => lines.some((l) => l.startsWith('relay redis:')));
  alice.ws.close();
  bob.ws.close();
});
