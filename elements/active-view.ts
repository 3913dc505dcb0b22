import { html, nothing, svg, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { tileOrder, type MemberState } from './call-members.js';
import type { Toggle } from './call-model.js';
import { isReconnecting } from './call-state.js';
import { icon, icons } from './icons.js';
import {
  action,
  formatDuration,
  groupTitle,
  hero,
  peerTitle,
  tile,
  type SessionIntents,
  type SessionView,
} from './session-views.js';
import { reasonText, type CallStrings } from './strings.js';
import './strings-in-call.js';
import './rc-call-devices.js';
import { lastSpoke, watchSpeaking } from './speaking.js';
import { watchDevices } from './device-fallback.js';
import { togglePictureInPicture } from './picture-in-picture.js';
import type { CallModel } from './call-model.js';

export { incomingView, outgoingView } from './session-views.js';

/** What follows an active call: who speaks, and devices that go away. */
export function watchActiveCall(model: CallModel): void {
  watchSpeaking(model);
  watchDevices(model);
}

/** After a call: why it ended, how long it took, and (1:1) a button that calls back. */
export function endedView({ call, strings }: SessionView, act: SessionIntents) {
  if (call.status.phase !== 'ended') return nothing;
  const { duration } = call.status.summary;
  return html`<div class="screen">
    ${hero(call.peer, call.group)}
    <h2 part="name">${peerTitle(call, strings)}</h2>
    <p part="status" class="status">${reasonText(strings, call.status.reason)}</p>
    ${duration > 0 ? html`<p part="timer" class="timer">${formatDuration(duration)}</p>` : nothing}
    ${
      call.group
        ? nothing
        : html`<div class="actions">
            ${action('call-back', 'accept', strings.callBack, icons.phone, act.callBack)}
          </div>`
    }
  </div>`;
}

/** A round icon button of the call's control bar. */
function control(
  part: string,
  label: string,
  icon: TemplateResult,
  onClick: (e: Event) => void,
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

/** A toggle's button: its label and icon say what pressing it does. */
function toggleControl(
  part: string,
  t: Toggle,
  [offLabel, onLabel]: [string, string],
  [onIcon, offIcon]: [TemplateResult, TemplateResult],
  onClick: () => void,
) {
  return control(part, t.on ? offLabel : onLabel, t.on ? onIcon : offIcon, onClick, {
    off: !t.on,
    busy: t.pending,
  });
}

const screenIcon = icon(
  svg`<rect x="2.5" y="4" width="19" height="13" rx="2"/><path d="M8 21h8M12 17v4M12 13.5V7.5M9.5 10 12 7.5l2.5 2.5"/>`,
);
const settingsIcon = icon(
  svg`<circle cx="12" cy="12" r="3"/><path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"/>`,
);
const pipIcon = icon(
  svg`<rect x="2.5" y="4.5" width="19" height="15" rx="2"/><rect x="12" y="11.5" width="7" height="5.5" rx="1"/>`,
);

/** The pip button: the videos of the session it is in. */
function pictureInPicture(this: void, e?: Event): void {
  const session = ((e?.currentTarget as Element | undefined)?.getRootNode() as ShadowRoot).host;
  if (session) void togglePictureInPicture(session).catch(() => undefined);
}

/** What this browser can do beyond the camera and microphone. */
const canShareScreen = () => !!globalThis.navigator?.mediaDevices?.getDisplayMedia;
const canPictureInPicture = () => !!globalThis.document?.pictureInPictureEnabled;

/** A tile per shared screen (first, larger), then one per member. */
function tileList(members: MemberState[]) {
  const screens = members.filter((m) => m.screen).map((m) => ({ m, screen: true }));
  return [...screens, ...members.map((m) => ({ m, screen: false }))];
}

/** One `<rc-video-tile>` per member and screen; `repeat` keeps each element (and video) as they move. */
export function tiles(members: MemberState[], strings: CallStrings) {
  return repeat(
    tileList(members),
    ({ m, screen }) => `${screen ? 'screen:' : ''}${m.userId}`,
    ({ m, screen }) =>
      screen
        ? html`<rc-video-tile
            class="screen"
            screen
            user-id=${m.userId}
            .strings=${strings}
          ></rc-video-tile>`
        : tile(m, strings),
  );
}

/**
 * The grid's size as custom properties. Set through the `style` property (CSSOM), not the attribute,
 * so that a strict CSP without 'unsafe-inline' styles allows it, as it allows `styleMap`.
 */
function gridStyle(n: number): string {
  const cols = n <= 1 ? 1 : n <= 4 ? 2 : 3;
  return `--cols:${cols};--rows:${Math.ceil(n / cols) || 1}`;
}

function inviteForm(v: SessionView, act: SessionIntents) {
  const { strings } = v;
  return html`<form
    class="invite-form"
    @submit=${act.submitInvite}
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && act.toggleInvite()}
  >
    <label>${strings.inviteLabel}<input name="users" autocomplete="off" required /></label>
    <button class="text-btn" type="submit" aria-busy=${v.call.pending.invite ? 'true' : 'false'}>
      ${strings.inviteSend}
    </button>
  </form>`;
}

/** The call in progress: title and timer, the tiles, and the control bar (`slot="controls"` adds to it). */
export function activeView(v: SessionView, act: SessionIntents) {
  const { call, strings } = v;
  const members = tileOrder(call.members.values());
  // The one who spoke last first (after screens), when the page asks for it.
  if (v.activeSpeaker && call.group) {
    const spoke = (m: MemberState) => (m.local ? -1 : lastSpoke(call.session, m.userId));
    members.sort((a, b) => spoke(b) - spoke(a));
  }
  const video = call.mediaType === 'video';
  const sharing = members.some((m) => m.screen);
  const pip = video && !call.group && members.length === 2 && !v.customTiles && !sharing;
  const count = members.length + members.filter((m) => m.screen).length;
  const connectedAt = call.status.phase === 'active' ? call.status.connectedAt : v.now;
  return html`<div class="stage">
    <div class="topbar">
      <span part="status" class="status">
        ${call.group ? groupTitle(strings, members.length) : peerTitle(call, strings)}
      </span>
      <span part="timer" class="timer">${formatDuration(v.now - connectedAt)}</span>
    </div>
    ${isReconnecting(call) ? html`<div part="banner" class="banner">${strings.reconnecting}</div>` : nothing}
    <div part="tiles" class="tiles ${pip ? 'pip' : ''}" .style=${gridStyle(count)}>
      <slot></slot>${v.customTiles ? nothing : tiles(members, strings)}
    </div>
    ${v.inviteOpen ? inviteForm(v, act) : nothing}
    ${v.settingsOpen ? html`<rc-call-devices class="devices" .strings=${strings}></rc-call-devices>` : nothing}
    <div class="controls">
      ${toggleControl('mic', call.mic, [strings.micOff, strings.micOn], [icons.mic, icons.micOff], act.mic)}
      ${video ? toggleControl('camera', call.camera, [strings.cameraOff, strings.cameraOn], [icons.camera, icons.cameraOff], act.camera) : nothing}
      ${video ? control('to-audio', strings.toAudio, icons.audioOnly, act.toAudio, { busy: call.pending.toAudio }) : nothing}
      ${video && canShareScreen() ? toggleControl('screenshare', call.screenShare, [strings.stopSharing, strings.shareScreen], [screenIcon, screenIcon], act.screenShare) : nothing}
      ${video && canPictureInPicture() ? control('pip', strings.pictureInPicture, pipIcon, pictureInPicture) : nothing}
      ${control('settings', strings.settings, settingsIcon, act.toggleSettings, { off: v.settingsOpen })}
      ${call.group ? control('invite', strings.invite, icons.addPerson, act.toggleInvite, { off: v.inviteOpen }) : nothing}
      <slot name="controls"></slot>
      ${control('hangup', strings.hangup, icons.hangup, act.hangup, { danger: true, busy: call.pending.hangup })}
    </div>
  </div>`;
}
