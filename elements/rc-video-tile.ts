import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { CallBinding } from './call-binding.js';
import type { MemberState } from './call-members.js';
import { createCallEvent } from './events.js';
import { icons } from './icons.js';
import type { CallStore } from './store.js';
import { resolveStrings } from './lang.js';
import { tileStyles } from './tile-styles.js';
import { IssueTracker, isSafeImageUrl, parseImageUrl, parseLangAttr } from './validation.js';
import { format, type CallStrings } from './strings.js';
import type { RCTrack } from '../src/calllib/types.js';

/** The badge's spoken name for each quality it shows. */
const QUALITY = { fair: 'qualityFair', poor: 'qualityPoor', lost: 'qualityLost' } as const;

/**
 * One member of a call: their video, or their avatar and name when there is no video.
 *
 * @summary Shows one call member's video (remote members' audio too) with name, avatar and mute state.
 *
 * @attr user-id - The member to show.
 * @attr call-id - The call; defaults to the enclosing `<rc-call-session>`'s.
 * @attr name - Name to show when the call does not know one.
 * @attr avatar - Avatar URL (http, https or data:image) when the call does not know one.
 * @attr lang - `zh` or `en`; defaults to the client's language.
 * @attr local - Reflected: this is the local user (video mirrored, audio never played).
 * @attr audio-muted - Reflected: the member's microphone is off.
 * @attr video-muted - Reflected: the member's camera is off or they have no video.
 * @attr speaking - Reflected: the member is speaking now (never while muted); style it with `:host([speaking])` or `rc-video-tile[speaking]`.
 * @attr reconnecting - Reflected: this member's link (the local tile: ours) is down and being restored; the tile says so.
 * @attr quality - Reflected: how this member's link is doing (the local tile: our uplink), `good`, `fair`, `poor` or `lost`, once measured; a badge shows the last three.
 * @attr screen - This tile shows the member's shared screen (whole, `object-fit: contain`), not their camera.
 *
 * @fires {CustomEvent<TrackReadyEventDetail>} trackready - A track of this member is ready (`onTrackReady`): `{session, track, userId, local, kind}`.
 * @fires {CustomEvent<MuteChangeEventDetail>} mutechange - This member muted or unmuted (`onAudioMuteChange` / `onVideoMuteChange`): `{session, muteUser: {userId, muted, kind, trackId}}`.
 * @fires {CustomEvent<ConnectionStateEventDetail>} connectionstate - This member's link (the local tile: ours) went down or came back (`onConnectionStateChange`): `{session, userId, state: 'reconnecting' | 'connected'}`.
 * @fires {CustomEvent<NetworkQualityEventDetail>} networkquality - This member's link quality changed (`onNetworkQuality`, at most once a second): `{session, userId, quality, rtt?, loss?, jitter?}`.
 * @fires {CustomEvent<CallErrorEventDetail>} callerror - A bad `avatar` (`config/invalid-avatar`) or `lang` (`config/invalid-lang`), or its sound was blocked (`autoplay/blocked`): `{code, message, recoverable, cause?}`.
 *
 * @csspart video - The `<video>` element.
 * @csspart avatar - The avatar image or initials.
 * @csspart label - The name.
 * @csspart muted-indicator - The muted-microphone badge.
 * @csspart quality - The network badge (`quality` fair, poor or lost).
 *
 * @cssprop --rc-call-tile-aspect - Tile aspect ratio (default `4 / 3`).
 * @cssprop --rc-call-tile-bg - Tile background.
 * @cssprop --rc-call-tile-fg - Tile text colour.
 * @cssprop --rc-call-tile-radius - Tile corner radius (default `--rc-call-radius`, 16px).
 * @cssprop --rc-call-avatar-bg - Background of the initials avatar.
 * @cssprop --rc-call-video-fit - `object-fit` of the video (default `cover`).
 * @cssprop --rc-call-danger - Colour of the muted badge.
 * @cssprop --rc-call-speaking - Colour of the outline of a member who speaks (default green).
 */
export class RcVideoTile extends LitElement {
  static override styles = tileStyles;

  static override properties: PropertyDeclarations = {
    userId: { attribute: 'user-id' },
    callId: { attribute: 'call-id' },
    name: {},
    avatar: {},
    lang: {},
    local: { type: Boolean, reflect: true },
    audioMuted: { type: Boolean, reflect: true, attribute: 'audio-muted' },
    videoMuted: { type: Boolean, reflect: true, attribute: 'video-muted' },
    screen: { type: Boolean, reflect: true },
    speaking: { type: Boolean, reflect: true },
    reconnecting: { type: Boolean, reflect: true },
    quality: { reflect: true },
    strings: { attribute: false },
    hasFrame: { state: true, attribute: false },
  };

  userId = '';
  callId: string | undefined;
  name: string | undefined;
  avatar: string | undefined;
  override lang = '';
  local = false;
  audioMuted = false;
  videoMuted = true;
  /** Whether the member speaks now (read-only; reflected). */
  speaking = false;
  /** Whether this member's link is down (read-only; reflected). */
  reconnecting = false;
  /** How this member's link is doing, once measured (read-only; reflected). */
  quality: 'good' | 'fair' | 'poor' | 'lost' | undefined;
  /** Shows the member's shared screen instead of their camera. */
  screen = false;
  /** Replaces some or all of the built-in phrases. */
  strings: Partial<CallStrings> | undefined;

  /** The `<video>` has a frame to show (until then, and while muted, the avatar covers it). */
  private hasFrame = false;

  readonly #binding = new CallBinding(this, {
    callId: () => this.callId,
    otherwise: 'enclosing',
    userId: () => this.userId,
  });
  readonly #issues = new IssueTracker((code, message) =>
    this.dispatchEvent(createCallEvent('callerror', { code, message, recoverable: true })),
  );
  #video: RCTrack | undefined;
  #audio: RCTrack | undefined;

  /** The store to read; overrides the one of the enclosing `<rc-call-client>` or session. */
  get store(): CallStore | undefined {
    return this.#binding.store;
  }
  set store(store: CallStore | undefined) {
    this.#binding.explicit = store;
  }

  /** The call this tile shows (`call-id`, else the enclosing session's). */
  get boundCallId(): string | undefined {
    return this.#binding.call?.callId;
  }

  /** The member's state in the call, if the call knows them. */
  get member(): MemberState | undefined {
    const members = this.#binding.call?.state.members;
    if (!members) return undefined;
    return (
      members.get(this.userId) ??
      [...members.values()].find((m) => m.local && m.userId === this.userId)
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detachMedia();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('callId')) this.#binding.refresh();
    const m = this.member;
    if (m) {
      this.local = m.local;
      this.audioMuted = m.audioMuted || !m.audio;
      this.videoMuted = this.screen ? !m.screen : m.videoMuted || !m.video;
      this.speaking = !this.screen && !this.audioMuted && !!m.speaking;
      this.reconnecting = !!m.reconnecting;
      this.quality = m.quality;
    }
    if (changed.has('lang')) this.#issues.check('lang', this.lang, parseLangAttr(this.lang));
    if (changed.has('avatar'))
      this.#issues.check(
        'avatar',
        this.avatar ?? null,
        parseImageUrl(this.avatar ?? null, 'avatar'),
      );
  }

  override render() {
    const m = this.member;
    const strings = resolveStrings(this.store?.locale, this.lang, this.strings);
    const name = m?.name || this.name || this.userId;
    const label = this.screen
      ? format(strings.screenOf, { name })
      : m?.local
        ? `${name} (${strings.you})`
        : name;
    const avatar = [m?.portraitUri, this.avatar].find(isSafeImageUrl);
    const showVideo = !this.videoMuted && this.hasFrame;
    return html`
      <video
        part="video"
        class=${this.videoMuted ? 'off' : ''}
        playsinline
        autoplay
        .muted=${this.local}
        @loadeddata=${this.#onFrame}
        @resize=${this.#onFrame}
        @emptied=${this.#onFrame}
      ></video>
      ${
        showVideo
          ? nothing
          : html`<div class="placeholder">
              ${
                avatar
                  ? html`<img
                      part="avatar"
                      class="avatar"
                      src=${avatar}
                      alt=""
                      referrerpolicy="no-referrer"
                    />`
                  : html`<div part="avatar" class="avatar" aria-hidden="true">
                      ${initial(name)}
                    </div>`
              }
            </div>`
      }
      <div class="overlay">
        <span part="label" class="label">${label}</span>
        ${m?.status === 'waiting' || this.reconnecting ? html`<span class="label wait">${this.reconnecting ? strings.reconnecting : strings.calling}</span>` : nothing}
        ${
          this.quality && this.quality !== 'good' && !this.screen
            ? html`<span
                part="quality"
                class="badge q"
                role="img"
                aria-label=${strings[QUALITY[this.quality]]}
                >${icons.audioOnly}</span
              >`
            : nothing
        }
        ${
          this.audioMuted && !this.screen && (m?.audio || m?.local)
            ? html`<span
                part="muted-indicator"
                class="badge"
                role="img"
                aria-label=${strings.mutedAudio}
                >${icons.micOff}</span
              >`
            : nothing
        }
      </div>
    `;
  }

  #onFrame(e: Event): void {
    this.hasFrame = (e.target as HTMLVideoElement).videoWidth > 0;
  }

  override updated(): void {
    const video = this.renderRoot.querySelector('video');
    const m = this.member;
    if (!video) return;
    // A screen tile shows the picture only: the member's sound plays in their camera tile.
    if (this.screen) this.#attachMedia(video, m?.screen, undefined);
    else this.#attachMedia(video, m?.video, m && !m.local ? m.audio : undefined);
    const speaker = this.store?.device('speaker');
    if (!this.local && speaker && 'setSinkId' in video && video.sinkId !== speaker) {
      // A speaker that is gone leaves the sound where it was.
      video.setSinkId(speaker).catch(() => undefined);
    }
  }

  #attachMedia(video: HTMLVideoElement, v: RCTrack | undefined, a: RCTrack | undefined): void {
    if (v === this.#video && a === this.#audio) return;
    this.#video = v;
    this.#audio = a;
    const real = [v?.getMediaStreamTrack?.(), a?.getMediaStreamTrack?.()].filter(
      (t): t is MediaStreamTrack => !!t,
    );
    if (real.length) {
      video.srcObject = new MediaStream(real);
      this.#play(() => video.play());
      return;
    }
    video.srcObject = null;
    if (v) void v.play(video);
    if (a) this.#play(() => a.play());
  }

  #play(start: () => Promise<unknown>): void {
    start().catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError') {
        this.store?.reportAutoplayBlocked(start, { callId: this.boundCallId, userId: this.userId });
      }
    });
  }

  #detachMedia(): void {
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    this.#video = this.#audio = undefined;
  }
}

function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}
