/**
 * Network quality of a room, from `getStats` once a second: each member's downlink (their packets
 * lost, jitter, the connection's round trip) and our uplink (what their RTCP receiver reports say
 * of our packets), and the limit our video is sent with while our uplink is bad.
 */
import { qualityReport, type LinkMeasure } from '../calllib/quality.js';
import type { INetworkQualityUser, RCNetworkQuality } from '../calllib/types.js';
import type { Member } from './room-member.js';

/** How often each peer connection is measured. */
export const QUALITY_MS = 1000;
/** A better uplink must last this many measures before the video goes back up. */
const RAISE_AFTER = 3;

/** What the video is sent with: a bitrate cap (bits/s; none: the browser's) and a scale. */
export interface VideoLimit {
  bitrate?: number;
  scale: number;
}

/**
 * What the video sends while our uplink is `fair` or `poor`/`lost`: a lower bitrate, then a
 * smaller picture too, so that audio keeps its share. `good`: as the mesh decides.
 */
const UPLINK_LIMITS: Record<RCNetworkQuality, VideoLimit> = {
  good: { scale: 1 },
  fair: { bitrate: 500_000, scale: 1 },
  poor: { bitrate: 150_000, scale: 2 },
  lost: { bitrate: 150_000, scale: 2 },
};
const RANK: Record<RCNetworkQuality, number> = { good: 0, fair: 1, poor: 2, lost: 3 };

export interface MonitoredRoom {
  members(): Member[];
  selfId(): string;
  /** A member's downlink, or ours (our own id: the worst uplink), once a second. */
  report(quality: INetworkQualityUser): void;
  /** {@link LinkMonitor.limit} changed: the senders must apply it. */
  limitChanged(): void;
}

/** Measures a room's peer connections until stopped; see the file's comment. */
export class LinkMonitor {
  readonly #stats = new WeakMap<Member, LinkStats>();
  readonly #timer: ReturnType<typeof setInterval>;
  /** The uplink the video is limited for, and how many measures in a row were better. */
  #uplink: RCNetworkQuality = 'good';
  #better = 0;

  constructor(private readonly room: MonitoredRoom) {
    let busy = false; // a slow getStats is not asked again before it answers
    this.#timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.#measure().finally(() => (busy = false));
    }, QUALITY_MS);
  }

  /** What our video is sent with now. */
  get limit(): VideoLimit {
    return UPLINK_LIMITS[this.#uplink];
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Down at once when our uplink gets worse, up after {@link RAISE_AFTER} better measures. */
  async #measure(): Promise<void> {
    const members = this.room.members();
    if (members.length === 0) return;
    const ups: INetworkQualityUser[] = [];
    for (const member of members) {
      let stats = this.#stats.get(member);
      if (!stats) this.#stats.set(member, (stats = new LinkStats()));
      try {
        const { down, up } = await stats.read(member.peer.pc, member.tracks.size > 0);
        ups.push(qualityReport(this.room.selfId(), up));
        this.room.report(qualityReport(member.userId, down));
      } catch {
        // A connection closing while it was read: the next measure goes without it.
      }
    }
    if (ups.length === 0) return;
    const worst = ups.reduce((a, b) => (RANK[b.quality] > RANK[a.quality] ? b : a));
    this.room.report(worst);
    this.#follow(worst.quality);
  }

  #follow(quality: RCNetworkQuality): void {
    const worse = RANK[quality] > RANK[this.#uplink];
    const better = RANK[quality] < RANK[this.#uplink];
    this.#better = better ? this.#better + 1 : 0;
    if (worse || (better && this.#better >= RAISE_AFTER)) {
      this.#better = 0;
      this.#uplink = quality;
      this.room.limitChanged();
    }
  }
}

type Stat = Record<string, unknown>;
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** One peer connection's counters between two reads. */
class LinkStats {
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
      // One path both ways: where the candidate pair has no round trip (Firefox 140), the
      // receiver reports' one stands for it.
      down: {
        rtt: rtt ?? upRtt,
        jitter,
        loss: got + missed > 0 ? missed / (got + missed) : 0,
        silent,
      },
      up: { rtt: upRtt ?? rtt, loss: upLoss, silent: pc.connectionState !== 'connected' },
    };
  }
}
