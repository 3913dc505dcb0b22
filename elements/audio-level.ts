/** The sound level of one audio track, read on demand from a Web Audio analyser. */
export class AudioLevel {
  readonly #source: MediaStreamAudioSourceNode;
  readonly #analyser: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;

  constructor(context: AudioContext, track: MediaStreamTrack) {
    this.#source = context.createMediaStreamSource(new MediaStream([track]));
    this.#analyser = context.createAnalyser();
    this.#analyser.fftSize = 512;
    this.#source.connect(this.#analyser);
    this.#samples = new Float32Array(this.#analyser.fftSize);
  }

  /** The RMS level of the last few milliseconds, 0 (silence) to 1 (full scale). */
  read(): number {
    this.#analyser.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const x of this.#samples) sum += x * x;
    return Math.sqrt(sum / this.#samples.length);
  }

  disconnect(): void {
    this.#source.disconnect();
  }
}
