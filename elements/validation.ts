/**
 * Attribute parsing. Each parser returns the normalised value, or an `issue` (a `config/…` code and a
 * message) and the fallback the element uses instead. Elements never throw on a bad attribute.
 */
import type { CallErrorCode } from './error-codes.js';

export interface Parsed<T> {
  value: T;
  issue?: { code: CallErrorCode; message: string };
}

const ok = <T>(value: T): Parsed<T> => ({ value });
const bad = <T>(value: T, code: CallErrorCode, message: string): Parsed<T> => ({
  value,
  issue: { code, message },
});

export type Backend = 'local' | 'rongcloud';

export function parseBackend(raw: string | null, hasAppkey: boolean): Parsed<Backend> {
  const fallback: Backend = hasAppkey ? 'rongcloud' : 'local';
  if (raw === null || raw.trim() === '') return ok(fallback);
  const v = raw.trim().toLowerCase();
  if (v === 'local' || v === 'rongcloud') return ok(v);
  return bad(fallback, 'config/invalid-backend', `backend="${raw}" is not "local" or "rongcloud"`);
}

/** RongCloud ids (user ids, app keys): letters, digits and `_-+=.@`, at most 64 characters. */
const ID = /^[A-Za-z0-9_\-+=.@]{1,64}$/;

export function parseUserId(raw: string | null): Parsed<string | undefined> {
  if (raw === null || raw === '') return ok(undefined);
  if (ID.test(raw)) return ok(raw);
  return bad(
    undefined,
    'config/invalid-user-id',
    `user-id="${raw}" must be 1–64 letters, digits or _-+=.@`,
  );
}

export function parseAppkey(raw: string | null): Parsed<string | undefined> {
  if (raw === null || raw.trim() === '') return ok(undefined);
  const v = raw.trim();
  if (ID.test(v)) return ok(v);
  return bad(undefined, 'config/invalid-appkey', `appkey="${raw}" is not a RongCloud app key`);
}

export function parseToken(raw: string | null): Parsed<string | undefined> {
  if (raw === null || raw.trim() === '') return ok(undefined);
  const v = raw.trim();
  if (/^[\x21-\x7e]{1,1024}$/.test(v)) return ok(v);
  return bad(undefined, 'config/invalid-token', 'token contains spaces or unprintable characters');
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function parseNavigators(raw: string | null): Parsed<string[]> {
  if (raw === null) return ok([]);
  const parts = raw.split(/[\s,]+/).filter(Boolean);
  const good = parts.filter((p) => isUrl(p, ['http:', 'https:']));
  if (good.length === parts.length) return ok(good);
  return bad(good, 'config/invalid-navigators', `navigators must be http(s) URLs: "${raw}"`);
}

export function parseSignalUrl(raw: string | null): Parsed<string | undefined> {
  if (raw === null || raw.trim() === '') return ok(undefined);
  if (isUrl(raw.trim(), ['ws:', 'wss:'])) return ok(raw.trim());
  return bad(
    undefined,
    'config/invalid-signal-url',
    `signal-url="${raw}" is not a ws:// or wss:// URL; using BroadcastChannel between tabs`,
  );
}

/** Seconds, more than 0 and at most an hour: `timeout` (default 60), `reconnect-timeout` (30). */
export function parseTimeout(raw: string | null, name = 'timeout', fallback = 60): Parsed<number> {
  if (raw === null || raw.trim() === '') return ok(fallback);
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0 && n <= 3600) return ok(n);
  return bad(
    fallback,
    'config/invalid-timeout',
    `${name}="${raw}" must be seconds between 0 and 3600; using ${fallback}`,
  );
}

export function parseName(raw: string | null): Parsed<string | undefined> {
  if (raw === null) return ok(undefined);
  const v = raw.trim();
  if (v.length <= 64) return ok(v || undefined);
  return bad(v.slice(0, 64), 'config/invalid-name', 'name is longer than 64 characters; cut');
}

/** Image URLs we are willing to put in `<img src>`: http, https, or an inline image. */
export function isSafeImageUrl(value: string | undefined | null): value is string {
  if (!value) return false;
  const v = value.trim();
  if (/^data:image\/(png|jpeg|gif|webp|avif);/i.test(v)) return true;
  return isUrl(v, ['http:', 'https:']);
}

export function parseImageUrl(
  raw: string | null,
  attr: 'portrait' | 'avatar',
): Parsed<string | undefined> {
  if (raw === null || raw.trim() === '') return ok(undefined);
  if (isSafeImageUrl(raw)) return ok(raw.trim());
  return bad(
    undefined,
    `config/invalid-${attr}`,
    `${attr} must be an http(s) or data:image URL; ignored`,
  );
}

/** `lang`: `zh`, `en` or a regional form of them (`zh-CN`); empty means "inherit". */
export function parseLangAttr(raw: string | null): Parsed<0> {
  if (!raw || /^(zh|en)([-_][A-Za-z0-9]+)*$/i.test(raw.trim())) return ok(0);
  return bad(0, 'config/invalid-lang', `lang="${raw}" is not zh or en; using the default`);
}

/**
 * Reports each bad value once: the same issue for the same attribute is not repeated until the
 * attribute changes to a good value or to another bad one.
 */
export class IssueTracker {
  readonly #seen = new Map<string, string>();

  constructor(private readonly report: (code: CallErrorCode, message: string) => void) {}

  check<T>(key: string, raw: string | null, parsed: Parsed<T>): T {
    const mark = parsed.issue ? `${parsed.issue.code}|${raw}` : undefined;
    if (mark === undefined) this.#seen.delete(key);
    else if (this.#seen.get(key) !== mark) {
      this.#seen.set(key, mark);
      this.report(parsed.issue!.code, parsed.issue!.message);
    }
    return parsed.value;
  }
}
