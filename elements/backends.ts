import type { RCCallClient } from '../src/calllib/client.js';
import type { IInstallOptions } from '../src/calllib/types.js';
import type { RongCloudErrorCode } from '../src/rongcloud/codes.js';
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
}

/** A backend's connection status changed; `error` when it failed or was ended by the server. */
export type StatusSink = (status: CallClientStatus, error?: BackendFailure) => void;

export interface BackendFailure {
  code: CallErrorCode;
  message: string;
  recoverable: boolean;
}

/** Starts the backend `config` names, with the store's install `options`. */
export async function connectBackend(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  return config.backend === 'local'
    ? connectLocal(config, options, onStatus)
    : connectRongCloud(config, options, onStatus);
}

/**
 * Imports a backend and, at the same time, the engine: in dist/ the engine is `calllib.js`, which
 * the backend's file imports, and the browser would only ask for it once that file had arrived.
 */
function withEngine<T>(backend: Promise<T>): Promise<T> {
  return Promise.all([backend, import('../src/calllib/index.js')]).then(([mod]) => mod);
}

async function connectLocal(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  if (!config.userId) {
    throw new BackendError('config/missing-user-id', 'The local backend needs a user-id', true);
  }
  const { createLocalCallClient } = await withEngine(import('../src/local/index.js'));
  let live = true;
  try {
    const client = await createLocalCallClient({
      ...config.backendOptions,
      ...options,
      userId: config.userId,
      ...(config.signalUrl ? { signal: config.signalUrl } : {}),
      onStatusChange: (status) => {
        if (live) onStatus(status);
      },
    });
    return { client, userId: config.userId, stop: () => (live = false) };
  } catch (cause) {
    live = false;
    if (cause instanceof TypeError) {
      throw new BackendError('config/invalid-user-id', cause.message, true, cause);
    }
    const where = config.signalUrl ? ` ${config.signalUrl}` : '';
    throw new BackendError('network/offline', `Cannot reach the relay${where}`, true, cause);
  }
}

// Loaded only when used: the RongCloud SDK stays out of pages on the local backend.
async function connectRongCloud(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  if (!config.appkey) {
    throw new BackendError('config/missing-appkey', 'The RongCloud backend needs an appkey', true);
  }
  if (!config.token) {
    throw new BackendError('config/missing-token', 'The RongCloud backend needs a token', true);
  }
  let mod: typeof import('../src/rongcloud/index.js');
  try {
    mod = await withEngine(import('../src/rongcloud/index.js'));
  } catch (cause) {
    throw new BackendError(
      'backend/unavailable',
      'The RongCloud backend could not be loaded',
      false,
      cause,
    );
  }
  let live = true;
  let started = false;
  try {
    const connection = await mod.startRongCloud({
      ...config.backendOptions,
      appkey: config.appkey,
      token: config.token,
      navigators: config.navigators,
      name: config.name,
      portraitUri: config.portraitUri,
      options,
      onStatus: (status, error) => {
        if (live && status !== 'error') onStatus(status);
        // Errors while starting are reported by the rejection below; later ones (kicked) here.
        if (live && status === 'error' && started) onStatus('error', error);
      },
    });
    started = true;
    return {
      client: connection.client,
      userId: connection.userId,
      stop: () => {
        live = false;
        void connection.disconnect();
      },
    };
  } catch (cause) {
    live = false;
    // startRongCloud rejects with a RongCloudStartError, whose codes are callerror codes.
    const e = cause as { code?: RongCloudErrorCode; message?: unknown; recoverable?: unknown };
    const code: CallErrorCode = typeof e?.code === 'string' ? e.code : 'connection/failed';
    const message = typeof e?.message === 'string' ? e.message : String(cause);
    throw new BackendError(code, message, e?.recoverable !== false, cause);
  }
}
