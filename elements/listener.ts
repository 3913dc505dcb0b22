import { RCCallMediaType } from '../src/calllib/enums.js';
import type { IMuteUser, ISenderInfo, ISessionListener, RCTrack } from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';
import { newMember, type CallState, type ListenerContext, type MemberState } from './call-state.js';
import type { CallStore } from './store.js';

export function localMember(state: CallState): MemberState {
  for (const m of state.members.values()) if (m.local) return m;
  const self = newMember(state.selfId, true);
  state.members.set(state.selfId, self);
  return self;
}

function member(state: CallState, info: ISenderInfo): MemberState {
  if (info.userId === state.selfId) return localMember(state);
  let m = state.members.get(info.userId);
  if (!m) {
    m = newMember(info.userId, false, info);
    state.members.set(info.userId, m);
  }
  if (info.name !== undefined) m.name = info.name;
  if (info.portraitUri !== undefined) m.portraitUri = info.portraitUri;
  if (state.peer.userId === info.userId) state.peer = { ...state.peer, ...info };
  return m;
}

/** Learns our own id from a local track and files the local member under it. */
function adoptSelfId(state: CallState, store: CallStore, userId: string): void {
  if (state.selfId === userId) return;
  const self = localMember(state);
  for (const [key, m] of state.members) if (m === self) state.members.delete(key);
  self.userId = userId;
  state.selfId = userId;
  state.members.delete(userId);
  state.members.set(userId, self);
  store.userId ??= userId;
}

function connect(state: CallState): void {
  if (state.phase === 'incoming' || state.phase === 'outgoing') {
    state.phase = 'active';
    state.connectedAt = Date.now();
  }
}

/**
 * The CallLib session listener the store registers for every session: each callback updates the
 * call's state, then emits the matching call event. `session` may be seen here before `call()`
 * resolves (local tracks come first), so state is created on first sight.
 */
export function sessionListener(
  store: CallStore,
  ctx: ListenerContext,
  mediaType: RCCallMediaType,
): ISessionListener {
  const stateOf = (session: RCCallSession) => store.ensure(session, ctx, mediaType);
  const mute = (kind: 'audio' | 'video') => (muteUser: IMuteUser, session: RCCallSession) => {
    const state = stateOf(session);
    const m = member(state, { userId: muteUser.userId });
    if (kind === 'audio') m.audioMuted = muteUser.muted;
    else m.videoMuted = muteUser.muted;
    store.notify(state);
    store.emit({
      name: 'mutechange',
      detail: { session, muteUser },
      callId: state.callId,
      userId: m.userId,
    });
  };
  return {
    onRinging(sender, session) {
      const state = stateOf(session);
      member(state, sender);
      state.ringing = true;
      store.notify(state);
      store.emit({ name: 'ringing', detail: { session, sender }, callId: state.callId });
    },
    onAccept(sender, session) {
      const state = stateOf(session);
      member(state, sender).status = 'connected';
      if (!state.incoming) connect(state);
      store.notify(state);
      store.emit({ name: 'accept', detail: { session, sender }, callId: state.callId });
    },
    onHungup(sender, reason, session) {
      const state = stateOf(session);
      const m = member(state, sender);
      if (!m.local) {
        m.status = 'left';
        m.audio = m.video = undefined;
      }
      store.notify(state);
      store.emit({ name: 'hungup', detail: { session, sender, reason }, callId: state.callId });
    },
    onTrackReady(track: RCTrack, session) {
      const state = stateOf(session);
      const local = track.isLocalTrack();
      if (local) adoptSelfId(state, store, track.getUserId());
      const m = local ? localMember(state) : member(state, { userId: track.getUserId() });
      const kind = track.isVideoTrack() ? 'video' : 'audio';
      m[kind] = track;
      if (kind === 'video') m.videoMuted = track.isOwnerMuted();
      else m.audioMuted = track.isOwnerMuted();
      if (!local && m.status === 'waiting') m.status = 'connected';
      store.notify(state);
      store.emit({
        name: 'trackready',
        detail: { session, track, userId: m.userId, local, kind },
        callId: state.callId,
        userId: m.userId,
      });
    },
    onMemberModify(sender, invitedUsers, session) {
      const state = stateOf(session);
      member(state, sender);
      for (const u of invitedUsers)
        if (u.userId !== state.selfId) member(state, u).status = 'waiting';
      state.group = true;
      store.notify(state);
      store.emit({
        name: 'membermodify',
        detail: { session, sender, invitedUsers },
        callId: state.callId,
      });
    },
    onMediaModify(sender, type, session) {
      const state = stateOf(session);
      member(state, sender);
      if (type === RCCallMediaType.AUDIO) dropVideo(state);
      store.notify(state);
      store.emit({
        name: 'mediamodify',
        detail: { session, sender, mediaType: type },
        callId: state.callId,
      });
    },
    onAudioMuteChange: mute('audio'),
    onVideoMuteChange: mute('video'),
    onTrackPublishFail(code, session) {
      store.error(
        'media/publish-failed',
        `Publishing local media failed (${code})`,
        true,
        code,
        session.getCallId(),
      );
    },
    onTrackSubscribeFail(code, session) {
      store.error(
        'media/subscribe-failed',
        `Receiving remote media failed (${code})`,
        true,
        code,
        session.getCallId(),
      );
    },
  };
}

export function dropVideo(state: CallState): void {
  state.mediaType = 'audio';
  state.camera = { on: false, pending: false };
  for (const m of state.members.values()) m.video = undefined;
}

export { connect as markConnected };
