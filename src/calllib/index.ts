/**
 * The CallLib-compatible engine: RongCloud CallLib's API and behaviour, independent of any network.
 * Backends (`rc-call-elements/local`, `/rongcloud`, `/testing`) construct `RCCallClient` with their
 * signalling and media ports.
 */
export * from './enums.js';
export type * from './types.js';
export type * from './ports.js';
export { RCCallClient } from './client.js';
export { RCCallSession, LEAVE_GRACE_MS, type IRemoteUser } from './session.js';
export { toRemoteReason } from './reasons.js';
export { mediaFailureCause, splitAdopted, type AdoptedSplit } from './media-failure.js';
export { decodeSignal, LIMITS, type CallSignal } from './signals.js';
