import type { RCCallClient } from '../src/calllib/client.js';
import type { IInstallOptions } from '../src/calllib/types.js';
import type { CallErrorCode } from './error-codes.js';
import type { CallClientStatus } from './events.js';
import type { Backend } from './validation.js';

/** Everything a backend needs, from the client element's attributes. */
export interface BackendConfig {
  backend: Backend;
  userId?: string;
  signalUrl?: string;
  appkey?: string;
  token?: string;
  /** The local backend's relay token (`signal-token`). */
  signalToken?: string;
  navigators: string[];
  name?: string;
  portraitUri?: string;
  /** Extra options passed through to the backend (`rtcConfiguration`, `channelName`, …). */
  backendOptions?: Record<string, unknown>;
}

/** A backend failed to start: `code` is a `callerror` code. */
export class BackendError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
    readonly recoverable: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface StartedBackend {
  client: RCCallClient;
  /** The user the backend connected as (RongCloud: from the token). */
  userId?: string;
  /** Stops status reporting and closes the backend's connection; the store destroys the client. */
  stop(): void;
  /** Local backend with a relay: hands it a new `signal-token` without reconnecting. */
  renewToken?(token: string): void;
}

/** A backend's connection status changed; `error` when it failed or was ended by the server. */
export type StatusSink = (status: CallClientStatus, error?: BackendFailure) => void;

/** What a backend reports besides its status. */
export interface BackendSinks {
  onStatus: StatusSink;
  /** The relay asks for a new `signal-token` before the current one expires. */
  onTokenExpiring?(): void;
  /** A failure that leaves the connection up (a call's TURN server refused it). */
  onError?(failure: BackendFailure): void;
}

export interface BackendFailure {
  code: CallErrorCode;
  message: string;
  recoverable: boolean;
}

/**
 * Starts the backend `config` names, with the store's install `options`. The starters are a chunk
 * of their own, fetched together with the backend and the engine (in dist/ the engine is
 * `calllib.js`, which the backend's file imports: the browser would only ask for it once that file
 * had arrived).
 */
export async function connectBackend(
  config: BackendConfig,
  options: IInstallOptions,
  sinks: BackendSinks,
): Promise<StartedBackend> {
  if (config.backend === 'local') {
    if (!config.userId) {
      throw new BackendError('config/missing-user-id', 'The local backend needs a user-id', true);
    }
    const [start, local] = await Promise.all([
      import('./backend-start.js'),
      import('../src/local/index.js'),
      import('../src/calllib/index.js'),
    ]);
    return start.startLocal(local, config, options, sinks);
  }
  if (!config.appkey) {
    throw new BackendError('config/missing-appkey', 'The RongCloud backend needs an appkey', true);
  }
  if (!config.token) {
    throw new BackendError('config/missing-token', 'The RongCloud backend needs a token', true);
  }
  // Loaded only when used: the RongCloud SDK stays out of pages on the local backend.
  let start: typeof import('./backend-start.js');
  let rongcloud: typeof import('../src/rongcloud/index.js');
  try {
    [start, rongcloud] = await Promise.all([
      import('./backend-start.js'),
      import('../src/rongcloud/index.js'),
      import('../src/calllib/index.js'),
    ]);
  } catch (cause) {
    throw new BackendError(
      'backend/unavailable',
      'The RongCloud backend could not be loaded',
      false,
      cause,
    );
  }
  return start.startRongCloud(rongcloud, config, options, sinks.onStatus);
}
