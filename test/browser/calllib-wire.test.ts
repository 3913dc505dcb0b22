import { expect } from '@open-wc/testing';
import {
  ConversationType,
  RCCallEndReason,
  RCCallMediaType,
  RCCallSessionState,
  decodeSignal,
  toRemoteReason,
} from '../../src/calllib/index.js';
import {
  createMemoryNetwork,
  type MemoryNetwork,
  type SentSignal,
} from '../../src/testing/index.js';
import { Party } from './helpers/calllib-harness.js';

const user = {
  id: 'alice',
  name: 'Alice',
  portraitUri: 'https://img.example/a.png',
  portrait: 'https://img.example/a.png',
};
const bobUser = { id: 'bob' };

describe('CallLib wire format (calllib-protocol.md §3)', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    net.setGroup('g1', ['alice', 'bob', 'carol']);
    alice = new Party(net, 'alice');
    bob = new Party(net, 'bob');
    alice.client.registerUserInfo({ name: 'Alice', portraitUri: 'https://img.example/a.png' });
  });

  const sent = (type: string, from?: string): SentSignal =>
    net.sent.find((s) => s.signal.messageType === type && (!from || s.from === from))!;
  const json = (v: unknown) => JSON.stringify(v);

  it('encodes all six signals to exactly RongCloud JSON, with recipients and push', async () => {
    const { session } = await alice.client.callInGroup({
      targetId: 'g1',
      userIds: ['bob'],
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener(),
      extra: 'hello',
    });
    const callId = session!.getCallId();
    const invite = sent('RC:VCInvite');
    expect(json(invite.signal.content)).to.equal(
      json({
        callId,
        engineType: 4,
        channelInfo: { Id: callId, Key: '' },
        mediaType: 2,
        inviteUserIds: ['bob'],
        observerUserIds: [],
        extra: 'hello',
        platform: 'Web',
        deviceId: 'alice-device-1',
        user,
      }),
    );
    expect(invite.signal).to.deep.include({
      conversationType: ConversationType.GROUP,
      targetId: 'g1',
      channelId: '',
      recipients: ['bob'],
    });
    expect(invite.signal.push).to.deep.equal({
      title: '您有一条视频通话',
      content: '您有一条视频通话',
      data: json({ mediaType: 2, userIdList: ['bob'], callId }),
    });

    await bob.next('session');
    await alice.next('ringing');
    expect(json(sent('RC:VCRinging').signal.content)).to.equal(
      json({ callId, platform: 'Web', deviceId: 'bob-device-1', user: bobUser }),
    );
    expect(sent('RC:VCRinging').signal.recipients).to.deep.equal(['alice']);

    await bob.sessions[0].accept();
    await alice.next('accept');
    expect(json(sent('RC:VCAccept').signal.content)).to.equal(
      json({ callId, mediaType: 2, platform: 'Web', deviceId: 'bob-device-1', user: bobUser }),
    );

    await session!.invite(['carol']);
    const mm = sent('RC:VCModifyMem');
    expect(json(mm.signal.content)).to.equal(
      json({
        callId,
        engineType: 4,
        channelInfo: { Id: callId, Key: '' },
        mediaType: 2,
        caller: 'alice',
        inviter: 'alice',
        modifyMemType: 1,
        inviteUserIds: ['carol'],
        existedUserPofiles: [
          { userId: 'alice', mediaType: 2, callStatus: 4 },
          { userId: 'bob', mediaType: 2, callStatus: 4 },
        ],
        observerUserIds: [],
        extra: 'hello',
        platform: 'Web',
        deviceId: 'alice-device-1',
        user,
      }),
    );
    expect(mm.signal.push?.data).to.equal(json({ mediaType: 2, userIdList: ['carol'], callId }));

    await session!.descendAbility();
    const media = sent('RC:VCModifyMedia');
    expect(json(media.signal.content)).to.equal(
      json({ callId, mediaType: 1, platform: 'Web', deviceId: 'alice-device-1', user }),
    );
    expect([...media.signal.recipients].sort()).to.deep.equal(['bob', 'carol']);

    await session!.hungup();
    const hangup = sent('RC:VCHangup');
    expect(json(hangup.signal.content)).to.equal(
      json({ callId, reason: 3, platform: 'Web', deviceId: 'alice-device-1', user }),
    );
    expect(JSON.parse(hangup.signal.push!.data)).to.deep.equal({ callId, reason: 3 });
  });

  it('uses English push titles with lang "en" and the 1:1 envelope', async () => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { lang: 'en' });
    bob = new Party(net, 'bob');
    await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener(),
    });
    const invite = sent('RC:VCInvite');
    expect(invite.signal.push?.title).to.equal('You have a voice call');
    expect(invite.signal).to.deep.include({
      conversationType: ConversationType.PRIVATE,
      targetId: 'bob',
      recipients: ['bob'],
    });
  });

  it('maps hangup reasons to the remote form', () => {
    const pairs: [number, number][] = [
      [1, 11],
      [2, 12],
      [3, 13],
      [4, 14],
      [5, 15],
      [6, 16],
      [7, 17],
      [8, 18],
      [9, 19],
      [10, 20],
      [21, 31],
      [22, 32],
      [23, 33],
      [24, 34],
      [15, 5],
      [101, 101],
      [13, 13],
      [999, 999],
    ];
    for (const [sent, seen] of pairs) expect(toRemoteReason(sent), `${sent}`).to.equal(seen);
  });

  it('decodes what Android sends: channelId envelope, existedMemberStatusList, no user/platform/deviceId', () => {
    const modify = decodeSignal({
      messageType: 'RC:VCModifyMem',
      conversationType: 3,
      targetId: 'g1',
      channelId: 'org-7',
      senderUserId: 'droid',
      sentTime: 1_700_000_000_000,
      messageUId: 'BGTR-1',
      content: JSON.stringify({
        callId: 'c-1',
        engineType: 4,
        channelId: 'c-1',
        mediaType: 1,
        caller: 'droid',
        inviter: 'droid',
        modifyMemType: 1,
        inviteUserIds: ['bob'],
        existedMemberStatusList: [{ userId: 'droid', mediaType: 1, callStatus: 4 }],
      }),
    });
    expect(modify).to.deep.include({
      kind: 'modifyMem',
      callId: 'c-1',
      channelId: 'org-7',
      mediaType: 1,
      inviteUserIds: ['bob'],
      caller: 'droid',
      user: { userId: 'droid' },
    });
    expect(modify!.existing).to.deep.equal([{ userId: 'droid', mediaType: 1, callStatus: 4 }]);
    expect(modify!.deviceId).to.equal(undefined);
  });

  it('an Android caller calls us, we answer and it hangs up', async () => {
    const callId = 'android-call-1';
    const base = { conversationType: 1, targetId: 'droid', channelId: '', senderUserId: 'droid' };
    net.deliver('bob', {
      ...base,
      messageType: 'RC:VCInvite',
      sentTime: Date.now(),
      messageUId: 'A-1',
      content: {
        callId,
        engineType: 4,
        channelId: callId,
        mediaType: 1,
        inviteUserIds: ['bob'],
        observerUserIds: [],
      },
    });
    await bob.next('session');
    const s = bob.sessions[0];
    expect(s.getCallerId()).to.equal('droid');
    expect(s.getMediaType()).to.equal(RCCallMediaType.AUDIO);
    const ringing = await bob.until(
      () => net.sent.find((x) => x.signal.messageType === 'RC:VCRinging'),
      'ringing',
    );
    expect(ringing.signal.recipients).to.deep.equal(['droid']);
    expect(ringing.signal.targetId).to.equal('droid');
    await s.accept();
    expect(s.getState()).to.equal(RCCallSessionState.KEEPING);
    expect(sent('RC:VCAccept').signal.recipients).to.deep.equal(['droid']);
    net.deliver('bob', {
      ...base,
      messageType: 'RC:VCHangup',
      sentTime: Date.now(),
      messageUId: 'A-2',
      content: { callId, reason: 3 },
    });
    expect((await bob.next('hungup')).args).to.deep.equal([
      { userId: 'droid' },
      RCCallEndReason.REMOTE_HANGUP,
    ]);
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
  });

  it('we call an Android peer and it answers with its Accept shape', async () => {
    const { session } = await alice.client.call({
      targetId: 'droid',
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener(),
    });
    const callId = session!.getCallId();
    const base = { conversationType: 1, targetId: 'droid', channelId: '', senderUserId: 'droid' };
    net.deliver('alice', {
      ...base,
      messageType: 'RC:VCRinging',
      sentTime: Date.now(),
      messageUId: 'D-1',
      content: JSON.stringify({ callId }),
    });
    await alice.next('ringing');
    net.deliver('alice', {
      ...base,
      messageType: 'RC:VCAccept',
      sentTime: Date.now(),
      messageUId: 'D-2',
      content: { callId, mediaType: 1 },
    });
    await alice.next('accept');
    expect(session!.getState()).to.equal(RCCallSessionState.KEEPING);
    await session!.hungup();
    expect(sent('RC:VCHangup').signal.recipients).to.deep.equal(['droid']);
  });
});
