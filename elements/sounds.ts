/** Which tone to play: `ring` for an incoming call, `ringback` while calling out. */
export type Tone = 'ring' | 'ringback';

interface Pattern {
  freqs: number[];
  /** On and off times in seconds, repeated. */
  on: number;
  off: number;
  gain: number;
}

const PATTERNS: Record<Tone, Pattern> = {
  // A soft two-note chime, twice per cycle: pleasant, clearly "a call".
  ring: { freqs: [659.25, 880], on: 0.9, off: 1.4, gain: 0.12 },
  // The common 425 Hz ringback: one second on, four off.
  ringback: { freqs: [425], on: 1, off: 3, gain: 0.08 },
};

/**
 * Ring and ringback tones made with Web Audio (no media files). One tone at a time; `play(null)`
 * stops. When the browser keeps the audio context suspended for lack of a user gesture,
 * `onBlocked` is called with a function that resumes it (call that from a click).
 */
export class CallSounds {
  #ctx: AudioContext | undefined;
  #tone: Tone | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #nodes: AudioScheduledSourceNode[] = [];

  constructor(private readonly onBlocked: (resume: () => Promise<void>) => void = () => {}) {}

  get tone(): Tone | null {
    return this.#tone;
  }

  play(tone: Tone | null): void {
    if (tone === this.#tone) return;
    this.stop();
    if (!tone || typeof AudioContext === 'undefined') return;
    this.#tone = tone;
    const ctx = (this.#ctx ??= new AudioContext());
    const pattern = PATTERNS[tone];
    const cycle = pattern.on + pattern.off;
    const schedule = () => this.#burst(ctx, pattern, ctx.currentTime + 0.05);
    if (ctx.state === 'running') schedule();
    else void this.#resume(ctx, schedule);
    this.#timer = setInterval(() => {
      if (ctx.state === 'running') schedule();
    }, cycle * 1000);
  }

  stop(): void {
    this.#tone = null;
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const node of this.#nodes) {
      try {
        node.stop();
      } catch {
        // already stopped
      }
    }
    this.#nodes = [];
  }

  /** Stops and releases the audio context. */
  dispose(): void {
    this.stop();
    void this.#ctx?.close();
    this.#ctx = undefined;
  }

  async #resume(ctx: AudioContext, then: () => void): Promise<void> {
    const resumed = ctx.resume().then(() => true);
    const waited = new Promise<boolean>((r) => setTimeout(() => r(false), 300));
    if ((await Promise.race([resumed, waited])) && ctx.state === 'running') {
      if (this.#tone) then();
      return;
    }
    this.onBlocked(async () => {
      await ctx.resume();
      if (this.#tone) then();
    });
  }

  #burst(ctx: AudioContext, p: Pattern, start: number): void {
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(p.gain, start + 0.03);
    gain.gain.setValueAtTime(p.gain, start + p.on - 0.08);
    gain.gain.linearRampToValueAtTime(0, start + p.on);
    const step = p.freqs.length > 1 ? p.on / p.freqs.length : p.on;
    p.freqs.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(start + i * step);
      osc.stop(start + (p.freqs.length > 1 ? (i + 1) * step : p.on));
      osc.onended = () => {
        this.#nodes = this.#nodes.filter((n) => n !== osc);
        osc.disconnect();
      };
      this.#nodes.push(osc);
    });
  }
}
