import type { MediaFailureCause } from './ports.js';

/**
 * Why opening a device failed, from the name of the error `getUserMedia` rejected with. Reads only
 * `error.name`, so the engine stays free of DOM types.
 */
export function mediaFailureCause(error: unknown): MediaFailureCause {
  const name =
    error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string'
      ? (error as { name: string }).name
      : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not-found';
  if (name === 'NotReadableError' || name === 'AbortError') return 'in-use';
  return 'unknown';
}
