import {
  browserLang,
  parseLang,
  stringsFor,
  withStrings,
  type CallLang,
  type CallStrings,
} from './strings.js';
import type { Locale } from './call-options.js';

/**
 * The language of an element: its own `lang`, else its client's, else the browser's. Strings are
 * the table of that language with the client's and then the element's overrides on top.
 */
export function resolveLang(ownLang: string, locale: Locale | undefined): CallLang {
  return parseLang(ownLang) ?? locale?.lang ?? browserLang();
}

export function resolveStrings(
  locale: Locale | undefined,
  ownLang: string,
  own: Partial<CallStrings> | undefined,
): CallStrings {
  const base = stringsFor(resolveLang(ownLang, locale), locale?.strings);
  return withStrings(base, own);
}
