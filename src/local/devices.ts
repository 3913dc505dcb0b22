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
  const media = globalThis.navigator?.mediaDevices;
  let cause: LocalTracksResult['cause'];
  const open = async (a: boolean, v: boolean): Promise<MediaStreamTrack[] | undefined> => {
    try {
      if (!media?.getUserMedia)
        throw new DOMException('getUserMedia is unavailable', 'NotSupportedError');
      const stream = await media.getUserMedia(toMediaStreamConstraints(a, v, constraints));
      return stream.getTracks();
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
