import type { LocalTrackRequest, MediaFailureCause } from './ports.js';

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

/*
 * Tracks the page opened before a call (a preview) and hands to the engine, so that the call does
 * not open the same devices a second time: no second prompt, no second camera light.
 */

export interface AdoptedSplit {
  /** The live adopted tracks the request can use: at most one microphone and one camera. */
  adopted: MediaStreamTrack[];
  /** What is still to open. */
  audio: boolean;
  video: boolean;
}

/** Which of `request.adopt` a backend uses, and which devices it must still open. */
export function splitAdopted(request: LocalTrackRequest): AdoptedSplit {
  const live = (request.adopt ?? []).filter((t) => t.readyState === 'live');
  const mic = request.audio ? live.find((t) => t.kind === 'audio') : undefined;
  const camera = request.video ? live.find((t) => t.kind === 'video') : undefined;
  return {
    adopted: [mic, camera].filter((t): t is MediaStreamTrack => !!t),
    audio: request.audio && !mic,
    video: request.video && !camera,
  };
}
