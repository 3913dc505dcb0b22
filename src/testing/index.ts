/**
 * An in-memory network of CallLib clients with a fake IM server, fake RTC rooms and fake tracks: for
 * testing call UIs (Node or browser) without devices, servers or accounts.
 */
export {
  createMemoryNetwork,
  IM_NOT_CONNECTED,
  IM_NOT_IN_GROUP,
  type MemoryNetwork,
  type MemoryNetworkOptions,
  type SentSignal,
} from './memory-network.js';
export { FakeTrack } from './fake-track.js';
