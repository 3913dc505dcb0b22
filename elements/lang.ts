import { browserLang, parseLang, stringsFor, type CallLang, type CallStrings } from './strings.js';
import type { CallStore } from './store.js';

/**
 * The language of an element: its own `lang`, else its client's, else the browser's. Strings are
 * the table of that language with the client's and then the element's overrides on top.
 */
export function resolveLang(ownLang: string, store: CallStore | undefined): CallLang {
  return parseLang(ownLang) ?? store?.lang ?? browserLang();
}

export function resolveStrings(
  store: CallStore | undefined,
  ownLang: string,
  own: Partial<CallStrings> | undefined,
): CallStrings {
  const lang = resolveLang(ownLang, store);
  const base = store?.strings ? stringsFor(lang, store.strings) : stringsFor(lang);
  return own ? { ...base, ...own, endReasons: { ...base.endReasons, ...own.endReasons } } : base;
}
