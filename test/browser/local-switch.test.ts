// The local backend mid-call: another camera or microphone, a shared screen, and a preview's
// tracks taken over by the call. Real devices (Chromium's fake ones: two cameras), real peer
// connections; what the peer receives is read from getStats.
import { expect } from '@open-wc/testing';
import { RCCallMediaType, SCREEN_TAG } from '../../src/calllib/index.js';
import { itOutsideFirefox } from './helpers/browsers.js';
import {
  connections,
  createParty,
  destroyAll,
  grows,
  inbound,
  uniqueChannel,
  videoCall,
  waitFor,
  type Party,
} from './local-harness.js';

/** Frames `party` decoded on the transceiver of `slot` (0 audio, 1 camera, 2 screen). */
async function framesOn(party: Party, slot: number): Promise<number> {
  let frames = 0;
  for (const pc of connections(party)) {
    const receiver = pc.getTransceivers()[slot]?.receiver;
    const report = receiver ? await receiver.getStats() : new Map();
    report.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp') frames += Number(s.framesDecoded ?? 0);
    });
  }
  return frames;
}

/** The SDP each of a party's connections last set: unchanged means nothing was renegotiated. */
const descriptions = (party: Party) => connections(party).map((pc) => pc.localDescription?.sdp);

/**
 * The last camera: Chromium's third fake one (its second is a depth camera, which an encoder cannot
 * send), another than the first, which calls open. Firefox has one fake camera: opening it again
 * still makes a new track, which must reach the peer all the same.
 */
async function otherCamera(): Promise<string> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput').at(-1)!.deviceId;
}

describe('local backend: devices and screens mid-call', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
  });

  /** Alice and Bob on a channel of their own (Bob answers at once with `autoAccept`). */
  async function pair(autoAccept = false): Promise<[Party, Party]> {
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName, autoAccept });
    parties = [alice, bob];
    return [alice, bob];
  }

  /** Alice calls Bob; resolves with her session once `call()` has. */
  async function aliceCalls(alice: Party, mediaType = RCCallMediaType.AUDIO_VIDEO) {
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType,
      listener: alice.listener,
    });
    expect(result.code).to.equal(10000);
    alice.session = result.session;
    return result.session!;
  }

  it('a camera switch keeps the peer receiving, with the new track, without renegotiating', async () => {
    const [alice, bob] = await videoCall();
    parties = [alice, bob];
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob receives video');
    const before = descriptions(alice);
    const old = alice.localTracks.find((t) => t.isVideoTrack())!.getMediaStreamTrack!()!;
    const cameraId = await otherCamera();

    const result = await alice.session!.changeVideoDevice({ cameraId });
    expect(result.code).to.equal(10000);
    const fresh = alice.localTracks.filter((t) => t.isVideoTrack()).at(-1)!;
    const track = fresh.getMediaStreamTrack!()!;
    expect(track, 'onTrackReady with the new camera').to.not.equal(old);
    expect(track.getSettings().deviceId).to.equal(cameraId);
    expect(old.readyState, 'the old camera is stopped').to.equal('ended');
    const sender = connections(alice)[0].getTransceivers()[1].sender;
    expect(sender.track === track, 'the sender sends the new camera').to.equal(true);
    await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob still receives video');
    expect(descriptions(alice), 'no new offer or answer').to.deep.equal(before);
    expect(bob.mutes, 'bob saw no camera go off').to.deep.equal([]);
  });

  it('a microphone switch keeps the mute state and the peer hearing', async () => {
    const [alice, bob] = await videoCall();
    parties = [alice, bob];
    await alice.session!.disableAudioTrack();
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter(
      (d) => d.kind === 'audioinput',
    );
    const micphoneId = mics.at(-1)!.deviceId;
    const result = await alice.session!.changeAudioDevice({ micphoneId });
    expect(result.code).to.equal(10000);
    const fresh = alice.localTracks.filter((t) => t.isAudioTrack()).at(-1)!;
    expect(fresh.isOwnerMuted(), 'still muted').to.equal(true);
    expect(fresh.getMediaStreamTrack!()!.enabled).to.equal(false);
    await alice.session!.enableAudioTrack();
    await grows(() => inbound(bob, 'audio', 'packetsReceived'), 'bob hears alice');
  });

  it('a camera switch while the camera is off only takes effect when it is on again', async () => {
    const [alice, bob] = await videoCall();
    parties = [alice, bob];
    await alice.session!.disableVideoTrack();
    const cameraId = await otherCamera();
    expect((await alice.session!.changeVideoDevice({ cameraId })).code).to.equal(10000);
    expect(
      alice.client
        .inspect()
        .localTracks.filter((t) => t.kind === 'video' && t.readyState === 'live'),
    ).to.have.length(0);
    expect((await alice.session!.enableVideoTrack()).code).to.equal(10000);
    const track = alice.localTracks.filter((t) => t.isVideoTrack()).at(-1)!.getMediaStreamTrack!()!;
    expect(track.getSettings().deviceId).to.equal(cameraId);
  });

  it('a device change while ringing opens nothing; answering opens the chosen microphone', async () => {
    const [alice, bob] = await pair();
    await aliceCalls(alice);
    await waitFor(() => !!bob.session, 'bob rings');
    const mics = (await navigator.mediaDevices.enumerateDevices()).filter(
      (d) => d.kind === 'audioinput',
    );
    const micphoneId = mics.at(-1)!.deviceId;
    expect((await bob.session!.changeAudioDevice({ micphoneId })).code).to.equal(10000);
    expect(bob.client.inspect().localTracks, 'nothing opened while ringing').to.have.length(0);
    expect((await bob.session!.accept({ audio: { micphoneId } })).code).to.equal(10000);
    const live = bob.client.inspect().localTracks.filter((t) => t.readyState === 'live');
    expect(live.filter((t) => t.kind === 'audio')).to.have.length(1);
    expect(live.find((t) => t.kind === 'audio')!.getSettings().deviceId).to.equal(micphoneId);
  });

  itOutsideFirefox("Firefox's fake media has no screen to capture")(
    'a shared screen reaches the peer as its own track, and the browser ending it stops the share',
    async () => {
      const [alice, bob] = await videoCall();
      parties = [alice, bob];
      expect((await alice.session!.startScreenShare()).code).to.equal(10000);
      expect(alice.session!.isScreenSharing()).to.equal(true);
      await waitFor(() => bob.screens.length === 1, 'bob hears of the screen');
      expect(bob.screens[0]).to.include({ userId: 'alice', sharing: true });
      const screen = bob.remoteTracks.find((t) => t.getTag() === SCREEN_TAG);
      expect(screen?.isVideoTrack(), 'bob has the screen as a video track').to.equal(true);
      expect(alice.screens.map((s) => s.sharing)).to.deep.equal([true]);
      await grows(() => framesOn(bob, 2), 'bob receives the screen');
      await grows(() => framesOn(bob, 1), 'bob still receives the camera');

      // The browser's own "stop sharing" ends the track.
      const local = alice.localTracks.find((t) => t.getTag() === SCREEN_TAG)!
        .getMediaStreamTrack!()!;
      local.dispatchEvent(new Event('ended'));
      await waitFor(() => bob.screens.length === 2, 'bob hears the share stopped');
      expect(bob.screens[1]).to.include({ userId: 'alice', sharing: false });
      expect(alice.screens.map((s) => s.sharing)).to.deep.equal([true, false]);
      expect(local.readyState, 'the screen capture is stopped').to.equal('ended');
      expect(alice.session!.isScreenSharing()).to.equal(false);
      expect(bob.mutes, "bob's view of alice's camera did not change").to.deep.equal([]);
      await grows(() => framesOn(bob, 1), 'the camera goes on');
    },
  );

  it('screen sharing is refused before the call is answered and in an audio call', async () => {
    const [alice, bob] = await pair();
    const ringing = await aliceCalls(alice);
    expect((await ringing.startScreenShare()).code, 'before the answer').to.equal(53200);
    await ringing.hungup();
    await waitFor(() => alice.closed.length === 1, 'the first call ends');

    bob.autoAccept = true;
    const audio = await aliceCalls(alice, RCCallMediaType.AUDIO);
    await waitFor(() => bob.remoteTracks.some((t) => t.isAudioTrack()), 'the audio call is up');
    expect((await audio.startScreenShare()).code, 'in an audio call').to.equal(53200);
    expect(audio.isScreenSharing()).to.equal(false);
  });

  it("a preview's tracks become the call's: one getUserMedia, the same tracks sent", async () => {
    const [alice, bob] = await pair(true);
    const media = navigator.mediaDevices;
    const preview = await media.getUserMedia({ audio: true, video: true });
    const getUserMedia = media.getUserMedia;
    let asked = 0;
    media.getUserMedia = (c) => {
      asked++;
      return getUserMedia.call(media, c);
    };
    try {
      alice.client.useLocalTracks(preview.getTracks());
      await aliceCalls(alice);
      expect(asked, "alice's devices are not opened again").to.equal(0);
      const sent = alice.localTracks.map((t) => t.getMediaStreamTrack!());
      expect(sent.includes(preview.getVideoTracks()[0]), 'the preview camera is sent').to.equal(
        true,
      );
      expect(sent.includes(preview.getAudioTracks()[0]), 'the preview microphone is sent').to.equal(
        true,
      );
      await waitFor(() => bob.remoteTracks.some((t) => t.isVideoTrack()), 'bob gets video');
      await grows(() => inbound(bob, 'video', 'framesDecoded'), 'bob receives the preview camera');
      await alice.session!.hungup();
      await waitFor(() => alice.closed.length === 1, 'the call ends');
      expect(
        preview.getTracks().map((t) => t.readyState),
        'they stop with the call',
      ).to.deep.equal(['ended', 'ended']);
    } finally {
      media.getUserMedia = getUserMedia;
      preview.getTracks().forEach((t) => t.stop());
    }
  });

  it('a preview camera not used by an audio call is stopped', async () => {
    const [alice] = await pair(true);
    const preview = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    alice.client.useLocalTracks(preview.getTracks());
    const session = await aliceCalls(alice, RCCallMediaType.AUDIO);
    expect(preview.getVideoTracks()[0].readyState).to.equal('ended');
    expect(preview.getAudioTracks()[0].readyState).to.equal('live');
    await session.hungup();
  });
});
