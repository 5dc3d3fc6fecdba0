// Every fact about a locale lives here: its tag, URL segment, direction, Intl settings and column
// suffix. A deployment chooses which of these it publishes, and which one is at `/`, in
// content/site.yaml (`locales`, `defaultLocale`); nothing else in the code names a locale.

export interface LocaleFacts {
  /** BCP 47 tag written in `<html lang>`, `hreflang` and feeds; Pagefind builds one index per tag. */
  htmlLang: string;
  /** Open Graph locale (`og:locale`, language_TERRITORY), which link previews read instead of a BCP 47 tag. */
  ogLocale: string;
  /** URL segment when the locale is not the site's default (`/en/…`). */
  segment: string;
  /** Text direction. */
  dir: 'ltr' | 'rtl';
  /** Intl locale for numbers, dates and plural rules. */
  intl: string;
  /** Intl locale for sorting names (zh-Hant sorts by stroke count, as Taiwanese lists do). */
  collation: string;
  /** Intl locale of a second calendar shown beside Gregorian dates (Taiwan's ROC/Minguo years). */
  secondCalendar?: string;
  /** The language's name in itself, for the language switch. */
  nativeName: string;
  /** Suffix of this locale's columns in content CSV files and open data (`remarks_en`, `name_zh_hant`). */
  column: string;
  /** The script its readers type search queries in (a query in another locale's script is pointed there). */
  script: 'han' | 'latin' | 'hangul';
  /** How a range of page numbers is written ("18–22" in Chinese and English, "18~22" in Korean). */
  rangeDash: string;
}

export const LOCALE_FACTS = {
  'zh-Hant': {
    htmlLang: 'zh-Hant-TW',
    ogLocale: 'zh_TW',
    segment: 'zh-hant',
    dir: 'ltr',
    intl: 'zh-Hant-TW',
    collation: 'zh-Hant-TW-u-co-stroke',
    secondCalendar: 'zh-TW-u-ca-roc',
    nativeName: '中文（繁體）',
    column: 'zh_hant',
    script: 'han',
    rangeDash: '–',
  },
  en: {
    htmlLang: 'en',
    ogLocale: 'en_US',
    segment: 'en',
    dir: 'ltr',
    intl: 'en',
    collation: 'en',
    nativeName: 'English',
    column: 'en',
    script: 'latin',
    rangeDash: '–',
  },
  ko: {
    htmlLang: 'ko-KR',
    ogLocale: 'ko_KR',
    segment: 'ko',
    dir: 'ltr',
    intl: 'ko-KR',
    collation: 'ko-KR',
    nativeName: '한국어',
    column: 'ko',
    script: 'hangul',
    rangeDash: '~',
  },
} as const satisfies Record<string, LocaleFacts>;

export type Locale = keyof typeof LOCALE_FACTS;

/** Every locale the product can publish, in the order language lists show them. */
export const LOCALES = Object.keys(LOCALE_FACTS) as Locale[];

/**
 * The language content is written in first: every localized text must have it, and a missing
 * translation falls back to it (with a visible note).
 */
export const SOURCE_LOCALE = 'zh-Hant' satisfies Locale;

/**
 * The language of machine-readable metadata (JSON Schema descriptions, the data package, feed
 * categories): English, the language data tools and catalogues expect.
 */
export const METADATA_LOCALE = 'en' satisfies Locale;

export const isLocale = (x: unknown): x is Locale => typeof x === 'string' && x in LOCALE_FACTS;

export const facts = (locale: Locale): LocaleFacts => LOCALE_FACTS[locale];

/** The locale whose `<html lang>` is `tag` (as Pagefind and the built pages write it). */
export function localeOfHtmlLang(tag: string): Locale | undefined {
  return LOCALES.find((l) => LOCALE_FACTS[l].htmlLang.toLowerCase() === tag.toLowerCase());
}
