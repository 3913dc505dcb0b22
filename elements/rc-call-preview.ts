import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { previewStyles } from './preview-styles.js';
import { ContextConsumer } from '@lit/context';
import { AudioLevel } from './audio-level.js';
import { callStoreContext } from './context.js';
import { resolveStrings } from './lang.js';
import type { CallStore } from './store.js';
import type { CallStrings } from './strings.js';
import './rc-call-devices.js';
import './strings-in-call.js';

/** `<rc-call-preview state>`. */
export type PreviewState =
  'idle' | 'prompt' | 'ready' | 'denied' | 'no-device' | 'in-use' | 'error';

/** Which browser's settings the "denied" help names. */
function browserFamily(): 'firefox' | 'safari' | 'chromium' {
  const ua = navigator.userAgent;
  if (ua.includes('Firefox/')) return 'firefox';
  if (ua.includes('Safari/') && !/Chrom(e|ium)\//.test(ua)) return 'safari';
  return 'chromium';
}

function stateOf(error: unknown): PreviewState {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'in-use';
  return 'error';
}

/**
 * A check before a call: the user's own camera, a live microphone level, the device choices and,
 * when the camera or microphone cannot be used, what is wrong and what to do in this browser. Put
 * it inside a `<rc-call-client>`: the next call placed or answered there takes the preview's open
 * tracks as its own (no second `getUserMedia`, no second prompt); if no call follows, they stop
 * when the preview leaves the page. Loaded when a client finds one inside it.
 *
 * @summary A pre-call check: own camera, microphone level, device choices, permission help.
 *
 * @attr lang - `zh` or `en`; defaults to the client's language.
 * @attr state - Reflected, read-only: `idle`, `prompt` (waiting for the browser's prompt), `ready`, `denied`, `no-device`, `in-use`, `error`.
 *
 * @fires {CustomEvent<CallErrorEventDetail>} callerror - The camera or microphone could not be opened: `{code, message, recoverable}` (`media/permission-denied`, `media/not-found`, `media/in-use`, `media/unavailable`).
 *
 * @csspart video - Own camera (mirrored).
 * @csspart meter - The microphone level.
 * @csspart message - What is wrong and what to do.
 * @csspart retry - Try the devices again.
 */
export class RcCallPreview extends LitElement {
  static override styles = previewStyles;

  static override properties: PropertyDeclarations = {
    lang: {},
    state: { reflect: true },
    strings: { attribute: false },
    level: { state: true, attribute: false },
  };

  override lang = '';
  state: PreviewState = 'idle';
  /** Replaces some or all of the built-in phrases. */
  strings: Partial<CallStrings> | undefined;
  /** The microphone level now, 0 to 1. */
  level = 0;

  #tracks: MediaStreamTrack[] = [];
  #opening: Promise<void> | undefined;
  #audio: { context: AudioContext; timer: ReturnType<typeof setInterval> } | undefined;
  #offStore: (() => void) | undefined;
  #opened: { camera?: string; microphone?: string } = {};
  #explicit: CallStore | undefined;
  readonly #context = new ContextConsumer(this, {
    context: callStoreContext,
    subscribe: true,
    callback: () => this.#bindStore(),
  });

  /** The store of the client whose next call takes the tracks; defaults to the enclosing one. */
  get store(): CallStore | undefined {
    return this.#explicit ?? this.#context.value;
  }
  set store(store: CallStore | undefined) {
    this.#explicit = store;
    this.#bindStore();
  }

  /** The preview's open tracks (none once a call has taken them). */
  get tracks(): readonly MediaStreamTrack[] {
    return this.#tracks;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#bindStore();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offStore?.();
    this.#offStore = undefined;
    this.store?.offerPreview(undefined);
    this.stop();
  }

  /** Opens the chosen camera and microphone (again); resolves once `state` says how it went. */
  start(): Promise<void> {
    this.#opening ??= this.#open().finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  /** Stops the preview's tracks (tracks a call took are the call's). */
  stop(): void {
    this.#release();
    this.#tracks.forEach((t) => t.stop());
    this.#tracks = [];
    this.state = 'idle';
  }

  #bindStore(): void {
    this.#offStore?.();
    const store = this.store;
    // A device chosen here or elsewhere: the preview shows that one.
    this.#offStore = store?.subscribe(() => {
      const { camera, microphone } = this.#opened;
      const changed =
        store.device('camera') !== camera || store.device('microphone') !== microphone;
      if (changed && this.#tracks.length) void this.#reopen();
    });
    this.#offer();
  }

  async #reopen(): Promise<void> {
    await this.#opening;
    this.stop();
    await this.start();
  }

  async #open(): Promise<void> {
    const store = this.store;
    const camera = store?.device('camera');
    const microphone = store?.device('microphone');
    this.#opened = { camera, microphone };
    this.state = 'prompt';
    const ask = (id: string | undefined) => (id ? { deviceId: id } : true);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: ask(microphone),
        video: ask(camera),
      });
    } catch (error) {
      this.state = stateOf(error);
      const code = (
        {
          denied: 'media/permission-denied',
          'no-device': 'media/not-found',
          'in-use': 'media/in-use',
        } as const
      )[this.state as 'denied'];
      this.dispatchEvent(
        new CustomEvent('callerror', {
          detail: {
            code: code ?? 'media/unavailable',
            message: `The preview could not open the camera and microphone: ${String(error)}`,
            recoverable: true,
          },
          bubbles: true,
          composed: true,
        }),
      );
      return;
    }
    if (!this.isConnected) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.#tracks = stream.getTracks();
    this.state = 'ready';
    this.#meter(stream);
    this.#offer();
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (video) {
      video.srcObject = new MediaStream(stream.getVideoTracks());
      video.play().catch(() => undefined);
    }
  }

  /** Offers the open tracks to the client's next call; once one takes them they are its own. */
  #offer(): void {
    const tracks = this.#tracks;
    if (!tracks.length) return;
    this.store?.offerPreview({
      tracks,
      taken: () => {
        if (this.#tracks !== tracks) return;
        this.#release();
        this.#tracks = [];
        this.state = 'idle';
      },
    });
  }

  /** The microphone level, from a Web Audio analyser, ten times a second. */
  #meter(stream: MediaStream): void {
    if (typeof AudioContext === 'undefined' || !stream.getAudioTracks().length) return;
    const context = new AudioContext();
    const level = new AudioLevel(context, stream.getAudioTracks()[0]);
    const timer = setInterval(() => {
      // RMS to a 0–1 bar: -50 dBFS and below is empty, 0 dBFS full.
      const db = 20 * Math.log10(level.read() || 1e-9);
      this.level = Math.max(0, Math.min(1, (db + 50) / 50));
    }, 100);
    this.#audio = { context, timer };
  }

  #release(): void {
    if (!this.#audio) return;
    clearInterval(this.#audio.timer);
    void this.#audio.context.close().catch(() => undefined);
    this.#audio = undefined;
    this.level = 0;
  }

  #message(strings: CallStrings): string {
    switch (this.state) {
      case 'prompt':
        return strings.previewPrompt;
      case 'denied':
        return {
          firefox: strings.previewDeniedFirefox,
          safari: strings.previewDeniedSafari,
          chromium: strings.previewDeniedChromium,
        }[browserFamily()];
      case 'no-device':
        return strings.previewNoDevice;
      case 'in-use':
        return strings.previewInUse;
      case 'error':
        return strings.previewError;
      default:
        return '';
    }
  }

  override render() {
    const strings = resolveStrings(this.store?.locale, this.lang, this.strings);
    const message = this.#message(strings);
    const failed = !['idle', 'prompt', 'ready'].includes(this.state);
    return html`
      ${
        this.state === 'ready'
          ? html`<video part="video" playsinline autoplay muted></video>
              <div
                part="meter"
                class="meter"
                role="meter"
                aria-label=${strings.microphone}
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${Math.round(this.level * 100)}
                .style=${`--level:${this.level}`}
              >
                <div></div>
              </div>`
          : nothing
      }
      ${message ? html`<p part="message" role=${failed ? 'alert' : 'status'}>${message}</p>` : nothing}
      ${
        failed || this.state === 'idle'
          ? html`<button part="retry" type="button" @click=${() => void this.start()}>
              ${strings.previewRetry}
            </button>`
          : nothing
      }
      <rc-call-devices
        .store=${this.store}
        .strings=${this.strings}
        lang=${this.lang}
      ></rc-call-devices>
    `;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('rc-call-preview'))
  customElements.define('rc-call-preview', RcCallPreview);

declare global {
  interface HTMLElementTagNameMap {
    'rc-call-preview': RcCallPreview;
  }
}
