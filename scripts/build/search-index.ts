// Post-build: index the built site with Pagefind (one index per `<html lang>`), writing
// dist/pagefind/. Pages marked noindex (the search pages themselves, 404) are left out.
// Pages are indexed by their path inside dist/: under a base path, Pagefind puts results under
// it by itself (its baseUrl is the folder above the bundle it was loaded from, /base/pagefind/).
// Usage: npm run search-index -- [dist]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { builtPages } from '../lib/html-files.ts';
import { runCli, UserError } from '../lib/cli.ts';

export interface SearchIndexReport {
  pages: number;
  skipped: string[];
  byLang: Record<string, number>;
  languages: string[];
  seconds: number;
}

export async function buildSearchIndex(dist: string): Promise<SearchIndexReport> {
  const started = performance.now();
  const out = join(dist, 'pagefind');
  rmSync(out, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const pages = builtPages(dist);
  const indexed = pages.filter((p) => !p.noindex);
  const byLang: Record<string, number> = {};
  // Files go in by explicit URL (not addDirectory) so that the noindex rule above decides what is searchable.
  const batch = 64;
  for (let i = 0; i < indexed.length; i += batch) {
    const results = await Promise.all(indexed.slice(i, i + batch).map((p) => index.addHTMLFile({ url: p.url, content: p.html })));
    for (const [j, r] of results.entries()) {
      if (r.errors.length) throw new Error(`Pagefind could not index ${indexed[i + j]!.file}: ${r.errors.join('; ')}`);
    }
  }
  for (const p of indexed) byLang[p.lang || '(none)'] = (byLang[p.lang || '(none)'] ?? 0) + 1;
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };
  return {
    pages: indexed.length,
    skipped: pages.filter((p) => p.noindex).map((p) => p.url),
    byLang,
    languages: Object.keys(entry.languages),
    seconds: (performance.now() - started) / 1000,
  };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run search-index --',
    summary: 'Index a built site with Pagefind (one index per <html lang>), writing <dist>/pagefind/.',
    usage: ['[dist]'],
    options: {},
    positionals: { max: 1 },
    async run({ positionals: [distArg = 'dist'] }) {
      const dist = resolve(distArg);
      if (!existsSync(dist)) throw new UserError(`${dist} does not exist (run npm run build first)`);
      const r = await buildSearchIndex(dist);
      const langs = Object.entries(r.byLang).map(([l, n]) => `${l} ${n}`).join(', ');
      console.log(`Pagefind: indexed ${r.pages} pages (${langs}) into indexes [${r.languages.join(', ')}] in ${r.seconds.toFixed(1)} s; left out ${r.skipped.length} noindex pages`);
    },
  });
}
