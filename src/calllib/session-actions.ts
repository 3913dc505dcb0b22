/**
 * What the app can ask of a call: answer, hang up, invite, and change its own media. Each is one
 * public method of `RCCallSession`, which documents it; the work happens here on the call's core.
 */
import {
  ConversationType,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallMessageType,
  RCCallStatus,
  RCCallUserState,
} from './enums.js';
import type { CallCore } from './session-core.js';
import { joinAndPublish, publishAndAnnounce } from './session-join.js';
import { invitePush, modifyMemContent } from './signal-content.js';
import { isId } from './signals.js';
import type { IAudioConstraints, IMediaConstraints, IResult, IVideoConstraints } from './types.js';

const OK = RCCallErrorCode.SUCCESS;

export async function accept(
  call: CallCore,
  constraints?: IMediaConstraints,
  mediaType?: RCCallMediaType,
): Promise<IResult> {
  if (!call.isRinging()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  call.beginAccepting();
  call.setConstraints(constraints);
  await call.ctx.hangupOthers(call.session);
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  // Answered with audio only: no video is opened; the others hear of it after the Accept.
  const descend = mediaType === RCCallMediaType.AUDIO && call.descendToAudio() !== false;
  call.becomeKeeping();

  // Media, the Accept and the room join overlap: the caller joins as soon as it sees the Accept.
  const video = call.mediaType === RCCallMediaType.AUDIO_VIDEO;
  const tracks = call.media.acquire(true, video, constraints);
  const sent = call.sendToOthers(RCCallMessageType.Accept, { mediaType: call.init.mediaType });
  const joined = call.media.join(call.init.callId);
  const sendResult = await sent;
  if (sendResult.code !== OK) {
    void call.end(RCCallEndReason.NETWORK_ERROR, { notify: false });
    return { code: sendResult.code };
  }
  if (descend) {
    void call.sendToOthers(RCCallMessageType.ModifyMedia, { mediaType: RCCallMediaType.AUDIO });
  }
  const t = await tracks;
  if (t.code !== OK) {
    void call.end(RCCallEndReason.GET_MEDIA_RESOURCES_ERROR, { notify: true });
    return { code: t.code, cause: t.cause };
  }
  return joinAndPublish(call, joined, t.tracks, true);
}

export async function hungup(call: CallCore): Promise<{ code: number }> {
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  const reason = call.isKeeping()
    ? RCCallEndReason.HANGUP
    : call.init.incoming
      ? RCCallEndReason.REJECT
      : RCCallEndReason.CANCEL;
  await call.end(reason, { notify: true });
  return { code: OK };
}

export async function invite(call: CallCore, userIds: string[]): Promise<{ code: number }> {
  if (!Array.isArray(userIds) || !userIds.every(isId)) {
    throw new TypeError('invite(userIds): userIds must be an array of user ids');
  }
  if (call.init.conversationType !== ConversationType.GROUP) {
    return { code: RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR };
  }
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  const self = call.ctx.userId();
  const fresh = [...new Set(userIds)].filter((id) => id !== self && !call.members.has(id));
  if (fresh.length === 0) return { code: OK };
  const existing = [self, ...call.members.active()].map((userId) => ({
    userId,
    mediaType: call.mediaType,
    callStatus:
      call.userState(userId) === RCCallUserState.KEEPING
        ? RCCallStatus.CONNECTED
        : RCCallStatus.RINGING,
  }));
  const recipients = [...call.members.active(), ...fresh];
  const content = modifyMemContent(
    call.init.callId,
    call.mediaType,
    call.init.callerId,
    self,
    fresh,
    existing,
    call.init.extra,
    call.ctx.common(),
  );
  const result = await call.ctx.send({
    ...call.envelope(RCCallMessageType.ModifyMem, recipients),
    content,
    push: invitePush(call.ctx.lang, call.init.callId, call.mediaType, fresh),
  });
  if (result.code !== OK) return { code: result.code };
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  for (const id of fresh) {
    call.members.add(id, RCCallUserState.WAITING);
    call.startTimer(id, result.sentTime);
  }
  return { code: OK };
}

export async function descendAbility(call: CallCore): Promise<{ code: number }> {
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  let sent: { code: number } = { code: OK };
  const modifyMedia = { mediaType: RCCallMediaType.AUDIO };
  const descended = call.descendToAudio(async () => {
    sent = await call.sendToOthers(RCCallMessageType.ModifyMedia, modifyMedia);
  });
  if (descended === false) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  await descended;
  return { code: sent.code };
}

export async function disableVideoTrack(call: CallCore): Promise<{ code: number }> {
  const track = call.localTrack('video');
  if (!track) return { code: RCCallErrorCode.MISSING_VIDEO_TRACK_ERROR };
  const code = await call.media.setMuted(track, true);
  if (code !== OK || !call.ctx.offCameraWhenVideoDisable) return { code };
  return { code: await call.media.removeLocal([track]) };
}

export async function enableVideoTrack(call: CallCore): Promise<IResult> {
  if (call.isEnded() || call.mediaType !== RCCallMediaType.AUDIO_VIDEO) {
    return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  }
  const existing = call.localTrack('video');
  if (existing) return { code: await call.media.setMuted(existing, false) };
  const r = await call.media.acquire(false, true, call.constraints);
  if (r.code !== OK) return { code: r.code, cause: r.cause };
  return publishAndAnnounce(call, r.tracks);
}

/** disableAudioTrack (`muted`) and enableAudioTrack. */
export async function setAudioMuted(call: CallCore, muted: boolean): Promise<{ code: number }> {
  const track = call.localTrack('audio');
  if (!track) return { code: RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR };
  return { code: await call.media.setMuted(track, muted) };
}

/**
 * changeAudioDevice and changeVideoDevice: opens the device `constraints` name and sends it in
 * place of the one in use, keeping its mute state; the old one is stopped. A camera that is off
 * stays off (the next `enableVideoTrack` opens the new one), and a call not answered yet opens
 * nothing (`accept` opens the new one).
 */
export async function changeDevice(
  call: CallCore,
  kind: 'audio' | 'video',
  constraints: IAudioConstraints | IVideoConstraints,
): Promise<IResult> {
  if (call.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  const old = call.localTrack(kind);
  call.setConstraints({ ...call.constraints, [kind]: constraints });
  // Nothing open yet (ringing) or the camera off: the next open uses the new device.
  if (!old && (kind === 'video' || !call.isKeeping())) return { code: OK };
  const r = await call.media.acquire(kind === 'audio', kind === 'video', call.constraints);
  if (r.code !== OK) return { code: r.code, cause: r.cause };
  const [track] = r.tracks;
  if (!track) return { code: r.code };
  if (old?.isOwnerMuted()) track.mute();
  if (!old) return publishAndAnnounce(call, r.tracks);
  const code = await call.media.replace(old, track);
  if (code !== OK || call.isEnded())
    return { code: code !== OK ? code : RCCallErrorCode.STATE_MACHINE_EXIT };
  call.emit('onTrackReady', track);
  return { code: OK };
}

/** Shares a screen as one more video track of ours (video calls only, once in the call). */
export async function startScreenShare(call: CallCore): Promise<IResult> {
  if (!call.isKeeping() || call.mediaType !== RCCallMediaType.AUDIO_VIDEO)
    return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
  if (call.screenTrack()) return { code: OK };
  const r = await call.media.acquireScreen();
  if (r.code !== OK) return { code: r.code, cause: r.cause };
  const [track] = r.tracks;
  if (!track) return { code: RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR };
  // The browser's own "stop sharing" ends the track.
  track.getMediaStreamTrack?.()?.addEventListener('ended', () => void stopScreenShare(call), {
    once: true,
  });
  const published = await publishAndAnnounce(call, r.tracks);
  if (published.code === OK) call.screenShared(track, true);
  return published;
}

export async function stopScreenShare(call: CallCore): Promise<{ code: number }> {
  const track = call.screenTrack();
  if (!track) return { code: OK };
  const code = await call.media.removeLocal([track]);
  call.screenShared(track, false);
  return { code };
}
