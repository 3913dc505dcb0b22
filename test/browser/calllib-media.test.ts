import { expect } from '@open-wc/testing';
import {
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  type IMuteUser,
  type RCCallSession,
  type RCTrack,
} from '../../src/calllib/index.js';
import { createMemoryNetwork, type MemoryNetwork } from '../../src/testing/index.js';
import { Party, checkSummary } from './helpers/calllib-harness.js';

const { AUDIO, AUDIO_VIDEO } = RCCallMediaType;

describe('CallLib media, devices and faults on the memory network', () => {
  let net: MemoryNetwork;
  let alice: Party;
  let bob: Party;
  beforeEach(() => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice');
    bob = new Party(net, 'bob');
  });

  async function connect(mediaType = AUDIO_VIDEO): Promise<[RCCallSession, RCCallSession]> {
    const { session } = await alice.client.call({
      targetId: 'bob',
      mediaType,
      listener: alice.listener(),
    });
    await bob.next('session');
    await bob.sessions[0].accept();
    await alice.next('accept');
    const want = mediaType === AUDIO ? 1 : 2;
    const remote = (p: Party) =>
      p.of('track').filter((e) => !(e.args[0] as RCTrack).isLocalTrack()).length;
    await alice.until(() => remote(alice) >= want, 'alice media');
    await bob.until(() => remote(bob) >= want, 'bob media');
    return [session!, bob.sessions[0]];
  }

  it('all four mute changes reach the peer as muteUser', async () => {
    const [a] = await connect();
    expect((await a.disableAudioTrack()).code).to.equal(RCCallErrorCode.SUCCESS);
    let m = (await bob.next('audiomute')).args[0] as IMuteUser;
    expect(m).to.include({ userId: 'alice', muted: true, kind: 'audio' });
    expect(m.trackId).to.be.a('string').and.not.equal('');
    await a.enableAudioTrack();
    m = (await bob.next('audiomute', 2)).args[0] as IMuteUser;
    expect(m).to.include({ userId: 'alice', muted: false, kind: 'audio' });

    await a.disableVideoTrack();
    m = (await bob.next('videomute')).args[0] as IMuteUser;
    expect(m).to.include({ userId: 'alice', muted: true, kind: 'video' });
    // isOffCameraWhenVideoDisable (default): the camera is released.
    expect(net.liveTracks('alice').filter((t) => t.isVideoTrack())).to.have.length(0);
    const tracksBefore = alice.of('track').length;
    expect((await a.enableVideoTrack()).code).to.equal(RCCallErrorCode.SUCCESS);
    m = (await bob.next('videomute', 2)).args[0] as IMuteUser;
    expect(m).to.include({ userId: 'alice', muted: false, kind: 'video' });
    await alice.until(() => alice.of('track').length === tracksBefore + 1, 'new local video');
    expect(net.liveTracks('alice').filter((t) => t.isVideoTrack())).to.have.length(1);
    expect(bob.of('videomute')).to.have.length(2);
  });

  it('with isOffCameraWhenVideoDisable false the camera stays open and is only muted', async () => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { isOffCameraWhenVideoDisable: false });
    bob = new Party(net, 'bob');
    const [a] = await connect();
    await a.disableVideoTrack();
    expect((await bob.next('videomute')).args[0]).to.include({ muted: true });
    expect(net.liveTracks('alice').filter((t) => t.isVideoTrack())).to.have.length(1);
    await a.enableVideoTrack();
    expect((await bob.next('videomute', 2)).args[0]).to.include({ muted: false });
  });

  it('descendAbility: ModifyMedia(AUDIO), onMediaModify at the peer, video stopped both ways', async () => {
    const [a, b] = await connect();
    expect((await a.descendAbility()).code).to.equal(RCCallErrorCode.SUCCESS);
    const mod = await bob.next('mediamodify');
    expect(mod.args).to.deep.equal([{ userId: 'alice' }, AUDIO]);
    expect(a.getMediaType()).to.equal(AUDIO);
    expect(b.getMediaType()).to.equal(AUDIO);
    await bob.until(
      () => net.liveTracks('bob').every((t) => t.isAudioTrack()),
      'bob video stopped',
    );
    expect(net.liveTracks('alice').every((t) => t.isAudioTrack())).to.equal(true);
    expect((await a.descendAbility()).code).to.equal(RCCallErrorCode.STATE_MACHINE_EXIT);
    await a.hungup();
    expect((await bob.closed()).summary.mediaType).to.equal(AUDIO);
  });

  it('accepting a video call with audio only sends Accept then ModifyMedia(AUDIO)', async () => {
    await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO_VIDEO,
      listener: alice.listener(),
    });
    await bob.next('session');
    await bob.sessions[0].accept(undefined, AUDIO);
    expect((await alice.next('mediamodify')).args[1]).to.equal(AUDIO);
    expect(net.liveTracks('bob').every((t) => t.isAudioTrack())).to.equal(true);
    await alice.until(
      () => net.liveTracks('alice').every((t) => t.isAudioTrack()),
      'alice video stopped',
    );
  });

  it('call() whose devices fail returns 53303, stops the ringing callee with reason 18, keeps nothing open', async () => {
    net.failMedia('alice', { audio: true, video: true });
    const r = await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO_VIDEO,
      listener: alice.listener(),
    });
    expect(r.code).to.equal(RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR);
    expect(r.session).to.equal(undefined);
    const b = await bob.closed();
    expect(b.summary.endReason).to.equal(RCCallEndReason.REMOTE_GET_MEDIA_RESOURCE_ERROR);
    expect(net.liveTracks()).to.have.length(0);
    expect(alice.of('close'), 'a failed call() is no session to close').to.deep.equal([]);
    // The Hangup is like every other: to the invitee, reason 8, with its push (stops a phone ringing).
    const [hangup] = net.sent.filter((x) => x.signal.messageType === 'RC:VCHangup');
    expect(hangup.signal.recipients).to.deep.equal(['bob']);
    expect(hangup.signal.content).to.include({ reason: RCCallEndReason.GET_MEDIA_RESOURCES_ERROR });
    expect(JSON.parse(hangup.signal.push!.data)).to.deep.include({ reason: 8 });
    net.failMedia('alice', { video: true });
    const r2 = await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO_VIDEO,
      listener: alice.listener(),
    });
    expect(r2.code).to.equal(RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR);
    net.failMedia('alice', null);
  });

  it('isAllowDemotionGetStream: a failing camera falls back to the microphone', async () => {
    net = createMemoryNetwork();
    alice = new Party(net, 'alice', { isAllowDemotionGetStream: true });
    bob = new Party(net, 'bob');
    net.failMedia('alice', { video: true });
    const r = await alice.client.call({
      targetId: 'bob',
      mediaType: AUDIO_VIDEO,
      listener: alice.listener(),
    });
    expect(r.code).to.equal(RCCallErrorCode.SUCCESS);
    expect(net.liveTracks('alice').map((t) => t.kind)).to.deep.equal(['audio']);
    await r.session!.hungup();
  });

  it('accept() whose devices fail ends with GET_MEDIA_RESOURCES_ERROR (8); the caller hears 18', async () => {
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    net.failMedia('bob', { audio: true });
    const r = await bob.sessions[0].accept();
    expect(r.code).to.equal(RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR);
    expect((await bob.closed()).summary.endReason).to.equal(
      RCCallEndReason.GET_MEDIA_RESOURCES_ERROR,
    );
    expect((await alice.closed()).summary.endReason).to.equal(
      RCCallEndReason.REMOTE_GET_MEDIA_RESOURCE_ERROR,
    );
    expect(net.liveTracks()).to.have.length(0);
  });

  it('two devices: one answers, the other stops ringing with ACCEPT_BY_OTHER_CLIENT (101)', async () => {
    const bobWeb = new Party(net, 'bob');
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    await bobWeb.next('session');
    await bob.sessions[0].accept();
    const web = await bobWeb.closed();
    expect(web.summary.endReason).to.equal(RCCallEndReason.ACCEPT_BY_OTHER_CLIENT);
    expect(bobWeb.of('hungup')).to.have.length(0);
    await alice.next('accept');
    expect(alice.closes).to.have.length(0);
  });

  it('two devices: one declines, the other stops with HANGUP_BY_OTHER_CLIENT (102)', async () => {
    const bobWeb = new Party(net, 'bob');
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    await bobWeb.next('session');
    await bob.sessions[0].hungup();
    expect((await bobWeb.closed()).summary.endReason).to.equal(
      RCCallEndReason.HANGUP_BY_OTHER_CLIENT,
    );
    expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_REJECT);
  });

  it('a call placed from another device of the same user does not ring here', async () => {
    const aliceWeb = new Party(net, 'alice');
    await alice.client.call({ targetId: 'bob', mediaType: AUDIO, listener: alice.listener() });
    await bob.next('session');
    await alice.next('ringing');
    expect(aliceWeb.sessions).to.have.length(0);
  });

  it('network drop: the dropped side ends with NETWORK_ERROR, the peer with REMOTE_HANGUP', async () => {
    await connect(AUDIO);
    net.disconnect('bob');
    const b = await bob.closed();
    expect(b.summary.endReason).to.equal(RCCallEndReason.NETWORK_ERROR);
    const hung = await alice.next('hungup');
    expect(hung.args[1]).to.equal(RCCallEndReason.REMOTE_HANGUP);
    const a = await alice.closed();
    expect(a.summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    checkSummary(a.summary);
    checkSummary(b.summary);
    expect(net.liveTracks()).to.have.length(0);
  });

  it('kicked by the server ends with KICKED_BY_SERVER (23); the peer reads 33', async () => {
    await connect(AUDIO);
    net.kick('bob', true);
    expect((await bob.closed()).summary.endReason).to.equal(RCCallEndReason.KICKED_BY_SERVER);
    expect((await alice.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_KICKED_BY_SERVER);
    expect((await alice.closed()).summary.endReason).to.equal(
      RCCallEndReason.REMOTE_KICKED_BY_SERVER,
    );
  });

  it('kicked by another client ends with OTHER_CLIENT_JOINED_CALL (21)', async () => {
    await connect(AUDIO);
    net.kick('bob', false);
    expect((await bob.closed()).summary.endReason).to.equal(
      RCCallEndReason.OTHER_CLIENT_JOINED_CALL,
    );
    expect((await alice.next('hungup')).args[1]).to.equal(
      RCCallEndReason.REMOTE_OTHER_CLIENT_JOINED_CALL,
    );
  });

  it('a member who leaves the room without a Hangup is ended with REMOTE_HANGUP after the grace', async () => {
    const [, b] = await connect(AUDIO);
    // Leave the room behind the engine's back: no Hangup is sent.
    const room = (b as unknown as { media: { room?: { leave(): Promise<void> } } }).media.room!;
    await room.leave();
    expect((await alice.next('hungup')).args[1]).to.equal(RCCallEndReason.REMOTE_HANGUP);
    expect((await alice.closed()).summary.endReason).to.equal(RCCallEndReason.REMOTE_HANGUP);
    await b.hungup();
  });

  it('changeAudioDevice replaces the microphone and announces the new track', async () => {
    const [a] = await connect(AUDIO);
    const before = net.liveTracks('alice');
    expect((await a.changeAudioDevice({ micphoneId: 'other' })).code).to.equal(
      RCCallErrorCode.SUCCESS,
    );
    const after = net.liveTracks('alice');
    expect(after).to.have.length(1);
    expect(after[0]).to.not.equal(before[0]);
    await bob.until(
      () =>
        bob.of('track').filter((e) => (e.args[0] as RCTrack).getTrackId() === after[0].getTrackId())
          .length,
      'new mic at bob',
    );
  });
});
