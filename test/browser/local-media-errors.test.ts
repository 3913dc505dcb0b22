import { expect } from '@open-wc/testing';
import { RCCallEndReason, RCCallErrorCode, RCCallMediaType } from '../../src/calllib/index.js';
import { createParty, destroyAll, uniqueChannel, waitFor, type Party } from './local-harness.js';

/** The ideal of a constraint as the browser gives it back (Chromium: the bare number). */
const idealOf = (c: ConstrainDouble | undefined) => (typeof c === 'number' ? c : c?.ideal);

describe('local backend: device errors', () => {
  let parties: Party[] = [];
  const getUserMedia = navigator.mediaDevices.getUserMedia;
  afterEach(async () => {
    navigator.mediaDevices.getUserMedia = getUserMedia;
    await destroyAll(parties);
    parties = [];
  });

  it('permission denied gives 53303 for camera and microphone, without an exception', async () => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName });
    parties = [alice, bob];
    const video = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(video.code).to.equal(RCCallErrorCode.GET_LOCAL_AUDIO_AND_VIDEO_TRACK_ERROR);
    expect(video.cause).to.equal('permission-denied');
    expect(video.session).to.equal(undefined);
    const audio = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener,
    });
    expect(audio.code).to.equal(RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR);
    expect(audio.cause).to.equal('permission-denied');
    expect(alice.client.inspect().localTracks).to.deep.equal([]);
  });

  it('tells which device failed and leaves no device open', async () => {
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName });
    parties = [alice, bob];
    const camera = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
      constraints: { video: { cameraId: 'no-such-camera' } },
    });
    expect(camera.code).to.equal(RCCallErrorCode.GET_LOCAL_VIDEO_TRACK_ERROR);
    expect(camera.cause).to.equal('not-found');
    const mic = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO,
      listener: alice.listener,
      constraints: { audio: { micphoneId: 'no-such-mic' } },
    });
    expect(mic.code).to.equal(RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR);
    expect(alice.client.inspect().localTracks).to.deep.equal([]);
  });

  it('accepting with failing media ends the call with reason 8 (18 for the caller)', async () => {
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', {
      channelName,
      autoAccept: { video: { cameraId: 'no-such-camera' } },
    });
    parties = [alice, bob];
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(result.code).to.equal(10000);
    await waitFor(
      () => bob.closed.length === 1 && alice.closed.length === 1,
      'both sessions close',
    );
    expect(bob.closed[0].endReason).to.equal(RCCallEndReason.GET_MEDIA_RESOURCES_ERROR);
    expect(alice.hungup).to.deep.equal([
      { userId: 'bob', reason: RCCallEndReason.REMOTE_GET_MEDIA_RESOURCE_ERROR },
    ]);
    for (const p of parties) {
      expect(
        p.client.inspect().localTracks.every((t) => t.readyState === 'ended'),
        `${p.userId} devices closed`,
      ).to.equal(true);
    }
  });

  it('maps resolution and frame rate to getUserMedia constraints', async () => {
    const channelName = uniqueChannel();
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName, autoAccept: true });
    parties = [alice, bob];
    const result = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
      constraints: { video: { resolution: 'W320_H240', frameRate: 'FPS_15' } },
    });
    expect(result.code).to.equal(10000);
    await waitFor(() => !!alice.localTracks.find((t) => t.isVideoTrack()), 'local video');
    const track = alice.localTracks.find((t) => t.isVideoTrack())!.getMediaStreamTrack!()!;
    const settings = track.getSettings();
    expect([settings.width, settings.height]).to.deep.equal([320, 240]);
    // The rate as asked (Firefox 140 ESR's fake camera gives 30 fps whatever is asked;
    // Chromium gives an ideal back as the bare number).
    expect(idealOf(track.getConstraints().frameRate)).to.equal(15);
  });
});
