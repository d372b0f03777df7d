import type { Catalogue } from './catalogue';
import { zhCN } from './zh-CN/catalogue';
import { enUS } from './en-US/catalogue';

// The UI language: zh-CN (default) or en-US, chosen in 设置 and kept in this window's localStorage. Switching
// reloads the window, so every text — including ones computed when a module loads — comes from one catalogue.

export type { Catalogue } from './catalogue';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const KEY = 'studio.locale';

// the window's storage and location, typed here so the catalogue also loads under plain Node (unit tests)
const win = globalThis as {
  localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  location?: { reload(): void };
};
const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'en-US': enUS };

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

function storedLocale(): Locale {
  try {
    const v = win.localStorage?.getItem(KEY);
    return isLocale(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The language this window shows. */
export const locale: Locale = storedLocale();

/** Every UI text, in the current language. */
export const t: Catalogue = CATALOGUES[locale];

/** The catalogue of a language (tests, the language picker's own labels). */
export function catalogueOf(l: Locale): Catalogue {
  return CATALOGUES[l];
}

/** Keep the choice and reload the window in that language. */
export function switchLocale(next: Locale): void {
  if (next === locale) return;
  win.localStorage?.setItem(KEY, next);
  win.location?.reload();
}
