import { RCCallClient } from '../calllib/client.js';
import type { IInstallOptions } from '../calllib/types.js';
import { BroadcastTransport } from './broadcast-transport.js';
import { LocalMedia, type LocalMediaInspection } from './media.js';
import { LocalSignaling } from './signaling.js';
import { randomId, type LocalTransportStatus, type Transport } from './transport.js';
import { WsTransport, relayUrl } from './ws-transport.js';

/** Options of {@link createLocalCallClient}: CallLib's install options plus the backend's own. */
export interface LocalCallClientOptions extends IInstallOptions {
  /** Who this client is. With a relay: 1–64 of `A–Z a–z 0–9 _ . @ : -`. */
  userId: string;
  /** Relay URL (`ws://` or `wss://`, e.g. `ws://127.0.0.1:8000/signal`); absent: BroadcastChannel between tabs. */
  signal?: string;
  /** CallLib `deviceId` sent with call messages; default: random, kept in `localStorage`. */
  deviceId?: string;
  /** BroadcastChannel name when there is no relay (tests isolate themselves with their own). */
  channelName?: string;
  /**
   * The relay's token for this user (a relay started with a secret needs one; see
   * `createSignalToken`). Sent in the first frame, never in the URL. A bad or expired one fails
   * the connection with an error whose `code` is `auth/token-invalid`, and nothing retries.
   */
  signalToken?: string;
  /**
   * The relay asks for a new token before `signalToken` expires: give it one with
   * `client.setSignalToken(token)` and the connection, and every call, carries on.
   */
  onSignalTokenExpiring?(): void;
  /** The relay closed an open connection for its token (it expired unrenewed, or a renewal was bad). */
  onSignalError?(error: { code: 'auth/token-invalid'; message: string }): void;
  /**
   * Passed to every `RTCPeerConnection` (ICE servers for calls across networks). TURN credentials
   * the relay hands out (`RC_TURN_URLS`) are added to its `iceServers`.
   */
  rtcConfiguration?: RTCConfiguration;
  /**
   * A call's connection got no relay address from its TURN servers (refused credentials, or
   * unreachable): with `iceTransportPolicy: 'relay'`, or between networks, it cannot connect.
   */
  onNetworkError?(error: { code: 'network/turn-failed'; message: string }): void;
  /** The connection to the relay (or the channel) changed state. */
  onStatusChange?(status: LocalTransportStatus): void;
}

/** What {@link LocalCallClient.inspect} reports: for tests and debugging teardown. */
export interface LocalClientInspection extends LocalMediaInspection {
  status: LocalTransportStatus;
  /** CallLib device id (per browser). */
  deviceId: string;
  /** Transport endpoint id (per tab / connection). */
  endpointId: string;
}

export const DEFAULT_CHANNEL_NAME = 'rc-call-local';
const DEVICE_KEY = 'rc-call-elements:device-id';
const ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,64}$/;

/** The CallLib client of the local backend: `RCCallClient` plus its connection status. */
export class LocalCallClient extends RCCallClient {
  constructor(
    private readonly localSignaling: LocalSignaling,
    private readonly localMedia: LocalMedia,
    options: IInstallOptions,
  ) {
    super(localSignaling, localMedia, options);
  }

  /** `connecting`, `connected` or `disconnected` (the relay reconnects by itself). */
  getStatus(): LocalTransportStatus {
    return this.localSignaling.status;
  }

  /** Calls `listener` on every status change; returns a function that stops it. */
  onStatusChange(listener: (status: LocalTransportStatus) => void): () => void {
    return this.localSignaling.onStatus(listener);
  }

  /** Hands the relay a new token (see `onSignalTokenExpiring`); without a relay it does nothing. */
  setSignalToken(token: string): void {
    const transport = this.localSignaling.transport;
    if (transport instanceof WsTransport) transport.setToken(token);
  }

  /** Tracks, peer connections and rooms this client holds or held. */
  inspect(): LocalClientInspection {
    return {
      ...this.localMedia.inspect(),
      status: this.localSignaling.status,
      deviceId: this.localSignaling.getDeviceId(),
      endpointId: this.localSignaling.transport.deviceId,
    };
  }

  /** Hangs up every session, stops every device, closes every connection and the transport. */
  override async destroy(): Promise<void> {
    await super.destroy();
    await this.localMedia.close();
    this.localSignaling.close();
  }
}

/**
 * Creates a CallLib client on the local backend (real WebRTC, no account) and resolves once it is
 * connected. Rejects with a `TypeError` for a bad `userId` or `signal`, and with an `Error` when
 * the relay cannot be reached.
 */
export async function createLocalCallClient(
  options: LocalCallClientOptions,
): Promise<LocalCallClient> {
  const { userId, signal } = options ?? {};
  if (typeof userId !== 'string' || !userId.trim()) {
    throw new TypeError('createLocalCallClient: userId must be a non-empty string');
  }
  const deviceId = options.deviceId ?? persistentDeviceId();
  const endpointId = `${deviceId.replace(/[^A-Za-z0-9_.@:-]/g, '_').slice(0, 48)}-${randomId(6)}`;
  let transport: Transport;
  if (signal !== undefined && signal !== '') {
    relayUrl(String(signal), userId, endpointId);
    if (!ID_PATTERN.test(userId)) {
      throw new TypeError(
        'createLocalCallClient: with a relay, userId must be 1–64 of A–Z a–z 0–9 _ . @ : -',
      );
    }
    transport = new WsTransport(String(signal), userId, endpointId, {
      token: options.signalToken,
      onExpiring: () => options.onSignalTokenExpiring?.(),
      onRefused: (error) => options.onSignalError?.({ code: error.code, message: error.message }),
    });
  } else {
    transport = new BroadcastTransport(
      userId,
      endpointId,
      options.channelName ?? DEFAULT_CHANNEL_NAME,
    );
  }
  const signaling = new LocalSignaling(transport, deviceId, options.onStatusChange);
  await signaling.start();
  const media = new LocalMedia(signaling, options.rtcConfiguration, (message) =>
    options.onNetworkError?.({ code: 'network/turn-failed', message }),
  );
  return new LocalCallClient(signaling, media, options);
}

function persistentDeviceId(): string {
  try {
    const storage = globalThis.localStorage;
    const known = storage?.getItem(DEVICE_KEY);
    if (known) return known;
    const fresh = randomId(16);
    storage?.setItem(DEVICE_KEY, fresh);
    return fresh;
  } catch {
    // Storage disabled (privacy mode, sandboxed iframe): one id per page.
    return randomId(16);
  }
}
