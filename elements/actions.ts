import { RCCallErrorCode, RCCallMediaType } from '../src/calllib/enums.js';
import type { CallState, Toggle } from './call-state.js';
import { mediaErrorCode } from './call-errors.js';
import { dropVideo, localMember, markConnected } from './listener.js';
import type { CallStore } from './store.js';

const OK = RCCallErrorCode.SUCCESS;

type Result = { code: number; cause?: string } | void | undefined;

function succeeded(result: Result): boolean {
  return !result || result.code === OK;
}

/**
 * User intent on a call, carried out through the engine. Nothing in the state flips before the
 * engine answers: toggles show `pending` meanwhile, and a failure leaves the state as it was.
 */
export class SessionActions {
  constructor(private readonly store: CallStore) {}

  #state(callId: string): CallState | undefined {
    return this.store.get(callId);
  }

  async #run(
    state: CallState,
    flag: keyof CallState['busy'],
    op: () => Result | Promise<Result>,
    what: string,
  ): Promise<boolean> {
    if (state.busy[flag]) return false;
    state.busy[flag] = true;
    this.store.notify(state);
    let result: Result;
    try {
      result = await op();
    } catch (cause) {
      result = { code: -1 };
      this.store.error('call/failed', `${what} failed`, true, cause, state.callId);
    }
    state.busy[flag] = false;
    const ok = succeeded(result);
    if (!ok && result)
      this.store.error(
        mediaErrorCode(result.code, result.cause) ?? 'call/failed',
        `${what} failed with code ${result.code}`,
        true,
        result.code,
        state.callId,
      );
    this.store.notify(state);
    return ok;
  }

  async accept(callId: string, mediaType?: 'audio' | 'video'): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase !== 'incoming') return false;
    const audioOnly = mediaType === 'audio' && state.mediaType === 'video';
    const ok = await this.#run(
      state,
      'accept',
      () => state.session.accept(undefined, audioOnly ? RCCallMediaType.AUDIO : undefined),
      'Accepting the call',
    );
    if (!ok) return false;
    if (audioOnly) dropVideo(state);
    if (state.phase === 'incoming') markConnected(state);
    this.store.notify(state);
    return true;
  }

  /** Declines, cancels or hangs up, whichever fits the call's phase. */
  async hangup(callId: string): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase === 'ended') return false;
    return this.#run(state, 'hangup', () => state.session.hungup(), 'Hanging up');
  }

  async toggleMic(callId: string): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase === 'ended') return false;
    const s = state.session;
    return this.#toggle(state, state.mic, 'audio', () =>
      state.mic.on ? s.disableAudioTrack() : s.enableAudioTrack(),
    );
  }

  async toggleCamera(callId: string): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase === 'ended' || state.mediaType !== 'video') return false;
    const s = state.session;
    return this.#toggle(state, state.camera, 'video', () =>
      state.camera.on ? s.disableVideoTrack() : s.enableVideoTrack(),
    );
  }

  async #toggle(
    state: CallState,
    toggle: Toggle,
    kind: 'audio' | 'video',
    op: () => Result | Promise<Result>,
  ): Promise<boolean> {
    if (toggle.pending) return false;
    toggle.pending = true;
    this.store.notify(state);
    let result: Result;
    try {
      result = await op();
    } catch (cause) {
      result = { code: -1 };
      this.store.error(
        `media/${kind}-toggle-failed`,
        `Switching the ${kind === 'audio' ? 'microphone' : 'camera'} failed`,
        true,
        cause,
        state.callId,
      );
    }
    toggle.pending = false;
    const ok = succeeded(result);
    if (ok) {
      toggle.on = !toggle.on;
      const self = localMember(state);
      if (kind === 'audio') self.audioMuted = !toggle.on;
      else self.videoMuted = !toggle.on;
    } else if (result && result.code !== -1) {
      this.store.error(
        `media/${kind}-toggle-failed`,
        `Switching ${kind} failed with code ${result.code}`,
        true,
        result.code,
        state.callId,
      );
    }
    this.store.notify(state);
    return ok;
  }

  async switchToAudio(callId: string): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase === 'ended' || state.mediaType === 'audio') return false;
    const ok = await this.#run(
      state,
      'toAudio',
      () => state.session.descendAbility(),
      'Switching to audio',
    );
    if (ok) {
      dropVideo(state);
      this.store.notify(state);
    }
    return ok;
  }

  async invite(callId: string, userIds: string[]): Promise<boolean> {
    const state = this.#state(callId);
    if (!state || state.phase === 'ended' || userIds.length === 0) return false;
    return this.#run(state, 'invite', () => state.session.invite(userIds), 'Inviting');
  }
}
