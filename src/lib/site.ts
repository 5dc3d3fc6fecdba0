// The one data path of a build: the validated content folder, with the deployment's locales and
// the route table built from them. Pages, open data, feeds, search metadata and the panel pages
// all start from siteData(); none reads files or builds URLs another way.
import { createRoutes, siteLocales, type Routes } from '../i18n/routes.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Dataset } from './content/dataset.ts';
import { contentDir, validatedContent } from './load.ts';

export interface SiteData extends Dataset {
  /** Every URL of the site (localized, under the base path). */
  routes: Routes;
  /** The published locales, default first in `routes.locales` order. */
  locales: readonly Locale[];
  /** Absolute origin (and path) the site is published at: SITE_URL. */
  url: string;
}

const memo = new Map<string, SiteData>();

/** The site as this build publishes it (CONTENT_DIR, SITE_URL, BASE_PATH), read once per process. */
export function siteData(dir: string = contentDir()): SiteData {
  const key = `${dir}\u0000${process.env.BASE_PATH ?? ''}\u0000${siteUrl()}`;
  let s = memo.get(key);
  if (!s) {
    const ds = validatedContent(dir);
    const routes = createRoutes({ ...siteLocales(ds.site), base: process.env.BASE_PATH });
    memo.set(key, (s = { ...ds, routes, locales: routes.locales, url: siteUrl() }));
  }
  return s;
}

/** Where the site is published (SITE_URL); a local address when unset, which production builds refuse (docs/deploy.md). */
export function siteUrl(): string {
  return process.env.SITE_URL || 'http://127.0.0.1:4321';
}

/** An absolute URL of a site path (feeds, citations, sitemap, canonical links). */
export function absoluteUrl(path: string, site: string = siteUrl()): string {
  return new URL(path, site).href;
}

/**
 * getStaticPaths of a route file under `src/pages/[...locale]/`: one page per published locale
 * (and per item, when the page type has ids). The locale is also passed as a prop.
 */
export function localeStaticPaths<P extends Record<string, string>>(items?: (site: SiteData) => P[]) {
  const site = siteData();
  const each: P[] = items ? items(site) : [{} as P];
  return site.routes.localeParams().flatMap(({ params, props }) => each.map((p) => ({ params: { ...params, ...p }, props: { ...props, ...p } })));
}
