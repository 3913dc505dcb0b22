/**
 * Records what the code under test writes with `console[level]` instead of printing it, so that a
 * test can assert an expected error was reported and a passing run stays quiet. `restore()` puts
 * the console back and returns the calls.
 */
export function captureConsole(level: 'error' | 'warn' = 'error') {
  const original = console[level];
  const calls: unknown[][] = [];
  console[level] = (...args: unknown[]) => void calls.push(args);
  return {
    calls,
    restore(): unknown[][] {
      console[level] = original;
      return calls;
    },
  };
}
