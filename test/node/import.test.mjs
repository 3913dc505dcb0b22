import { test } from 'node:test';
import assert from 'node:assert/strict';

test('dist/calllib.js imports in plain Node with no DOM globals', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const lib = await import('../../dist/calllib.js');
  assert.equal(lib.RCCallMediaType.AUDIO_VIDEO, 2);
});
