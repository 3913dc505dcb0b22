import { html, nothing, type TemplateResult } from 'lit';
import { displayName, type MemberState } from './call-members.js';
import type { CallState } from './call-model.js';
import { icons } from './icons.js';
import { format, peerName, type CallStrings } from './strings.js';
import { isSafeImageUrl } from './validation.js';

/** What the session templates show; built by `<rc-call-session>` on every render. */
export interface SessionView {
  call: CallState;
  strings: CallStrings;
  /** `Date.now()` of this render (the timer). */
  now: number;
  /** The page slotted its own tiles. */
  customTiles: boolean;
  inviteOpen: boolean;
  settingsOpen: boolean;
  /** Put the member who spoke last first (`active-speaker`). */
  activeSpeaker: boolean;
}

/** What the buttons ask of the session element. */
export interface SessionIntents {
  accept(): void;
  acceptAudio(): void;
  hangup(): void;
  mic(): void;
  camera(): void;
  toAudio(): void;
  screenShare(): void;
  callBack(): void;
  toggleInvite(): void;
  toggleSettings(): void;
  submitInvite(e: SubmitEvent): void;
}

/** The large avatar of the other side; a page's `slot="avatar"` replaces it. */
export function hero(
  info: { userId: string; name?: string; portraitUri?: string },
  group: boolean,
) {
  const avatar =
    !group && isSafeImageUrl(info.portraitUri)
      ? html`<img
          part="avatar"
          class="hero"
          src=${info.portraitUri}
          alt=""
          referrerpolicy="no-referrer"
        />`
      : html`<div part="avatar" class="hero" aria-hidden="true">
          ${(!group && [...displayName(info).trim()][0]?.toUpperCase()) || icons.person}
        </div>`;
  return html`<slot name="avatar">${avatar}</slot>`;
}

/** The title: the other side's name, or "Group call" (a group call rings with the inviter's name). */
export function peerTitle(call: CallState, strings: CallStrings): string {
  if (!call.group || (call.incoming && call.status.phase === 'incoming')) return peerName(call);
  return strings.groupCall;
}

/** A labelled round button of the incoming and outgoing screens. */
export function action(
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

export function incomingView({ call, strings }: SessionView, act: SessionIntents) {
  const video = call.mediaType === 'video';
  const busy = call.pending.accept;
  return html`<div class="screen">
    ${hero(call.members.get(call.peer.userId) ?? call.peer, false)}
    <h2 part="name">${peerName(call)}</h2>
    <p part="status" class="status">
      ${video ? strings.incomingVideo : strings.incomingAudio}${call.group ? ` · ${strings.groupCall}` : ''}
    </p>
    <div class="actions">
      <slot name="incoming-actions"></slot>
      ${action('decline', 'danger', strings.decline, icons.hangup, act.hangup, call.pending.hangup)}
      ${video ? action('accept-audio', 'accept', strings.acceptAudio, icons.phone, act.acceptAudio, busy) : nothing}
      ${action('accept', 'accept', video ? strings.accept : strings.acceptAudio, video ? icons.camera : icons.phone, act.accept, busy)}
    </div>
  </div>`;
}

/** The tile of one member. */
export function tile(m: MemberState, strings: CallStrings, cls = '') {
  return html`<rc-video-tile class=${cls} user-id=${m.userId} .strings=${strings}></rc-video-tile>`;
}

export function outgoingView(v: SessionView, act: SessionIntents) {
  const { call, strings } = v;
  const ringing = call.status.phase === 'outgoing' && call.status.ringing;
  const self = [...call.members.values()].find((m) => m.local);
  const preview = call.mediaType === 'video' && self?.video && !self.videoMuted;
  return html`${preview ? tile(self, strings, 'preview') : nothing}
    <div class="screen ${preview ? 'over-video' : ''}">
      ${hero(call.peer, call.group)}
      <h2 part="name">${peerTitle(call, strings)}</h2>
      <p part="status" class="status">${ringing ? strings.ringing : strings.calling}</p>
      <div class="actions">
        ${action('hangup', 'danger', strings.cancel, icons.hangup, act.hangup, call.pending.hangup)}
      </div>
    </div>`;
}

/** `00:05`, `12:34`, `1:02:05`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The group call's title: "Group call · 3 people". */
export function groupTitle(strings: CallStrings, members: number): string {
  return `${strings.groupCall} · ${format(strings.members, { n: members })}`;
}
