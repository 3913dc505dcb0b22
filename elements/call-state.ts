/**
 * The state of one call as the elements show it, and the pure changes that the call model makes to
 * it: each takes the state and returns the fields that change.
 */
import { RCCallMediaType, SCREEN_TAG } from '../src/calllib/enums.js';
import type { IInvitedUsers, ISenderInfo, IUserProfile, RCTrack } from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';
import type { CallStatus } from './call-status.js';
import { infoOf, newMember, withMember, type MemberState, type Members } from './call-members.js';

export type MediaKind = 'audio' | 'video';

/** A setting the user changes and the engine confirms: `on` changes only once it has. */
export interface Toggle {
  readonly on: boolean;
  readonly pending: boolean;
}

/** The actions on a call that take a while; each is `true` from the click to the engine's answer. */
export interface PendingActions {
  readonly accept: boolean;
  readonly hangup: boolean;
  readonly invite: boolean;
  readonly toAudio: boolean;
}

/** Everything the elements show of one call. A new object after every change. */
export interface CallState {
  readonly callId: string;
  readonly session: RCCallSession;
  readonly incoming: boolean;
  readonly group: boolean;
  readonly status: CallStatus;
  readonly mediaType: MediaKind;
  readonly mic: Toggle;
  readonly camera: Toggle;
  /** Whether we share a screen. */
  readonly screenShare: Toggle;
  readonly pending: PendingActions;
  /** Our own user id ('' until the engine names it, with our first local track). */
  readonly selfId: string;
  /** The other side: the inviter of an incoming call, the callee (1:1) or the group (group). */
  readonly peer: ISenderInfo;
  readonly members: Members;
}

/** How a call started. */
export interface CallStart {
  incoming: boolean;
  group: boolean;
  /** The callee (1:1) or the group id. */
  targetId: string;
  /** Who was called (outgoing) or who invited us (incoming). */
  userIds: string[];
  selfId: string;
  profile: IUserProfile;
}

/** The key of the local member while our own id is not known yet. */
const SELF = '\u0000self';

/** The first state of a call, from its session and how it started; `idle` until dialled or rung. */
export function initialState(session: RCCallSession, start: CallStart): CallState {
  const video = session.getMediaType() === RCCallMediaType.AUDIO_VIDEO;
  const inviterId = session.getInviterId();
  const { selfId } = start;
  const members = new Map<string, MemberState>();
  const remote = new Set([...start.userIds, ...session.getRemoteUsers().map((u) => u.userId)]);
  if (start.incoming) remote.add(inviterId);
  remote.delete(selfId);
  for (const id of remote) {
    const m = newMember(id, false, session.getUserInfo(id));
    members.set(id, start.incoming && id === inviterId ? { ...m, status: 'connected' } : m);
  }
  members.set(selfId || SELF, newMember(selfId, true, start.profile));
  return {
    callId: session.getCallId(),
    session,
    incoming: start.incoming,
    group: start.group,
    status: { phase: 'idle' },
    mediaType: video ? 'video' : 'audio',
    mic: { on: true, pending: false },
    camera: { on: video, pending: false },
    screenShare: { on: false, pending: false },
    pending: { accept: false, hangup: false, invite: false, toAudio: false },
    selfId,
    peer: start.incoming
      ? { ...session.getUserInfo(inviterId), userId: inviterId }
      : { userId: start.targetId },
    members,
  };
}

/** The key of `userId` in the members: ours is the local member's. */
function keyOf(state: CallState, userId: string): string {
  return userId === state.selfId ? state.selfId || SELF : userId;
}

/** A sender's latest name and avatar (and `change`), in the members and in `peer`. */
export function withSender(
  state: CallState,
  sender: ISenderInfo,
  change: Partial<MemberState> = {},
): Partial<CallState> {
  const members = withMember(state.members, keyOf(state, sender.userId), () => ({
    ...infoOf(sender),
    ...change,
  }));
  return state.peer.userId === sender.userId
    ? { members, peer: { ...state.peer, ...sender } }
    : { members };
}

/** Invited users join the members as waiting (a group call from now on). */
export function withInvited(state: CallState, invited: IInvitedUsers[]): Partial<CallState> {
  let members = state.members;
  for (const u of invited.filter((u) => u.userId !== state.selfId))
    members = withMember(members, u.userId, () => ({ ...infoOf(u), status: 'waiting' }));
  return { members, group: true };
}

/** A track of a member is ready; a local track names our own id, under which we are filed. */
export function withTrack(state: CallState, track: RCTrack): Partial<CallState> {
  const local = track.isLocalTrack();
  const named = local ? withSelfId(state, track.getUserId()) : {};
  const members = named.members ?? state.members;
  if (track.getTag() === SCREEN_TAG)
    return { ...named, members: withMember(members, track.getUserId(), () => ({ screen: track })) };
  const kind: MediaKind = track.isVideoTrack() ? 'video' : 'audio';
  return {
    ...named,
    members: withMember(members, track.getUserId(), (m) => ({
      [kind]: track,
      [kind === 'video' ? 'videoMuted' : 'audioMuted']: track.isOwnerMuted(),
      status: !local && m.status === 'waiting' ? 'connected' : m.status,
    })),
  };
}

/** A member started or stopped sharing a screen (ours: the toggle follows). */
export function withScreen(state: CallState, userId: string, sharing: boolean): Partial<CallState> {
  const mine = userId === state.selfId;
  const members = withMember(state.members, keyOf(state, userId), (m) => ({
    screen: sharing ? m.screen : undefined,
  }));
  return mine ? { members, screenShare: { on: sharing, pending: false } } : { members };
}

/** Our own id: the local member is filed under it. */
function withSelfId(state: CallState, userId: string): Partial<CallState> {
  if (state.selfId === userId) return {};
  const oldKey = state.selfId || SELF;
  const self = state.members.get(oldKey) ?? newMember(userId, true);
  const members = new Map([...state.members].filter(([key]) => key !== oldKey && key !== userId));
  members.set(userId, { ...self, userId });
  return { selfId: userId, members };
}

/** A member's microphone or camera was muted or unmuted. */
/** A link went down or came back, or its quality changed (`onConnectionStateChange`, `onNetworkQuality`). */
export function withLink(
  state: CallState,
  userId: string,
  change: Pick<MemberState, 'reconnecting'> | Pick<MemberState, 'quality'>,
): Partial<CallState> {
  return { members: withMember(state.members, keyOf(state, userId), () => change) };
}

/**
 * The call as a whole is reconnecting: our own link is down, or every other member's is (a 1:1
 * call whose one link is down). One member of a group lost shows on that member's tile only.
 */
export function isReconnecting(state: CallState): boolean {
  const members = [...state.members.values()].filter((m) => m.status === 'connected');
  const remote = members.filter((m) => !m.local);
  return (
    members.some((m) => m.local && m.reconnecting) ||
    (remote.length > 0 && remote.every((m) => m.reconnecting))
  );
}

export function withMute(
  state: CallState,
  userId: string,
  kind: MediaKind,
  muted: boolean,
): Partial<CallState> {
  const flag = kind === 'audio' ? 'audioMuted' : 'videoMuted';
  return { members: withMember(state.members, keyOf(state, userId), () => ({ [flag]: muted })) };
}

/** The call became an audio call: no camera, no video anywhere. */
export function withoutVideo(state: CallState): Partial<CallState> {
  return {
    mediaType: 'audio',
    camera: { on: false, pending: false },
    screenShare: { on: false, pending: false },
    members: withoutTracks(state, ['video']).members,
  };
}

/** No member has tracks of `kinds` any more (all of them when the call ends). */
export function withoutTracks(
  state: CallState,
  kinds: MediaKind[] = ['audio', 'video'],
): Pick<CallState, 'members'> {
  let members = state.members;
  const cleared = Object.fromEntries(
    [...kinds, ...(kinds.includes('video') ? ['screen'] : [])].map((k) => [k, undefined]),
  );
  for (const key of members.keys()) members = withMember(members, key, () => cleared);
  return { members };
}

/** Our microphone or camera toggle; once confirmed, our tile's mute flag follows. */
export function withToggle(
  state: CallState,
  which: 'mic' | 'camera' | 'screenShare',
  toggle: Toggle,
): Partial<CallState> {
  if (which === 'screenShare') return { screenShare: toggle };
  const muted = withMute(state, state.selfId, which === 'mic' ? 'audio' : 'video', !toggle.on);
  return { [which]: toggle, ...(toggle.pending ? {} : muted) };
}
