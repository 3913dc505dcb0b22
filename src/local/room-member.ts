/**
 * A remote member device of a local room: the messages members exchange, the member's peer
 * connection and announced tracks, and how an announcement (untrusted) changes them.
 */
import type { Peer, RtcSignal } from './peer.js';
import { RemoteTrack, SLOTS, type TrackSlot } from './tracks.js';

/** A published track as members describe it to each other. */
export interface TrackState {
  /** The transceiver it is sent on (`screen`: a shared screen; older builds ignore it). */
  kind: TrackSlot;
  muted: boolean;
}

/** The room messages (`data.kind === 'room'`) members send each other. */
export interface RoomData {
  room: string;
  type: 'join' | 'state' | 'leave' | 'rtc';
  /** Set when meant for one endpoint only (replies, negotiation). */
  toDevice?: string;
  tracks?: TrackState[];
  rtc?: RtcSignal;
  /** On `join` and `state`: who placed the call, as the sender knows it ({@link waitsForOffer}). */
  caller?: string;
}

export interface Member {
  userId: string;
  deviceId: string;
  peer: Peer;
  tracks: Map<TrackSlot, RemoteTrack>;
  /** Receiver tracks of the peer connection, once the remote side's media is announced. */
  received: Map<TrackSlot, MediaStreamTrack>;
  /** When the transport reported the endpoint gone; cleared by any message from it. */
  leaving?: ReturnType<typeof setTimeout>;
}

/** One end of a connection: its user, endpoint key (`userId/deviceId`) and who it says called. */
export interface Endpoint {
  userId: string;
  key: string;
  caller?: unknown;
}

/**
 * Whether our end of a connection waits for the other end's offer (the polite side). The caller
 * offers to every member when both ends name the same caller: it is in the room first, so when a
 * member joins, the caller's offer goes out at once (join, offer, answer) where a member would
 * first have to hear from it (join, state, offer, answer). Otherwise the greater endpoint key
 * offers. Both ends decide alike: the rule is symmetric, and each end sends the same `caller` in
 * all its messages.
 */
export function waitsForOffer(us: Endpoint, them: Endpoint): boolean {
  const { caller } = us;
  const named = !!caller && caller === them.caller && us.userId !== them.userId;
  if (named && (caller === us.userId || caller === them.userId)) return caller !== us.userId;
  return us.key < them.key;
}

export interface TrackChanges {
  added: RemoteTrack[];
  removed: RemoteTrack[];
  muteChanged: RemoteTrack[];
}

/**
 * Makes `member.tracks` what `states` announces: new kinds become new remote tracks, missing kinds
 * are removed, and changed mute flags are reported. Anything that is not a list of
 * `{kind: 'audio' | 'video' | 'screen', muted}` is ignored.
 */
export function applyTrackStates(member: Member, states: unknown): TrackChanges {
  const changes: TrackChanges = { added: [], removed: [], muteChanged: [] };
  if (!Array.isArray(states)) return changes;
  const next = new Map<TrackSlot, boolean>();
  for (const s of states as Partial<TrackState>[]) {
    if (s?.kind && SLOTS.includes(s.kind)) next.set(s.kind, !!s.muted);
  }
  for (const [kind, track] of member.tracks) {
    if (!next.has(kind)) {
      member.tracks.delete(kind);
      changes.removed.push(track);
    }
  }
  for (const [kind, muted] of next) {
    const track = member.tracks.get(kind);
    if (!track) {
      const fresh = new RemoteTrack(member.userId, kind);
      fresh.ownerMuted = muted;
      member.tracks.set(kind, fresh);
      changes.added.push(fresh);
    } else if (track.ownerMuted !== muted) {
      track.ownerMuted = muted;
      changes.muteChanged.push(track);
    }
  }
  return changes;
}

/** Closes the member's peer connection and stops what it received; returns its remote tracks. */
export function closeMember(member: Member): RemoteTrack[] {
  clearTimeout(member.leaving);
  member.peer.close();
  member.received.forEach((track) => track.stop());
  return [...member.tracks.values()];
}
