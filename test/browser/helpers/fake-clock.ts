// CommonJS (see web-test-runner.config.mjs): its exports arrive as the default export.
import FakeTimers, { type Clock } from '@sinonjs/fake-timers';

/**
 * A fake clock for the elements' timers (the call timer, the ended screen going back to idle).
 * Time still runs as usual, so the memory network and Lit keep working; `tick(ms)` jumps ahead and
 * fires every timer due meanwhile. Only timers set after `installClock()` are faked: install it
 * before the timer under test starts.
 */
export function installClock(): Clock {
  return FakeTimers.install({
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
    // Timers set before the clock came (the engine's) are cleared as usual.
    shouldClearNativeTimers: true,
  });
}
