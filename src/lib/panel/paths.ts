// URL helpers for the panel pages (zh-Hant at /, English at /en/).
import type { Locale } from './errors.ts';

export const localePrefix = (locale: Locale) => (locale === 'en' ? '/en' : '');
/** `/panel/…` in the given locale. */
export const panelPath = (locale: Locale, rest = '') => `${localePrefix(locale)}/panel/${rest}`;
/** The same path in the other locale. */
export const otherLocalePath = (locale: Locale, rest = '') => panelPath(locale === 'en' ? 'zh-Hant' : 'en', rest);
/** Static page of an exemplary case. */
export const casePath = (locale: Locale, id: string) => `${localePrefix(locale)}/cases/${id}/`;
