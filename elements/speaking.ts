/**
 * Who is speaking: each member's sound level, read with a Web Audio analyser from the track the
 * call already has (any backend: local, RongCloud, a page's own), about ten times a second. A
 * member speaks while their level is above {@link LOUD} and for {@link HOLD_MS} after, so that
 * the gaps between words do not flicker. A muted member's track carries silence. Loaded with the
 * in-call screen; one monitor per call, for as long as the call is active.
 */
import { AudioLevel } from './audio-level.js';
import type { CallModel } from './call-model.js';
import type { RCCallSession } from '../src/calllib/session.js';

/** RMS level (of full scale) above which a member counts as speaking: about -34 dBFS. */
const LOUD = 0.02;
const HOLD_MS = 600;
const INTERVAL_MS = 100;

let context: AudioContext | undefined;

/** The page's one AudioContext, resumed on the next gesture where the browser starts it suspended. */
function audioContext(): AudioContext | undefined {
  if (context || typeof AudioContext === 'undefined') return context;
  context = new AudioContext();
  if (context.state === 'suspended') {
    const resume = () => void context?.resume().catch(() => undefined);
    document.addEventListener('pointerdown', resume, { once: true, capture: true });
    document.addEventListener('keydown', resume, { once: true, capture: true });
  }
  return context;
}

interface Watched {
  userId: string;
  level: AudioLevel;
  loudAt: number;
}

class SpeakingMonitor {
  readonly #watched = new Map<MediaStreamTrack, Watched>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly model: CallModel,
    private readonly done: () => void,
  ) {
    this.#unsubscribe = model.subscribe(() => this.#sync());
    this.#timer = setInterval(() => this.#tick(), INTERVAL_MS);
    this.#sync();
  }

  /** Follows the members' audio tracks as they come and go. */
  #sync(): void {
    const { status, members } = this.model.state;
    if (status.phase === 'ended') return this.#stop();
    const ctx = audioContext();
    if (!ctx) return;
    const live = new Map<MediaStreamTrack, string>();
    for (const m of members.values()) {
      const track = m.status !== 'left' ? m.audio?.getMediaStreamTrack?.() : undefined;
      if (track && track.readyState === 'live') live.set(track, m.userId);
    }
    for (const [track, w] of this.#watched) {
      if (live.get(track) === w.userId) continue;
      w.level.disconnect();
      this.#watched.delete(track);
      this.model.setSpeaking(w.userId, false);
    }
    for (const [track, userId] of live) {
      if (this.#watched.has(track)) continue;
      this.#watched.set(track, { userId, level: new AudioLevel(ctx, track), loudAt: -Infinity });
    }
  }

  #tick(): void {
    const now = performance.now();
    for (const w of this.#watched.values()) {
      if (w.level.read() > LOUD) w.loudAt = now;
      const speaking = now - w.loudAt < HOLD_MS;
      const { session } = this.model.state;
      const times = spoke.get(session) ?? new Map<string, number>();
      spoke.set(session, times);
      if (speaking && !this.model.state.members.get(w.userId)?.speaking) times.set(w.userId, now);
      this.model.setSpeaking(w.userId, speaking);
    }
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#unsubscribe();
    for (const w of this.#watched.values()) w.level.disconnect();
    this.#watched.clear();
    this.done();
  }
}

const monitors = new WeakMap<CallModel, SpeakingMonitor>();
/** When each member of a call (by its session) last started speaking (`performance.now()`). */
const spoke = new WeakMap<RCCallSession, Map<string, number>>();

/** When `userId` last started speaking in the call of `session` (0: not yet), for the layout. */
export function lastSpoke(session: RCCallSession, userId: string): number {
  return spoke.get(session)?.get(userId) ?? 0;
}

/** Starts following who speaks in `model`'s call (once per call; it stops when the call ends). */
export function watchSpeaking(model: CallModel): void {
  if (monitors.has(model) || model.state.status.phase !== 'active') return;
  monitors.set(model, new SpeakingMonitor(model, () => undefined));
}
