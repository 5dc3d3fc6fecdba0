// Builds a complete site the way `npm run build` does (astro build → Pagefind → sitemap →
// headers) into a scratch folder, and loads the content it came from for expected values.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type Dataset } from '../../src/lib/load.ts';
import { builtPages, type BuiltPage } from '../../scripts/lib/html-files.ts';
import { createRoutes, siteLocales, type Routes } from '../../src/i18n/index.ts';
import { fullBuild, TEST_SITE } from './build.ts';

export const SITE = TEST_SITE;

export interface BuiltSite {
  dist: string;
  dataset: Dataset;
  search: { languages: string[]; skipped: string[] };
}

export function loadOrThrow(contentDir: string): Dataset {
  const { dataset, problems } = loadContent(contentDir);
  if (problems.length) throw new Error(`content has problems: ${problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.reason}`).join('\n')}`);
  return dataset;
}

/** What a built dist says about its search index: its languages (one manifest each) and the noindex pages. */
export function searchReport(dist: string): BuiltSite['search'] {
  const root = join(dist, 'pagefind');
  const languages = readdirSync(root).filter((d) => existsSync(join(root, d, 'manifest.json'))).map((d) => (JSON.parse(readFileSync(join(root, d, 'manifest.json'), 'utf8')) as { lang: string }).lang);
  return { languages, skipped: builtPages(dist).filter((p) => p.noindex).map((p) => p.url) };
}

export function buildSite(contentDir: string, dist: string, extraEnv: Record<string, string> = {}): BuiltSite {
  const run = fullBuild(contentDir, dist, { SITE_URL: SITE, ...extraEnv });
  if (run.status !== 0) throw new Error(`build failed:\n${run.output}`);
  return { dist, dataset: loadOrThrow(contentDir), search: searchReport(dist) };
}

/** The demo built once by test/build/global-setup.ts (same SITE). */
export function demoSite(dist: string): BuiltSite {
  return { dist, dataset: loadOrThrow('content'), search: searchReport(dist) };
}

/** The demo built once, its route table and its pages: what the page-reading build tests start from. */
export function builtDemo(dist: string): { site: BuiltSite; routes: Routes; pages: BuiltPage[] } {
  const site = demoSite(dist);
  return { site, routes: createRoutes(siteLocales(site.dataset.site)), pages: builtPages(dist) };
}
