import type { ISenderInfo, RCNetworkQuality, RCTrack } from '../src/calllib/types.js';

/** One person in a call, as the tiles show them. */
export interface MemberState {
  readonly userId: string;
  readonly name?: string;
  readonly portraitUri?: string;
  readonly local: boolean;
  /** `waiting`: invited, not answered; `connected`: in the call; `left`: hung up or dropped. */
  readonly status: 'waiting' | 'connected' | 'left';
  readonly audio?: RCTrack;
  readonly video?: RCTrack;
  /** The screen they share, if they do. */
  readonly screen?: RCTrack;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  /** Their sound is above the speaking level now (never while muted; see speaking.ts). */
  readonly speaking?: boolean;
  /** Their link (ours, for the local member) is down and being restored. */
  readonly reconnecting?: boolean;
  /** How their link is doing (ours, for the local member: our uplink), once measured. */
  readonly quality?: RCNetworkQuality;
}

export type Members = ReadonlyMap<string, MemberState>;

export function newMember(
  userId: string,
  local: boolean,
  info?: Omit<ISenderInfo, 'userId'>,
): MemberState {
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

/** `members` with `userId` changed by `change` (a member not yet known is created first). */
export function withMember(
  members: Members,
  userId: string,
  change: (m: MemberState) => Partial<MemberState>,
): Members {
  const current = members.get(userId) ?? newMember(userId, false);
  const next = new Map(members);
  next.set(userId, { ...current, ...change(current) });
  return next;
}

/** Name and avatar from a sender, without letting an absent field erase a known one. */
export function infoOf(sender: ISenderInfo): Partial<MemberState> {
  const info: { name?: string; portraitUri?: string } = {};
  if (sender.name !== undefined) info.name = sender.name;
  if (sender.portraitUri !== undefined) info.portraitUri = sender.portraitUri;
  return info;
}

/** At most this many tiles: a 3 × 3 grid. */
export const MAX_TILES = 9;

/** The members that get a tile, in tile order: remote connected, then remote waiting, then self. */
export function tileOrder(members: Iterable<MemberState>): MemberState[] {
  const shown = [...members].filter((m) => m.status !== 'left');
  const remote = shown.filter((m) => !m.local);
  return [
    ...remote.filter((m) => m.status === 'connected'),
    ...remote.filter((m) => m.status === 'waiting'),
    ...shown.filter((m) => m.local),
  ].slice(0, MAX_TILES);
}

/** The name to show for a member or sender: their name, else their user id. */
export function displayName(m: { userId: string; name?: string } | undefined): string {
  return m?.name || m?.userId || '';
}
