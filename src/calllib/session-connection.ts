/**
 * Links of a call that went down (ours). The backend reports each link's state (our own
 * connection, a member's media) and restores it; the call decides how long it waits: a link that
 * stays down for `reconnectTimeout` is given up. Ours lost ends the call with NETWORK_ERROR; a
 * member's lost drops that member with REMOTE_NETWORK_ERROR (which ends a 1:1 call), and that
 * member, if it can still hear us, is told NETWORK_ERROR, which it reads as REMOTE_NETWORK_ERROR.
 */
import { RCCallEndReason } from './enums.js';
import type { INetworkQualityUser, RCConnectionState, RCNetworkQuality } from './types.js';

/** What the watch needs of its call. */
export interface WatchedCall {
  readonly reconnectTimeout: number;
  selfId(): string;
  isEnded(): boolean;
  isMember(userId: string): boolean;
  emit(user: { userId: string; state: RCConnectionState }): void;
  emitQuality(report: INetworkQualityUser): void;
  endCall(reason: RCCallEndReason): void;
  dropMember(userId: string, reason: RCCallEndReason, sendReason: RCCallEndReason): void;
}

export class ConnectionWatch {
  /** The links that are down, each with the timer that gives it up. */
  readonly #down = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last quality passed on, per user. */
  readonly #quality = new Map<string, RCNetworkQuality>();

  constructor(private readonly call: WatchedCall) {}

  stateOf(userId: string): RCConnectionState {
    return this.#down.has(userId) ? 'reconnecting' : 'connected';
  }

  /** The backend's report; a repeated state is ignored. */
  change(userId: string, state: RCConnectionState): void {
    const call = this.call;
    const self = userId === call.selfId();
    if (call.isEnded() || (!self && !call.isMember(userId))) return;
    if (state === this.stateOf(userId)) return;
    if (state === 'connected') {
      this.forget(userId);
    } else {
      this.#down.set(
        userId,
        setTimeout(() => this.giveUp(userId, self), call.reconnectTimeout),
      );
    }
    call.emit({ userId, state });
  }

  /** The backend's measure of a link: passed on when its quality changed. */
  quality(report: INetworkQualityUser): void {
    const { userId, quality } = report;
    const call = this.call;
    if (call.isEnded() || (userId !== call.selfId() && !call.isMember(userId))) return;
    if (this.#quality.get(userId) === quality) return;
    this.#quality.set(userId, quality);
    call.emitQuality({ ...report });
  }

  /** A member left the call another way: its link no longer matters. */
  forget(userId: string): void {
    this.#quality.delete(userId);
    clearTimeout(this.#down.get(userId));
    this.#down.delete(userId);
  }

  clear(): void {
    this.#down.forEach((timer) => clearTimeout(timer));
    this.#down.clear();
  }

  private giveUp(userId: string, self: boolean): void {
    this.#down.delete(userId);
    if (this.call.isEnded()) return;
    if (self) this.call.endCall(RCCallEndReason.NETWORK_ERROR);
    else
      this.call.dropMember(
        userId,
        RCCallEndReason.REMOTE_NETWORK_ERROR,
        RCCallEndReason.NETWORK_ERROR,
      );
  }
}
