/**
 * The local backend: CallLib over real WebRTC between tabs (BroadcastChannel) or devices (the
 * WebSocket relay of `npm start`), no account needed.
 *
 * ```ts
 * import { createLocalCallClient } from 'rc-call-elements/local';
 * const caller = await createLocalCallClient({ userId: 'alice', onSession, onSessionClose });
 * ```
 */
export {
  createLocalCallClient,
  DEFAULT_CHANNEL_NAME,
  LocalCallClient,
  type LocalCallClientOptions,
  type LocalClientInspection,
} from './client.js';
export type { LocalTransportStatus } from './transport.js';
export { toMediaStreamConstraints } from './devices.js';
export * from '../calllib/index.js';
