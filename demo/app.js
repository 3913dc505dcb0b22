// The demo page: <rc-call-client backend="local"> with an <rc-call-session> inside, a few controls
// that call the client's methods, and a log of every event the elements dispatch.
// Signalling goes through the relay of `npm start` (ws(s)://<this host>/signal); `?signal=` (empty)
// uses BroadcastChannel between tabs of this browser instead, `?signal=ws://…` another relay.
// URL parameters: ?user=alice-1234 (your id), ?to=bob-5678 (prefills the callee), ?lang=zh|en.
// Nothing that comes from the network is parsed as HTML: the page only sets textContent.
import { RCCallEndReason } from '/dist/rc-call.js';

const $ = (id) => document.getElementById(id);
const client = $('client');
const session = $('session');
const params = new URLSearchParams(location.search);

/** The events of API.md's table, in its order. */
const EVENTS = [
  'session',
  'ringing',
  'accept',
  'hungup',
  'trackready',
  'membermodify',
  'mediamodify',
  'mutechange',
  'sessionclose',
  'statuschange',
  'callerror',
];

// ---- page text in both languages ----------------------------------------------------------------

const TEXT = {
  en: {
    subtitle: 'local demo',
    meTitle: 'Who are you?',
    meLabel: 'Your user id',
    meApply: 'Use this id',
    tabHint1: 'Open',
    tabLink: 'this page in a second tab',
    tabHint2:
      '(or on another device on your network): it gets its own id with yours filled in as the callee, so you can call between the two.',
    callTitle: 'Call someone',
    targetLabel: 'Their user id',
    audioCall: 'Audio call',
    videoCall: 'Video call',
    groupSummary: 'Group call',
    groupLabel: 'Group id',
    membersLabel: 'Member ids, separated by commas',
    sessionTitle: 'The call',
    logTitle: 'Events',
    logClear: 'Clear',
    logHint: 'Every DOM event the elements dispatch, newest first: name, target element, detail.',
    status: {
      idle: 'not connected',
      connecting: 'connecting…',
      connected: 'connected',
      disconnected: 'disconnected',
      error: 'cannot connect',
    },
    failed: 'Could not start the call',
    noClient: 'Not connected yet',
    via: { relay: 'relay', tabs: 'tabs of this browser' },
  },
  zh: {
    subtitle: '本地演示',
    meTitle: '你是谁?',
    meLabel: '你的用户 ID',
    meApply: '使用此 ID',
    tabHint1: '在',
    tabLink: '第二个标签页中打开本页',
    tabHint2:
      '(或在同一网络的另一台设备上):它会有自己的 ID,并已把你的 ID 填为呼叫对象,两边即可互相呼叫。',
    callTitle: '呼叫',
    targetLabel: '对方的用户 ID',
    audioCall: '语音通话',
    videoCall: '视频通话',
    groupSummary: '多人通话',
    groupLabel: '群组 ID',
    membersLabel: '成员 ID,用逗号分隔',
    sessionTitle: '通话',
    logTitle: '事件',
    logClear: '清空',
    logHint: '元素派发的每个 DOM 事件(最新在上):名称、目标元素、detail。',
    status: {
      idle: '未连接',
      connecting: '正在连接…',
      connected: '已连接',
      disconnected: '已断开',
      error: '无法连接',
    },
    failed: '无法发起通话',
    noClient: '尚未连接',
    via: { relay: '中继', tabs: '本浏览器标签页' },
  },
};

let lang = pickLang();

function pickLang() {
  const wanted = params.get('lang') ?? localStorage.getItem('rc-demo-lang') ?? navigator.language;
  return String(wanted).toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function setLang(next) {
  lang = next;
  localStorage.setItem('rc-demo-lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  client.setAttribute('lang', next); // the elements follow the client's language
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = TEXT[next][el.dataset.i18n];
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === next));
  }
  showStatus();
}

// ---- identity and connection --------------------------------------------------------------------

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const randomId = (not) => {
  const names = NAMES.filter((n) => !not?.startsWith(`${n}-`));
  const name = names[Math.floor(Math.random() * names.length)];
  return `${name}-${1000 + Math.floor(Math.random() * 9000)}`;
};

function relayUrl() {
  const param = params.get('signal');
  if (param !== null) return param || null; // `?signal=` forces BroadcastChannel
  if (!location.protocol.startsWith('http')) return null;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}

function useId(userId) {
  sessionStorage.setItem('rc-demo-user', userId);
  document.title = `${userId} · rc-call-elements`;
  client.setAttribute('user-id', userId); // a new id reconnects by itself
  client.setAttribute('name', userId);
  const second = new URL(location.href);
  second.search = '';
  second.searchParams.set('user', randomId(userId));
  second.searchParams.set('to', userId);
  if (params.has('signal')) second.searchParams.set('signal', params.get('signal'));
  $('second-tab').href = second.href;
  showStatus();
}

let status = 'idle';

function showStatus() {
  const t = TEXT[lang];
  const via = client.hasAttribute('signal-url') ? t.via.relay : t.via.tabs;
  const who = client.getAttribute('user-id') ?? '';
  $('status-text').textContent = `${who} · ${t.status[status] ?? status} · ${via}`;
  $('status').dataset.kind = status;
}

// ---- calling ------------------------------------------------------------------------------------

const ids = (text) => text.split(/[\s,,]+/).filter(Boolean);
const mediaOf = (event) => (event.submitter?.value === 'audio' ? 'audio' : 'video');

function showError(text) {
  $('call-error').textContent = text;
  $('call-error').hidden = !text;
}

async function start(begin) {
  showError('');
  if (!client.client) return showError(TEXT[lang].noClient);
  try {
    await begin();
    $('session').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  } catch (error) {
    const code = error?.code === undefined ? '' : ` (${error.code})`;
    showError(`${TEXT[lang].failed}${code}: ${error?.message ?? error}`);
  }
}

$('call-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const target = $('target').value.trim();
  void start(() => client.call(target, mediaOf(e)));
});

$('group-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const groupId = $('group-id').value.trim();
  void start(() => client.callInGroup(groupId, ids($('members').value), mediaOf(e)));
});

$('me-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const id = $('me').value.trim();
  if (id && id !== client.getAttribute('user-id')) useId(id);
});

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => setLang(button.dataset.lang));
}

// ---- the event log ------------------------------------------------------------------------------

/** A JSON-friendly digest of an event detail: sessions, tracks and errors become short labels. */
function digest(value, depth = 0, seen = new WeakSet()) {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (typeof value.getCallId === 'function')
    return `RCCallSession(${value.getCallId().slice(0, 8)}…)`;
  if (typeof value.getTrackId === 'function') {
    const kind = value.isVideoTrack() ? 'video' : 'audio';
    return `RCTrack(${value.isLocalTrack() ? 'local' : 'remote'} ${kind})`;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (seen.has(value) || depth > 3) return '…';
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, 8).map((v) => digest(v, depth + 1, seen));
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const d = digest(v, depth + 1, seen);
    if (d !== undefined) out[key] = d;
  }
  return out;
}

function short(detail) {
  let text;
  try {
    // One line with spaces after `:` and `,`, so long details wrap between values.
    text = (JSON.stringify(digest(detail), null, 1) ?? '').replace(/\n\s*/g, ' ');
  } catch {
    text = String(detail);
  }
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

function logEvent(event) {
  const target = event.composedPath()[0];
  const item = document.createElement('li');
  item.dataset.event = event.type;
  item.dataset.target = target?.localName ?? '';
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString([], { hour12: false });
  const name = document.createElement('span');
  name.className = `name ev-${event.type}`;
  name.textContent = event.type;
  const on = document.createElement('span');
  on.className = 'target';
  on.textContent = `<${item.dataset.target}>`;
  const detail = document.createElement('code');
  detail.className = 'detail';
  detail.textContent = short(event.detail);
  item.append(time, name, on);
  // The end reason's name in RCCallEndReason, as RongCloud's docs spell it.
  const reason = event.detail?.reason ?? event.detail?.summary?.endReason;
  if (typeof reason === 'number' && RCCallEndReason[reason]) {
    const note = document.createElement('span');
    note.className = 'note';
    note.textContent = RCCallEndReason[reason];
    item.append(note);
  }
  item.append(detail);
  $('log').prepend(item);
  while ($('log').children.length > 200) $('log').lastElementChild.remove();
}

// On document, in the capture phase: every event once, whatever element it was dispatched on.
for (const type of EVENTS) document.addEventListener(type, logEvent, true);
$('log-clear').addEventListener('click', () => $('log').replaceChildren());

client.addEventListener('statuschange', (e) => {
  status = e.detail.status;
  showStatus();
});

// ---- start --------------------------------------------------------------------------------------

session.endedDuration = 10_000; // keep the end reason on screen a little longer than the default
const signal = relayUrl();
if (signal) client.setAttribute('signal-url', signal);
const me = params.get('user') || sessionStorage.getItem('rc-demo-user') || randomId();
$('me').value = me;
$('target').value = params.get('to') ?? '';
setLang(lang);
useId(me);
