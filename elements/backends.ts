import type { RCCallClient } from '../src/calllib/client.js';
import type { IInstallOptions } from '../src/calllib/types.js';
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
    readonly code: string,
    message: string,
    readonly recoverable: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface StartedBackend {
  client: RCCallClient;
  /** Stops status reporting; the element destroys the client itself. */
  stop(): void;
}

type StatusSink = (status: CallClientStatus, code?: number | string) => void;

/** The start-up function the RongCloud entry exports for the elements (see src/rongcloud). */
interface RongCloudStarter {
  startRongCloud(options: {
    appkey: string;
    token: string;
    navigators?: string[];
    name?: string;
    portraitUri?: string;
    options: IInstallOptions;
    onStatus?: (status: CallClientStatus, code?: number | string) => void;
    [key: string]: unknown;
  }): Promise<RCCallClient | { client: RCCallClient; disconnect?(): unknown; destroy?(): unknown }>;
}

export async function startBackend(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  return config.backend === 'local'
    ? startLocal(config, options, onStatus)
    : startRongCloud(config, options, onStatus);
}

async function startLocal(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  if (!config.userId)
    throw new BackendError('config/missing-user-id', 'The local backend needs a user-id', true);
  const { createLocalCallClient } = await import('../src/local/index.js');
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
    return { client, stop: () => (live = false) };
  } catch (cause) {
    live = false;
    if (cause instanceof TypeError)
      throw new BackendError('config/invalid-user-id', cause.message, true, cause);
    throw new BackendError(
      'network/offline',
      `Cannot reach the relay ${config.signalUrl ?? ''}`.trim(),
      true,
      cause,
    );
  }
}

async function startRongCloud(
  config: BackendConfig,
  options: IInstallOptions,
  onStatus: StatusSink,
): Promise<StartedBackend> {
  if (!config.appkey)
    throw new BackendError('config/missing-appkey', 'The RongCloud backend needs an appkey', true);
  if (!config.token)
    throw new BackendError('config/missing-token', 'The RongCloud backend needs a token', true);
  let mod: RongCloudStarter;
  try {
    mod = (await import(/* @vite-ignore */ RONGCLOUD_ENTRY)) as RongCloudStarter;
  } catch (cause) {
    throw new BackendError(
      'backend/unavailable',
      'The RongCloud backend could not be loaded',
      false,
      cause,
    );
  }
  if (typeof mod.startRongCloud !== 'function') {
    throw new BackendError(
      'backend/unavailable',
      'This build has no RongCloud backend (startRongCloud missing)',
      false,
    );
  }
  let live = true;
  const started = await mod.startRongCloud({
    ...config.backendOptions,
    appkey: config.appkey,
    token: config.token,
    navigators: config.navigators,
    name: config.name,
    portraitUri: config.portraitUri,
    options,
    onStatus: (status, code) => {
      if (live) onStatus(status, code);
    },
  });
  const client = 'client' in started ? started.client : started;
  return { client, stop: () => (live = false) };
}

/**
 * Where the RongCloud backend is. A variable so that bundlers leave the SDK out of the element
 * bundle; resolved against this module (the source tree in development, `dist/` in the package).
 */
const RONGCLOUD_ENTRY = new URL(
  import.meta.url.includes('/elements/') ? '../src/rongcloud/index.ts' : './rongcloud.js',
  import.meta.url,
).href;
