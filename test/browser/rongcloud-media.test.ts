/**
 * RongCloud backend mid-call: another camera (unpublish the old track, publish the new one, the
 * way plugin-rtc expects) and a shared screen (its own track tag), on the fake plugin-rtc, with
 * real getUserMedia and getDisplayMedia.
 */
import { expect } from '@open-wc/testing';
import { RCCallErrorCode, RCCallMediaType, SCREEN_TAG } from '../../src/rongcloud/index.js';
import { itOutsideFirefox } from './helpers/browsers.js';
import { World, type Party } from './rongcloud-harness.js';
import type { FakeLocalTrack } from './rongcloud-fakes.js';

describe('RongCloud backend: devices and screens mid-call', () => {
  let world: World;
  let alice: Party;
  let bob: Party;

  beforeEach(() => {
    world = new World();
    alice = world.party('alice');
    bob = world.party('bob');
  });
  afterEach(() => world.dispose());

  async function videoCall() {
    const { code, session } = await alice.client.call({
      targetId: 'bob',
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
    });
    expect(code).to.equal(RCCallErrorCode.SUCCESS);
    const incoming = (await bob.log.next('session')).session;
    await incoming.accept();
    await bob.log.next('track', (e) => !e.track.isLocalTrack() && e.track.isVideoTrack());
    return session!;
  }

  const published = (p: Party) => [
    ...(p.rtc.room as unknown as { published: Set<FakeLocalTrack> }).published,
  ];

  it('a camera switch unpublishes the old camera and publishes the new one; bob gets it', async () => {
    const session = await videoCall();
    const old = published(alice).find((t) => t.isVideoTrack())!;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter(
      (d) => d.kind === 'videoinput',
    );
    const cameraId = cameras.at(-1)!.deviceId;
    expect((await session.changeVideoDevice({ cameraId })).code).to.equal(10000);
    const now = published(alice).filter((t) => t.isVideoTrack());
    expect(now).to.have.length(1);
    expect(now[0] === old, 'a new track').to.equal(false);
    expect(old.destroyed, 'the old camera is stopped').to.equal(true);
    expect(now[0].getTag()).to.equal('RongCloudRTC');
    expect(now[0].__innerGetMediaStreamTrack()!.getSettings().deviceId).to.equal(cameraId);
    const ready = await bob.log.next(
      'track',
      (e) => !e.track.isLocalTrack() && e.track.getTrackId() === now[0].getTrackId(),
    );
    expect(ready.track.getMediaStreamTrack?.() === now[0].__innerGetMediaStreamTrack()).to.equal(
      true,
    );
  });

  itOutsideFirefox("Firefox's fake media has no screen to capture")(
    'a shared screen is published with its own tag; bob hears of it and of its end',
    async () => {
      const session = await videoCall();
      expect((await session.startScreenShare()).code).to.equal(10000);
      const screen = published(alice).find((t) => t.getTag() === SCREEN_TAG)!;
      expect(screen.isVideoTrack()).to.equal(true);
      expect(published(alice).filter((t) => t.getTag() === 'RongCloudRTC')).to.have.length(2);
      expect(await bob.log.next('screen')).to.include({ userId: 'alice', sharing: true });
      const ready = await bob.log.next('track', (e) => e.track.getTag() === SCREEN_TAG);
      expect(ready.track.isLocalTrack()).to.equal(false);
      // The camera is untouched: bob sees no camera go off.
      expect(bob.log.all('mute')).to.deep.equal([]);

      expect((await session.stopScreenShare()).code).to.equal(10000);
      expect(await bob.log.next('screen')).to.include({ userId: 'alice', sharing: false });
      expect(screen.destroyed).to.equal(true);
      expect(bob.log.all('mute')).to.deep.equal([]);
      expect(alice.log.all('screen').map((e) => e.sharing)).to.deep.equal([true, false]);
    },
  );
});
