// UI strings: one typed dictionary per locale with the same keys, read through t().
import en from './dictionaries/en.ts';
import ko from './dictionaries/ko.ts';
import zhHant, { type Dictionary, type MessageKey } from './dictionaries/zh-Hant.ts';
import { LOCALE_FACTS, type Locale } from './locales.ts';

export type { Dictionary, MessageKey };

/** Every locale's dictionary; a locale without one is a type error. */
export const dictionaries: Record<Locale, Dictionary> = { 'zh-Hant': zhHant, en, ko };

/** Values for `{name}` placeholders. */
export type Vars = Record<string, string | number>;

/** Fill `{name}` placeholders; an unknown one stays visible rather than silently blank. */
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A UI string in `locale`, placeholders filled from `vars`. */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  return fill(dictionaries[locale][key], vars);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * A count phrase: `<key>One` when the locale's plural rules say "one" and such a key exists,
 * else `key`; `{n}` is the count.
 */
export function tCount(locale: Locale, key: MessageKey, n: number, vars: Vars = {}): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LOCALE_FACTS[locale].intl)));
  const one = `${key}One` as MessageKey;
  const chosen = rules.select(n) === 'one' && one in dictionaries[locale] ? one : key;
  return t(locale, chosen, { n, ...vars });
}

/** The subset of a dictionary an island needs (islands get their words as props, one locale only). */
export function pickMessages<K extends MessageKey>(locale: Locale, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, dictionaries[locale][k]])) as Record<K, string>;
}
