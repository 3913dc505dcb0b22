import { expect } from '@open-wc/testing';
import { openDevices } from '../../src/local/devices.js';
import { waitFor } from './local-harness.js';

/** The ideal of a constraint as the browser gives it back (Chromium: the bare number). */
const idealOf = (c: ConstrainDouble | undefined) => (typeof c === 'number' ? c : c?.ideal);

describe('local backend: opening devices', () => {
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia;
  let asked: MediaStreamConstraints[] = [];
  const opened: MediaStreamTrack[] = [];

  beforeEach(() => {
    asked = [];
    media.getUserMedia = (constraints) => {
      asked.push(constraints ?? {});
      return getUserMedia.call(media, constraints);
    };
  });
  afterEach(() => {
    media.getUserMedia = getUserMedia;
    opened.splice(0).forEach((track) => track.stop());
  });

  /** openDevices, its tracks recorded for the clean-up. */
  async function open(...args: Parameters<typeof openDevices>) {
    const result = await openDevices(...args);
    opened.push(...result.tracks);
    return result;
  }

  it('requests made together with the same constraints share one getUserMedia, each with tracks of its own', async () => {
    const results = await Promise.all([open(true, true), open(true, true), open(true, true)]);
    expect(asked).to.have.length(1);
    expect(results.map((r) => r.code)).to.deep.equal([10000, 10000, 10000]);
    const tracks = results.flatMap((r) => r.tracks);
    expect(tracks).to.have.length(6);
    expect(new Set(tracks).size, 'no track is handed out twice').to.equal(6);
    expect(new Set(tracks.map((t) => t.id)).size).to.equal(6);
    for (const result of results)
      expect(result.tracks.map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);
    expect(tracks.every((t) => t.readyState === 'live' && t.enabled)).to.equal(true);

    // Each request's tracks are its own: stopping or muting them leaves the others as they are.
    results[0].tracks.forEach((t) => t.stop());
    results[1].tracks.forEach((t) => (t.enabled = false));
    expect(results[2].tracks.every((t) => t.readyState === 'live' && t.enabled)).to.equal(true);
    const video = results[2].tracks.find((t) => t.kind === 'video')!;
    const element = document.createElement('video');
    element.muted = true;
    element.srcObject = new MediaStream([video]);
    await element.play();
    await waitFor(() => element.videoWidth > 0, 'a frame of the remaining track');
    expect(element.videoWidth, 'the remaining track still carries frames').to.be.greaterThan(0);
    element.srcObject = null;
  });

  it('a request made after the first is answered opens the devices again', async () => {
    await open(true, true);
    await open(true, true);
    expect(asked).to.have.length(2);
  });

  it('requests with other constraints are not shared', async () => {
    const [both, audio, slow] = await Promise.all([
      open(true, true),
      open(true, false),
      open(true, true, { video: { frameRate: 'FPS_15' } }),
    ]);
    expect(asked).to.have.length(3);
    expect(audio.tracks.map((t) => t.kind)).to.deep.equal(['audio']);
    expect(both.tracks).to.have.length(2);
    // What was asked (Firefox 140 ESR's fake camera gives 30 fps whatever is asked;
    // Chromium gives an ideal back as the bare number).
    const video = slow.tracks.find((t) => t.kind === 'video')!;
    expect(idealOf(video.getConstraints().frameRate)).to.equal(15);
  });

  it('a failure reaches every request that shared it, and the next request tries again', async () => {
    media.getUserMedia = (constraints) => {
      asked.push(constraints ?? {});
      return Promise.reject(new DOMException('denied', 'NotAllowedError'));
    };
    const results = await Promise.all([open(true, false), open(true, false)]);
    expect(asked).to.have.length(1);
    for (const result of results) {
      expect(result.code).to.equal(53301);
      expect(result.cause).to.equal('permission-denied');
      expect(result.tracks).to.deep.equal([]);
    }
    media.getUserMedia = (constraints) => {
      asked.push(constraints ?? {});
      return getUserMedia.call(media, constraints);
    };
    const retried = await open(true, false);
    expect(asked).to.have.length(2);
    expect(retried.code).to.equal(10000);
  });
});
