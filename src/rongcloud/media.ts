/**
 * The engine's media port over plugin-rtc's `RCRTCClient`: camera and microphone tracks tagged
 * `RongCloudRTC`, and RTC rooms named by the callId.
 */
import { RCCallErrorCode, SCREEN_TAG } from '../calllib/enums.js';
import type {
  JoinResult,
  LocalTrackRequest,
  LocalTracksResult,
  MediaFailureCause,
  MediaPort,
  RoomEvents,
} from '../calllib/ports.js';
import { mediaFailureCause, splitAdopted } from '../calllib/media-failure.js';
import type { IMediaConstraints } from '../calllib/types.js';
import { CALL_SUCCESS, joinFailureReason, mediaFailureCode } from './codes.js';
import { RongCloudRoom } from './room.js';
import { RTCCode, type RTCClientLike } from './sdk.js';
import { RemoteTrackCache, RongCloudLocalTrack, TRACK_TAG } from './tracks.js';

export type { MediaFailureCause };

/** The engine's result; `cause` is set when `code` is not 10000 (a hint for UIs). */
export type RongCloudTracksResult = LocalTracksResult;

const FPS: Record<string, number> = { FPS_10: 10, FPS_15: 15, FPS_24: 24, FPS_30: 30 };

/**
 * CallLib constraints → getUserMedia constraints, with plugin-rtc's defaults (640x480 at 15 fps).
 * Device ids are exact (plugin-rtc passes them bare, as ideals): Chromium prefers a camera that
 * is open already over an ideal id, so a switch to another camera would get the old one again.
 */
export function userMediaConstraints(request: LocalTrackRequest): MediaStreamConstraints {
  const c: IMediaConstraints = request.constraints ?? {};
  const out: MediaStreamConstraints = { audio: false, video: false };
  if (request.audio) {
    const audio: MediaTrackConstraints = {};
    if (c.audio?.micphoneId) audio.deviceId = { exact: c.audio.micphoneId };
    if (typeof c.audio?.sampleRate === 'number') audio.sampleRate = c.audio.sampleRate;
    out.audio = audio;
  }
  if (request.video) {
    const size = /^W(\d+)_H(\d+)$/.exec(c.video?.resolution ?? '');
    const video: MediaTrackConstraints = {
      width: size ? Number(size[1]) : 640,
      height: size ? Number(size[2]) : 480,
      frameRate: FPS[c.video?.frameRate ?? ''] ?? 15,
    };
    if (c.video?.cameraId) video.deviceId = { exact: c.video.cameraId };
    if (c.video?.faceMode) video.facingMode = c.video.faceMode;
    out.video = video;
  }
  return out;
}

/** The media port; one per installed client. */
export class RongCloudMediaPort implements MediaPort {
  readonly #cache = new RemoteTrackCache();
  /**
   * Rooms being left. plugin-rtc holds one room at a time and its `leaveRoom` leaves whichever
   * room is current, so a join must wait until the previous call's room is gone.
   */
  #leaving: Promise<unknown> = Promise.resolve();

  readonly #rooms = new Set<RongCloudRoom>();

  constructor(private readonly client: RTCClientLike) {}

  /** WebRTC is here (some in-app webviews, Lockdown Mode and WebKitGTK have none). */
  isSupported(): boolean {
    return typeof globalThis.RTCPeerConnection === 'function';
  }

  async createLocalTracks(request: LocalTrackRequest): Promise<RongCloudTracksResult> {
    const { adopted, audio, video } = splitAdopted(request);
    if (!request.audio && !request.video) return { code: CALL_SUCCESS, tracks: [] };
    const failed = (cause: MediaFailureCause): RongCloudTracksResult => ({
      code: mediaFailureCode(audio, video),
      tracks: [],
      cause,
    });
    // getUserMedia ourselves (plugin-rtc would hide the DOMException), then hand the tracks to
    // plugin-rtc so they are its own track objects, publishable in its rooms.
    const opened: MediaStreamTrack[] = [];
    if (audio || video) {
      try {
        const constraints = userMediaConstraints({ ...request, audio, video });
        opened.push(...(await navigator.mediaDevices.getUserMedia(constraints)).getTracks());
      } catch (error) {
        return failed(mediaFailureCause(error));
      }
    }
    return this.#wrap([...adopted, ...opened], TRACK_TAG);
  }

  /** `getDisplayMedia`, handed to plugin-rtc as a video track tagged `SCREEN_TAG`. */
  async createScreenTrack(): Promise<RongCloudTracksResult> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      return {
        code: RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR,
        tracks: [],
        cause: mediaFailureCause(error),
      };
    }
    stream.getAudioTracks().forEach((t) => t.stop());
    return this.#wrap(stream.getVideoTracks().slice(0, 1), SCREEN_TAG);
  }

  /** plugin-rtc tracks of `msTracks`, audio first; on failure every one is stopped. */
  async #wrap(msTracks: MediaStreamTrack[], tag: string): Promise<RongCloudTracksResult> {
    const tracks: RongCloudLocalTrack[] = [];
    // Audio first, as plugin-rtc orders its own camera+microphone tracks.
    const ordered = [...msTracks].sort(
      (a, b) => Number(a.kind !== 'audio') - Number(b.kind !== 'audio'),
    );
    for (const msTrack of ordered) {
      const created =
        msTrack.kind === 'audio'
          ? await this.client.createLocalAudioTrack(tag, msTrack)
          : await this.client.createLocalVideoTrack(tag, msTrack);
      if (created.code !== RTCCode.SUCCESS || !created.track) {
        tracks.forEach((t) => t.destroy());
        ordered.forEach((t) => t.stop());
        const code = mediaFailureCode(
          ordered.some((t) => t.kind === 'audio'),
          ordered.some((t) => t.kind === 'video'),
        );
        return { code, tracks: [], cause: 'unknown' };
      }
      tracks.push(new RongCloudLocalTrack(created.track));
    }
    return { code: CALL_SUCCESS, tracks };
  }

  async joinRoom(
    roomId: string,
    events: RoomEvents,
    options?: { joinType?: number },
  ): Promise<JoinResult> {
    await this.#leaving;
    const joined = await this.client.joinRTCRoom(roomId, options?.joinType);
    if (joined.code !== RTCCode.SUCCESS || !joined.room) {
      const code = joined.code === RTCCode.SUCCESS ? RCCallErrorCode.JOIN_ROOM_ERROR : joined.code;
      return { code, reason: joinFailureReason(code) };
    }
    const room = new RongCloudRoom(this.client, joined.room, events, this.#cache, (left) => {
      this.#rooms.delete(room);
      this.#leaving = Promise.all([this.#leaving, left.catch(() => undefined)]);
    });
    this.#rooms.add(room);
    return { code: CALL_SUCCESS, room };
  }

  /** IMLib's connection status changed: the joined rooms' calls hear of it as our link. */
  imStatusChanged(connected: boolean): void {
    this.#rooms.forEach((room) => room.imLinkChanged(connected));
  }

  /** The RTC rooms this user (on any device) is in, as plugin-rtc's `getJoinedRoomInfo` reports. */
  async getJoinedUserInfo(_userId: string): Promise<{ code: number; data?: unknown }> {
    const info = await this.client.getJoinedRoomInfo();
    return info.code === RTCCode.SUCCESS
      ? { code: CALL_SUCCESS, data: info.data }
      : { code: RCCallErrorCode.QUERY_JOINED_USER_INFO_ERROR };
  }
}
