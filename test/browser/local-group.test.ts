import { expect, waitUntil } from '@open-wc/testing';
import { RCCallMediaType, type IMediaConstraints } from '../../src/calllib/index.js';
import {
  createParty,
  destroyAll,
  framesPerPeer,
  negotiatedAs,
  tallestFrame,
  uniqueChannel,
  videoScales,
  waitFor,
  type Party,
} from './local-harness.js';

describe('local backend: group call', () => {
  let parties: Party[] = [];
  afterEach(async () => {
    await destroyAll(parties);
    parties = [];
  });

  /**
   * alice calls bob and carol in a group; both answer at once (unless `answer` is false), carol
   * (like alice) with `sized` constraints when given.
   */
  async function aliceCallsBobAndCarol({
    sized,
    answer = true,
    channelName = uniqueChannel(),
  }: { sized?: IMediaConstraints; answer?: boolean; channelName?: string } = {}) {
    const alice = await createParty('alice', { channelName });
    const bob = await createParty('bob', { channelName, autoAccept: answer });
    const carol = await createParty('carol', {
      channelName,
      autoAccept: answer && (sized ?? true),
    });
    parties = [alice, bob, carol];
    const result = await alice.client.callInGroup({
      targetId: 'team',
      userIds: ['bob', 'carol'],
      mediaType: RCCallMediaType.AUDIO_VIDEO,
      listener: alice.listener,
      ...(sized && { constraints: sized }),
    });
    alice.session = result.session;
    return { alice, bob, carol, code: result.code };
  }

  it('connects three members where everyone receives everyone', async () => {
    const { bob, code } = await aliceCallsBobAndCarol();
    expect(code).to.equal(10000);

    for (const p of parties) {
      const others = parties.filter((o) => o !== p).map((o) => o.userId);
      const videoFrom = () =>
        p.remoteTracks.filter((t) => t.isVideoTrack()).map((t) => t.getUserId());
      await waitFor(
        () => others.every((id) => videoFrom().includes(id)),
        `${p.userId} gets video from ${others}`,
      );
      await waitFor(
        () => p.remoteTracks.filter((t) => t.isAudioTrack()).length === 2,
        `${p.userId} gets two audio tracks`,
      );
      await waitUntil(
        async () => {
          const frames = await framesPerPeer(p);
          return frames.length === 2 && frames.every((n) => n > 0);
        },
        `${p.userId} decodes video on both peer connections`,
        { timeout: 8000, interval: 100 },
      );
    }
    expect(
      bob
        .session!.getRemoteUsers()
        .map((u) => u.userId)
        .sort(),
    ).to.deep.equal(['alice', 'carol']);
  });

  it('the caller offers to every member; between two members the greater endpoint key offers', async () => {
    const { alice, bob, carol } = await aliceCallsBobAndCarol();
    const negotiated = (p: Party) => Object.values(negotiatedAs(p)).filter(Boolean).length === 2;
    await waitFor(() => parties.every(negotiated), 'every connection negotiated');
    expect(negotiatedAs(alice)).to.deep.equal({ bob: 'offer', carol: 'offer' });
    // 'carol/…' > 'bob/…'
    expect(negotiatedAs(bob)).to.deep.equal({ alice: 'answer', carol: 'answer' });
    expect(negotiatedAs(carol)).to.deep.equal({ alice: 'answer', bob: 'offer' });
  });

  it('ends the call for everyone once the others hang up, leaving nothing open', async () => {
    const { alice, bob, carol } = await aliceCallsBobAndCarol();
    await waitFor(() => parties.every((p) => p.remoteTracks.length === 4), 'everyone connected');
    const during = new Map(parties.map((p) => [p, p.client.inspect()]));
    await bob.session!.hungup();
    await waitFor(() => bob.closed.length === 1, 'bob leaves');
    await waitFor(
      () => [alice, carol].every((p) => p.hungup.some((h) => h.userId === 'bob')),
      'the others see bob hang up',
    );
    expect(alice.closed.length + carol.closed.length).to.equal(0);
    // Leaving is not turning the camera off: nobody was told bob's video was muted.
    for (const p of [alice, carol])
      expect(p.mutes.filter((m) => m.userId === 'bob')).to.deep.equal([]);
    await carol.session!.hungup();
    await waitFor(() => alice.closed.length === 1 && carol.closed.length === 1, 'the call ends');
    for (const p of parties) {
      const { localTracks, peerConnections: pcs } = during.get(p)!;
      expect(localTracks.length, `${p.userId} opened devices`).to.be.greaterThan(0);
      expect(
        localTracks.every((t) => t.readyState === 'ended'),
        `${p.userId} tracks ended`,
      ).to.equal(true);
      expect(pcs.length, `${p.userId} peer connections`).to.equal(2);
      expect(pcs.every((pc) => pc.connectionState === 'closed')).to.equal(true);
      expect(p.client.inspect().peerConnections).to.deep.equal([]);
    }
  });

  it('sends video at half size in a group of three, and full size again once down to two', async () => {
    const { alice, bob, carol } = await aliceCallsBobAndCarol();
    await waitFor(() => parties.every((p) => p.remoteTracks.length === 4), 'everyone connected');
    for (const p of parties) {
      await waitFor(
        () => videoScales(p).join() === '2,2',
        `${p.userId} sends half size on both connections (${videoScales(p)})`,
      );
    }
    // The fake camera captures 640x480: what arrives is at most half of it, from the side that
    // offered (its encoding made with the transceiver) and the side that answered (set after).
    for (const p of parties) {
      await waitUntil(async () => (await tallestFrame(p)) > 0, `${p.userId} decodes video`, {
        timeout: 8000,
        interval: 100,
      });
      expect(await tallestFrame(p), `${p.userId} receives`).to.be.at.most(240);
    }

    await carol.session!.hungup();
    await waitFor(
      () => [alice, bob].every((p) => p.hungup.some((h) => h.userId === 'carol')),
      'the others see carol hang up',
    );
    for (const p of [alice, bob]) {
      await waitFor(
        () => videoScales(p).join() === '1',
        `${p.userId} sends full size to the one left (${videoScales(p)})`,
      );
    }
  });

  it('sends the resolution an app asked for as captured, also in a group', async () => {
    // alice and carol ask for a resolution, bob does not.
    const { alice, bob, carol } = await aliceCallsBobAndCarol({
      sized: { video: { resolution: 'W640_H480' } },
    });
    await waitFor(() => parties.every((p) => p.remoteTracks.length === 4), 'everyone connected');
    await waitFor(() => videoScales(bob).join() === '2,2', `bob scales (${videoScales(bob)})`);
    expect(videoScales(alice)).to.deep.equal([1, 1]);
    expect(videoScales(carol)).to.deep.equal([1, 1]);
  });

  it('a member whose devices open last answers no join: its own join tells the others, who answer it', async () => {
    const channelName = uniqueChannel();
    // Every room message of the call, as a tab on the channel hears it.
    const heard: Array<{ from: string; type: string; to: string[] }> = [];
    const observer = new BroadcastChannel(channelName);
    observer.onmessage = ({ data: frame }) => {
      if (frame?.t === 'msg' && frame.data?.kind === 'room')
        heard.push({ from: frame.from, type: frame.data.type, to: frame.to });
    };
    // carol's camera opens only when the test says so: alice and bob join meanwhile.
    const media = navigator.mediaDevices;
    const getUserMedia = media.getUserMedia;
    let openCamera = () => {};
    const cameraOpens = new Promise<void>((resolve) => (openCamera = resolve));
    let held = false;
    try {
      const { bob, carol } = await aliceCallsBobAndCarol({ answer: false, channelName });
      await waitFor(() => !!bob.session && !!carol.session, 'bob and carol ring');

      // The next getUserMedia (carol's, the only one asked for until bob accepts) waits. She asks
      // for 24 fps: a request like bob's would share hers (one page), and bob would wait too.
      media.getUserMedia = async (constraints) => {
        media.getUserMedia = getUserMedia;
        held = true;
        await cameraOpens;
        return getUserMedia.call(media, constraints);
      };
      const carolAccepted = carol.session!.accept({ video: { frameRate: 'FPS_24' } });
      await waitFor(() => held, 'carol opens her devices');
      await bob.session!.accept();
      const joined = (userId: string) => heard.some((m) => m.from === userId && m.type === 'join');
      await waitFor(() => joined('alice') && joined('bob'), 'alice and bob join the room');
      openCamera();
      expect((await carolAccepted).code).to.equal(10000);

      await waitFor(() => parties.every((p) => p.remoteTracks.length === 4), 'everyone connected');
      const sent = (from: string, type: string) =>
        heard.filter((m) => m.from === from && m.type === type);
      expect(sent('carol', 'join').map((m) => [...m.to].sort())).to.deep.equal([['alice', 'bob']]);
      expect(sent('carol', 'state'), 'carol answers no join').to.deep.equal([]);
      for (const userId of ['alice', 'bob']) {
        expect(
          sent(userId, 'state').filter((m) => m.to.includes('carol')),
          `${userId} answers carol's join`,
        ).to.have.length(1);
      }
    } finally {
      media.getUserMedia = getUserMedia;
      openCamera();
      observer.close();
    }
  });
});
