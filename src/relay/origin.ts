/** Origins a relay accepts besides the page's own. */
export interface AllowedOrigins {
  any: boolean;
  listed: ReadonlySet<string>;
}

/** `https://App.example:443/` and `https://app.example` name the same origin; compare them alike. */
function normalise(origin: string): string | undefined {
  if (origin === 'null') return 'null';
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** Reads `RC_SIGNAL_ORIGINS`-style input: comma-separated origins, `*` for any. */
export function parseOrigins(value: string | readonly string[] | undefined): AllowedOrigins {
  const items = typeof value === 'string' ? value.split(',') : (value ?? []);
  const listed = new Set<string>();
  let any = false;
  for (const item of items.map((s) => s.trim()).filter(Boolean)) {
    if (item === '*') any = true;
    const origin = normalise(item);
    if (origin) listed.add(origin);
  }
  return { any, listed };
}

/**
 * Browsers always send `Origin` on a WebSocket upgrade, so its absence means a non-browser client,
 * which no page can steer and which is let in. A page may connect from its own origin (the Origin's
 * host equals the Host it addressed) or from a listed one.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: AllowedOrigins,
): boolean {
  if (origin === undefined || allowed.any) return true;
  const normalised = normalise(origin);
  if (normalised === undefined) return false;
  if (allowed.listed.has(normalised)) return true;
  if (normalised === 'null' || host === undefined) return false;
  const page = new URL(normalised);
  // Parse Host with the page's scheme so `example.com:80` and `example.com` compare equal.
  return normalise(`${page.protocol}//${host}`) === page.origin;
}
