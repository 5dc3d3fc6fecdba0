// Builds a complete site the way `npm run build` does (astro build → Pagefind → sitemap →
// headers) into a scratch folder, and loads the content it came from for expected values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type Dataset } from '../../src/lib/load.ts';
import { builtPages } from '../../scripts/lib/html-files.ts';
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

/** What a built dist says about its search index: Pagefind's languages and the pages left out. */
export function searchReport(dist: string): BuiltSite['search'] {
  const entry = JSON.parse(readFileSync(join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };
  return { languages: Object.keys(entry.languages), skipped: builtPages(dist).filter((p) => p.noindex).map((p) => p.url) };
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
