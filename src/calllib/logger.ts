/** The engine's logger, and a guard so that an app callback that throws cannot break a call. */
import { LogLevel } from './enums.js';

/** A small leveled logger; `logStdout` (install option) takes over the output when given. */
export class Logger {
  readonly #level: LogLevel;
  readonly #out?: (level: LogLevel, ...args: unknown[]) => void;

  constructor(level = LogLevel.WARN, out?: (level: LogLevel, ...args: unknown[]) => void) {
    this.#level = level;
    this.#out = out;
  }

  debug(...args: unknown[]): void {
    this.#write(LogLevel.DEBUG, args);
  }
  info(...args: unknown[]): void {
    this.#write(LogLevel.INFO, args);
  }
  warn(...args: unknown[]): void {
    this.#write(LogLevel.WARN, args);
  }
  error(...args: unknown[]): void {
    this.#write(LogLevel.ERROR, args);
  }

  #write(level: LogLevel, args: unknown[]): void {
    if (level < this.#level) return;
    if (this.#out) {
      try {
        this.#out(level, '[RCCall]', ...args);
      } catch {
        // a broken log sink must not break a call
      }
      return;
    }
    const fn =
      level >= LogLevel.ERROR ? console.error : level >= LogLevel.WARN ? console.warn : console.log;
    fn('[RCCall]', ...args);
  }
}

/**
 * Calls an app callback so that nothing it throws (or rejects) reaches the engine: the error is
 * logged and the call goes on.
 */
export function callSafely<A extends unknown[]>(
  logger: Logger,
  name: string,
  fn: ((...args: A) => unknown) | undefined,
  ...args: A
): void {
  if (typeof fn !== 'function') return;
  try {
    const result = fn(...args);
    if (result && typeof (result as Promise<unknown>).catch === 'function') {
      (result as Promise<unknown>).catch((err: unknown) => logger.error(`${name} rejected:`, err));
    }
  } catch (err) {
    logger.error(`${name} threw:`, err);
  }
}
