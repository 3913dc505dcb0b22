import { PageChannel } from './page-channel.js';
import {
  MAX_FRAME_BYTES,
  frameBytes,
  randomId,
  type LocalTransportStatus,
  type Transport,
  type TransportEvents,
  type TransportSendResult,
} from './transport.js';

type Frame =
  | {
      t: 'msg';
      from: string;
      fromDevice: string;
      to: string[];
      id: string;
      time: number;
      data: unknown;
    }
  | { t: 'hb'; userId: string; deviceId: string }
  | { t: 'leave'; userId: string; deviceId: string };

/** How often a tab says it is alive, and after how long without a word it counts as gone. */
const HEARTBEAT_MS = 2000;
const PRESENCE_TIMEOUT_MS = 7000;

/**
 * Emulates the relay between the tabs of one browser. Every tab hears every frame, so each one
 * filters what the relay would not have delivered to it. The sender is whoever posted the frame:
 * tabs of one origin trust each other, there is no server to stamp it.
 */
export class BroadcastTransport implements Transport {
  status: LocalTransportStatus = 'connecting';
  private channel?: PageChannel;
  private events?: TransportEvents;
  private heartbeat?: ReturnType<typeof setInterval>;
  /** Endpoints we exchanged messages with → when we last heard of them. */
  private readonly peers = new Map<string, { userId: string; deviceId: string; seen: number }>();

  constructor(
    readonly userId: string,
    readonly deviceId: string,
    private readonly channelName: string,
  ) {}

  serverTime(): number {
    return Date.now();
  }

  async connect(events: TransportEvents): Promise<void> {
    if (typeof BroadcastChannel === 'undefined') {
      throw new Error(
        'BroadcastChannel is not available here: pass a ws:// or wss:// `signal` URL.',
      );
    }
    this.events = events;
    this.channel = PageChannel.join(this.channelName, this.receive);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    globalThis.addEventListener?.('pagehide', this.onPageHide);
    this.setStatus('connected');
  }

  async send(to: string[], data: unknown): Promise<TransportSendResult> {
    const frame: Frame = {
      t: 'msg',
      from: this.userId,
      fromDevice: this.deviceId,
      to,
      id: randomId(16),
      time: Date.now(),
      data,
    };
    if (!this.channel) return { ok: false, time: frame.time, id: frame.id, error: 'not-connected' };
    if (frameBytes(JSON.stringify(frame)) > MAX_FRAME_BYTES) {
      return { ok: false, time: frame.time, id: frame.id, error: 'too-large' };
    }
    this.channel.post(this.receive, frame);
    return { ok: true, time: frame.time, id: frame.id };
  }

  close(): void {
    if (!this.channel) return;
    this.post({ t: 'leave', userId: this.userId, deviceId: this.deviceId });
    clearInterval(this.heartbeat);
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    this.channel.leave(this.receive);
    this.channel = undefined;
    this.peers.clear();
    this.setStatus('disconnected');
    this.events = undefined;
  }

  private readonly onPageHide = (): void => {
    this.post({ t: 'leave', userId: this.userId, deviceId: this.deviceId });
  };

  private readonly receive = (data: unknown): void => {
    const frame = data as Frame;
    if (!frame || typeof frame !== 'object') return;
    if (frame.t === 'msg') {
      if (frame.fromDevice === this.deviceId) return;
      const mine =
        frame.from === this.userId || (Array.isArray(frame.to) && frame.to.includes(this.userId));
      if (!mine) return;
      this.touch(frame.from, frame.fromDevice);
      const { from, fromDevice, time, id, data } = frame;
      this.events?.onMessage({ from, fromDevice, time, id, data });
    } else if (frame.t === 'hb') {
      const peer = this.peers.get(`${frame.userId}/${frame.deviceId}`);
      if (peer) peer.seen = Date.now();
    } else if (frame.t === 'leave') {
      this.gone(frame.userId, frame.deviceId, false);
    }
  };

  /** Remembers an endpoint that wrote to us, so that its silence can be noticed. */
  private touch(userId: string, deviceId: string): void {
    this.peers.set(`${userId}/${deviceId}`, { userId, deviceId, seen: Date.now() });
  }

  private beat(): void {
    this.post({ t: 'hb', userId: this.userId, deviceId: this.deviceId });
    const now = Date.now();
    for (const peer of [...this.peers.values()]) {
      if (now - peer.seen > PRESENCE_TIMEOUT_MS) this.gone(peer.userId, peer.deviceId, true);
    }
  }

  private gone(userId: string, deviceId: string, lost: boolean): void {
    if (!this.peers.delete(`${userId}/${deviceId}`)) return;
    this.events?.onLeave(userId, deviceId, lost);
  }

  private post(frame: Frame): void {
    try {
      this.channel?.post(this.receive, frame);
    } catch {
      // The channel is closing with the page; nothing to tell anyone.
    }
  }

  private setStatus(status: LocalTransportStatus): void {
    this.status = status;
    this.events?.onStatus(status);
  }
}
