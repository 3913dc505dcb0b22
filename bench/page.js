// Runs in the benchmark page: one measurement of our call path, one of a raw RTCPeerConnection
// loopback, 1:1 and for a group of four. Each ends at the first remote video frame presented by a
// <video> element (for our group: the last of the three remote members' first frames at the
// caller; for the raw baseline, four loopbacks: the last of their four first frames). The raw
// variants beside it (one stream over three pairs, full mesh, full mesh at half size) are info.
// Our group runs mark their phases (rung, accepted, track, frame and its size, getUserMedia);
// with `window.bench.trace` also every room message sent and each connection's steps.
// `window.teardown` drives two <rc-call-client backend="local"> elements through call/hang-up
// cycles; bench/run.mjs reads what is left open (it installs the recorders before this loads).
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

/** A callee that answers as soon as it rings (with `calleeListener`), and a caller. */
async function pair(channelName, calleeListener) {
  const callee = await createLocalCallClient({
    userId: 'callee',
    channelName,
    onSession(session) {
      session.registerSessionListener(calleeListener);
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
  return { callee, caller };
}

/** call() → first remote frame at the caller, the callee answering as soon as it rings. */
async function ours(run) {
  const channelName = `bench-${run}-${Math.random().toString(36).slice(2)}`;
  const { callee, caller } = await pair(channelName, quiet);
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

/**
 * Sends `stream` over a raw pair of peer connections in this page (offer/answer, candidates
 * handed across); resolves at the first remote video frame, with what to close.
 */
async function sendOver(stream) {
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
  const close = () => {
    a.close();
    b.close();
    video.remove();
  };
  return { end, close };
}

/** One raw loopback: getUserMedia sent over a pair; what it returns also stops the devices. */
async function loopback() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const { end, close } = await sendOver(stream);
  return { end, close: () => (close(), stream.getTracks().forEach((t) => t.stop())) };
}

/** The 1:1 baseline: one raw loopback. */
async function raw() {
  const start = performance.now();
  const { end, close } = await loopback();
  close();
  return end - start;
}

const GROUP = ['member-1', 'member-2', 'member-3'];

/**
 * While one group run lasts: when each getUserMedia was asked for and answered, and for each
 * peer connection when it was made and reached each signalling and connection state (in ms from
 * `start()`). The engine is not touched: RTCPeerConnection and getUserMedia are wrapped in the page.
 * Returns `stop()`, which restores both and gives the records.
 */
function traceMedia(now) {
  const gums = [];
  const pcs = new Map();
  const devices = navigator.mediaDevices;
  const gum = devices.getUserMedia;
  devices.getUserMedia = async function (...args) {
    const record = { asked: now() };
    gums.push(record);
    try {
      return await gum.apply(this, args);
    } finally {
      record.done = now();
    }
  };
  const messages = [];
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (frame) {
    const type = frame?.data?.kind === 'room' ? frame.data.type : frame?.data?.messageType;
    const rtc = frame?.data?.rtc;
    const what = rtc ? (rtc.description?.type ?? 'cand') : type;
    if (what && what !== 'cand') messages.push(`${short(frame.from)}:${what}@${now().toFixed(0)}`);
    return post.call(this, frame);
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget);
      const steps = { new: now() };
      pcs.set(pc, steps);
      const once = (name) => (steps[name] ??= now());
      const short = { 'have-local-offer': 'lo', 'have-remote-offer': 'ro', stable: 'st' };
      pc.addEventListener('signalingstatechange', () => once(short[pc.signalingState]));
      pc.addEventListener('iceconnectionstatechange', () => {
        if (pc.iceConnectionState === 'connected') once('ice');
      });
      pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState === 'connected') once('conn');
      });
      pc.addEventListener('track', ({ track }) => track.kind === 'video' && once('trk'));
      return pc;
    },
  });
  return () => {
    devices.getUserMedia = gum;
    window.RTCPeerConnection = Native;
    BroadcastChannel.prototype.postMessage = post;
    return { gums, pcs, messages };
  };
}

const short = (userId) => (userId === 'group-caller' ? 'c' : userId.replace('member-', 'm'));

/** One line per peer connection: `c>m1 new@3 ro@40 st@41 ice@60 conn@70 trk@40`. */
function describeConnections(clients, pcs) {
  const lines = [];
  for (const [userId, client] of clients) {
    const owner = short(userId);
    for (const room of client.inspect().rooms.values()) {
      for (const [key, pc] of room.peerConnections()) {
        const steps = pcs.get(pc) ?? {};
        const at = Object.entries(steps)
          .map(([step, ms]) => `${step}@${ms.toFixed(0)}`)
          .join(' ');
        lines.push(`${owner}>${short(key.split('/')[0])} ${at}`);
      }
    }
  }
  return lines.sort();
}

/** callInGroup() → the caller decoded a first frame from each of three members (all auto-accept). */
/** The group's members, answering as soon as they ring (`mark` notes when), and its caller. */
async function groupClients(channelName, mark = () => undefined) {
  const members = await Promise.all(
    GROUP.map((userId) =>
      createLocalCallClient({
        userId,
        channelName,
        onSession(session) {
          mark(`${userId}:rung`);
          session.registerSessionListener(quiet);
          void session.accept().then(() => mark(`${userId}:accepted`));
        },
        onSessionClose() {},
      }),
    ),
  );
  const caller = await createLocalCallClient({
    userId: 'group-caller',
    channelName,
    onSession() {},
    onSessionClose() {},
  });
  return { members, caller };
}

async function oursGroup(run) {
  const channelName = `bench-group-${run}-${Math.random().toString(36).slice(2)}`;
  // When each step happened, relative to callInGroup(): where the time goes.
  const phases = [];
  let start = 0;
  const now = () => performance.now() - start;
  const mark = (what) => phases.push(`${what}@${now().toFixed(0)}`);
  const { members, caller } = await groupClients(channelName, mark);
  const videos = [];
  const frames = new Map(GROUP.map((id) => [id, Promise.withResolvers()]));
  const listener = {
    ...quiet,
    onTrackReady(track) {
      if (track.isLocalTrack() || !track.isVideoTrack()) return;
      const userId = track.getUserId();
      mark(`${userId}:track`);
      const video = newVideo();
      videos.push(video);
      firstFrame(video).then((t) => {
        mark(`${userId}:frame(${video.videoWidth}x${video.videoHeight})`);
        frames.get(userId)?.resolve(t);
      });
      void track.play(video);
    },
  };
  const stopTracing = traceMedia(now);
  start = performance.now();
  const result = await caller.callInGroup({
    targetId: 'bench-group',
    userIds: GROUP,
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener,
  });
  mark('callInGroup resolved');
  if (result.code !== 10000) throw new Error(`callInGroup() failed with ${result.code}`);
  const ends = await Promise.all([...frames.values()].map((f) => f.promise));
  const { gums, pcs, messages } = stopTracing();
  const opened = gums.map((g) => `${g.asked.toFixed(0)}-${g.done?.toFixed(0) ?? '?'}`);
  phases.push(`getUserMedia@[${opened.join(' ')}]`);
  if (window.bench.trace) {
    phases.push(`\n    sent ${messages.join(' ')}`);
    const clients = [['group-caller', caller], ...GROUP.map((id, i) => [id, members[i]])];
    phases.push(...describeConnections(clients, pcs).map((line) => `\n    ${line}`));
  }
  window.bench.phases = phases.join(' ');
  await Promise.all([caller, ...members].map((c) => c.destroy()));
  videos.forEach((v) => v.remove());
  return Math.max(...ends) - start;
}

/**
 * The group target's baseline, as the issue words it: four raw loopbacks in one page. Four
 * getUserMedia and four peer connection pairs, all at once, each pair sending one stream one
 * way, until the last of the four remote videos decodes a frame.
 */
async function rawLoopbacks() {
  const start = performance.now();
  const done = await Promise.all([0, 1, 2, 3].map(loopback));
  done.forEach((loop) => loop.close());
  return Math.max(...done.map((loop) => loop.end)) - start;
}

/**
 * Not the target's baseline: one getUserMedia sent over three peer connection pairs, until all
 * three remote videos decode (what the caller of a star would do, raw).
 */
async function rawGroup() {
  const start = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const pairs = await Promise.all(GROUP.map(() => sendOver(stream)));
  stream.getTracks().forEach((t) => t.stop());
  pairs.forEach((pair) => pair.close());
  return Math.max(...pairs.map((pair) => pair.end)) - start;
}

/**
 * Not the target's baseline: the work a mesh of four does, raw. A getUserMedia per member and a
 * sending-both-ways peer connection pair between every two members (six pairs), until the caller
 * (member 0) decodes a frame from each of the three others. Tells the cost of the topology from
 * the cost of the engine.
 */
async function rawMesh(run, scale = 1) {
  const stopTracing = window.bench.trace ? traceMedia(() => performance.now() - start) : null;
  const names = ['c', 'm1', 'm2', 'm3'];
  const labels = new Map();
  const start = performance.now();
  const streams = await Promise.all(
    [0, 1, 2, 3].map(() => navigator.mediaDevices.getUserMedia({ audio: true, video: true })),
  );
  const pcs = [];
  const frames = [];
  const negotiations = [];
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) {
      const a = new RTCPeerConnection();
      const b = new RTCPeerConnection();
      pcs.push(a, b);
      labels.set(a, `${names[i]}>${names[j]}`).set(b, `${names[j]}>${names[i]}`);
      a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
      b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
      if (i === 0) {
        const video = newVideo();
        frames.push(firstFrame(video).then((t) => (video.remove(), t)));
        a.ontrack = ({ track }) => {
          if (track.kind !== 'video') return;
          video.srcObject = new MediaStream([track]);
          void video.play();
        };
      }
      // The offerer's video is scaled from the start; the answerer's once its answer made the
      // encoding (before the connection is up, as ours does).
      streams[i].getTracks().forEach((track) => {
        if (track.kind !== 'video' || scale === 1) return a.addTrack(track, streams[i]);
        const sendEncodings = [{ scaleResolutionDownBy: scale }];
        a.addTransceiver(track, { direction: 'sendrecv', streams: [streams[i]], sendEncodings });
      });
      streams[j].getTracks().forEach((track) => b.addTrack(track, streams[j]));
      const scaleAnswer = async () => {
        const sender = b.getSenders().find((s) => s.track?.kind === 'video');
        const parameters = sender.getParameters();
        if (scale === 1 || !parameters.encodings[0]) return;
        parameters.encodings[0].scaleResolutionDownBy = scale;
        await sender.setParameters(parameters);
      };
      negotiations.push(
        (async () => {
          await a.setLocalDescription();
          await b.setRemoteDescription(a.localDescription);
          await b.setLocalDescription();
          await Promise.all([a.setRemoteDescription(b.localDescription), scaleAnswer()]);
        })(),
      );
    }
  }
  await Promise.all(negotiations);
  const ends = await Promise.all(frames);
  if (stopTracing) {
    const { gums, pcs: steps } = stopTracing();
    const opened = gums.map((g) => `${g.asked.toFixed(0)}-${g.done?.toFixed(0) ?? '?'}`);
    const lines = [...labels].map(([pc, label]) => {
      const at = Object.entries(steps.get(pc) ?? {}).map(([k, ms]) => `${k}@${ms.toFixed(0)}`);
      return `\n    ${label} ${at.join(' ')}`;
    });
    window.bench.phases = `getUserMedia@[${opened.join(' ')}] ${lines.sort().join(' ')}`;
  }
  streams.forEach((s) => s.getTracks().forEach((t) => t.stop()));
  pcs.forEach((pc) => pc.close());
  return Math.max(...ends) - start;
}

/** The raw mesh sending video at half width and height, as our mesh does in a group. */
const rawMeshHalf = (run) => rawMesh(run, 2);

/**
 * How long a camera switch interrupts the peer's video: a 1:1 call, the callee's <video> of the
 * caller counting frames; after a second of frames the caller switches to another camera
 * (`changeVideoDevice`, the third fake one: the second is a depth camera); resolves with the
 * longest gap between two frames the callee presents from the switch until a second after it.
 */
async function switchGap(run) {
  const channelName = `bench-switch-${run}-${Math.random().toString(36).slice(2)}`;
  const video = newVideo();
  const frames = [];
  const count = (now) => {
    frames.push(now);
    video.requestVideoFrameCallback(count);
  };
  const { callee, caller } = await pair(channelName, {
    ...quiet,
    onTrackReady(track) {
      if (track.isLocalTrack() || !track.isVideoTrack()) return;
      video.requestVideoFrameCallback(count);
      void track.play(video);
    },
  });
  const result = await caller.call({
    targetId: 'callee',
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: quiet,
  });
  if (result.code !== 10000) throw new Error(`call() failed with ${result.code}`);
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  while (frames.length < 20) await wait(50);
  const cameras = (await navigator.mediaDevices.enumerateDevices()).filter(
    (d) => d.kind === 'videoinput',
  );
  const start = performance.now();
  const switched = await result.session.changeVideoDevice({ cameraId: cameras.at(-1).deviceId });
  if (switched.code !== 10000) throw new Error(`changeVideoDevice failed with ${switched.code}`);
  await wait(1000);
  const after = [start, ...frames.filter((t) => t > start)];
  let gap = 0;
  for (let i = 1; i < after.length; i++) gap = Math.max(gap, after[i] - after[i - 1]);
  await Promise.all([caller.destroy(), callee.destroy()]);
  video.remove();
  return gap;
}

/**
 * A group call of four (the caller and three members in this page), resolved once the caller has
 * the three members' audio; with the caller's peer connections and remote audio tracks.
 */
async function groupAudio(run) {
  const channelName = `bench-speak-${run}-${Math.random().toString(36).slice(2)}`;
  const { members, caller } = await groupClients(channelName);
  const audio = [];
  let all;
  const ready = new Promise((r) => (all = r));
  const result = await caller.callInGroup({
    targetId: 'bench-group',
    userIds: GROUP,
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: {
      ...quiet,
      onTrackReady(track) {
        if (track.isLocalTrack() || !track.isAudioTrack()) return;
        void track.play();
        audio.push(track.getMediaStreamTrack());
        if (audio.length === GROUP.length) all();
      },
    },
  });
  if (result.code !== 10000) throw new Error(`callInGroup() failed with ${result.code}`);
  await ready;
  const room = caller.inspect().rooms.get(result.session.getCallId());
  const pcs = [...room.peerConnections().values()];
  const close = () => Promise.all([caller, ...members].map((c) => c.destroy()));
  return { audio, pcs, close };
}

const TICKS = 50;

/**
 * Who is speaking, the elements' way: a Web Audio analyser per remote audio track, read every
 * tick. Resolves with the main-thread time of one tick (all three members), in ms: the median of
 * {@link TICKS} ticks, 100 ms apart.
 */
async function speakingAnalyser(run) {
  const { audio, close } = await groupAudio(run);
  const context = new AudioContext();
  const analysers = audio.map((track) => {
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    return { analyser, samples: new Float32Array(analyser.fftSize) };
  });
  const ticks = [];
  for (let i = 0; i < TICKS; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    for (const { analyser, samples } of analysers) {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const x of samples) sum += x * x;
      void Math.sqrt(sum / samples.length);
    }
    ticks.push(performance.now() - t0);
  }
  await context.close();
  await close();
  return ticks.sort((a, b) => a - b)[ticks.length >> 1];
}

/**
 * The same from `getStats()`: each peer connection's inbound audio `audioLevel`. Resolves with the
 * time from asking the three connections to having the three levels, per tick (median).
 */
async function speakingStats(run) {
  const { pcs, close } = await groupAudio(run);
  const ticks = [];
  for (let i = 0; i < TICKS; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const reports = await Promise.all(pcs.map((pc) => pc.getStats()));
    for (const report of reports)
      report.forEach((s) => s.type === 'inbound-rtp' && s.kind === 'audio' && s.audioLevel);
    ticks.push(performance.now() - t0);
  }
  await close();
  return ticks.sort((a, b) => a - b)[ticks.length >> 1];
}

// ---- faults: a call that loses its relay or its TURN server, driven by bench/run.mjs ---------

let fault;

/**
 * A 1:1 call on the relay at `signal` (relay-only through TURN when `iceServers` are given), the
 * callee answering at once; resolves once the callee decodes the caller's video.
 */
async function faultCall({ signal, iceServers }) {
  const rtcConfiguration = iceServers ? { iceServers, iceTransportPolicy: 'relay' } : undefined;
  const links = { caller: [], callee: [] };
  const listenerOf = (who) => ({
    ...quiet,
    onConnectionStateChange: (user) => links[who].push(user),
  });
  const make = (userId, answer) =>
    createLocalCallClient({
      userId,
      signal,
      rtcConfiguration,
      onSession(session) {
        session.registerSessionListener(listenerOf('callee'));
        if (answer) void session.accept();
      },
      onSessionClose() {},
    });
  const callee = await make('fault-callee', true);
  const caller = await make('fault-caller', false);
  const result = await caller.call({
    targetId: 'fault-callee',
    mediaType: RCCallMediaType.AUDIO_VIDEO,
    listener: listenerOf('caller'),
  });
  if (result.code !== 10000) throw new Error(`call() failed with ${result.code}`);
  fault = { callee, caller, links };
  const start = (await faultState()).frames;
  await until(() => fault.lastFrames > start + 10, 'the callee decodes the caller', 20000, true);
}

/** Frames the callee decoded so far, and each side's last link state. */
async function faultState() {
  let frames = 0;
  for (const pc of fault.callee.inspect().peerConnections) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
  }
  fault.lastFrames = frames;
  const last = (list) => list.at(-1)?.state ?? 'connected';
  return { frames, caller: last(fault.links.caller), callee: last(fault.links.callee) };
}

async function faultEnd() {
  await Promise.all([fault.caller.destroy(), fault.callee.destroy()]);
  fault = undefined;
}

window.bench = {
  faultCall,
  faultState,
  faultEnd,
  ours,
  raw,
  oursGroup,
  rawLoopbacks,
  rawGroup,
  rawMesh,
  rawMeshHalf,
  switchGap,
  speakingAnalyser,
  speakingStats,
};

// ---- teardown: the elements through call/hang-up cycles -------------------------------------

/** Polls `check` every 20 ms; rejects with `what` after `timeout` ms. */
async function until(check, what, timeout = 15000, poll = false) {
  const deadline = performance.now() + timeout;
  while (!check()) {
    if (poll) await faultState();
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const els = {};
let closed = 0;

/** Loads dist/rc-call.js and puts two connected local clients, each with a session element, in the page. */
async function setup() {
  await import('/dist/rc-call.js');
  const backendOptions = { channelName: `bench-elements-${Math.random().toString(36).slice(2)}` };
  const make = (userId, name) => {
    const client = document.createElement('rc-call-client');
    client.setAttribute('backend', 'local');
    client.setAttribute('user-id', userId);
    client.setAttribute('name', name);
    client.setAttribute('lang', 'en');
    client.backendOptions = backendOptions;
    const session = document.createElement('rc-call-session');
    client.append(session);
    document.body.append(client);
    return { client, session };
  };
  const alice = make('bench-alice', 'Alice');
  const bob = make('bench-bob', 'Bob');
  Object.assign(els, { alice: alice.client, a: alice.session, bob: bob.client, b: bob.session });
  document.addEventListener('sessionclose', () => closed++);
  await until(
    () => els.alice.status === 'connected' && els.bob.status === 'connected',
    'the elements did not connect',
  );
}

/** The `<video>` of the tile showing `userId` in session element `s`, once it decodes frames. */
function remoteVideo(s, userId) {
  const tile = [...s.shadowRoot.querySelectorAll('rc-video-tile')].find((t) => t.userId === userId);
  const video = tile?.shadowRoot?.querySelector('video');
  return video && video.videoWidth > 0 ? video : undefined;
}

/** Alice calls Bob (video) with the element, Bob accepts through his session element, both see video, Alice hangs up. */
async function cycle(n) {
  const { alice, a, b } = els;
  const closedBefore = closed;
  await alice.call('bench-bob', 'video');
  await until(() => b.state === 'incoming', `cycle ${n}: bob is not rung`);
  if (!(await b.accept())) throw new Error(`cycle ${n}: accept failed`);
  await until(() => a.state === 'active' && b.state === 'active', `cycle ${n}: not active`);
  await until(
    () => remoteVideo(a, 'bench-bob') && remoteVideo(b, 'bench-alice'),
    `cycle ${n}: no remote video`,
  );
  if (!(await a.hangup())) throw new Error(`cycle ${n}: hang-up failed`);
  await until(() => closed - closedBefore === 2, `cycle ${n}: sessions did not close`);
}

/** Waits until both session elements are back to idle (ended calls stay shown for a while). */
async function settle() {
  await until(() => els.a.state === 'idle' && els.b.state === 'idle', 'sessions stay shown', 20000);
}

const records = () => window.__benchRecords;

/** What the recorders of bench/run.mjs saw; moves ended tracks and closed connections to weak references. */
function leftOpen() {
  const r = records();
  r.retire();
  return {
    tracks: r.created.tracks,
    liveTracks: r.tracks.length,
    peers: r.created.peers,
    openPeers: r.peers.length,
  };
}

/** Ended tracks and closed connections something still holds (call after `leftOpen` and a GC). */
function retained() {
  const r = records();
  const alive = (refs) => refs.filter((ref) => ref.deref() !== undefined).length;
  return {
    tracks: alive(r.gone.tracks),
    peers: alive(r.gone.peers),
    createdTracks: r.created.tracks,
    createdPeers: r.created.peers,
  };
}

/** Starts counting afresh (after the control runs). */
function resetRecords() {
  records().reset();
}

window.teardown = { setup, cycle, settle, leftOpen, retained, resetRecords, els };
window.benchReady = true;
