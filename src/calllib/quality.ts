/**
 * (Ours.) A link's quality from what WebRTC measures, the same for every backend. The bounds are
 * those at which a call is known to suffer: beyond 300 ms round trip people talk over each other,
 * beyond 5 % loss video stutters and beyond 15 % speech breaks up; jitter past 50 ms needs a jitter
 * buffer long enough to be heard.
 */
import type { INetworkQualityUser, RCNetworkQuality } from './types.js';

export interface LinkMeasure {
  /** Round-trip time, ms. */
  rtt?: number;
  /** Share of packets lost, 0–1. */
  loss?: number;
  /** Jitter, ms. */
  jitter?: number;
  /** Nothing arrived at all in the last interval while something was expected. */
  silent?: boolean;
}

export function qualityOf({
  rtt = 0,
  loss = 0,
  jitter = 0,
  silent,
}: LinkMeasure): RCNetworkQuality {
  if (silent) return 'lost';
  if (loss > 0.15 || rtt > 600 || jitter > 100) return 'poor';
  if (loss > 0.05 || rtt > 300 || jitter > 50) return 'fair';
  return 'good';
}

/** A report for `userId` from a measure: the quality and the figures that were measured. */
export function qualityReport(userId: string, measure: LinkMeasure): INetworkQualityUser {
  const report: INetworkQualityUser = { userId, quality: qualityOf(measure) };
  for (const key of ['rtt', 'loss', 'jitter'] as const) {
    const value = measure[key];
    if (value !== undefined && Number.isFinite(value))
      report[key] = key === 'loss' ? Math.round(value * 1000) / 1000 : Math.round(value);
  }
  return report;
}
