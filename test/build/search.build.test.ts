// The search index of the built demo (test/build/global-setup.ts): one manifest per published
// locale, shards within their size, only the files the search page fetches, every record linking
// to a real page and anchor, and exactly the prose pages indexed from their HTML.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRoutes, LOCALE_FACTS, siteLocales, type Locale, type Routes } from '../../src/i18n/index.ts';
import { loadContent, type Dataset } from '../../src/lib/load.ts';
import type { SearchManifest } from '../../src/lib/search/manifest.ts';
import { indexFolder, prosePages } from '../../src/lib/search/pages.ts';
import { searchRecords } from '../../src/lib/search/records.ts';
import { DEFAULT_SHARD_SIZE } from '../../scripts/build/search-index.ts';
import { readFragments } from '../../scripts/build/search/bundle.ts';
import { longestBareNumberRun } from '../helpers/numbers.ts';
import { builtPages, listHtml, urlOf } from '../../scripts/lib/html-files.ts';

let dist = '';
let ds: Dataset;
let routes: Routes;
const manifest = (l: Locale) => JSON.parse(readFileSync(join(dist, 'pagefind', indexFolder(l), 'manifest.json'), 'utf8')) as SearchManifest;
const html = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');

beforeAll(() => {
  dist = inject('demoDist');
  ds = loadContent('content').dataset;
  routes = createRoutes(siteLocales(ds.site));
});

describe('search index', () => {
  it('has one manifest per published locale, its documents cut into shards of at most the shard size', () => {
    expect(readdirSync(join(dist, 'pagefind')).sort()).toEqual(['pagefind.js', ...routes.locales.map(indexFolder)].sort());
    for (const l of routes.locales) {
      const m = manifest(l);
      expect(m.lang).toBe(LOCALE_FACTS[l].htmlLang.toLowerCase());
      expect(m.shards[0]!.id).toBe('core');
      for (const s of m.shards.slice(1)) expect(s.n, s.id).toBeLessThanOrEqual(DEFAULT_SHARD_SIZE);
      const expected = searchRecords(ds, routes, l).length + prosePages(ds, routes, l).length;
      expect(m.shards.reduce((a, s) => a + s.n, 0), l).toBe(expected);
      expect(m.common.length).toBeGreaterThan(0);
    }
  });

  it('keeps only what the search page fetches: WebAssembly once per locale (core), a stub elsewhere, no UI bundles', () => {
    for (const l of routes.locales) {
      const m = manifest(l);
      for (const s of m.shards) {
        const dir = join(dist, 'pagefind', indexFolder(l), s.id);
        const files = readdirSync(dir);
        const wasm = files.filter((f) => f.startsWith('wasm.'));
        expect(wasm, `${l} ${s.id}`).toHaveLength(1);
        if (s.id === 'core') expect(statSync(join(dir, wasm[0]!)).size).toBeGreaterThan(40_000);
        else expect(readFileSync(join(dir, wasm[0]!), 'utf8')).toBe('pagefind_dcd');
        expect(files.filter((f) => !/^(wasm\..*\.pagefind|pagefind-entry\.json|pagefind\..*\.pf_meta|index|filter|fragment)$/.test(f)), `${l} ${s.id}`).toEqual([]);
      }
      expect(readdirSync(join(dist, 'pagefind', indexFolder(l), 'keys'))).toHaveLength(m.keyFiles);
      expect(readdirSync(join(dist, 'pagefind', indexFolder(l), 'words'))).toHaveLength(m.wordFiles);
    }
  });

  it('links every record to a built page and an id on it', () => {
    for (const l of routes.locales) {
      for (const r of searchRecords(ds, routes, l)) {
        const [path, anchor] = r.url.split('#');
        expect(existsSync(join(dist, path!, 'index.html')), r.url).toBe(true);
        if (anchor) expect(html(path!), r.url).toContain(`id="${anchor}"`);
      }
    }
  });

  it('links every result in the built index (what a reader clicks) to a built page and, for a #fragment, an id on it', () => {
    let fragments = 0;
    for (const l of routes.locales) {
      for (const s of manifest(l).shards) {
        for (const f of readFragments(join(dist, 'pagefind', indexFolder(l), s.id))) {
          const [path, anchor] = f.url.split('#');
          expect(existsSync(join(dist, path!, 'index.html')), f.url).toBe(true);
          if (anchor) {
            fragments++;
            expect(html(path!), f.url).toContain(`id="${anchor}"`);
          }
        }
      }
    }
    // Rated program-years, results and follow-ups link to their rows: the check above is not vacuous.
    expect(fragments).toBeGreaterThan(0);
  });

  it('indexes exactly the prose pages from their HTML (entity pages are records)', () => {
    const marked = listHtml(dist).filter((f) => readFileSync(join(dist, f), 'utf8').includes('data-pagefind-body')).map(urlOf).sort();
    expect(marked).toEqual(routes.locales.flatMap((l) => prosePages(ds, routes, l).map((p) => p.path)).sort());
  });

  it('leaves the search pages (indexable by search engines, a way in) and every page marked noindex (the 404 pages) out of the index', () => {
    const noindex = builtPages(dist).filter((p) => p.noindex).map((p) => p.url);
    expect([...noindex].sort()).toEqual(routes.locales.map((l) => `${routes.in(l).home()}404.html`).sort());
    const left = [...routes.locales.map((l) => routes.in(l).search()), ...noindex];
    for (const l of routes.locales) {
      const indexed = manifest(l).shards.flatMap((s) => readFragments(join(dist, 'pagefind', indexFolder(l), s.id)).map((f) => f.url.split('#')[0]!));
      expect(indexed.length, l).toBe(manifest(l).shards.reduce((a, s) => a + s.n, 0));
      expect(indexed.filter((u) => left.includes(u)), l).toEqual([]);
    }
  });

  it('indexed no run of more than three bare numbers (no table row, no number list) anywhere', () => {
    for (const l of routes.locales) {
      for (const s of manifest(l).shards) {
        for (const f of readFragments(join(dist, 'pagefind', indexFolder(l), s.id))) {
          expect(longestBareNumberRun(f.content.replace(/\u200b/g, '')), `${f.url}: ${f.content}`).toBeLessThanOrEqual(3);
        }
      }
    }
  });
});
