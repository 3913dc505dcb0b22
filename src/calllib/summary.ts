import type { RCCallEndReason, RCCallMediaType } from './enums.js';
import type { SessionInit } from './context.js';
import type { IEndSummary } from './types.js';

/**
 * What `onSessionClose` says of a call: from when it connected (else when it started) to its end;
 * `duration` is 0 for a call that never connected (`connectedAt` 0).
 */
export function endSummary(
  init: Pick<SessionInit, 'conversationType' | 'channelId' | 'targetId'>,
  mediaType: RCCallMediaType,
  times: { createdAt: number; connectedAt: number; endTimestamp: number },
  endReason: RCCallEndReason,
): IEndSummary {
  const { createdAt, connectedAt, endTimestamp } = times;
  return {
    conversationType: init.conversationType,
    channelId: init.channelId,
    targetId: init.targetId,
    mediaType,
    beginTimestamp: connectedAt || createdAt,
    endTimestamp,
    duration: connectedAt ? Math.max(0, endTimestamp - connectedAt) : 0,
    endReason,
  };
}
