import { SLOTS, type TrackSlot } from './tracks.js';

/** What travels between two peers' negotiation (the `rtc` room message). */
export interface RtcSignal {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
}

/** What a peer connection sends, read when it is needed. */
export interface PeerSending {
  track(slot: TrackSlot): MediaStreamTrack | null;
  /** `scaleResolutionDownBy` for the video (1: as captured). */
  videoScale(): number;
  /** `maxBitrate` for the video, bits per second (none: the browser's own). */
  videoBitrate?(): number | undefined;
}

export interface PeerEvents {
  send(signal: RtcSignal): void;
  /** The remote side's track of `slot` arrived (it may carry no frames yet). */
  onRemoteTrack(slot: TrackSlot, track: MediaStreamTrack): void;
  /** The connection never came up in time. */
  onFailed(): void;
  /**
   * The connection, up before, went down (`false`: it is being restored with ICE restarts) or
   * came back (`true`). How long to wait is the call's to decide.
   */
  onLink?(up: boolean): void;
  onIceState?(state: RTCIceConnectionState): void;
  /**
   * TURN servers were configured, and gathering ended with no relay address from any of them
   * (refused credentials, or unreachable): `detail` says what the browser reported.
   */
  onTurnFailure?(detail: string): void;
}

/** A connection `disconnected` this long, or every time this long while down, restarts ICE. */
export const RESTART_MS = 2500;
/** A first connection gets this long to come up. */
const CONNECT_MS = 15_000;

/**
 * One RTCPeerConnection to one remote member device, negotiated with the perfect-negotiation
 * pattern. Its layout is fixed at the first offer: one transceiver per {@link SLOTS} (microphone,
 * camera, screen), all sendrecv, created by the impolite side in that order. Publishing, unpublishing and replacing a track is then
 * `replaceTrack` only, so it never renegotiates and cannot glare; later negotiations are ICE
 * restarts.
 */
export class Peer {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private queue: Promise<void> = Promise.resolve();
  private scaling: Promise<void> = Promise.resolve();
  /** The video scale the sender has, once known (reading it blocks on WebRTC's thread). */
  private sentScale?: number;
  private sentBitrate?: number;
  private timer?: ReturnType<typeof setTimeout>;
  /** While a connection that was up is down: restarts ICE until it is back. */
  private restarting?: ReturnType<typeof setInterval>;
  private wasUp = false;
  private closed = false;
  /** Removes the connection's listeners on close. */
  private readonly listening = new AbortController();

  constructor(
    readonly polite: boolean,
    config: RTCConfiguration,
    private readonly local: PeerSending,
    private readonly events: PeerEvents,
  ) {
    // Both ends are ours: one transport for audio and video from the first offer (half the ICE
    // and DTLS set-up of the default policy, which bundles only once the answer arrives).
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', ...config });
    this.pc = pc;
    const on = <K extends keyof RTCPeerConnectionEventMap>(
      type: K,
      fn: (e: RTCPeerConnectionEventMap[K]) => void,
    ) => pc.addEventListener(type, fn, { signal: this.listening.signal });
    on('negotiationneeded', () => void this.offer());
    const turn = new TurnWatch(config);
    on('icecandidate', ({ candidate }) => {
      if (candidate) events.send({ candidate: candidate.toJSON() });
      turn.candidate(candidate);
    });
    on('icecandidateerror', (e) => turn.error(e as RTCPeerConnectionIceErrorEvent));
    on('icegatheringstatechange', () => {
      const failure = pc.iceGatheringState === 'complete' ? turn.failure() : undefined;
      if (failure) events.onTurnFailure?.(failure);
    });
    on('track', ({ track, transceiver }) => {
      const slot = SLOTS[pc.getTransceivers().indexOf(transceiver)];
      if (slot) events.onRemoteTrack(slot, track);
    });
    on('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce();
      events.onIceState?.(pc.iceConnectionState);
    });
    on('connectionstatechange', () => this.watch());
    this.arm(CONNECT_MS);
    if (!polite) {
      for (const slot of SLOTS) {
        const init: RTCRtpTransceiverInit = { direction: 'sendrecv' };
        if (slot === 'video') {
          this.sentScale = local.videoScale();
          init.sendEncodings = [{ scaleResolutionDownBy: this.sentScale }];
        }
        pc.addTransceiver(local.track(slot) ?? (slot === 'audio' ? 'audio' : 'video'), init);
      }
      // The first offer goes now, not a task later with `negotiationneeded` (which then finds
      // nothing left to negotiate and does not fire).
      void this.offer();
    }
  }

  /** Applies `videoScale()` and `videoBitrate()` to the video sender (no renegotiation). */
  rescale(): Promise<void> {
    this.scaling = this.scaling.then(() => this.applyScale()).catch(() => undefined);
    return this.scaling;
  }

  /** Sends `track` (or nothing) on the transceiver of `slot`. */
  async setTrack(slot: TrackSlot, track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.transceiver(slot);
    if (transceiver && transceiver.sender.track !== track)
      await transceiver.sender.replaceTrack(track);
  }

  /** The transceiver of `slot` (they are made in {@link SLOTS} order), for stats and tests. */
  transceiver(slot: TrackSlot): RTCRtpTransceiver | undefined {
    if (this.closed) return undefined;
    const transceiver = this.pc.getTransceivers()[SLOTS.indexOf(slot)];
    return transceiver?.currentDirection?.startsWith('stop') ? undefined : transceiver;
  }

  /** Handles the other side's negotiation messages, one at a time, in order. */
  receive(signal: RtcSignal): void {
    this.queue = this.queue.then(() => this.handle(signal)).catch(() => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.restarting);
    this.listening.abort();
    this.pc.close();
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description && !this.closed) this.events.send({ description: description.toJSON() });
    } catch {
      // A collision made the offer obsolete; the other side's offer wins or we retry on the next event.
    } finally {
      this.makingOffer = false;
    }
  }

  private async handle({ description, candidate }: RtcSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    if (description) {
      const collision =
        description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await pc.setRemoteDescription(description);
      if (description.type === 'offer') {
        // The answer does not wait for the tracks to be attached: no round trip in between.
        const sending = this.sendOnRemoteTransceivers();
        sending.catch(() => undefined); // awaited below, unless the answer fails first
        await pc.setLocalDescription();
        const answer = pc.localDescription;
        if (answer && !this.closed) this.events.send({ description: answer.toJSON() });
        // The answer made the encodings; the connection is not up yet, so no frame went out.
        await Promise.all([sending, this.rescale()]);
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }

  /** On the polite side the transceivers come from the offer: make them send our tracks too. */
  private async sendOnRemoteTransceivers(): Promise<void> {
    const replacing: Promise<void>[] = [];
    for (const slot of SLOTS) {
      const transceiver = this.transceiver(slot);
      if (!transceiver) continue;
      if (transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
      const track = this.local.track(slot);
      if (transceiver.sender.track !== track)
        replacing.push(transceiver.sender.replaceTrack(track));
    }
    await Promise.all(replacing);
  }

  private async applyScale(): Promise<void> {
    const scale = this.local.videoScale();
    const bitrate = this.local.videoBitrate?.();
    if (scale === this.sentScale && bitrate === this.sentBitrate) return;
    const sender = this.transceiver('video')?.sender;
    const parameters = sender?.getParameters();
    const encoding = parameters?.encodings?.[0];
    // The polite side has no encoding before its answer, which applies the scale.
    if (!sender || !parameters || !encoding) return;
    if ((encoding.scaleResolutionDownBy ?? 1) !== scale || encoding.maxBitrate !== bitrate) {
      encoding.scaleResolutionDownBy = scale;
      if (bitrate === undefined) delete encoding.maxBitrate;
      else encoding.maxBitrate = bitrate;
      await sender.setParameters(parameters);
    }
    this.sentScale = scale;
    this.sentBitrate = bitrate;
  }

  private watch(): void {
    const state = this.pc.connectionState;
    if (state === 'connected') {
      clearTimeout(this.timer);
      this.timer = undefined;
      clearInterval(this.restarting);
      this.restarting = undefined;
      this.wasUp = true;
      this.events.onLink?.(true);
    } else if ((state === 'failed' || state === 'disconnected') && this.wasUp) {
      if (this.restarting) return;
      // `disconnected` may heal by itself (a moment of loss); `failed` restarts ICE at once
      // (iceconnectionstatechange). Either way, while down, ICE restarts again and again: a
      // network that comes back gets new candidates, a TURN server that restarted new allocations.
      this.restarting = setInterval(() => this.pc.restartIce(), RESTART_MS);
      this.events.onLink?.(false);
    } else if (state === 'closed') {
      this.arm(0);
    }
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed && this.pc.connectionState !== 'connected') this.events.onFailed();
    }, ms);
  }
}

/** Whether a connection's gathering got a relay address from the TURN servers it was given. */
class TurnWatch {
  private readonly urls: string[];
  private relayed = false;
  private reported = false;
  private readonly errors: string[] = [];

  constructor(config: RTCConfiguration) {
    this.urls = (config.iceServers ?? [])
      .flatMap((server) => [server.urls].flat())
      .filter((url) => /^turns?:/.test(url));
  }

  candidate(candidate: RTCIceCandidate | null): void {
    if (candidate?.type === 'relay') this.relayed = true;
  }

  /** Chromium says why (401 for refused credentials); Firefox fires no such event. */
  error(e: RTCPeerConnectionIceErrorEvent): void {
    if (/^turns?:/.test(e.url ?? '')) this.errors.push(`${e.errorCode} ${e.errorText}`.trim());
  }

  /** Once, when gathering ended without a relay address: what to report. */
  failure(): string | undefined {
    if (this.reported || this.relayed || this.urls.length === 0) return undefined;
    this.reported = true;
    const why = this.errors.length
      ? [...new Set(this.errors)].join(', ')
      : 'credentials refused, or server unreachable';
    return `No relay address from the TURN server ${this.urls.join(', ')}: ${why}`;
  }
}
