// Shared by the local-*.test.ts files: call parties on the local backend that record what their
// listeners see, and getStats helpers.
import { expect, waitUntil } from '@open-wc/testing';
import {
  createLocalCallClient,
  type LocalCallClient,
  type LocalCallClientOptions,
} from '../../src/local/index.js';
import { RCCallMediaType } from '../../src/calllib/index.js';
import type {
  IEndSummary,
  IMediaConstraints,
  IMuteUser,
  IScreenShareUser,
  ISessionListener,
  IConnectionStateUser,
  INetworkQualityUser,
  RCTrack,
} from '../../src/calllib/index.js';
import type { RCCallSession } from '../../src/calllib/session.js';

export interface Party {
  userId: string;
  client: LocalCallClient;
  session?: RCCallSession;
  remoteTracks: RCTrack[];
  localTracks: RCTrack[];
  mutes: IMuteUser[];
  screens: IScreenShareUser[];
  /** `onConnectionStateChange`, in order. */
  links: IConnectionStateUser[];
  /** `onNetworkQuality`, in order. */
  quality: INetworkQualityUser[];
  hungup: Array<{ userId: string; reason: number }>;
  closed: IEndSummary[];
  listener: ISessionListener;
  /** Accept incoming calls at once (with these constraints when given). */
  autoAccept?: boolean | IMediaConstraints;
}

export function uniqueChannel(): string {
  return `rc-call-test-${Math.random().toString(36).slice(2)}`;
}

export async function createParty(
  userId: string,
  extra: Partial<LocalCallClientOptions> & { autoAccept?: boolean | IMediaConstraints },
): Promise<Party> {
  const party = {
    userId,
    remoteTracks: [],
    localTracks: [],
    mutes: [],
    screens: [],
    links: [],
    quality: [],
    hungup: [],
    closed: [],
    autoAccept: extra.autoAccept,
  } as unknown as Party;
  party.listener = {
    onRinging: () => undefined,
    onAccept: () => undefined,
    onHungup: (sender, reason) => party.hungup.push({ userId: sender.userId, reason }),
    onTrackReady: (track) => {
      (track.isLocalTrack() ? party.localTracks : party.remoteTracks).push(track);
      if (!track.isLocalTrack())
        void track.play(track.isVideoTrack() ? videoFor(userId, track) : undefined);
    },
    onMemberModify: () => undefined,
    onMediaModify: () => undefined,
    onAudioMuteChange: (m) => party.mutes.push(m),
    onVideoMuteChange: (m) => party.mutes.push(m),
    onScreenShareChange: (s) => party.screens.push(s),
    onConnectionStateChange: (c) => party.links.push(c),
    onNetworkQuality: (q) => party.quality.push(q),
  };
  party.client = await createLocalCallClient({
    userId,
    timeout: 15_000,
    ...extra,
    onSession: (session) => {
      party.session = session;
      session.registerSessionListener(party.listener);
      if (party.autoAccept) {
        void session.accept(party.autoAccept === true ? undefined : party.autoAccept);
      }
    },
    onSessionClose: (_session, summary) => party.closed.push(summary),
  });
  return party;
}

function videoFor(owner: string, track: RCTrack): HTMLVideoElement {
  const video = document.createElement('video');
  video.dataset.owner = owner;
  video.dataset.user = track.getUserId();
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  return video;
}

/** The peer connections of a party's current room. */
export function connections(party: Party): RTCPeerConnection[] {
  const callId = party.session?.getCallId();
  const room = callId ? party.client.inspect().rooms.get(callId) : undefined;
  return room ? [...room.peerConnections().values()] : [];
}

/**
 * Who made the offer on each of a party's peer connections, by the other end's user id: `offer`
 * where the party offered, `answer` where it answered (once negotiated).
 */
export function negotiatedAs(party: Party): Record<string, RTCSdpType | undefined> {
  const callId = party.session?.getCallId();
  const room = callId ? party.client.inspect().rooms.get(callId) : undefined;
  const pairs = [...(room?.peerConnections() ?? [])].map(([key, pc]) => [
    key.split('/')[0],
    pc.currentLocalDescription?.type,
  ]);
  return Object.fromEntries(pairs);
}

/** Sum of an inbound-rtp stat over a party's peer connections. */
export async function inbound(
  party: Party,
  kind: 'audio' | 'video',
  stat: 'framesDecoded' | 'packetsReceived',
): Promise<number> {
  let total = 0;
  for (const pc of connections(party)) {
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === kind) total += Number(s[stat] ?? 0);
    });
  }
  return total;
}

/** Waits until `read()` grows past its current value (media is flowing now). */
export async function grows(
  read: () => Promise<number>,
  message: string,
  timeout = 8000,
): Promise<void> {
  const start = await read();
  let last = start;
  await waitUntil(
    async () => {
      last = await read();
      return last > start;
    },
    `${message} (stuck at ${last})`,
    { timeout, interval: 100 },
  );
}

/** Per-peer-connection inbound video frames (everyone receives everyone). */
export async function framesPerPeer(party: Party): Promise<number[]> {
  const result: number[] = [];
  for (const pc of connections(party)) {
    const report = await pc.getStats();
    let frames = 0;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += Number(s.framesDecoded ?? 0);
    });
    result.push(frames);
  }
  return result;
}

/** The `scaleResolutionDownBy` of the video sender on each of a party's peer connections. */
export function videoScales(party: Party): number[] {
  return connections(party).map((pc) => {
    const video = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video');
    return video?.sender.getParameters().encodings?.[0]?.scaleResolutionDownBy ?? 1;
  });
}

/** The largest frame height a party decodes on any of its peer connections (0: none yet). */
export async function tallestFrame(party: Party): Promise<number> {
  let tallest = 0;
  for (const pc of connections(party)) {
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video')
        tallest = Math.max(tallest, Number(s.frameHeight ?? 0));
    });
  }
  return tallest;
}

export async function destroyAll(parties: Array<Party | undefined>): Promise<void> {
  await Promise.all(parties.map((p) => p?.client.destroy()));
  document.querySelectorAll('video[data-owner]').forEach((v) => v.remove());
}

export function waitFor(predicate: () => boolean, message: string, timeout = 8000): Promise<void> {
  return waitUntil(predicate, message, { timeout, interval: 20 });
}

/**
 * Alice calls Bob (auto-accepting) with video; resolves once both have remote video and audio.
 * `extra`: options of both clients, `bobExtra` Bob's instead.
 */
export async function videoCall(
  channelName = uniqueChannel(),
  extra: Partial<LocalCallClientOptions> = {},
  bobExtra = extra,
): Promise<[Party, Party]> {
  const alice = await createParty('alice', { channelName, ...extra });
  const bob = await createParty('bob', { channelName, autoAccept: true, ...bobExtra });
  const result = await alice.client.call({
    targetId: 'bob',
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: alice.listener,
  });
  expect(result.code).to.equal(10000);
  alice.session = result.session;
  const hasBoth = (p: Party) =>
    p.remoteTracks.some((t) => t.isVideoTrack()) && p.remoteTracks.some((t) => t.isAudioTrack());
  await waitFor(
    () => hasBoth(alice) && hasBoth(bob),
    'remote audio and video tracks on both sides',
  );
  return [alice, bob];
}
