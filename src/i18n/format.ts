// Numbers, dates, times and sorting in a locale's conventions (Intl, set up from locales.ts).
import { LOCALE_FACTS, type Locale } from './locales.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const intl = (locale: Locale) => LOCALE_FACTS[locale].intl;

/** A number in the locale's format with a fixed number of decimals (default 2). */
export function formatNumber(locale: Locale, value: number, decimals = 2): string {
  return memo(`n/${locale}/${decimals}`, () => new Intl.NumberFormat(intl(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals })).format(value);
}

/** A whole number with grouping (e.g. row counts). */
export const formatCount = (locale: Locale, value: number) => formatNumber(locale, value, 0);

/** A number as published (no forced decimals), locale-formatted: 93.4 stays 93.4. */
export function formatScore(locale: Locale, value: number): string {
  return formatNumber(locale, value, decimalsOf(value));
}

function decimalsOf(value: number): number {
  const s = String(value);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(4, s.length - i - 1);
}

/**
 * An amount of money in the reader's conventions, exact and in the locale's own large-number words
 * (Intl compact notation with every significant digit kept): "￦28.66億", "₩2.866B", "₩28.66억".
 */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return memo(`m/${locale}/${currency}`, () => new Intl.NumberFormat(intl(locale), { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 21 })).format(amount);
}

/** A budget figure as written in content (in units of `scale` × currency), formatted as money. */
export function formatBudget(locale: Locale, value: number, money: { currency: string; budgetScale: number }): string {
  return formatMoney(locale, value * money.budgetScale, money.currency);
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

const longDate = (tag: string) => memo(`d/${tag}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }));

/**
 * A YYYY-MM-DD date for readers, with the locale's second calendar beside it when it has one:
 * "2024年3月28日（民國113年3月28日）", "March 28, 2024", "2024년 3월 28일".
 */
export function formatDate(locale: Locale, iso: string, options: { secondCalendar?: boolean } = {}): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const facts = LOCALE_FACTS[locale] as { intl: string; secondCalendar?: string };
  const main = longDate(facts.intl).format(d);
  return facts.secondCalendar && options.secondCalendar !== false ? `${main}（${longDate(facts.secondCalendar).format(d)}）` : main;
}

const dateTimeFormat = (locale: Locale, timeZone: string) =>
  memo(`dt/${locale}/${timeZone}`, () => new Intl.DateTimeFormat(intl(locale), { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'shortOffset' }));

/**
 * An instant for readers in the site's time zone, with the zone named so nobody has to guess:
 * "2026年3月15日 下午6:00 [GMT+9]" style, per the locale's own conventions.
 */
export function formatDateTime(locale: Locale, instant: string | Date, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  return dateTimeFormat(locale, timeZone).format(d);
}

/** A range between two instants in the site's time zone, formatted as one phrase by Intl. */
export function formatDateTimeRange(locale: Locale, from: string | Date, to: string | Date, timeZone: string): string {
  const a = typeof from === 'string' ? new Date(from) : from;
  const b = typeof to === 'string' ? new Date(to) : to;
  return dateTimeFormat(locale, timeZone).formatRange(a, b);
}

/** The collator for sorting names: stroke order in zh-Hant, the locale's alphabet elsewhere. */
export function collator(locale: Locale): Intl.Collator {
  return memo(`c/${locale}`, () => new Intl.Collator(LOCALE_FACTS[locale].collation, { numeric: true }));
}

/** Page numbers as the locale writes ranges: "18–22, 25" → "18~22, 25" in Korean. */
export function formatPages(locale: Locale, pages: string): string {
  return pages.replace(/[–-]/g, LOCALE_FACTS[locale].rangeDash);
}

/**
 * A date as APA references write it, year first: "2025, August 1" in English; the locale's long
 * date where it already starts with the year ("2025年8月1日", "2025년 8월 1일").
 */
export function formatYearFirstDate(locale: Locale, iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const parts = longDate(intl(locale)).formatToParts(d);
  if (parts[0]?.type === 'year') return formatDate(locale, iso, { secondCalendar: false });
  const y = parts.findIndex((p) => p.type === 'year');
  const rest = parts.slice(0, y).map((p) => p.value).join('').replace(/[\s,]+$/, '');
  return `${parts[y]!.value}, ${rest}`;
}
