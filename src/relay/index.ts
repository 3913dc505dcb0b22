/**
 * The local backend's WebSocket relay and the `npm start` server (Node only; built to
 * `dist/relay.js`). The wire protocol is in `protocol.ts`.
 */
export { attachRelay } from './attach.js';
export type { RelayOptions } from './options.js';
export type { Relay } from './relay.js';
export {
  createRelayServer,
  startDevServer,
  type DevServerOptions,
  type RelayServer,
  type RelayServerOptions,
} from './server.js';
export { createStaticHandler, mimeType, type StaticRoute } from './static.js';
export {
  AUTH_CLOSE_CODE,
  createSignalToken,
  verifySignalToken,
  type SignalTokenOptions,
  type TokenCheck,
} from './token.js';
export { turnCredentials, type TurnOptions, type TurnServer } from './turn.js';
export { ID_PATTERN, isValidId, parseClientFrame } from './protocol.js';
export type { AuthFrame, ParsedFrame, RelayErrorCode, SendFrame, ServerFrame } from './protocol.js';
