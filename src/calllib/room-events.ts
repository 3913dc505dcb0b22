/**
 * What the room of a call does to the call: remote tracks and mute changes become listener
 * callbacks, members joining or leaving the room count as answering or hanging up, and a kick-off,
 * network or media failure ends the call.
 */
import { RCCallEndReason, RCCallMediaType, RCCallUserState } from './enums.js';
import { isScreen, type MediaHost } from './media.js';
import type { CallCore } from './session-core.js';
import type { RCTrack } from './types.js';

/** Grace after a room member leaves, so that their Hangup (with its reason) can arrive first. */
export const LEAVE_GRACE_MS = 300;

export function roomEvents(call: CallCore): MediaHost {
  const muteUser = (t: RCTrack, kind: 'audio' | 'video') => ({
    userId: t.getUserId(),
    muted: t.isOwnerMuted(),
    kind,
    trackId: t.getTrackId(),
  });
  return {
    audioOnly: () => call.mediaType === RCCallMediaType.AUDIO,
    onRemoteTrackReady: (track) => {
      if (call.isEnded()) return;
      if (isScreen(track)) {
        call.emit('onTrackReady', track);
        call.screenShared(track, true);
        return;
      }
      if (
        track.isVideoTrack() &&
        call.members.setVideoMuted(track.getUserId(), track.isOwnerMuted())
      ) {
        call.emit('onVideoMuteChange', muteUser(track, 'video'));
      }
      call.emit('onTrackReady', track);
    },
    onMediaFailure: (reason, code, kind) => {
      call.emit(kind === 'publish' ? 'onTrackPublishFail' : 'onTrackSubscribeFail', code);
      void call.end(reason, { notify: true });
    },
    room: {
      onTrackUnpublish: (tracks) => {
        if (call.isEnded() || call.mediaType !== RCCallMediaType.AUDIO_VIDEO) return;
        for (const t of tracks.filter(isScreen)) call.screenShared(t, false);
        for (const t of tracks.filter((t) => t.isVideoTrack() && !isScreen(t))) {
          if (call.members.setVideoMuted(t.getUserId(), true)) {
            call.emit('onVideoMuteChange', { ...muteUser(t, 'video'), muted: true });
          }
        }
      },
      onUserJoin: (ids) => {
        for (const id of ids) {
          call.members.clearLeaveTimer(id);
          if (call.members.state(id) === RCCallUserState.WAITING) call.remoteAccept(id);
        }
      },
      onUserLeave: (ids) => {
        for (const id of ids.filter((id) => call.members.has(id))) {
          call.members.setLeaveTimer(id, LEAVE_GRACE_MS, () =>
            call.removeUser(id, RCCallEndReason.REMOTE_HANGUP),
          );
        }
      },
      onAudioMuteChange: (t) =>
        !call.isEnded() && call.emit('onAudioMuteChange', muteUser(t, 'audio')),
      onVideoMuteChange: (t) => {
        if (call.isEnded()) return;
        call.members.setVideoMuted(t.getUserId(), t.isOwnerMuted());
        call.emit('onVideoMuteChange', muteUser(t, 'video'));
      },
      onKickOff: (byServer) =>
        void call.end(
          byServer ? RCCallEndReason.KICKED_BY_SERVER : RCCallEndReason.OTHER_CLIENT_JOINED_CALL,
          { notify: true },
        ),
      onNetworkError: () => void call.end(RCCallEndReason.NETWORK_ERROR, { notify: true }),
      onICEConnectionStateChange: (state) => call.emit('onICEConnectionStateChange', state),
      onConnectionChange: (userId, state) => call.connection.change(userId, state),
      onNetworkQuality: (report) => call.connection.quality(report),
    },
  };
}
