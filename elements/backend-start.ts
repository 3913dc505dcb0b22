/**
 * Starts the backends once their code has loaded (a chunk of its own, fetched with them): maps
 * their failures to `callerror` codes and stops their reports once the element lets them go.
 */
import type { IInstallOptions } from '../src/calllib/types.js';
import type { RongCloudErrorCode } from '../src/rongcloud/codes.js';
import {
  BackendError,
  type BackendConfig,
  type BackendSinks,
  type StartedBackend,
  type StatusSink,
} from './backends.js';
import type { CallErrorCode } from './error-codes.js';

type LocalModule = typeof import('../src/local/index.js');
type RongCloudModule = typeof import('../src/rongcloud/index.js');

export async function startLocal(
  mod: LocalModule,
  config: BackendConfig,
  options: IInstallOptions,
  sinks: BackendSinks,
): Promise<StartedBackend> {
  let live = true;
  try {
    const client = await mod.createLocalCallClient({
      ...config.backendOptions,
      ...options,
      userId: config.userId!,
      ...(config.signalUrl ? { signal: config.signalUrl } : {}),
      ...(config.signalToken ? { signalToken: config.signalToken } : {}),
      onStatusChange: (status) => {
        if (live) sinks.onStatus(status);
      },
      onSignalTokenExpiring: () => {
        if (live) sinks.onTokenExpiring?.();
      },
      onSignalError: (error) => {
        if (live) sinks.onStatus('error', { ...error, recoverable: false });
      },
      onNetworkError: (error) => {
        if (live) sinks.onError?.({ ...error, recoverable: true });
      },
    });
    return {
      client,
      userId: config.userId,
      stop: () => (live = false),
      renewToken: (token) => client.setSignalToken(token),
    };
  } catch (cause) {
    live = false;
    if (cause instanceof TypeError) {
      throw new BackendError('config/invalid-user-id', cause.message, true, cause);
    }
    const failure = cause as { code?: unknown; message?: unknown };
    if (failure?.code === 'auth/token-invalid') {
      throw new BackendError('auth/token-invalid', String(failure.message), false, cause);
    }
    const where = config.signalUrl ? ` ${config.signalUrl}` : '';
    throw new BackendError('network/offline', `Cannot reach the relay${where}`, true, cause);
  }
}

export async function startRongCloud(
  mod: RongCloudModule,
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  let live = true;
  let started = false;
  try {
    const connection = await mod.startRongCloud({
      ...config.backendOptions,
      appkey: config.appkey!,
      token: config.token!,
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
