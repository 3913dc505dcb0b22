// The relay against real `ws` clients on 127.0.0.1 (dist/relay.js: run `npx rollup -c` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { createRelayServer } from '../../dist/relay.js';

/** Rejects instead of hanging when a frame that should come never does. */
const GIVE_UP_MS = 3000;

function openSocket(url, options = {}) {
  const ws = new WebSocket(url, options);
  const inbox = [];
  const waiters = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else inbox.push(frame);
  });
  ws.on('error', () => {}); // the tests read close codes instead
  const next = () => {
    if (inbox.length > 0) return Promise.resolve(inbox.shift());
    return new Promise((resolve, reject) => {
      const done = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(done), 1);
        reject(new Error('no frame arrived'));
      }, GIVE_UP_MS);
      waiters.push(done);
    });
  };
  const closed = once(ws, 'close').then(([code, reason]) => ({ code, reason: reason.toString() }));
  return { ws, next, closed, send: (frame) => ws.send(JSON.stringify(frame)) };
}

async function connect(signalUrl, user, device, options = {}) {
  const client = openSocket(`${signalUrl}?user=${user}&device=${device}`, options);
  const welcome = await client.next();
  assert.equal(welcome.type, 'welcome');
  assert.equal(welcome.userId, user);
  assert.equal(welcome.deviceId, device);
  assert.equal(typeof welcome.time, 'number');
  return client;
}

async function relayFor(t, options = {}) {
  const server = await createRelayServer({ log: false, ...options });
  t.after(() => server.close());
  return server;
}

test('a message reaches every device of each recipient and the sender’s other devices, never the sender', async (t) => {
  const { signalUrl } = await relayFor(t);
  const aliceLaptop = await connect(signalUrl, 'alice', 'laptop');
  const alicePhone = await connect(signalUrl, 'alice', 'phone');
  const bobLaptop = await connect(signalUrl, 'bob', 'laptop');
  const bobPhone = await connect(signalUrl, 'bob', 'phone');
  const carol = await connect(signalUrl, 'carol', 'web');

  const before = Date.now();
  aliceLaptop.send({ type: 'send', seq: 7, to: ['bob', 'dave'], data: { hello: [1, 2] } });
  // Deliveries to the sender would be written before its ack, so the ack coming first proves none.
  const ack = await aliceLaptop.next();
  assert.equal(ack.type, 'ack');
  assert.equal(ack.seq, 7);
  assert.equal(typeof ack.id, 'string');
  assert.ok(ack.time >= before && ack.time <= Date.now());
  assert.equal(ack.delivered, 3);
  assert.deepEqual(ack.offline, ['dave']);

  for (const receiver of [bobLaptop, bobPhone, alicePhone]) {
    assert.deepEqual(await receiver.next(), {
      type: 'message',
      from: 'alice',
      fromDevice: 'laptop',
      time: ack.time,
      id: ack.id,
      data: { hello: [1, 2] },
    });
  }
  // carol was not addressed: the first frame she sees is the one sent to her afterwards.
  bobPhone.send({ type: 'send', seq: 1, to: ['carol'], data: 'later' });
  const second = await carol.next();
  assert.equal(second.data, 'later');
  assert.notEqual(second.id, ack.id);
});

test('addressing one’s own user or nobody reaches each other device of the sender once', async (t) => {
  const { signalUrl } = await relayFor(t);
  const laptop = await connect(signalUrl, 'alice', 'laptop');
  const phone = await connect(signalUrl, 'alice', 'phone');
  laptop.send({ type: 'send', seq: 1, to: ['alice', 'alice'], data: 'one' });
  const first = await laptop.next();
  assert.equal(first.type, 'ack', 'nothing came back to the sending device');
  assert.equal(first.delivered, 1);
  laptop.send({ type: 'send', seq: 2, to: [], data: 'two' });
  const ack = await laptop.next();
  assert.equal(ack.type, 'ack');
  assert.equal(ack.delivered, 1);
  assert.deepEqual(ack.offline, []);
  assert.equal((await phone.next()).data, 'one');
  assert.equal((await phone.next()).data, 'two', 'the first send arrived once');
});

test('the sender is stamped from the connection; a spoofed from is ignored', async (t) => {
  const { signalUrl } = await relayFor(t);
  const mallory = await connect(signalUrl, 'mallory', 'm1');
  const bob = await connect(signalUrl, 'bob', 'b1');
  mallory.send({ type: 'send', seq: 1, to: ['bob'], from: 'alice', fromDevice: 'x', data: 'hi' });
  const message = await bob.next();
  assert.equal(message.from, 'mallory');
  assert.equal(message.fromDevice, 'm1');
  assert.equal((await mallory.next()).type, 'ack');
});

test('a frame over 64 KB closes that socket with 1009 and leaves the others working', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  const alice = await connect(signalUrl, 'alice', 'a');
  const bob = await connect(signalUrl, 'bob', 'b');
  const carol = await connect(signalUrl, 'carol', 'c');

  alice.send({ type: 'send', seq: 1, to: ['bob'], data: 'x'.repeat(60 * 1024) });
  assert.equal((await alice.next()).type, 'ack');
  assert.equal((await bob.next()).data.length, 60 * 1024);

  alice.send({ type: 'send', seq: 2, to: ['bob'], data: 'x'.repeat(65 * 1024) });
  assert.equal((await alice.closed).code, 1009);
  assert.equal((await bob.next()).type, 'leave', 'bob had a message from alice, so hears she left');

  carol.send({ type: 'send', seq: 3, to: ['bob'], data: 'still here' });
  assert.equal((await carol.next()).type, 'ack');
  const next = await bob.next();
  assert.equal(next.data, 'still here', 'the oversized message was never delivered');
  assert.equal(relay.connections, 2);
});

test('more than 200 frames in 10 s from one connection are refused as rate-limited', async (t) => {
  const { signalUrl } = await relayFor(t);
  const alice = await connect(signalUrl, 'alice', 'a');
  const bob = await connect(signalUrl, 'bob', 'b');
  for (let seq = 1; seq <= 205; seq++) alice.send({ type: 'send', seq, to: ['bob'], data: seq });
  const replies = [];
  for (let i = 0; i < 205; i++) replies.push(await alice.next());
  assert.deepEqual(
    replies.filter((r) => r.type === 'ack').map((r) => r.seq),
    Array.from({ length: 200 }, (_, i) => i + 1),
  );
  const refused = replies.filter((r) => r.type === 'error');
  assert.deepEqual(
    refused.map((r) => [r.seq, r.code]),
    [201, 202, 203, 204, 205].map((seq) => [seq, 'rate-limited']),
  );
  // bob got exactly the 200 accepted messages: the next frame is a fresh sender's.
  for (let i = 1; i <= 200; i++) assert.equal((await bob.next()).data, i);
  const carol = await connect(signalUrl, 'carol', 'c');
  carol.send({ type: 'send', seq: 1, to: ['bob'], data: 'carol' });
  assert.equal((await bob.next()).data, 'carol');
});

test('malformed frames get bad-request errors, with the seq when there is one', async (t) => {
  const { signalUrl } = await relayFor(t);
  const alice = await connect(signalUrl, 'alice', 'a');
  const expectError = async (seq) => {
    const reply = await alice.next();
    assert.equal(reply.type, 'error');
    assert.equal(reply.code, 'bad-request');
    assert.equal(reply.seq, seq);
  };
  alice.ws.send('not json');
  await expectError(undefined);
  alice.send({ type: 'shout', seq: 4 });
  await expectError(4);
  alice.send({ type: 'send', seq: 5, to: 'bob', data: 1 });
  await expectError(5);
  alice.send({ type: 'send', seq: 6, to: ['bob', 'no spaces'], data: 1 });
  await expectError(6);
  const tooMany = Array.from({ length: 101 }, (_, i) => `u${i}`);
  alice.send({ type: 'send', seq: 7, to: tooMany, data: 1 });
  await expectError(7);
  alice.send({ type: 'send', seq: 8, to: tooMany.slice(0, 100), data: 1 });
  assert.equal((await alice.next()).type, 'ack', '100 recipients are allowed');
  alice.send({ type: 'send', to: ['bob'], data: 1 });
  await expectError(undefined);
  alice.ws.send(Buffer.from('{"type":"send","seq":9,"to":[],"data":1}'), { binary: true });
  await expectError(undefined);
});

test('bad or missing user and device ids are closed with 1008 and a reason', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  const cases = [
    ['', 'invalid user id'],
    ['?device=d', 'invalid user id'],
    ['?user=a%20b&device=d', 'invalid user id'],
    [`?user=${'u'.repeat(65)}&device=d`, 'invalid user id'],
    ['?user=alice', 'invalid device id'],
    ['?user=alice&device=%2F', 'invalid device id'],
  ];
  for (const [query, reason] of cases) {
    const client = openSocket(signalUrl + query);
    assert.deepEqual(await client.closed, { code: 1008, reason }, query);
  }
  const ok = await connect(signalUrl, `a.b_c-d@e:f${'x'.repeat(53)}`, 'D-1');
  assert.equal(relay.connections, 1);
  ok.ws.close();
});

test('when a connection closes, the users it exchanged messages with are told it left', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  const alice = await connect(signalUrl, 'alice', 'a');
  const bob = await connect(signalUrl, 'bob', 'b1');
  const carol = await connect(signalUrl, 'carol', 'c');
  const dave = await connect(signalUrl, 'dave', 'd');
  alice.send({ type: 'send', seq: 1, to: ['bob'], data: 'call?' });
  await alice.next();
  await bob.next();
  carol.send({ type: 'send', seq: 1, to: ['alice'], data: 'hi' });
  await carol.next();
  await alice.next();

  alice.ws.close(1000, 'bye');
  for (const peer of [bob, carol]) {
    const leave = await peer.next();
    assert.equal(leave.type, 'leave');
    assert.equal(leave.userId, 'alice');
    assert.equal(leave.deviceId, 'a');
    assert.equal(typeof leave.time, 'number');
    assert.equal(leave.lost, undefined, 'a socket its client closed is not lost');
  }
  // dave never talked to alice: his first frame is the one bob sends now.
  bob.send({ type: 'send', seq: 2, to: ['dave'], data: 'after' });
  assert.equal((await dave.next()).data, 'after');
  assert.equal(relay.connections, 3);
  assert.deepEqual(relay.devicesOf('alice'), []);
});

test('heartbeat: a socket that stops answering pings is terminated and its peers get leave', async (t) => {
  const { signalUrl, relay } = await relayFor(t, { heartbeatMs: 200 });
  const alice = await connect(signalUrl, 'alice', 'a');
  const bob = await connect(signalUrl, 'bob', 'silent', { autoPong: false });
  bob.send({ type: 'send', seq: 1, to: ['alice'], data: 'ring' });
  assert.equal((await bob.next()).type, 'ack');
  assert.equal((await alice.next()).data, 'ring');

  const leave = await alice.next();
  assert.deepEqual(
    { ...leave, time: 0 },
    { type: 'leave', userId: 'bob', deviceId: 'silent', time: 0, lost: true },
  );
  assert.equal((await bob.closed).code, 1006, 'terminated without a closing handshake');
  assert.equal(relay.connections, 1, 'alice, who answers pings, stays');
  assert.equal(alice.ws.readyState, WebSocket.OPEN);
});

test('logs one line per connection open and close, none per message', async (t) => {
  const lines = [];
  const { signalUrl } = await relayFor(t, { log: (line) => lines.push(line) });
  const alice = await connect(signalUrl, 'alice', 'laptop');
  for (let seq = 1; seq <= 5; seq++) {
    alice.send({ type: 'send', seq, to: ['bob'], data: seq });
    await alice.next();
  }
  alice.ws.close();
  await alice.closed;
  while (lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(lines.length, 2);
  assert.match(lines[0], /open alice\/laptop from 127\.0\.0\.1/);
  assert.match(lines[1], /close alice\/laptop from 127\.0\.0\.1 .*1005/);
});

test('close() ends every connection with 1001 and the counts drop to zero', async (t) => {
  const { signalUrl, relay } = await relayFor(t);
  const a = await connect(signalUrl, 'alice', 'a');
  const b = await connect(signalUrl, 'alice', 'b');
  assert.equal(relay.connections, 2);
  assert.equal(relay.users, 1);
  assert.deepEqual(relay.devicesOf('alice'), ['a', 'b']);
  await relay.close();
  assert.equal((await a.closed).code, 1001);
  assert.equal((await b.closed).code, 1001);
  assert.equal(relay.connections, 0);
  assert.equal(relay.users, 0);
});
