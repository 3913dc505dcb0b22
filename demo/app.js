// The local demo: CallLib's API used directly on the local backend (real WebRTC, no account).
// Signalling goes through the relay of `npm start` (ws(s)://<host>/signal) when it answers, else
// through BroadcastChannel between tabs of this browser. `?signal=ws://…` picks another relay.
import {
  createLocalCallClient,
  ConversationType,
  RCCallEndReason,
  RCCallMediaType,
  RCCallSessionState,
} from '/dist/local.js';
import { Tiles } from './tiles.js';

const $ = (id) => document.getElementById(id);
const tiles = new Tiles($('tiles'));
let client;
let session;
let timer;
let connectedAt;

// ---- log and status ---------------------------------------------------------------------------

function log(text) {
  const item = document.createElement('li');
  item.innerHTML = `<time>${new Date().toLocaleTimeString()}</time> `;
  item.append(text);
  $('log').prepend(item);
  while ($('log').children.length > 60) $('log').lastElementChild.remove();
}

function setStatus(text, kind) {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

const reasonNames = Object.fromEntries(
  Object.entries(RCCallEndReason)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v, k.toLowerCase().replaceAll('_', ' ')]),
);
const reasonText = (reason) => `${reasonNames[reason] ?? 'ended'} (${reason})`;
const mediaName = (type) => (type === RCCallMediaType.AUDIO ? 'audio' : 'video');

// ---- connecting -------------------------------------------------------------------------------

function defaultUserId() {
  const saved = sessionStorage.getItem('rc-demo-user');
  return saved ?? `user-${String(Math.floor(1000 + Math.random() * 9000))}`;
}

function relayUrl() {
  const param = new URLSearchParams(location.search).get('signal');
  if (param !== null) return param || undefined; // `?signal=` forces BroadcastChannel
  if (!location.protocol.startsWith('http')) return undefined;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}

async function connect(userId) {
  await client?.destroy();
  client = undefined;
  sessionStorage.setItem('rc-demo-user', userId);
  document.title = `${userId} · rc-call-elements`;
  const options = {
    userId,
    onSession: incoming,
    onSessionClose: closed,
    onStatusChange: (s) => setStatus(`${userId} · ${s}${via}`, s),
  };
  const signal = relayUrl();
  let via = signal ? ' · relay' : ' · tabs';
  setStatus(`${userId} · connecting`, 'connecting');
  try {
    client = await createLocalCallClient({ ...options, signal });
    log(
      signal
        ? `connected to the relay ${signal} as ${userId}`
        : `connected as ${userId} (tabs of this browser)`,
    );
  } catch (error) {
    if (!signal) throw error;
    via = ' · tabs';
    client = await createLocalCallClient(options);
    log(`no relay at ${signal}: calling between tabs of this browser only`);
  }
  setStatus(`${userId} · ${client.getStatus()}${via}`, client.getStatus());
}

// ---- sessions ---------------------------------------------------------------------------------

const listener = {
  onRinging: (sender) => {
    log(`${sender.userId} is ringing`);
    $('call-state').textContent = `Ringing ${sender.userId}…`;
  },
  onAccept: (sender) => {
    log(`${sender.userId} accepted`);
    setTimeout(showActive); // the session becomes KEEPING right after this callback
  },
  onHungup: (sender, reason) => {
    log(`${sender.userId} left: ${reasonText(reason)}`);
    tiles.remove(sender.userId);
  },
  onTrackReady: (track) => {
    log(
      `${track.isLocalTrack() ? 'local' : track.getUserId()} ${track.isVideoTrack() ? 'video' : 'audio'} ready`,
    );
    tiles.show(track);
  },
  onMemberModify: (sender, invited) =>
    log(`${sender.userId} invited ${invited.map((u) => u.userId).join(', ')}`),
  onMediaModify: (sender, type) => {
    log(`${sender.userId} switched the call to ${mediaName(type)}`);
    showActive();
  },
  onAudioMuteChange: (m) => {
    log(`${m.userId} ${m.muted ? 'muted' : 'unmuted'} the mic`);
    tiles.mute(m.userId, 'audio', m.muted);
  },
  onVideoMuteChange: (m) => {
    log(`${m.userId} turned the camera ${m.muted ? 'off' : 'on'}`);
    tiles.mute(m.userId, 'video', m.muted);
  },
};

function incoming(s) {
  s.registerSessionListener(listener);
  session = s;
  const group =
    s.getConversationType() === ConversationType.GROUP ? ` (group ${s.getTargetId()})` : '';
  $('incoming-text').textContent =
    `${s.getCallerId()} is calling you: ${mediaName(s.getMediaType())}${group}`;
  $('accept-audio').hidden = s.getMediaType() === RCCallMediaType.AUDIO;
  $('incoming').hidden = false;
  log(`incoming ${mediaName(s.getMediaType())} call from ${s.getCallerId()}`);
}

function closed(s, summary) {
  log(`call ended: ${reasonText(summary.endReason)}, ${Math.round(summary.duration / 1000)} s`);
  if (s !== session) return;
  session = undefined;
  clearInterval(timer);
  connectedAt = undefined;
  $('timer').textContent = '';
  for (const [id, label] of [
    ['mic', 'Mute mic'],
    ['camera', 'Camera off'],
  ]) {
    $(id).setAttribute('aria-pressed', 'false');
    $(id).textContent = label;
  }
  tiles.clear();
  $('incoming').hidden = true;
  $('active').hidden = true;
}

function showActive() {
  if (!session) return;
  $('incoming').hidden = true;
  $('active').hidden = false;
  const keeping = session.getState() === RCCallSessionState.KEEPING;
  $('call-state').textContent = keeping
    ? `In a ${mediaName(session.getMediaType())} call`
    : 'Calling…';
  $('to-audio').hidden = session.getMediaType() !== RCCallMediaType.AUDIO_VIDEO;
  $('camera').hidden = session.getMediaType() !== RCCallMediaType.AUDIO_VIDEO;
  $('invite-form').hidden = session.getConversationType() !== ConversationType.GROUP;
  if (keeping && !connectedAt) {
    connectedAt = Date.now();
    timer = setInterval(() => {
      const s = Math.floor((Date.now() - connectedAt) / 1000);
      $('timer').textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    }, 1000);
  }
}

async function start(begin, what) {
  if (!client) return;
  let result;
  try {
    result = await begin();
  } catch (error) {
    log(`${what}: ${error.message}`); // e.g. calling yourself
    return;
  }
  const { code, session: s } = result;
  if (code !== 10000) {
    log(`${what} failed: code ${code}`);
    return;
  }
  session = s;
  log(`${what}…`);
  showActive();
}

// ---- controls ---------------------------------------------------------------------------------

const mediaOf = (event) =>
  event.submitter?.value === 'audio' ? RCCallMediaType.AUDIO : RCCallMediaType.AUDIO_VIDEO;
const ids = (text) => text.split(/[\s,]+/).filter(Boolean);

$('me-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void connect($('me').value.trim());
});
$('call-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const targetId = $('target').value.trim();
  void start(
    () => client.call({ targetId, mediaType: mediaOf(e), listener }),
    `calling ${targetId}`,
  );
});
$('group-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const targetId = $('group').value.trim();
  const userIds = ids($('members').value);
  void start(
    () => client.callInGroup({ targetId, userIds, mediaType: mediaOf(e), listener }),
    `group call ${targetId}`,
  );
});
$('accept').addEventListener('click', () => session?.accept().then(showActive));
$('accept-audio').addEventListener('click', () =>
  session?.accept(undefined, RCCallMediaType.AUDIO).then(showActive),
);
$('decline').addEventListener('click', () => session?.hungup());
$('hangup').addEventListener('click', () => session?.hungup());
$('to-audio').addEventListener('click', () => session?.descendAbility().then(showActive));

function toggle(button, on, off, labels) {
  button.addEventListener('click', async () => {
    if (!session) return;
    const pressed = button.getAttribute('aria-pressed') === 'true';
    button.disabled = true;
    const { code } = await (pressed ? off() : on());
    button.disabled = false;
    if (code !== 10000) return log(`failed: code ${code}`);
    button.setAttribute('aria-pressed', String(!pressed));
    button.textContent = labels[pressed ? 0 : 1];
  });
}
toggle(
  $('mic'),
  () => session.disableAudioTrack(),
  () => session.enableAudioTrack(),
  ['Mute mic', 'Unmute mic'],
);
toggle(
  $('camera'),
  () => session.disableVideoTrack(),
  () => session.enableVideoTrack(),
  ['Camera off', 'Camera on'],
);
$('invite-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void session?.invite(ids($('invitees').value)).then(({ code }) => log(`invite: code ${code}`));
});

$('me').value = defaultUserId();
$('second-tab').href = location.href;
connect($('me').value).catch((error) => {
  setStatus(String(error.message ?? error), 'disconnected');
  log(`cannot connect: ${error.message ?? error}`);
});
