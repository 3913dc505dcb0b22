import { RCCallUserState } from './enums.js';
import type { ISenderInfo } from './types.js';

interface Member {
  state: RCCallUserState;
  info: ISenderInfo;
  timer?: ReturnType<typeof setTimeout>;
  leaveTimer?: ReturnType<typeof setTimeout>;
  /** Last video mute state reported to the app for this user. */
  videoMuted: boolean;
}

/**
 * The users of one session other than ourselves: their call state, their user info and the
 * timers that belong to them (no-answer, room-leave grace). Owns and clears every timer.
 */
export class Members {
  readonly #members = new Map<string, Member>();

  add(userId: string, state: RCCallUserState, info?: ISenderInfo): void {
    const existing = this.#members.get(userId);
    if (existing) {
      if (existing.state === RCCallUserState.NONE || state === RCCallUserState.KEEPING)
        existing.state = state;
      if (info) existing.info = { ...existing.info, ...info, userId };
      return;
    }
    this.#members.set(userId, { state, info: { ...info, userId }, videoMuted: false });
  }

  has(userId: string): boolean {
    return this.state(userId) !== RCCallUserState.NONE;
  }

  state(userId: string): RCCallUserState {
    return this.#members.get(userId)?.state ?? RCCallUserState.NONE;
  }

  setState(userId: string, state: RCCallUserState): void {
    const m = this.#members.get(userId);
    if (m) m.state = state;
  }

  info(userId: string): ISenderInfo {
    return { ...(this.#members.get(userId)?.info ?? { userId }) };
  }

  updateInfo(info: ISenderInfo): void {
    const m = this.#members.get(info.userId);
    if (m) m.info = { ...m.info, ...info };
  }

  /** Users still in the call (waiting or keeping). */
  active(): string[] {
    return [...this.#members].filter(([, m]) => m.state !== RCCallUserState.NONE).map(([id]) => id);
  }

  anyKeeping(): boolean {
    return [...this.#members.values()].some((m) => m.state === RCCallUserState.KEEPING);
  }

  setTimer(userId: string, delay: number, fn: () => void): void {
    const m = this.#members.get(userId);
    if (!m) return;
    clearTimeout(m.timer);
    m.timer = setTimeout(fn, delay);
  }

  clearTimer(userId: string): void {
    const m = this.#members.get(userId);
    if (m) {
      clearTimeout(m.timer);
      m.timer = undefined;
    }
  }

  setLeaveTimer(userId: string, delay: number, fn: () => void): void {
    const m = this.#members.get(userId);
    if (!m) return;
    clearTimeout(m.leaveTimer);
    m.leaveTimer = setTimeout(fn, delay);
  }

  clearLeaveTimer(userId: string): void {
    const m = this.#members.get(userId);
    if (m) clearTimeout(m.leaveTimer);
  }

  /** Marks a user gone and clears their timers. Returns whether they were still in the call. */
  remove(userId: string): boolean {
    const m = this.#members.get(userId);
    if (!m || m.state === RCCallUserState.NONE) return false;
    m.state = RCCallUserState.NONE;
    clearTimeout(m.timer);
    clearTimeout(m.leaveTimer);
    return true;
  }

  /** Records a video mute state; returns whether it changed. */
  setVideoMuted(userId: string, muted: boolean): boolean {
    const m = this.#members.get(userId);
    if (!m || m.videoMuted === muted) return false;
    m.videoMuted = muted;
    return true;
  }

  clearAllTimers(): void {
    for (const m of this.#members.values()) {
      clearTimeout(m.timer);
      clearTimeout(m.leaveTimer);
    }
  }
}
