import type { RCCallEndReason } from '../src/calllib/enums.js';
import type { IEndSummary } from '../src/calllib/types.js';

/**
 * Where a call is. `idle`: the model exists but the engine has not said which way the call goes;
 * `ended` carries the reason and the summary of `onSessionClose`.
 */
export type CallStatus =
  | { readonly phase: 'idle' }
  | { readonly phase: 'outgoing'; readonly ringing: boolean }
  | { readonly phase: 'incoming' }
  | { readonly phase: 'active'; readonly connectedAt: number }
  | {
      readonly phase: 'ended';
      readonly reason: RCCallEndReason;
      readonly summary: IEndSummary;
      readonly endedAt: number;
      /** When it had connected; absent for a call that never did. */
      readonly connectedAt?: number;
    };

export type CallPhase = CallStatus['phase'];

/** What moves a call from one status to the next. `at` is `Date.now()` when it happened. */
export type CallInput =
  | { readonly type: 'dial' }
  | { readonly type: 'ring' }
  | { readonly type: 'rang' }
  | { readonly type: 'connect'; readonly at: number }
  | { readonly type: 'close'; readonly summary: IEndSummary; readonly at: number };

/**
 * The next status, or `undefined` when `input` makes no sense in `status` (the caller ignores it):
 * - `dial`: idle → outgoing (we placed the call);
 * - `ring`: idle → incoming (we were invited);
 * - `rang`: outgoing → outgoing, ringing (a callee's device rings);
 * - `connect`: outgoing or incoming → active (someone answered us, or we answered);
 * - `close`: anything but ended → ended.
 */
export function advance(status: CallStatus, input: CallInput): CallStatus | undefined {
  switch (input.type) {
    case 'dial':
      return status.phase === 'idle' ? { phase: 'outgoing', ringing: false } : undefined;
    case 'ring':
      return status.phase === 'idle' ? { phase: 'incoming' } : undefined;
    case 'rang':
      return status.phase === 'outgoing' && !status.ringing
        ? { phase: 'outgoing', ringing: true }
        : undefined;
    case 'connect':
      return status.phase === 'outgoing' || status.phase === 'incoming'
        ? { phase: 'active', connectedAt: input.at }
        : undefined;
    case 'close':
      if (status.phase === 'ended') return undefined;
      return {
        phase: 'ended',
        reason: input.summary.endReason,
        summary: input.summary,
        endedAt: input.at,
        ...(status.phase === 'active' ? { connectedAt: status.connectedAt } : {}),
      };
  }
}
