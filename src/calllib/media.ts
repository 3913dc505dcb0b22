import { RCCallEndReason, RCCallErrorCode, SCREEN_TAG } from './enums.js';
import { callSafely, type Logger } from './logger.js';
import { mediaFailureCause } from './media-failure.js';
import type { LocalTracksResult, MediaPort, MediaRoom, RoomEvents } from './ports.js';
import type { IMediaConstraints, RCLocalTrack, RCTrack } from './types.js';

const OK = RCCallErrorCode.SUCCESS;

/** What the media side of a session reports to the session. */
export interface MediaHost {
  /** The room's events other than track arrivals, passed to the backend as they are. */
  room: Omit<RoomEvents, 'onTrackPublish' | 'onTrackReady'>;
  /** Whether remote video should be dropped (audio call). */
  audioOnly(): boolean;
  onRemoteTrackReady(track: RCTrack): void;
  /** Publishing or subscribing failed for good: end the call with this reason. */
  onMediaFailure(reason: RCCallEndReason, code: number, kind: 'publish' | 'subscribe'): void;
}

export interface MediaOptions {
  publishRetry: boolean;
  subscribeRetry: boolean;
  demotion: boolean;
  joinType: number;
  /** The tracks the app handed over for the next call (`useLocalTracks`); taken once. */
  takeAdopted?: () => MediaStreamTrack[];
}

/** Whether a track is a shared screen rather than a camera. */
export const isScreen = (track: RCTrack) => track.getTag() === SCREEN_TAG;

/**
 * The media of one session: its local tracks and its room. Owns both: `close()` stops every local
 * track and leaves the room, including a room whose join was still in flight.
 */
export class SessionMedia {
  #localTracks: RCLocalTrack[] = [];
  /** TS-private, not `#`: a test reaches it to leave the room behind the engine's back. */
  private room?: MediaRoom;
  #joining?: Promise<{ code: number; reason?: RCCallEndReason }>;
  #closed = false;

  readonly #port: MediaPort;
  readonly #host: MediaHost;
  readonly #options: MediaOptions;
  readonly #logger: Logger;

  constructor(port: MediaPort, host: MediaHost, options: MediaOptions, logger: Logger) {
    this.#port = port;
    this.#host = host;
    this.#options = options;
    this.#logger = logger;
  }

  get tracks(): readonly RCLocalTrack[] {
    return this.#localTracks;
  }

  get joined(): boolean {
    return this.room !== undefined;
  }

  get sessionId(): string {
    return this.room?.getSessionId?.() ?? '';
  }

  /** Opens local devices. On failure nothing stays open. */
  async acquire(
    audio: boolean,
    video: boolean,
    constraints?: IMediaConstraints,
  ): Promise<LocalTracksResult> {
    const adopt = this.#options.takeAdopted?.() ?? [];
    let result = await this.#create(audio, video, constraints, adopt);
    // What the backend did not take is ours to stop: the app handed it over.
    const used = new Set(result.tracks.map((t) => t.getMediaStreamTrack?.()));
    adopt.forEach((t) => used.has(t) || t.stop());
    if (result.code !== OK && audio && video && this.#options.demotion) {
      this.#logger.warn('camera and microphone failed, retrying with the microphone only');
      result = await this.#create(true, false, constraints);
    }
    if (result.code !== OK) return result;
    if (this.#closed) {
      result.tracks.forEach((t) => destroy(t));
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT, tracks: [] };
    }
    this.#localTracks.push(...result.tracks);
    return result;
  }

  /** Opens a screen to share (`createScreenTrack`); 53302 where the backend cannot. */
  async acquireScreen(): Promise<LocalTracksResult> {
    const fail = (cause?: LocalTracksResult['cause']) => ({
      code: RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR,
      tracks: [],
      cause,
    });
    if (!this.#port.createScreenTrack) return fail('unknown');
    let result: LocalTracksResult;
    try {
      result = await this.#port.createScreenTrack();
    } catch (err) {
      return fail(mediaFailureCause(err));
    }
    if (result.code !== OK || this.#closed) {
      result.tracks.forEach((t) => destroy(t));
      return result.code === OK ? { code: RCCallErrorCode.STATE_MACHINE_EXIT, tracks: [] } : result;
    }
    this.#localTracks.push(...result.tracks);
    return result;
  }

  async #create(
    audio: boolean,
    video: boolean,
    constraints?: IMediaConstraints,
    adopt?: MediaStreamTrack[],
  ) {
    try {
      const r = await this.#port.createLocalTracks({ audio, video, constraints, adopt });
      if (r.code !== OK) r.tracks.forEach((t) => destroy(t));
      return r.code === OK ? r : { code: r.code, tracks: [], cause: r.cause };
    } catch (err) {
      this.#logger.error('createLocalTracks threw', err);
      const code = audio && video ? 53303 : audio ? 53301 : 53302;
      return { code, tracks: [] as RCLocalTrack[], cause: mediaFailureCause(err) };
    }
  }

  /** Joins the room named by the callId and subscribes what is there. */
  join(roomId: string): Promise<{ code: number; reason?: RCCallEndReason }> {
    this.#joining ??= this.#doJoin(roomId);
    return this.#joining;
  }

  async #doJoin(roomId: string): Promise<{ code: number; reason?: RCCallEndReason }> {
    const host = this.#host;
    const events: RoomEvents = {
      ...host.room,
      onTrackPublish: (tracks) => void this.#subscribe(tracks),
      onTrackReady: (track) => {
        if (!(track.isVideoTrack() && host.audioOnly())) host.onRemoteTrackReady(track);
      },
    };
    let result;
    try {
      result = await this.#port.joinRoom(roomId, guard(events, this.#logger), {
        joinType: this.#options.joinType,
      });
    } catch (err) {
      this.#logger.error('joinRoom threw', err);
      return { code: RCCallErrorCode.JOIN_ROOM_ERROR, reason: RCCallEndReason.NETWORK_ERROR };
    }
    if (result.code !== OK || !result.room) {
      return {
        code: RCCallErrorCode.JOIN_ROOM_ERROR,
        reason: result.reason ?? RCCallEndReason.NETWORK_ERROR,
      };
    }
    if (this.#closed) {
      await result.room.leave().catch(() => undefined);
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    }
    this.room = result.room;
    const present = result.room.getRemoteTracks();
    if (present.length) void this.#subscribe(present);
    return { code: OK };
  }

  /** Publishes the local tracks not yet published. */
  async publish(tracks: RCLocalTrack[] = this.#localTracks): Promise<number> {
    const room = this.room;
    if (!room || tracks.length === 0) return OK;
    const code = await this.#retry(() => room.publish(tracks), this.#options.publishRetry);
    if (code !== OK && !this.#closed) {
      const hasAudio = tracks.some((t) => t.isAudioTrack());
      const hasVideo = tracks.some((t) => t.isVideoTrack());
      const callCode =
        hasAudio && hasVideo
          ? RCCallErrorCode.AUDIO_AND_VIDEO_PUBLISH_ERROR
          : hasAudio
            ? RCCallErrorCode.AUDIO_PUBLISH_ERROR
            : RCCallErrorCode.VIDEO_PUBLISH_ERROR;
      this.#host.onMediaFailure(RCCallEndReason.PUBLISH_ERROR, callCode, 'publish');
    }
    return code;
  }

  async #subscribe(tracks: RCTrack[]): Promise<void> {
    const room = this.room;
    if (!room || this.#closed) return;
    const wanted = tracks.filter((t) => !(t.isVideoTrack() && this.#host.audioOnly()));
    if (wanted.length === 0) return;
    const code = await this.#retry(() => room.subscribe(wanted), this.#options.subscribeRetry);
    if (code !== OK && !this.#closed) {
      this.#host.onMediaFailure(RCCallEndReason.SUBSCRIBE_ERROR, code, 'subscribe');
    }
  }

  /** Stops local video and remote video (descend to audio). */
  async dropVideo(): Promise<void> {
    const video = this.#localTracks.filter((t) => t.isVideoTrack());
    await this.removeLocal(video);
    const room = this.room;
    if (room) {
      const remoteVideo = room.getRemoteTracks().filter((t) => t.isVideoTrack());
      if (remoteVideo.length) await room.unsubscribe(remoteVideo).catch(() => undefined);
    }
  }

  /**
   * Sends `next` (just acquired) in place of `old`, then stops `old`: with the room's
   * `replaceTrack` where it has one (no renegotiation), else unpublish and publish.
   */
  async replace(old: RCLocalTrack, next: RCLocalTrack): Promise<number> {
    this.#localTracks = this.#localTracks.filter((t) => t !== old);
    const room = this.room;
    let code: number = OK;
    if (room?.replaceTrack) {
      code = await room.replaceTrack(old, next).then(
        (r) => r.code,
        () => RCCallErrorCode.STATE_MACHINE_EXIT,
      );
    } else if (room) {
      await room.unpublish([old]).catch(() => undefined);
      code = await this.publish([next]);
    }
    destroy(old);
    return code;
  }

  /** Unpublishes and stops some local tracks. */
  async removeLocal(tracks: RCLocalTrack[]): Promise<number> {
    if (tracks.length === 0) return OK;
    this.#localTracks = this.#localTracks.filter((t) => !tracks.includes(t));
    let code: number = OK;
    if (this.room) {
      code = await this.room.unpublish(tracks).then(
        (r) => r.code,
        () => RCCallErrorCode.UNPUBLISH_VIDEO_ERROR,
      );
    }
    tracks.forEach((t) => destroy(t));
    return code;
  }

  async setMuted(track: RCLocalTrack, muted: boolean): Promise<number> {
    if (this.room) {
      return this.room.setTrackMuted(track, muted).then(
        (r) => r.code,
        () => RCCallErrorCode.STATE_MACHINE_EXIT,
      );
    }
    if (muted) track.mute();
    else track.unmute();
    return OK;
  }

  /** Stops every local track and leaves the room. */
  async close(): Promise<void> {
    this.#closed = true;
    const tracks = this.#localTracks;
    this.#localTracks = [];
    tracks.forEach((t) => destroy(t));
    const room = this.room;
    this.room = undefined;
    if (room) {
      try {
        await room.leave();
      } catch (err) {
        this.#logger.warn('leaving the room failed', err);
      }
    }
  }

  async #retry(op: () => Promise<{ code: number }>, again: boolean): Promise<number> {
    let code: number = RCCallErrorCode.STATE_MACHINE_EXIT;
    for (let attempt = 0; attempt < (again ? 3 : 1) && !this.#closed; attempt++) {
      code = await op().then(
        (r) => r.code,
        () => RCCallErrorCode.STATE_MACHINE_EXIT,
      );
      if (code === OK) break;
    }
    return code;
  }
}

function destroy(track: RCLocalTrack): void {
  try {
    track.destroy();
  } catch {
    // already stopped
  }
}

/** Room events come from backend code; an exception in our handlers must not reach it. */
function guard(events: RoomEvents, logger: Logger): RoomEvents {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(events)) {
    out[name] = (...args: unknown[]) => callSafely(logger, `room event ${name}`, fn, ...args);
  }
  return out as unknown as RoomEvents;
}
