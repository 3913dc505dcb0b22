import { expect } from '@open-wc/testing';
import { RCCallEndReason, RCCallMediaType } from '../../src/calllib/index.js';
import { LocalSignaling } from '../../src/local/signaling.js';
import {
  connections,
  destroyAll,
  grows,
  inbound,
  negotiatedAs,
  uniqueChannel,
  videoCall,
  waitFor,
  type Party,
} from './local-harness.js';

describe('local backend: 1:1 calls in one page', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
  });

  it('decodes remote video and receives audio packets on both sides', async () => {
    parties = await videoCall(uniqueChannel());
    const [alice, bob] = parties;
    for (const p of parties) {
      await grows(() => inbound(p, 'video', 'framesDecoded'), `${p.userId} decodes remote video`);
      await grows(() => inbound(p, 'audio', 'packetsReceived'), `${p.userId} receives audio`);
    }
    const remoteVideo = alice.remoteTracks.find((t) => t.isVideoTrack());
    expect(remoteVideo?.getUserId()).to.equal('bob');
    expect(remoteVideo?.getMediaStreamTrack?.()?.readyState).to.equal('live');
    expect(bob.remoteTracks.find((t) => t.isAudioTrack())?.getUserId()).to.equal('alice');
    // Remote audio plays through an element of the backend's own.
    await waitFor(() => alice.client.inspect().audioElements === 1, 'alice plays bob');
  });

  it('the caller offers; where the two ends do not name the same caller, the greater key does', async () => {
    const offered = async () => {
      await Promise.all(
        parties.map((p) =>
          grows(() => inbound(p, 'video', 'framesDecoded'), `${p.userId} decodes remote video`),
        ),
      );
      return parties.map((p) => negotiatedAs(p));
    };
    parties = await videoCall(uniqueChannel());
    expect(await offered()).to.deep.equal([{ bob: 'offer' }, { alice: 'answer' }]);
    await destroyAll(parties);

    // bob does not say who called (as a client of an earlier version would not): 'bob/…' offers.
    const callerOf = LocalSignaling.prototype.callerOf;
    LocalSignaling.prototype.callerOf = function (callId) {
      return this.getUserId() === 'bob' ? undefined : callerOf.call(this, callId);
    };
    try {
      parties = await videoCall(uniqueChannel());
    } finally {
      LocalSignaling.prototype.callerOf = callerOf;
    }
    expect(await offered()).to.deep.equal([{ bob: 'answer' }, { alice: 'offer' }]);
  });

  it('shows mute/unmute and camera off/on to the peer', async () => {
    parties = await videoCall(uniqueChannel());
    const [alice, bob] = parties;
    const session = alice.session!;
    const seen = (kind: 'audio' | 'video', muted: boolean) =>
      bob.mutes.some((m) => m.userId === 'alice' && m.kind === kind && m.muted === muted);

    expect((await session.disableAudioTrack()).code).to.equal(10000);
    await waitFor(() => seen('audio', true), 'bob sees alice mute her mic');
    expect(
      alice.localTracks.find((t) => t.isAudioTrack())?.getMediaStreamTrack?.()?.enabled,
    ).to.equal(false);
    expect((await session.enableAudioTrack()).code).to.equal(10000);
    await waitFor(() => seen('audio', false), 'bob sees alice unmute her mic');

    expect((await session.disableVideoTrack()).code).to.equal(10000);
    await waitFor(() => seen('video', true), 'bob sees alice turn her camera off');
    expect(
      alice.localTracks.find((t) => t.isVideoTrack())?.getMediaStreamTrack?.()?.readyState,
    ).to.equal('ended');
    expect((await session.enableVideoTrack()).code).to.equal(10000);
    await waitFor(() => seen('video', false), 'bob sees alice turn her camera on');
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob decodes alice again');
  });

  it('descends to audio: video stops both ways', async () => {
    parties = await videoCall(uniqueChannel());
    const [alice, bob] = parties;
    expect((await alice.session!.descendAbility()).code).to.equal(10000);
    await waitFor(
      () => bob.session!.getMediaType() === RCCallMediaType.AUDIO,
      'bob sees ModifyMedia',
    );
    for (const p of parties) {
      const video = p.localTracks.find((t) => t.isVideoTrack())?.getMediaStreamTrack?.();
      await waitFor(() => video?.readyState === 'ended', `${p.userId} stops the camera`);
      for (const pc of connections(p)) {
        const sender = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender;
        expect(sender?.track ?? null, `${p.userId} sends no video`).to.equal(null);
      }
    }
    // Audio goes on.
    await grows(() => inbound(alice, 'audio', 'packetsReceived'), 'alice still receives audio');
    await grows(() => inbound(bob, 'audio', 'packetsReceived'), 'bob still receives audio');
  });

  it('hang-up ends every track and closes every peer connection on both sides', async () => {
    parties = await videoCall(uniqueChannel());
    const [alice, bob] = parties;
    const during = new Map(parties.map((p) => [p, p.client.inspect()]));
    await bob.session!.hungup();
    await waitFor(
      () => alice.closed.length === 1 && bob.closed.length === 1,
      'both sessions close',
    );
    expect(alice.hungup).to.deep.equal([{ userId: 'bob', reason: RCCallEndReason.REMOTE_HANGUP }]);
    expect(bob.closed[0].endReason).to.equal(RCCallEndReason.HANGUP);
    for (const p of parties) {
      const { localTracks, peerConnections: pcs } = during.get(p)!;
      expect(localTracks.length, `${p.userId} opened devices`).to.be.greaterThan(0);
      expect(localTracks.map((t) => t.readyState)).to.deep.equal(localTracks.map(() => 'ended'));
      expect(pcs.length, `${p.userId} had a peer connection`).to.equal(1);
      expect(pcs.map((pc) => pc.connectionState)).to.deep.equal(['closed']);
      // …and lets them go: a closed connection still holds native memory.
      const state = p.client.inspect();
      expect(state.peerConnections).to.deep.equal([]);
      expect(state.localTracks).to.deep.equal([]);
      expect(state.audioElements).to.equal(0);
      expect(state.rooms.size).to.equal(0);
      for (const t of p.remoteTracks)
        expect(t.getMediaStreamTrack?.()?.readyState).to.equal('ended');
    }
  });

  it('a long-lived client lets go of the connections and devices of each finished call', async () => {
    parties = await videoCall(uniqueChannel());
    const [alice, bob] = parties;
    const first = alice.client.inspect();
    expect(first.peerConnections).to.have.length(1);
    await alice.session!.hungup();
    await waitFor(() => alice.closed.length === 1 && bob.closed.length === 1, 'first call ends');
    expect(alice.client.inspect().peerConnections).to.deep.equal([]);
    const second = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(second.code).to.equal(10000);
    await waitFor(
      () => alice.client.inspect().peerConnections.length === 1,
      'second call connects',
    );
    const now = alice.client.inspect();
    // The first call's closed connection and ended devices were let go (they hold native memory).
    // (By identity: chai would read a closed connection's properties, which Firefox refuses.)
    expect(now.peerConnections.includes(first.peerConnections[0])).to.equal(false);
    expect(now.localTracks.some((t) => first.localTracks.includes(t))).to.equal(false);
    expect(now.localTracks.map((t) => t.readyState)).to.deep.equal(
      now.localTracks.map(() => 'live'),
    );
    await second.session!.hungup();
  });
});
