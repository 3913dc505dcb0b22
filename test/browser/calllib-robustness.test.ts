import { expect, waitUntil } from '@open-wc/testing';
import {
  ConversationType,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallSessionState,
  type ISenderInfo,
  type RCCallSession,
  type RCTrack,
  type IEndSummary,
  type RCCallEndReason as Reason,
  type IMuteUser,
  type IInvitedUsers,
} from '../../src/calllib/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../src/testing/index.js';
import { Party, sleep } from './helpers/calllib-harness.js';

const TYPES = [
  'RC:VCInvite',
  'RC:VCRinging',
  'RC:VCAccept',
  'RC:VCHangup',
  'RC:VCModifyMem',
  'RC:VCModifyMedia',
];

/** A small deterministic PRNG so a failing fuzz run can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function hostileValues(rand: () => number): unknown[] {
  return [
    undefined,
    null,
    NaN,
    Infinity,
    -1,
    0,
    1,
    2,
    3,
    1.5,
    '',
    'x'.repeat(200_000),
    '\u0000bob',
    [],
    ['bob'],
    Array.from({ length: 50_000 }, (_, i) => `u${i}`),
    {},
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { toString: 'nope', valueOf: 3 },
    () => 1,
    Symbol('s'),
    BigInt(7),
    new Date(),
    Math.floor(rand() * 1e6),
    `call-${Math.floor(rand() * 5)}`,
  ];
}

function stringify(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return '{"callId":';
  }
}

function randomSignal(rand: () => number, activeCallId: string, values: unknown[]): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const any = () => pick(values);
  const roll = rand();
  if (roll < 0.1) return any();
  const content: Record<string, unknown> = {
    callId: pick([activeCallId, `call-${Math.floor(rand() * 5)}`, any()]),
    mediaType: pick([1, 2, any()]),
    inviteUserIds: pick([['bob'], ['bob', 'carol'], any()]),
    reason: pick([1, 3, 13, any()]),
    existedUserPofiles: pick([[{ userId: 'mallory', callStatus: 4 }], any()]),
    user: pick([
      { name: '<img src=x onerror=alert(1)>', portraitUri: 'javascript:alert(1)' },
      any(),
    ]),
  };
  if (rand() < 0.2) content.__proto__ = { polluted: true };
  return {
    messageType: pick([...TYPES, any()]),
    conversationType: pick([1, 3, any()]),
    targetId: pick(['mallory', 'g1', 'alice', any()]),
    senderUserId: pick(['mallory', 'eve', 'carol', any()]),
    sentTime: pick([Date.now(), Date.now() - 1e9, any()]),
    messageUId: pick([undefined, `F-${Math.floor(rand() * 1e9)}`, any()]),
    channelId: pick(['', any()]),
    content: rand() < 0.3 ? stringify(content) : pick([content, content, any()]),
  };
}

describe('CallLib against untrusted and unusual input', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice');
    bob = new Party(net, 'bob');
  });

  it('survives thousands of random and hostile signals mid-call; the call and a new call still work', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) =>
      errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const { session } = await alice.client.call({
        targetId: 'bob',
        mediaType: RCCallMediaType.AUDIO,
        listener: alice.listener(),
      });
      await bob.next('session');
      await bob.sessions[0].accept();
      await alice.next('accept');
      const callId = session!.getCallId();
      const rand = rng(20261125);
      const values = hostileValues(rand);
      for (let i = 0; i < 4000; i++) net.deliver('bob', randomSignal(rand, callId, values));
      await sleep(100);
      expect(errors).to.deep.equal([]);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(bob.sessions[0].getState()).to.equal(RCCallSessionState.KEEPING);
      expect(session!.getState()).to.equal(RCCallSessionState.KEEPING);
      expect(bob.sessions[0].getRemoteUsers().map((u) => u.userId)).to.deep.equal(['alice']);
      // Any ringing sessions the fuzz managed to create legitimately were refused as busy.
      const live = bob.client.getSessions();
      expect(live.length).to.equal(1);
      expect(live[0] === bob.sessions[0]).to.equal(true);

      await session!.hungup();
      await bob.until(() => bob.client.getSessions().length === 0, 'bob idle');
      const closesBefore = bob.closes.length;
      const sessionsBefore = bob.sessions.length;
      const again = await alice.client.call({
        targetId: 'bob',
        mediaType: RCCallMediaType.AUDIO,
        listener: alice.listener(),
      });
      expect(again.code).to.equal(RCCallErrorCode.SUCCESS);
      await bob.until(() => bob.sessions.length === sessionsBefore + 1, 'new call rings');
      const fresh = bob.sessions[sessionsBefore];
      await fresh.accept();
      await alice.until(() => alice.of('accept').length === 2, 'second accept');
      await fresh.hungup();
      await bob.until(() => bob.closes.length === closesBefore + 1, 'closed');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('keeps remote user info as plain data (markup and javascript: URLs are only strings)', async () => {
    net.deliver('bob', {
      messageType: 'RC:VCInvite',
      conversationType: 1,
      targetId: 'mallory',
      senderUserId: 'mallory',
      sentTime: Date.now(),
      content: {
        callId: 'm-1',
        mediaType: 1,
        inviteUserIds: ['bob'],
        user: { id: 'alice', name: '<b>x</b>', portraitUri: 'javascript:alert(1)', extra: 7 },
      },
    });
    await bob.next('session');
    // The sender is who the server says, whatever the content claims.
    expect(bob.sessions[0].getUserInfo('mallory')).to.deep.equal({
      userId: 'mallory',
      name: '<b>x</b>',
      portraitUri: 'javascript:alert(1)',
    });
    expect(bob.sessions[0].getCallerId()).to.equal('mallory');
  });

  it('drops duplicates by messageUId and signals of unknown calls or strangers', async () => {
    const invite = {
      messageType: 'RC:VCInvite',
      conversationType: 1,
      targetId: 'alice',
      senderUserId: 'alice',
      sentTime: Date.now(),
      messageUId: 'DUP-1',
      content: { callId: 'dup-call', mediaType: 1, inviteUserIds: ['bob'] },
    };
    net.deliver('bob', invite);
    net.deliver('bob', invite);
    await bob.next('session');
    await sleep(30);
    expect(bob.sessions).to.have.length(1);
    expect(bob.closes).to.have.length(0); // the duplicate did not count as a busy second call
    // A stranger's hangup for this call, and an Accept for an unknown call, change nothing.
    net.deliver('bob', {
      ...invite,
      messageType: 'RC:VCHangup',
      senderUserId: 'mallory',
      targetId: 'mallory',
      messageUId: 'X-1',
      content: { callId: 'dup-call', reason: 3 },
    });
    net.deliver('bob', {
      ...invite,
      messageType: 'RC:VCAccept',
      messageUId: 'X-2',
      content: { callId: 'nope', mediaType: 1 },
    });
    await sleep(30);
    expect(bob.sessions[0].getState()).to.equal(RCCallSessionState.WAITING);
  });

  it('a Hangup that overtakes its Invite means the call never rings', async () => {
    const base = { conversationType: 1, targetId: 'alice', senderUserId: 'alice' };
    net.deliver('bob', {
      ...base,
      messageType: 'RC:VCHangup',
      sentTime: Date.now(),
      messageUId: 'O-2',
      content: { callId: 'late', reason: 1 },
    });
    net.deliver('bob', {
      ...base,
      messageType: 'RC:VCInvite',
      sentTime: Date.now() - 10,
      messageUId: 'O-1',
      content: { callId: 'late', mediaType: 1, inviteUserIds: ['bob'] },
    });
    await sleep(50);
    expect(bob.sessions).to.have.length(0);
  });

  it('a stale Invite (older than the timeout) still rings only for the time left, at least 500 ms', async () => {
    net = createMemoryNetwork();
    bob = new Party(net, 'bob', { timeout: 60_000 });
    net.deliver('bob', {
      messageType: 'RC:VCInvite',
      conversationType: 1,
      targetId: 'alice',
      senderUserId: 'alice',
      sentTime: Date.now() - 59_800,
      content: { callId: 'old', mediaType: 1, inviteUserIds: ['bob'] },
    });
    await bob.next('session');
    const c = await bob.closed();
    expect(c.summary.endReason).to.equal(RCCallEndReason.NO_RESPONSE);
  });

  it('offline: a call that ended while we were away becomes an onOfflineRecord', async () => {
    net.disconnect('bob');
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener(),
    });
    await sleep(20);
    await session!.hungup();
    net.reconnect('bob');
    const record = await bob.until(() => bob.records[0], 'offline record');
    expect(record).to.deep.include({
      channelId: '',
      conversationType: ConversationType.PRIVATE,
      targetId: 'alice',
      callId: session!.getCallId(),
      inviterId: 'alice',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      endReason: RCCallEndReason.REMOTE_CANCEL,
      duration: 0,
    });
    expect(record.endTimestamp).to.be.at.least(record.beginTimestamp);
    expect(bob.sessions).to.have.length(0);
  });

  it('offline: a young 1:1 Invite with only Ringing after it rings as a live call', async () => {
    net.disconnect('bob');
    await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener(),
    });
    net.reconnect('bob');
    await bob.next('session');
    expect(bob.records).to.have.length(0);
    await bob.sessions[0].accept();
    await alice.next('accept');
  });

  it("runs the seed page's listener code unchanged", async () => {
    for (const id of ['alice', 'bob']) {
      const v = document.createElement('video');
      v.id = `video${id}`;
      document.body.append(v);
    }
    let user = { userId: '' };
    const played: string[] = [];
    // From "通话事件说明" (seed-calllib-events.txt), callbacks as published.
    const listener = {
      onRinging: (sender: ISenderInfo, session: RCCallSession) => {
        const { userId } = sender;
        played.push(`ringing:${userId}:${session.getCallId() !== ''}`);
      },
      onAccept: (sender: ISenderInfo, session: RCCallSession) => {
        const { userId } = sender;
        played.push(`accept:${userId}:${session.getTargetId()}`);
      },
      onHungup: (sender: ISenderInfo, reason: Reason, session: RCCallSession) => {
        const { userId } = sender;
        played.push(`hungup:${userId}:${reason}:${!!session}`);
      },
      onTrackReady: (track: RCTrack, session?: RCCallSession) => {
        user = { userId: track.getUserId() };
        if (track.isAudioTrack() && !track.isLocalTrack()) {
          track.play();
        }
        if (track.isVideoTrack()) {
          const video = document.getElementById('video' + user.userId) as HTMLVideoElement;
          track.play(video);
          played.push(`video:${user.userId}:${!!session}`);
        }
      },
      onMemberModify: (
        _sender: ISenderInfo,
        _invitedUsers: IInvitedUsers[],
        _session: RCCallSession,
      ) => {},
      onMediaModify: (
        _sender: ISenderInfo,
        _mediaType: RCCallMediaType,
        _session: RCCallSession,
      ) => {},
      onAudioMuteChange: (_muteUser: IMuteUser, _session: RCCallSession) => {},
      onVideoMuteChange: (_muteUser: IMuteUser, _session: RCCallSession) => {},
    };
    const closes: IEndSummary[] = [];
    const caller = createMemoryNetwork();
    const a = caller.createClient('alice', {
      onSession: () => {},
      onSessionClose: (_s, summary) => closes.push(summary),
    });
    caller.createClient('bob', {
      onSession: (session) => {
        session.registerSessionListener(listener);
        void session.accept();
      },
      onSessionClose: (_s, summary) => closes.push(summary),
    });
    const { code, session } = await a.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener,
    });
    expect(code).to.equal(RCCallErrorCode.SUCCESS);
    await waitUntil(() => played.includes('video:alice:true') && played.includes('video:bob:true'));
    await session!.hungup();
    await waitUntil(() => closes.length === 2, 'both sessions close');
    expect(played).to.include('ringing:bob:true');
    expect(played).to.include('accept:bob:bob');
    expect(played).to.include('video:bob:true');
    expect(played).to.include('video:alice:true');
    expect(played).to.include(`hungup:alice:${RCCallEndReason.REMOTE_HANGUP}:true`);
    expect(closes.map((s) => s.endReason).sort((x, y) => x - y)).to.deep.equal([3, 13]);
    document.querySelectorAll('video').forEach((v) => v.remove());
  });
});
