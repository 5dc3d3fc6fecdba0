// Locale helpers shared by every page: UI strings through one `t()`, localized content text
// with a visible fallback, locale-prefixed paths, and locale-aware numbers, dates and sorting.
// Everything here is pure (no Astro imports) so it is unit-tested directly.
import { zhHant, type MessageKey } from '../i18n/zh-Hant.ts';
import { en } from '../i18n/en.ts';
import type { LocalizedText } from '../schemas/common.ts';

export type Locale = 'zh-Hant' | 'en';
export const LOCALES: readonly Locale[] = ['zh-Hant', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-Hant';
export type { MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-Hant': zhHant, en };

/**
 * A UI string in `locale`, with `{name}` placeholders replaced from `vars`.
 * An unknown placeholder is left as written so a missing value is visible, never silently blank.
 */
export function t(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? dictionaries[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The `<html lang>` value of a locale (BCP 47; zh-Hant is published for Taiwan). */
export function htmlLang(locale: Locale): string {
  return locale === 'zh-Hant' ? 'zh-Hant-TW' : 'en';
}

/** The other locale (the language switch target). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-Hant' ? 'en' : 'zh-Hant';
}

/**
 * A site path in a locale. `path` is locale-neutral and starts with "/" (e.g. "/cycles/x/");
 * zh-Hant lives at the root, English under "/en".
 */
export function localePath(locale: Locale, path: string): string {
  if (!path.startsWith('/')) throw new Error(`localePath: path must start with "/", got "${path}"`);
  return locale === 'zh-Hant' ? path : `/en${path}`;
}

/** The locale-neutral path of a site path ("/en/cycles/x/" → "/cycles/x/"). */
export function neutralPath(path: string): string {
  if (path === '/en' || path === '/en/') return '/';
  return path.startsWith('/en/') ? path.slice(3) : path;
}

/** A localized text picked for display: the text, its language, and whether it is a fallback. */
export interface Picked {
  text: string;
  /** Locale the text is actually written in. */
  locale: Locale;
  /** True when the requested locale was missing and the zh-Hant source is shown instead. */
  fallback: boolean;
}

/** Pick the text of a LocalizedText in `locale`, falling back to the zh-Hant source (marked). */
export function pick(text: LocalizedText, locale: Locale): Picked {
  const value = locale === 'zh-Hant' ? undefined : text[locale];
  if (value !== undefined) return { text: value, locale, fallback: false };
  return { text: text['zh-Hant'], locale: 'zh-Hant', fallback: locale !== 'zh-Hant' };
}

/** Just the string of `pick` (for titles and attributes, where a note cannot be shown). */
export function text(value: LocalizedText | undefined, locale: Locale): string {
  return value ? pick(value, locale).text : '';
}

const numberLocale = (locale: Locale) => (locale === 'zh-Hant' ? 'zh-Hant-TW' : 'en');
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the locale's format with a fixed number of decimals (default 2). */
export function formatNumber(locale: Locale, value: number, decimals = 2): string {
  const key = `${locale}/${decimals}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f.format(value);
}

/** A number as published (no forced decimals), locale-formatted: 93.4 stays 93.4. */
export function formatScore(locale: Locale, value: number): string {
  return formatNumber(locale, value, decimalsOf(value));
}

function decimalsOf(value: number): number {
  const s = String(value);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(4, s.length - i - 1);
}

/** A signed percentage change, e.g. "−12.5%" / "+3.0%". */
export function formatPercentChange(locale: Locale, value: number, decimals = 1): string {
  const abs = formatNumber(locale, Math.abs(value), decimals);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${abs}%`;
}

/** A signed score difference, e.g. "+2.31" / "−0.50". */
export function formatDelta(locale: Locale, value: number, decimals = 2): string {
  const sign = value > 0.0000001 ? '+' : value < -0.0000001 ? '−' : '±';
  return `${sign}${formatNumber(locale, Math.abs(value), decimals)}`;
}

const dateFormats: Record<string, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }),
  zh: new Intl.DateTimeFormat('zh-Hant-TW', { dateStyle: 'long', timeZone: 'UTC' }),
  roc: new Intl.DateTimeFormat('zh-TW-u-ca-roc', { dateStyle: 'long', timeZone: 'UTC' }),
};

/**
 * A YYYY-MM-DD date for readers. zh-Hant shows the Gregorian date and the ROC (Minguo) date,
 * e.g. "2024年3月28日（民國113年3月28日）"; English shows "March 28, 2024".
 */
export function formatDate(locale: Locale, iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === 'en') return dateFormats.en!.format(d);
  return `${dateFormats.zh!.format(d)}（${dateFormats.roc!.format(d)}）`;
}

const collators: Partial<Record<Locale, Intl.Collator>> = {};

/** The collator for sorting names: stroke order in zh-Hant, alphabetical in English. */
export function collator(locale: Locale): Intl.Collator {
  return (collators[locale] ??= new Intl.Collator(locale === 'zh-Hant' ? 'zh-Hant-TW-u-co-stroke' : 'en', { numeric: true }));
}
