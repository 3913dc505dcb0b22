/**
 * Interop with RongCloud's Android CallLib: a scripted peer sends what Android sends (content
 * without `channelInfo`, `user`, `platform` or `deviceId`; a `channelId` field instead;
 * `existedMemberStatusList` in ModifyMem) and joins the plugin-rtc room like any RTC client.
 * Our client must call it and be called by it.
 */
import { expect } from '@open-wc/testing';
import type { IReceivedMessage } from '@rongcloud/engine';
import { RCCallMediaType } from '../../src/rongcloud/index.js';
import type { FakePluginContext, FakeRTCClient } from './rongcloud-fakes.js';
import { World, type Party } from './rongcloud-harness.js';

/** Android's CallLib, reduced to the messages it sends and the RTC room it joins. */
class AndroidPeer {
  readonly received: IReceivedMessage[] = [];
  #waiters: (() => void)[] = [];

  constructor(
    readonly context: FakePluginContext,
    readonly rtc: FakeRTCClient,
  ) {
    context.onmessage = (message) => {
      this.received.push(message);
      this.#waiters.splice(0).forEach((w) => w());
      return true;
    };
  }

  next(messageType: string, after = 0): Promise<IReceivedMessage> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.received.slice(after).find((m) => m.messageType === messageType);
        if (found) resolve(found);
        else this.#waiters.push(check);
      };
      check();
    });
  }

  send(
    conversationType: 1 | 3,
    targetId: string,
    messageType: string,
    content: object,
    to: string[],
  ) {
    return this.context.sendMessage(conversationType, targetId, {
      messageType,
      content: { ...content },
      directionalUserIdList: to,
    });
  }

  /** Joins the call's room and publishes a real microphone track. */
  async joinAndPublish(callId: string): Promise<void> {
    const joined = await this.rtc.joinRTCRoom(callId, 2);
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const { track } = await this.rtc.createLocalAudioTrack(
      'RongCloudRTC',
      stream.getAudioTracks()[0],
    );
    await joined.room!.publish([track]);
  }

  async leave(): Promise<void> {
    if (this.rtc.room) await this.rtc.leaveRoom(this.rtc.room);
  }
}

describe('RongCloud backend: interop with an Android CallLib peer', () => {
  let world: World;
  let alice: Party;
  let android: AndroidPeer;

  beforeEach(() => {
    world = new World();
    alice = world.party('alice');
    const peer = world.party('droid'); // a party only to borrow its context and RTC client
    void peer.client.destroy();
    android = new AndroidPeer(peer.context, peer.rtc);
  });
  afterEach(async () => {
    await android.leave();
    await world.dispose();
  });

  it('is called by Android: Invite without channelInfo/user, Hangup without user', async () => {
    const callId = 'android-call-1';
    await android.send(
      1,
      'alice',
      'RC:VCInvite',
      {
        callId,
        engineType: 4,
        channelId: callId,
        mediaType: 2,
        inviteUserIds: ['alice'],
        observerUserIds: [],
        extra: '',
      },
      ['alice'],
    );
    const session = (await alice.log.next('session')).session;
    expect(session.getCallId()).to.equal(callId);
    expect(session.getCallerId()).to.equal('droid');
    expect(session.getMediaType()).to.equal(RCCallMediaType.AUDIO_VIDEO);
    const ringing = await android.next('RC:VCRinging');
    expect(ringing.content).to.deep.include({ callId, platform: 'Web' });

    await session.accept();
    const accept = await android.next('RC:VCAccept');
    expect(accept.content).to.deep.include({ callId, mediaType: 2 });
    await android.joinAndPublish(callId);
    const remote = await alice.log.next('track', (e) => !e.track.isLocalTrack());
    expect(remote.track.getUserId()).to.equal('droid');

    await android.send(1, 'alice', 'RC:VCHangup', { callId, reason: 3 }, ['alice']);
    expect(await alice.log.next('hungup')).to.deep.include({ userId: 'droid', reason: 13 });
    expect((await alice.log.next('close')).summary.endReason).to.equal(13);
  });

  it('calls Android: Android rings, accepts with a bare content, joins the room', async () => {
    const { session } = await alice.client.call({
      targetId: 'droid',
      mediaType: 1,
      listener: alice.listener,
    });
    const callId = session!.getCallId();
    const invite = await android.next('RC:VCInvite');
    expect(invite.content).to.deep.include({ callId, engineType: 4, mediaType: 1 });
    expect(invite.content.channelInfo).to.deep.equal({ Id: callId, Key: '' });

    await android.send(1, 'alice', 'RC:VCRinging', { callId }, ['alice']);
    expect(await alice.log.next('ringing')).to.deep.include({ userId: 'droid' });
    await android.send(1, 'alice', 'RC:VCAccept', { callId, mediaType: 1 }, ['alice']);
    await alice.log.next('accept', (e) => e.userId === 'droid');
    await android.joinAndPublish(callId);
    await alice.log.next(
      'track',
      (e) => !e.track.isLocalTrack() && e.track.getUserId() === 'droid',
    );

    const before = android.received.length;
    await session!.hungup();
    const hangup = await android.next('RC:VCHangup', before);
    expect(hangup.content).to.deep.include({ callId, reason: 3 });
    expect(hangup.conversationType).to.equal(1);
    expect(hangup.targetId).to.equal('alice');
  });

  it('is added to a group call by Android (ModifyMem with existedMemberStatusList)', async () => {
    const bob = world.party('bob');
    const callId = 'android-group-1';
    await android.send(
      3,
      'g1',
      'RC:VCModifyMem',
      {
        callId,
        engineType: 4,
        channelId: callId,
        mediaType: 1,
        caller: 'droid',
        inviter: 'droid',
        modifyMemType: 1,
        inviteUserIds: ['alice'],
        existedMemberStatusList: [
          { userId: 'droid', mediaType: 1, callStatus: 4 },
          { userId: 'bob', mediaType: 1, callStatus: 4 },
        ],
        observerUserIds: [],
      },
      ['alice', 'bob'],
    );
    const session = (await alice.log.next('session')).session;
    expect(session.getConversationType()).to.equal(3);
    expect(session.getTargetId()).to.equal('g1');
    expect(
      session
        .getRemoteUsers()
        .map((u) => u.userId)
        .sort(),
    ).to.deep.equal(['bob', 'droid']);
    await session.accept();
    const accept = world.im.ofType('RC:VCAccept').find((m) => m.from === 'alice');
    expect([...accept!.options.directionalUserIdList!].sort()).to.deep.equal(['bob', 'droid']);
    expect(accept).to.deep.include({ conversationType: 3, targetId: 'g1' });
    // Bob was never part of a session here: the ModifyMem alone does not ring him.
    expect(bob.log.all('session')).to.deep.equal([]);
    await session.hungup();
  });
});
