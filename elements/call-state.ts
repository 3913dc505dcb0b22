import { RCCallMediaType } from '../src/calllib/enums.js';
import type { ISenderInfo, IEndSummary, IUserProfile, RCTrack } from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';

/** What `<rc-call-session state>` shows. */
export type CallPhase = 'incoming' | 'outgoing' | 'active' | 'ended';
export type MediaKind = 'audio' | 'video';

/** A toggle the user flips and the engine confirms: `on` changes only when `pending` clears. */
export interface Toggle {
  on: boolean;
  pending: boolean;
}

/** One person in a call, as the tiles show them. */
export interface MemberState {
  userId: string;
  name?: string;
  portraitUri?: string;
  local: boolean;
  /** `waiting`: invited, not answered; `connected`: in the call; `left`: hung up or dropped. */
  status: 'waiting' | 'connected' | 'left';
  audio?: RCTrack;
  video?: RCTrack;
  audioMuted: boolean;
  videoMuted: boolean;
}

/**
 * The observable state of one call. The store mutates it only in response to engine callbacks or
 * engine results, then bumps `version` and notifies subscribers.
 */
export interface CallState {
  callId: string;
  session: RCCallSession;
  incoming: boolean;
  group: boolean;
  phase: CallPhase;
  mediaType: MediaKind;
  selfId: string;
  /** The other side: the inviter of an incoming call, the callee (1:1) or the group (group). */
  peer: ISenderInfo;
  members: Map<string, MemberState>;
  /** Someone other than us has rung (outgoing calls). */
  ringing: boolean;
  /** `Date.now()` when the call connected. */
  connectedAt?: number;
  endedAt?: number;
  endReason?: number;
  summary?: IEndSummary;
  mic: Toggle;
  camera: Toggle;
  /** An accept, decline/hang-up or switch to audio is in flight. */
  busy: { accept: boolean; hangup: boolean; toAudio: boolean; invite: boolean };
  version: number;
}

export function newMember(userId: string, local: boolean, info?: ISenderInfo): MemberState {
  return {
    userId,
    name: info?.name,
    portraitUri: info?.portraitUri,
    local,
    status: local ? 'connected' : 'waiting',
    audioMuted: false,
    videoMuted: false,
  };
}

/** Members in tile order: remote connected first, then waiting, then self last. */
export function visibleMembers(state: CallState): MemberState[] {
  const all = [...state.members.values()].filter((m) => m.status !== 'left');
  const remote = all.filter((m) => !m.local);
  return [
    ...remote.filter((m) => m.status === 'connected'),
    ...remote.filter((m) => m.status === 'waiting'),
    ...all.filter((m) => m.local),
  ];
}

/** How a session started; decides its first phase and members. */
export interface ListenerContext {
  incoming: boolean;
  group: boolean;
  /** The callee (1:1) or the group id. */
  targetId: string;
  userIds: string[];
}

/** The first state of a call, from what the session and the way it started tell. */
export function createCallState(
  session: RCCallSession,
  ctx: ListenerContext,
  mediaType: RCCallMediaType,
  selfId: string,
  profile: IUserProfile,
): CallState {
  const video = mediaType === RCCallMediaType.AUDIO_VIDEO;
  const inviterId = session.getInviterId();
  const state: CallState = {
    callId: session.getCallId(),
    session,
    incoming: ctx.incoming,
    group: ctx.group,
    phase: ctx.incoming ? 'incoming' : 'outgoing',
    mediaType: video ? 'video' : 'audio',
    selfId,
    peer: ctx.incoming
      ? { ...session.getUserInfo(inviterId), userId: inviterId }
      : { userId: ctx.targetId },
    members: new Map(),
    ringing: false,
    mic: { on: true, pending: false },
    camera: { on: video, pending: false },
    busy: { accept: false, hangup: false, toAudio: false, invite: false },
    version: 0,
  };
  const remote = new Set([...ctx.userIds, ...session.getRemoteUsers().map((u) => u.userId)]);
  if (ctx.incoming) remote.add(inviterId);
  remote.delete(selfId);
  for (const id of remote) state.members.set(id, newMember(id, false, session.getUserInfo(id)));
  if (ctx.incoming) state.members.get(inviterId)!.status = 'connected';
  // Our own id may be unknown until the first local track names it (see the listener).
  state.members.set(
    selfId || '\u0000self',
    newMember(selfId, true, { userId: selfId, ...profile }),
  );
  return state;
}
