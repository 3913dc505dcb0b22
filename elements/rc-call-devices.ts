import { css, html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { callStoreContext } from './context.js';
import type { DeviceInfo, DeviceKind, DeviceLists } from './device-choice.js';
import { listDevices } from './device-lists.js';
import { resolveStrings } from './lang.js';
import type { CallStore } from './store.js';
import type { CallStrings } from './strings.js';
import './strings-in-call.js';

/**
 * The camera, microphone and speaker choices of the enclosing `<rc-call-client>`: one list each
 * (the speaker's only where the browser can choose), and, until the browser may tell the devices'
 * names, a button that asks for them. Choosing one mid-call switches the call to it. The call
 * bar's settings panel and `<rc-call-preview>` show one; a page can place its own. Loaded with the
 * in-call screen or the preview.
 *
 * @summary Camera, microphone and speaker choices of the enclosing client.
 *
 * @attr lang - `zh` or `en`; defaults to the client's language.
 *
 * @csspart select - Each device list.
 * @csspart allow - The button that asks for the devices (shown while their names are hidden).
 */
export class RcCallDevices extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 8px;
      font: inherit;
      color: inherit;
    }
    label {
      display: grid;
      gap: 4px;
      font-size: 0.875em;
    }
    select,
    button {
      font: inherit;
      min-height: 32px;
      border-radius: 8px;
    }
  `;

  static override properties: PropertyDeclarations = {
    lang: {},
    strings: { attribute: false },
    lists: { state: true, attribute: false },
  };

  override lang = '';
  /** Replaces some or all of the built-in phrases. */
  strings: Partial<CallStrings> | undefined;
  /** The devices, once listed. */
  private lists: DeviceLists | undefined;
  #explicit: CallStore | undefined;
  readonly #context = new ContextConsumer(this, {
    context: callStoreContext,
    subscribe: true,
    callback: () => this.requestUpdate(),
  });

  /** The store whose choices these are; defaults to the enclosing client's. */
  get store(): CallStore | undefined {
    return this.#explicit ?? this.#context.value;
  }
  set store(store: CallStore | undefined) {
    this.#explicit = store;
    this.requestUpdate();
  }

  readonly #refresh = () => {
    listDevices().then(
      (lists) => (this.lists = lists),
      () => undefined,
    );
  };

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#refresh);
    this.#refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#refresh);
  }

  /** Asks for the camera and microphone once, so that the lists can name them. */
  async #allow(): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      stream.getTracks().forEach((t) => t.stop());
    } catch {
      // Denied or missing: the lists stay as they are; the browser's own prompt said why.
    }
    this.#refresh();
  }

  #choose(kind: DeviceKind, e: Event): void {
    this.store?.setDevice(kind, (e.target as HTMLSelectElement).value || undefined);
    this.requestUpdate();
  }

  #list(kind: DeviceKind, label: string, devices: DeviceInfo[], strings: CallStrings) {
    const chosen = this.store?.device(kind) ?? '';
    const known = devices.some((d) => d.deviceId === chosen);
    return html`<label
      >${label}
      <select part="select" name=${kind} @change=${(e: Event) => this.#choose(kind, e)}>
        <option value="" ?selected=${!known}>${strings.defaultDevice}</option>
        ${devices.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === chosen}>
              ${d.label || `${label} ${i + 1}`}
            </option>`,
        )}
      </select>
    </label>`;
  }

  override render() {
    const strings = resolveStrings(this.store?.locale, this.lang, this.strings);
    const lists = this.lists;
    if (!lists) return nothing;
    return html`
      ${
        lists.needsPermission
          ? html`<button part="allow" type="button" @click=${() => void this.#allow()}>
              ${strings.allowDevices}
            </button>`
          : nothing
      }
      ${this.#list('camera', strings.camera, lists.cameras, strings)}
      ${this.#list('microphone', strings.microphone, lists.microphones, strings)}
      ${
        lists.speakers.length
          ? this.#list('speaker', strings.speaker, lists.speakers, strings)
          : nothing
      }
    `;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('rc-call-devices'))
  customElements.define('rc-call-devices', RcCallDevices);

declare global {
  interface HTMLElementTagNameMap {
    'rc-call-devices': RcCallDevices;
  }
}
