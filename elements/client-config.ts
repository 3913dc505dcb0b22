import type { BackendConfig } from './backends.js';
import type { CallErrorCode } from './error-codes.js';
import * as v from './validation.js';

/** The attributes of `<rc-call-client>` as strings (absent: `undefined`). */
export interface ClientAttributes {
  backend?: string;
  appkey?: string;
  token?: string;
  navigators?: string;
  userId?: string;
  signalUrl?: string;
  signalToken?: string;
  name?: string;
  portrait?: string;
  lang?: string;
  timeout?: string | number;
  reconnectTimeout?: string | number;
}

export interface ClientConfig extends BackendConfig {
  timeoutMs: number;
  reconnectTimeoutMs: number;
}

const need = (missing: boolean, code: CallErrorCode, message: string): v.Parsed<0> =>
  missing ? { value: 0, issue: { code, message } } : { value: 0 };

/**
 * Reads every attribute, reporting each bad value once through `issues` and falling back to a
 * working value. `hasFactory`: a client factory replaces the backend, so its inputs are optional.
 */
export function readClientConfig(
  a: ClientAttributes,
  issues: v.IssueTracker,
  hasFactory: boolean,
): ClientConfig {
  const check = <T>(
    key: string,
    raw: string | undefined,
    parse: (raw: string | null) => v.Parsed<T>,
  ) => issues.check(key, raw ?? null, parse(raw ?? null));
  const appkey = check('appkey', a.appkey, v.parseAppkey);
  const token = check('token', a.token, v.parseToken);
  const backend = check('backend', a.backend, (raw) => v.parseBackend(raw, !!appkey));
  const timeout = check('timeout', a.timeout?.toString(), v.parseTimeout);
  const reconnect = check('reconnect-timeout', a.reconnectTimeout?.toString(), (raw) =>
    v.parseTimeout(raw, 'reconnect-timeout', 30),
  );
  check('lang', a.lang, v.parseLangAttr);
  if (backend === 'rongcloud' && !hasFactory) {
    const noToken = !!appkey && !token;
    issues.check(
      'need-token',
      String(noToken),
      need(noToken, 'config/missing-token', 'appkey is set but token is missing'),
    );
    const noAppkey = !!token && !a.appkey;
    issues.check(
      'need-appkey',
      String(noAppkey),
      need(noAppkey, 'config/missing-appkey', 'token is set but appkey is missing'),
    );
  }
  return {
    backend,
    appkey,
    token,
    timeoutMs: Math.round(timeout * 1000),
    reconnectTimeoutMs: Math.round(reconnect * 1000),
    userId: check('user-id', a.userId, v.parseUserId),
    signalUrl: check('signal-url', a.signalUrl, v.parseSignalUrl),
    signalToken: a.signalToken?.trim() || undefined,
    navigators: check('navigators', a.navigators, v.parseNavigators),
    name: check('name', a.name, v.parseName),
    portraitUri: check('portrait', a.portrait, (raw) => v.parseImageUrl(raw, 'portrait')),
  };
}

/** Whether the backend has what it needs to connect. */
export function isReady(c: BackendConfig, hasFactory: boolean): boolean {
  if (hasFactory) return true;
  return c.backend === 'local' ? !!c.userId : !!(c.appkey && c.token);
}

/** What a connection depends on: a change of any of these reconnects. */
export function connectionKey(c: ClientConfig, extra: unknown[]): unknown[] {
  return [
    c.backend,
    // RongCloud: the user id comes from the token and is only reflected.
    c.backend === 'local' ? c.userId : '',
    c.signalUrl,
    c.signalToken,
    c.appkey,
    c.token,
    c.navigators.join(' '),
    c.timeoutMs,
    c.reconnectTimeoutMs,
    ...extra,
  ];
}

export function sameKey(a: unknown[] | undefined, b: unknown[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}
