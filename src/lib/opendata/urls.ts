// Permalinks of the public pages this module links to. The page routes are built on another
// branch: if they settle on other paths, change them here only (feeds, sitemap and citations follow).
import type { Lang } from './tables.ts';

/** `<html lang>` per site locale (as the existing pages write it; Pagefind builds one index per value). */
export const htmlLang: Record<Lang, string> = { 'zh-Hant': 'zh-Hant-TW', en: 'en' };

/** Path prefix of a locale: zh-Hant at the root, English under /en/. */
export const prefix = (lang: Lang) => (lang === 'en' ? '/en' : '');

export const paths = {
  home: (lang: Lang) => `${prefix(lang)}/`,
  cycle: (lang: Lang, id: string) => `${prefix(lang)}/cycles/${id}/`,
  body: (lang: Lang, id: string) => `${prefix(lang)}/bodies/${id}/`,
  case: (lang: Lang, id: string) => `${prefix(lang)}/cases/${id}/`,
  /** A correction is anchored on the corrections log as `<cycle>--<id>` (ids are unique per cycle only). */
  correction: (lang: Lang, cycle: string, id: string) => `${prefix(lang)}/corrections/#${cycle}--${id}`,
  dataIndex: (lang: Lang) => `${prefix(lang)}/data/`,
  dataTable: (lang: Lang, table: string) => `${prefix(lang)}/data/tables/${table}/`,
  search: (lang: Lang) => `${prefix(lang)}/search/`,
  feed: (lang: Lang, file: 'rss.xml' | 'atom.xml' | 'feed.json') => `${prefix(lang)}/feeds/${file}`,
  /** Data files are language-neutral and live once, under /data/. */
  dataFile: (file: string) => `/data/${file}`,
};

/** Absolute URL on the published site. */
export const absolute = (path: string, site: string | URL) => new URL(path, site).href;

/** The site URL: Astro's configured `site` when given (pages, endpoints), else SITE_URL. */
export function siteUrl(site?: URL | string): string {
  return String(site ?? process.env.SITE_URL ?? 'https://open-results.example');
}
