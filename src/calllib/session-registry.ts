import { BoundedSet } from './bounded-set.js';
import type { RCCallSession } from './session.js';

/**
 * The client's calls: the sessions by callId, and the calls that are over (ended here, or hung up
 * before we heard of them), so that late signals for them are dropped. The one owner of both.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, RCCallSession>();
  readonly #finished = new BoundedSet<string>(500);

  get(callId: string): RCCallSession | undefined {
    return this.#sessions.get(callId);
  }

  add(session: RCCallSession): void {
    this.#sessions.set(session.getCallId(), session);
  }

  /** The sessions that have not ended. */
  live(): RCCallSession[] {
    return [...this.#sessions.values()].filter((s) => !s.isEnded());
  }

  /** The call is over: its session (if it is this one) is forgotten and its signals dropped. */
  finish(callId: string, session?: RCCallSession): void {
    if (!session || this.#sessions.get(callId) === session) this.#sessions.delete(callId);
    this.#finished.add(callId);
  }

  isFinished(callId: string): boolean {
    return this.#finished.has(callId);
  }
}
