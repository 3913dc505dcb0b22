/**
 * Entry of `dist/rc-call.global.js`, the classic `<script src>` build: defines the three elements
 * (through `index.js`) and puts the whole API on `window.RCCall`.
 *
 * ```html
 * <script src="https://unpkg.com/rc-call-elements/dist/rc-call.global.js"></script>
 * <script>
 *   const { RCCallMediaType } = window.RCCall;
 * </script>
 * ```
 */
import * as RCCall from './index.js';

declare global {
  interface Window {
    /** The exports of `rc-call-elements`, set by `rc-call.global.js`. */
    RCCall: typeof RCCall;
  }
}

window.RCCall = RCCall;
