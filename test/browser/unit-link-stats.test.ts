/**
 * The local backend's network quality from `getStats`, on a peer connection whose statistics the
 * test writes: where each figure comes from, in Chromium's report and in Firefox 140's (whose
 * candidate pair has no round trip, so the receiver reports' one stands for it).
 */
import { expect } from '@open-wc/testing';
import { LinkMonitor, QUALITY_MS } from '../../src/local/link-stats.js';
import type { Member } from '../../src/local/room-member.js';
import type { INetworkQualityUser } from '../../src/calllib/types.js';

type Stat = Record<string, unknown>;

/** A room of one member, bob, whose connection reports `stats`; resolves the first reports. */
async function measure(stats: Stat[]): Promise<INetworkQualityUser[]> {
  const pc = {
    connectionState: 'connected',
    getStats: async () => new Map(stats.map((s, i) => [String(i), s])),
  };
  const bob = { userId: 'bob', peer: { pc }, tracks: new Map([['audio', {}]]) };
  const reports: INetworkQualityUser[] = [];
  const monitor = new LinkMonitor({
    members: () => [bob as unknown as Member],
    selfId: () => 'alice',
    report: (q) => reports.push(q),
    limitChanged: () => undefined,
  });
  try {
    await new Promise((r) => setTimeout(r, QUALITY_MS * 1.5));
  } finally {
    monitor.stop();
  }
  return reports;
}

const pair = (extra: Stat = {}): Stat => ({
  type: 'candidate-pair',
  nominated: true,
  state: 'succeeded',
  ...extra,
});
const inbound: Stat = {
  type: 'inbound-rtp',
  kind: 'audio',
  packetsReceived: 90,
  packetsLost: 10,
  jitter: 0.004,
};
const receiverReport: Stat = {
  type: 'remote-inbound-rtp',
  fractionLost: 0.02,
  roundTripTime: 0.12,
};

describe('local backend: link figures from getStats', () => {
  it("the connection's round trip from its candidate pair (Chromium)", async () => {
    const [down, up] = await measure([
      pair({ currentRoundTripTime: 0.05 }),
      inbound,
      receiverReport,
    ]);
    expect(down).to.deep.equal({ userId: 'bob', quality: 'fair', rtt: 50, loss: 0.1, jitter: 4 });
    expect(up).to.deep.equal({ userId: 'alice', quality: 'good', rtt: 120, loss: 0.02 });
  });

  it('without one there, the receiver reports’ round trip, both ways (Firefox 140)', async () => {
    const [down, up] = await measure([pair(), inbound, receiverReport]);
    expect(down.rtt).to.equal(120);
    expect(up.rtt).to.equal(120);
  });

  it('before any round trip is measured, none is reported', async () => {
    const [down, up] = await measure([pair(), inbound]);
    expect(down).to.deep.equal({ userId: 'bob', quality: 'fair', loss: 0.1, jitter: 4 });
    expect(up).to.deep.equal({ userId: 'alice', quality: 'good', loss: 0 });
  });
});
