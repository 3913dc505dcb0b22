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

function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag))
    customElements.define(tag, ctor);
}

// The client first, so its context provider is ready before its children ask for it.
define('rc-call-client', RcCallClient);
define('rc-call-session', RcCallSession);
define('rc-video-tile', RcVideoTile);

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
export {
  CallStore,
  CallError,
  toMediaType,
  type ClientFactory,
  type CallExtras,
  type MediaTypeInput,
  type StoreEvent,
} from './store.js';
export type { CallState, CallPhase, MemberState, Toggle } from './call-state.js';
export type { SessionState } from './rc-call-session.js';
export { callStoreContext, callIdContext } from './context.js';
export { en, zh, stringsFor, type CallStrings, type CallLang } from './strings.js';
export { CallSounds, type Tone } from './sounds.js';
export * from './events.js';
