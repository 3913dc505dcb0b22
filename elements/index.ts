/**
 * rc-call-elements: `<rc-call-client>`, `<rc-call-session>` and `<rc-video-tile>`, defined on import
 * (a tag already defined is left alone), plus the CallLib enums and every CallLib type.
 *
 * The engine's classes and helpers (`RCCallClient`, `RCCallSession`, `decodeSignal`, …) are values
 * of `rc-call-elements/calllib` only: the elements never need them before a backend makes a client,
 * and every backend imports the engine itself, so this entry stays small (the engine comes with the
 * backend, when `<rc-call-client>` connects). Their types are exported here too.
 */
import { RcCallClient } from './rc-call-client.js';
import { RcCallSession } from './rc-call-session.js';
import { RcVideoTile } from './rc-video-tile.js';

// Each tag once (a page may load the elements twice: the first definition stays), and the client
// first, so that its context provider is ready before its children ask for it. Nothing is defined
// where there is no DOM (Node).
if (typeof customElements !== 'undefined') {
  if (!customElements.get('rc-call-client')) customElements.define('rc-call-client', RcCallClient);
  if (!customElements.get('rc-call-session'))
    customElements.define('rc-call-session', RcCallSession);
  if (!customElements.get('rc-video-tile')) customElements.define('rc-video-tile', RcVideoTile);
}

declare global {
  interface HTMLElementTagNameMap {
    'rc-call-client': RcCallClient;
    'rc-call-session': RcCallSession;
    'rc-video-tile': RcVideoTile;
  }
}

export * from '../src/calllib/enums.js';
export type * from '../src/calllib/index.js';
export { RcCallClient, RcCallSession, RcVideoTile };
export { CallStore } from './store.js';
export {
  toMediaType,
  type CallExtras,
  type ClientFactory,
  type Locale,
  type MediaTypeInput,
} from './call-options.js';
export { CallError } from './error-codes.js';
export type { CallModel } from './call-model.js';
export type { CallStart, CallState, MediaKind, PendingActions, Toggle } from './call-state.js';
export type { CallInput, CallPhase, CallStatus } from './call-status.js';
export type { MemberState } from './call-members.js';
export type { CallErrorCode } from './error-codes.js';
export type { SessionState } from './rc-call-session.js';
// Defined when their code loads (see README): the in-call screen's, or a client's preview.
export type { RcCallDevices } from './rc-call-devices.js';
export type { RcCallPreview, PreviewState } from './rc-call-preview.js';
export type { DeviceInfo, DeviceKind, DeviceLists } from './device-choice.js';
export { callStoreContext, callContext } from './context.js';
export { en, zh, stringsFor, type CallStrings, type CallLang } from './strings.js';
export type { Tone } from './sounds.js';
export * from './events.js';
