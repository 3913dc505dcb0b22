import { test } from 'node:test';
import assert from 'node:assert/strict';

test('dist/calllib.js imports in plain Node with no DOM globals', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  const lib = await import('../../dist/calllib.js');
  assert.equal(lib.RCCallMediaType.AUDIO_VIDEO, 2);
  assert.equal(lib.RCCallEndReason.REMOTE_ACCEPT_SYSTEM_CALL, 34);
  assert.equal(typeof lib.RCCallClient, 'function');
});

test('dist/testing.js runs a whole 1:1 call in Node', async () => {
  const { createMemoryNetwork } = await import('../../dist/testing.js');
  const net = createMemoryNetwork();
  const summaries = [];
  const noop = () => {};
  const listener = {
    onRinging: noop,
    onAccept: noop,
    onHungup: noop,
    onTrackReady: noop,
    onMemberModify: noop,
    onMediaModify: noop,
  };
  const alice = net.createClient('alice', {
    onSession: noop,
    onSessionClose: (_s, sum) => summaries.push(sum),
  });
  const accepted = new Promise((resolve) => {
    net.createClient('bob', {
      onSession: (session) => {
        session.registerSessionListener(listener);
        session.accept().then(resolve);
      },
      onSessionClose: (_s, sum) => summaries.push(sum),
    });
  });
  const { code, session } = await alice.call({ targetId: 'bob', mediaType: 2, listener });
  assert.equal(code, 10000);
  assert.equal((await accepted).code, 10000);
  await new Promise((r) => setTimeout(r, 20));
  await session.hungup();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(
    summaries.map((s) => s.endReason).sort((a, b) => a - b),
    [3, 13],
  );
  assert.equal(net.liveTracks().length, 0);
});
