/**
 * What one peer connection measures, read once a second by the room (`getStats`): our downlink
 * from that member (their packets lost, jitter, the connection's round trip) and our uplink to
 * them (what their RTCP receiver reports say of our packets).
 */
import type { LinkMeasure } from '../calllib/quality.js';

type Stat = Record<string, unknown>;
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export class LinkStats {
  #received = 0;
  #lost = 0;
  #first = true;

  /** `expecting`: the member announced media, so a second without a packet means it is lost. */
  async read(
    pc: RTCPeerConnection,
    expecting: boolean,
  ): Promise<{ down: LinkMeasure; up: LinkMeasure }> {
    const stats = await pc.getStats();
    let received = 0;
    let lost = 0;
    let jitter = 0;
    let rtt: number | undefined;
    let upLoss = 0;
    let upRtt: number | undefined;
    stats.forEach((s: Stat) => {
      if (s.type === 'inbound-rtp') {
        received += num(s.packetsReceived);
        lost += Math.max(0, num(s.packetsLost));
        if (s.kind === 'audio') jitter = Math.max(jitter, num(s.jitter) * 1000);
      } else if (s.type === 'remote-inbound-rtp') {
        upLoss = Math.max(upLoss, num(s.fractionLost));
        if (s.roundTripTime !== undefined)
          upRtt = Math.max(upRtt ?? 0, num(s.roundTripTime) * 1000);
      } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        if (s.currentRoundTripTime !== undefined) rtt = num(s.currentRoundTripTime) * 1000;
      }
    });
    const got = received - this.#received;
    const missed = Math.max(0, lost - this.#lost);
    const first = this.#first;
    this.#received = received;
    this.#lost = lost;
    this.#first = false;
    const silent = pc.connectionState !== 'connected' || (!first && expecting && got <= 0);
    return {
      down: { rtt, jitter, loss: got + missed > 0 ? missed / (got + missed) : 0, silent },
      up: { rtt: upRtt ?? rtt, loss: upLoss, silent: pc.connectionState !== 'connected' },
    };
  }
}
