/**
 * `startRongCloud(options)`: the whole RongCloud start-up for `<rc-call-client appkey token>`.
 *
 * Contract (for the element and any other host):
 * - Returns a promise and never throws synchronously. It resolves with a {@link RongCloudConnection}
 *   `{client, userId, disconnect()}` once the IM connection is up, and rejects with a plain
 *   {@link RongCloudStartError} object `{code, message, recoverable, imCode?}` (never an `Error`)
 *   otherwise. `code` is a `callerror` code: `config/missing-appkey`, `config/missing-token`,
 *   `config/invalid` (also: another appkey than the page's first one), `network/offline`
 *   (navigation or socket failed: offline, firewall, DNS),
 *   `auth/token-invalid`, `auth/appkey-invalid`, `auth/user-blocked`, `auth/kicked`,
 *   `rtc/unsupported` (plugin-rtc refused the page: not https and not localhost), `connection/failed`.
 * - `onStatus(status, error?)` reports every change: `'connecting'` when it starts, then
 *   `'connected'`, or `'error'` with the same object the promise rejects with. After a successful
 *   start: `'connecting'` while IMLib reconnects by itself, `'connected'` again, `'error'` with
 *   `auth/kicked` (another device logged in) or another code when the server ends the connection,
 *   and `'disconnected'` after `disconnect()`. After `'error'` or `'disconnected'` the connection is
 *   over and cleaned up; start again to retry. A throwing `onStatus` is logged and ignored.
 * - One connection per page (IMLib is a singleton): a new start first disconnects the previous one.
 *   IMLib is initialised once per page with the first start's appkey, navigators and `rtcOptions`;
 *   a later start with another appkey or navigators fails with `config/invalid` (reload the page).
 *   Each start builds a fresh CallLib client with its own `options`.
 * - `disconnect()` is idempotent and never rejects: it ends every call (leaving the RTC rooms and
 *   stopping the devices), destroys the CallLib client and disconnects IM. IMLib itself is kept
 *   (see page-sdk.ts for why it is never destroyed); a later start connects it again.
 * - The RongCloud SDK is loaded on the first call only (dynamic import): pages that never start
 *   RongCloud never fetch it. It is this module's own IMLib; a page that already uses IMLib itself
 *   should install {@link installer} on its own IMLib instead.
 */
import type { IRCRTCInitOptions } from '@rongcloud/plugin-rtc';
import type { RCCallClient } from '../calllib/client.js';
import type { IInstallOptions } from '../calllib/types.js';
import { connectionErrorCode } from './codes.js';
import {
  Connection,
  isStartError,
  startError,
  type ConnectionSlot,
  type RongCloudStartError,
  type RongCloudStatus,
} from './connection.js';
import { createRongCloudCallClient } from './installer.js';
import { AppkeyMismatchError, pageSdk, type PageSdk } from './page-sdk.js';
import { IMCode } from './sdk.js';

export type { RongCloudStartError, RongCloudStatus } from './connection.js';

export interface RongCloudStartOptions {
  appkey: string;
  token: string;
  /** Private-cloud navigation URLs. */
  navigators?: string[];
  /** Own user info sent with every call message (`registerUserInfo`). */
  name?: string;
  portraitUri?: string;
  /** CallLib install options (`onSession`, `onSessionClose`, `timeout`, `lang`, …). */
  options: IInstallOptions;
  /** plugin-rtc options (`mediaServer`, `timeout`, `pingGap`, …). */
  rtcOptions?: IRCRTCInitOptions;
  onStatus?(status: RongCloudStatus, error?: RongCloudStartError): void;
}

export interface RongCloudConnection {
  client: RCCallClient;
  /** The connected user's id (from the token). */
  userId: string;
  disconnect(): Promise<void>;
}

const active: ConnectionSlot = {};
/** Bumped by every start: an older start that is still on its way gives up. */
let generation = 0;

/** Starts RongCloud IM + RTC + CallLib; see the contract at the top of this file. */
export async function startRongCloud(start: RongCloudStartOptions): Promise<RongCloudConnection> {
  const report = statusReporter(start?.onStatus);
  const fail = (error: RongCloudStartError): never => {
    report('error', error);
    throw error;
  };
  if (!nonEmpty(start?.appkey)) fail(startError('config/missing-appkey', 'appkey is empty'));
  if (!nonEmpty(start.token)) fail(startError('config/missing-token', 'token is empty'));
  const mine = ++generation;
  const superseded = () => mine !== generation;
  const supersededError = () => startError('connection/failed', 'a newer start replaced this one');
  report('connecting');
  await active.current?.disconnect();

  let sdk: PageSdk;
  try {
    sdk = await pageSdk(start.appkey.trim(), start.navigators ?? [], start.rtcOptions ?? {});
  } catch (thrown) {
    if (thrown instanceof AppkeyMismatchError) {
      return fail(startError('config/invalid', thrown.message));
    }
    return fail(startError('connection/failed', 'the RongCloud SDK could not be loaded'));
  }
  if (superseded()) return fail(supersededError());
  if (!sdk.rtcClient) {
    return fail(startError('rtc/unsupported', 'plugin-rtc needs https or localhost'));
  }
  const connection = new Connection(sdk.im, report, active);
  try {
    const client = createRongCloudCallClient(sdk.context, {
      ...start.options,
      rtcClient: sdk.rtcClient,
    });
    connection.client = client;
    client.registerUserInfo(profileOf(start));
    connection.listen();
    const result = await sdk.im.connect(start.token);
    if (superseded()) throw supersededError();
    if (result.code !== IMCode.SUCCESS || !result.data) {
      const { code, recoverable } = connectionErrorCode(result.code);
      const message = `connect failed with IM code ${result.code}`;
      throw startError(code, message, recoverable, result.code);
    }
    if (connection.ended) throw startError('connection/failed', 'disconnected while connecting');
    connection.connected = true;
    report('connected');
    return { client, userId: result.data.userId, disconnect: () => connection.disconnect() };
  } catch (thrown) {
    await connection.teardown();
    return fail(isStartError(thrown) ? thrown : startError('config/invalid', String(thrown)));
  }
}

function statusReporter(onStatus: RongCloudStartOptions['onStatus']) {
  return (status: RongCloudStatus, error?: RongCloudStartError) => {
    try {
      onStatus?.(status, error);
    } catch (thrown) {
      console.error('[rc-call] onStatus threw', thrown);
    }
  };
}

function profileOf(start: RongCloudStartOptions): { name?: string; portraitUri?: string } {
  const profile: { name?: string; portraitUri?: string } = {};
  if (nonEmpty(start.name)) profile.name = start.name;
  if (nonEmpty(start.portraitUri)) profile.portraitUri = start.portraitUri;
  return profile;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
