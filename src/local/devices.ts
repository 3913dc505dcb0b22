import { mediaFailureCause } from '../calllib/media-failure.js';
import type { LocalTracksResult } from '../calllib/ports.js';
import type { IMediaConstraints } from '../calllib/types.js';

export const GET_LOCAL_AUDIO_TRACK_ERROR = 53301;
export const GET_LOCAL_VIDEO_TRACK_ERROR = 53302;
export const GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR = 53303;

/** CallLib constraints → `getUserMedia` constraints. An explicit device id must be honoured. */
export function toMediaStreamConstraints(
  audio: boolean,
  video: boolean,
  constraints: IMediaConstraints = {},
): MediaStreamConstraints {
  const result: MediaStreamConstraints = {};
  if (audio) {
    const a: MediaTrackConstraints = {};
    const { micphoneId, sampleRate } = constraints.audio ?? {};
    if (micphoneId) a.deviceId = { exact: micphoneId };
    if (sampleRate) a.sampleRate = sampleRate;
    result.audio = Object.keys(a).length ? a : true;
  }
  if (video) {
    const v: MediaTrackConstraints = {};
    const { cameraId, resolution, frameRate, faceMode } = constraints.video ?? {};
    if (cameraId) v.deviceId = { exact: cameraId };
    const size = /^W(\d+)_H(\d+)$/.exec(resolution ?? '');
    if (size) {
      v.width = { ideal: Number(size[1]) };
      v.height = { ideal: Number(size[2]) };
    }
    const fps = /^FPS_(\d+)$/.exec(frameRate ?? '');
    if (fps) v.frameRate = { ideal: Number(fps[1]) };
    if (faceMode) v.facingMode = faceMode;
    result.video = Object.keys(v).length ? v : true;
  }
  return result;
}

/** A `getUserMedia` call in flight, and how many requests wait for it. */
interface Capture {
  requests: number;
  /** One list of tracks per request: the first gets the originals, the others clones. */
  tracks: Promise<MediaStreamTrack[][]>;
}

/** The page's `getUserMedia` calls in flight, by their constraints (see {@link capture}). */
const capturing = new Map<string, Capture>();

/**
 * `getUserMedia`, coalesced. The local clients of one page (a demo, tests) often open their
 * devices at the same moment, and the browser serves a frame's requests one after another, each
 * slowed down by whatever else the page does meanwhile (four clients in one page: the last one's
 * devices opened 60–100 ms late, behind the others' negotiation). A request with the same
 * constraints as one in flight waits for that one instead and gets clones of its tracks: tracks
 * of its own, stopped, muted and constrained on their own; the device closes when its last track
 * stops. A failure reaches every request that waited.
 */
async function capture(constraints: MediaStreamConstraints): Promise<MediaStreamTrack[]> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia)
    throw new DOMException('getUserMedia is unavailable', 'NotSupportedError');
  const key = JSON.stringify(constraints);
  let pending = capturing.get(key);
  if (!pending) {
    const opening = media.getUserMedia(constraints);
    const entry: Capture = {
      requests: 0,
      // Runs before any request resumes: every waiting request is counted, none can join later.
      tracks: opening.then(
        (stream) => {
          capturing.delete(key);
          const originals = stream.getTracks();
          return Array.from({ length: entry.requests }, (_, i) =>
            i === 0 ? originals : originals.map((track) => track.clone()),
          );
        },
        (error: unknown) => {
          capturing.delete(key);
          throw error;
        },
      ),
    };
    capturing.set(key, (pending = entry));
  }
  const index = pending.requests++;
  return (await pending.tracks)[index];
}

/**
 * Opens the requested devices. On failure every track opened so far is stopped, the CallLib
 * code says which device failed (when both were asked for, each is tried alone to find out) and
 * `cause` says why, from the first error.
 */
export async function openDevices(
  audio: boolean,
  video: boolean,
  constraints?: IMediaConstraints,
): Promise<{ code: number; tracks: MediaStreamTrack[]; cause?: LocalTracksResult['cause'] }> {
  let cause: LocalTracksResult['cause'];
  const open = async (a: boolean, v: boolean): Promise<MediaStreamTrack[] | undefined> => {
    try {
      return await capture(toMediaStreamConstraints(a, v, constraints));
    } catch (error) {
      cause ??= mediaFailureCause(error);
      return undefined;
    }
  };
  if (!audio && !video) return { code: 10000, tracks: [] };
  const tracks = await open(audio, video);
  if (tracks) return { code: 10000, tracks };
  if (!(audio && video)) {
    const code = audio ? GET_LOCAL_AUDIO_TRACK_ERROR : GET_LOCAL_VIDEO_TRACK_ERROR;
    return { code, tracks: [], cause };
  }
  const [mic, camera] = await Promise.all([open(true, false), open(false, true)]);
  mic?.forEach((t) => t.stop());
  camera?.forEach((t) => t.stop());
  const code =
    !mic && !camera
      ? GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR
      : !mic
        ? GET_LOCAL_AUDIO_TRACK_ERROR
        : !camera
          ? GET_LOCAL_VIDEO_TRACK_ERROR
          : GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR;
  return { code, tracks: [], cause };
}
