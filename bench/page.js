// Runs in the benchmark page: one measurement of our call path, one of a raw RTCPeerConnection
// loopback. Both end at the first remote video frame presented by a <video> element.
import { createLocalCallClient, RCCallMediaType } from '/dist/local.js';

/** Resolves with the time at which `video` presents its first frame. */
function firstFrame(video) {
  return new Promise((resolve) =>
    video.requestVideoFrameCallback(() => resolve(performance.now())),
  );
}

function newVideo() {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  return video;
}

const quiet = {
  onRinging() {},
  onAccept() {},
  onHungup() {},
  onTrackReady() {},
  onMemberModify() {},
  onMediaModify() {},
};

/** call() → first remote frame at the caller, the callee answering as soon as it rings. */
async function ours(run) {
  const channelName = `bench-${run}-${Math.random().toString(36).slice(2)}`;
  const callee = await createLocalCallClient({
    userId: 'callee',
    channelName,
    onSession(session) {
      session.registerSessionListener(quiet);
      void session.accept();
    },
    onSessionClose() {},
  });
  const caller = await createLocalCallClient({
    userId: 'caller',
    channelName,
    onSession() {},
    onSessionClose() {},
  });
  const video = newVideo();
  let shown;
  const frame = new Promise((resolve) => (shown = resolve));
  const listener = {
    ...quiet,
    onTrackReady(track) {
      if (track.isLocalTrack() || !track.isVideoTrack()) return;
      firstFrame(video).then(shown);
      void track.play(video);
    },
  };
  const start = performance.now();
  const result = await caller.call({
    targetId: 'callee',
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener,
  });
  if (result.code !== 10000) throw new Error(`call() failed with ${result.code}`);
  const end = await frame;
  await Promise.all([caller.destroy(), callee.destroy()]);
  video.remove();
  return end - start;
}

/** getUserMedia, two peer connections in this page, offer/answer, first remote frame. */
async function raw() {
  const start = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const video = newVideo();
  const frame = firstFrame(video);
  b.ontrack = ({ track }) => {
    if (track.kind !== 'video') return;
    video.srcObject = new MediaStream([track]);
    void video.play();
  };
  stream.getTracks().forEach((track) => a.addTrack(track, stream));
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
  const end = await frame;
  stream.getTracks().forEach((t) => t.stop());
  a.close();
  b.close();
  video.remove();
  return end - start;
}

window.bench = { ours, raw };
window.benchReady = true;
