import { html, nothing, type TemplateResult } from 'lit';
import { visibleMembers, type CallState, type MemberState, type Toggle } from './call-state.js';
import { icons } from './icons.js';
import type { RcVideoTile } from './rc-video-tile.js';
import type { CallStore } from './store.js';
import { format, reasonText, type CallStrings } from './strings.js';
import { isSafeImageUrl } from './validation.js';

/** What the session templates need; built by `<rc-call-session>` on every render. */
export interface SessionView {
  call: CallState;
  store: CallStore;
  strings: CallStrings;
  now: number;
  /** The page slotted its own tiles. */
  customTiles: boolean;
  inviteOpen: boolean;
}

/** The intents the buttons send to the session element. */
export interface SessionIntents {
  accept(): void;
  acceptAudio(): void;
  hangup(): void;
  mic(): void;
  camera(): void;
  toAudio(): void;
  toggleInvite(): void;
  submitInvite(e: SubmitEvent): void;
}

function displayName(m: { userId: string; name?: string } | undefined): string {
  return m?.name || m?.userId || '';
}

function hero(info: { userId: string; name?: string; portraitUri?: string }, group: boolean) {
  if (!group && isSafeImageUrl(info.portraitUri)) {
    return html`<img
      part="avatar"
      class="hero"
      src=${info.portraitUri}
      alt=""
      referrerpolicy="no-referrer"
    />`;
  }
  const initial = group ? '' : ([...displayName(info).trim()][0]?.toUpperCase() ?? '');
  return html`<div part="avatar" class="hero" aria-hidden="true">${initial || icons.person}</div>`;
}

function peerTitle(v: SessionView): string {
  const { call, strings } = v;
  if (!call.group) return displayName(call.members.get(call.peer.userId) ?? call.peer);
  // A group call rings with the inviter's name; otherwise it is the group's call.
  if (call.incoming && call.phase === 'incoming')
    return displayName(call.members.get(call.peer.userId) ?? call.peer);
  return strings.groupCall;
}

function action(
  part: string,
  kind: string,
  label: string,
  icon: TemplateResult,
  onClick: () => void,
  busy = false,
) {
  return html`<button
    part=${part}
    class="action ${kind}"
    aria-busy=${busy ? 'true' : 'false'}
    @click=${onClick}
  >
    <span class="disc">${icon}</span><span>${label}</span>
  </button>`;
}

function control(
  part: string,
  label: string,
  icon: TemplateResult,
  onClick: () => void,
  opts: { off?: boolean; busy?: boolean; danger?: boolean } = {},
) {
  return html`<button
    part=${part}
    class="ctl ${opts.off ? 'off' : ''} ${opts.danger ? 'danger' : ''}"
    aria-label=${label}
    title=${label}
    aria-busy=${opts.busy ? 'true' : 'false'}
    @click=${onClick}
  >
    ${icon}
  </button>`;
}

export function idleView(strings: CallStrings) {
  return html`<div class="screen idle">
    <span part="status" class="status">${icons.phone}<br />${strings.noCall}</span>
  </div>`;
}

export function incomingView(v: SessionView, act: SessionIntents) {
  const { call, strings } = v;
  const video = call.mediaType === 'video';
  const caller = displayName(call.members.get(call.peer.userId) ?? call.peer);
  return html`<div class="screen">
    ${hero(call.members.get(call.peer.userId) ?? call.peer, false)}
    <h2 part="name">${caller}</h2>
    <p part="status" class="status">
      ${video ? strings.incomingVideo : strings.incomingAudio}${call.group ? ` · ${strings.groupCall}` : ''}
    </p>
    <div class="actions">
      ${action('decline', 'danger', strings.decline, icons.hangup, act.hangup, call.busy.hangup)}
      ${video ? action('accept-audio', 'accept', strings.acceptAudio, icons.phone, act.acceptAudio, call.busy.accept) : nothing}
      ${action('accept', 'accept', video ? strings.accept : strings.acceptAudio, video ? icons.camera : icons.phone, act.accept, call.busy.accept)}
    </div>
  </div>`;
}

export function outgoingView(v: SessionView, act: SessionIntents) {
  const { call, strings } = v;
  const self = [...call.members.values()].find((m) => m.local);
  const preview = call.mediaType === 'video' && self?.video && !self.videoMuted;
  return html`${preview ? tile(v, self, 'preview') : nothing}
    <div class="screen ${preview ? 'over-video' : ''}">
      ${hero(call.peer, call.group)}
      <h2 part="name">${peerTitle(v)}</h2>
      <p part="status" class="status">${call.ringing ? strings.ringing : strings.calling}</p>
      <div class="actions">
        ${action('hangup', 'danger', strings.cancel, icons.hangup, act.hangup, call.busy.hangup)}
      </div>
    </div>`;
}

function tile(v: SessionView, m: MemberState, cls = '') {
  return html`<rc-video-tile
    class=${cls}
    .store=${v.store}
    call-id=${v.call.callId}
    user-id=${m.userId}
    .strings=${v.strings}
  ></rc-video-tile>`;
}

/** The members that get a tile, in tile order. */
function tileMembers(call: CallState): MemberState[] {
  return visibleMembers(call).slice(0, 9);
}

/**
 * Keeps one `<rc-video-tile>` per member of the active view (none when the page slotted its own)
 * after the slot of `grid`, in tile order; Lit leaves the grid's children to this. A member keeps
 * the same element, and so its video, when the order changes or others come and go (what the
 * `repeat` directive did, for less code).
 */
export function syncTiles(grid: Element, v: SessionView): void {
  const members = v.customTiles ? [] : tileMembers(v.call);
  const old = new Map<string, RcVideoTile>();
  for (const t of grid.querySelectorAll<RcVideoTile>(':scope > rc-video-tile'))
    old.set(t.getAttribute('user-id')!, t);
  const tiles = members.map((m) => {
    let t = old.get(m.userId);
    old.delete(m.userId);
    if (!t) {
      t = document.createElement('rc-video-tile');
      t.setAttribute('user-id', m.userId);
    }
    t.store = v.store;
    if (t.getAttribute('call-id') !== v.call.callId) t.setAttribute('call-id', v.call.callId);
    t.strings = v.strings;
    return t;
  });
  for (const t of old.values()) t.remove();
  let at = grid.querySelector(':scope > slot')!.nextSibling;
  for (const t of tiles) {
    if (t === at) at = at.nextSibling;
    else grid.insertBefore(t, at);
  }
}

function columns(n: number): number {
  return n <= 1 ? 1 : n <= 4 ? 2 : 3;
}

/**
 * The grid's size as custom properties. Set through the `style` property (CSSOM), not the attribute,
 * so that a strict CSP without 'unsafe-inline' styles allows it, as it allows `styleMap`.
 */
function gridStyle(n: number): string {
  const cols = columns(n);
  return `--cols:${cols};--rows:${Math.ceil(n / cols) || 1}`;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function activeView(v: SessionView, act: SessionIntents) {
  const { call, strings } = v;
  const members = tileMembers(call);
  const video = call.mediaType === 'video';
  const pip = video && !call.group && members.length === 2 && !v.customTiles;
  const mic: Toggle = call.mic;
  const cam: Toggle = call.camera;
  const title = call.group
    ? `${strings.groupCall} · ${format(strings.members, { n: members.length })}`
    : peerTitle(v);
  return html`<div class="stage">
    <div class="topbar">
      <span part="status" class="status">${title}</span>
      <span part="timer" class="timer">${clock(v.now - (call.connectedAt ?? v.now))}</span>
    </div>
    <div part="tiles" class="tiles ${pip ? 'pip' : ''}" .style=${gridStyle(members.length)}>
      <slot></slot>
    </div>
    ${
      v.inviteOpen
        ? html`<form
            class="invite-form"
            @submit=${act.submitInvite}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && act.toggleInvite()}
          >
            <label>${strings.inviteLabel}<input name="users" autocomplete="off" required /></label>
            <button class="text-btn" type="submit" aria-busy=${call.busy.invite ? 'true' : 'false'}>
              ${strings.inviteSend}
            </button>
          </form>`
        : nothing
    }
    <div class="controls">
      ${control('mic', mic.on ? strings.micOff : strings.micOn, mic.on ? icons.mic : icons.micOff, act.mic, { off: !mic.on, busy: mic.pending })}
      ${
        video
          ? control(
              'camera',
              cam.on ? strings.cameraOff : strings.cameraOn,
              cam.on ? icons.camera : icons.cameraOff,
              act.camera,
              { off: !cam.on, busy: cam.pending },
            )
          : nothing
      }
      ${video ? control('to-audio', strings.toAudio, icons.audioOnly, act.toAudio, { busy: call.busy.toAudio }) : nothing}
      ${call.group ? control('invite', strings.invite, icons.addPerson, act.toggleInvite, { off: v.inviteOpen }) : nothing}
      ${control('hangup', strings.hangup, icons.hangup, act.hangup, { danger: true, busy: call.busy.hangup })}
    </div>
  </div>`;
}

export function endedView(v: SessionView) {
  const { call, strings } = v;
  const duration = call.summary?.duration ?? 0;
  return html`<div class="screen">
    ${hero(call.peer, call.group)}
    <h2 part="name">${peerTitle(v)}</h2>
    <p part="status" class="status">${reasonText(strings, call.endReason)}</p>
    ${duration > 0 ? html`<p part="timer" class="timer">${clock(duration)}</p>` : nothing}
  </div>`;
}

/** The view of the call's phase, or the idle view when there is no call. */
export function callView(v: SessionView | undefined, act: SessionIntents, strings: CallStrings) {
  if (!v) return idleView(strings);
  switch (v.call.phase) {
    case 'incoming':
      return incomingView(v, act);
    case 'outgoing':
      return outgoingView(v, act);
    case 'active':
      return activeView(v, act);
    default:
      return endedView(v);
  }
}

export function soundButton(strings: CallStrings, onClick: () => void) {
  return html`<button part="enable-sound" class="text-btn sound" @click=${onClick}>
    ${icons.sound}${strings.enableSound}
  </button>`;
}
