import { RCCallEndReason } from './enums.js';

/**
 * A Hangup carries the sender's own-side reason; the receiver reads it in the remote form:
 * 1–10 → 11–20, 21–24 → 31–34, and 15 → 5 (a peer's own timeout reads as "no response").
 * Unknown values pass through unchanged.
 */
export function toRemoteReason(reason: number): RCCallEndReason {
  if (reason >= 1 && reason <= 10) return reason + 10;
  if (reason >= 21 && reason <= 24) return reason + 10;
  if (reason === RCCallEndReason.REMOTE_NO_RESPONSE) return RCCallEndReason.NO_RESPONSE;
  return reason;
}
