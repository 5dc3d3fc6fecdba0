// Post-build: the site's search index, written to dist/pagefind/ (docs/search.md). Per locale:
// search records from the dataset (bodies, programs, results, ratings, follow-ups, corrections) and
// the prose pages marked with data-pagefind-body (cycles, cases, panel rounds, methodology), cut into
// shards of at most --shard-size documents, each its own Pagefind bundle, plus the routing and word
// files and a manifest the search page reads. Shards are indexed one after another, so memory is
// bounded by one shard, not by the site.
// Only those records and prose pages are indexed: the search pages and pages marked noindex (404) never
// are. URLs are stored as site paths without the deployment's base path (BASE_PATH): the search page
// gives Pagefind the route table's base to put before them, so the index does not depend on it.
// Usage: npm run search-index -- [dist] [--shard-size N]
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { createRoutes, LOCALE_FACTS, type Locale } from '../../src/i18n/index.ts';
import { facetValues } from '../../src/lib/search/facets.ts';
import { MANIFEST_VERSION, type SearchManifest, type ShardInfo } from '../../src/lib/search/manifest.ts';
import { indexFolder, prosePages } from '../../src/lib/search/pages.ts';
import { filterKeys, filterRecord, pagefindSorts, type FilterKey, type SortKey } from '../../src/lib/search/meta.ts';
import { searchRecords, type SearchRecord } from '../../src/lib/search/records.ts';
import { siteData, type SiteData } from '../../src/lib/site.ts';
import { intOption, runCli, UserError } from '../lib/cli.ts';
import { writeShard, type Fragment } from './search/bundle.ts';
import { planShards, type PlannedShard } from './search/plan.ts';
import { Routing } from './search/routing.ts';

export const DEFAULT_SHARD_SIZE = 2000;

export interface SearchIndexReport {
  /** Documents per Pagefind language key. */
  byLang: Record<string, number>;
  /** Shards per Pagefind language key. */
  shards: Record<string, number>;
  languages: string[];
  seconds: number;
}

interface Doc {
  filters: Record<string, string[]>;
  sorts: { key: SortKey; value: number }[];
  text: string;
}

const docOfFragment = (f: Fragment): Doc => ({
  filters: f.filters,
  sorts: f.filters.year?.length === 1 ? [{ key: 'year', value: Number(f.filters.year[0]) }] : [],
  text: `${f.meta.title ?? ''} ${f.content.replace(/\u200b/g, '')}`,
});

const docOfRecord = (r: SearchRecord): Doc => ({
  filters: filterRecord(r.meta),
  sorts: pagefindSorts(r.meta).map((s) => ({ key: s.key, value: Number(s.value) })),
  text: `${r.title} ${r.content}`,
});

/** Sort keys Pagefind should carry in a shard: those whose value varies within it. */
function sortKeysOf(shard: PlannedShard): SortKey[] {
  const out: SortKey[] = [];
  for (const key of ['year', 'score'] as const) {
    const values = new Set(shard.records.flatMap((r) => pagefindSorts(r.meta).filter((s) => s.key === key).map((s) => s.value)));
    if (values.size > 1 || (shard.pages.length > 0 && key === 'year')) out.push(key);
  }
  return out;
}

function shardInfo(id: string, docs: Doc[], bytes: { open: number; chunk: number }, sorts: SortKey[], values: Record<FilterKey, string[]>): ShardInfo {
  const f: ShardInfo['f'] = {};
  for (const key of filterKeys) {
    const counts = new Map<number, number>();
    for (const d of docs) {
      for (const v of d.filters[key] ?? []) {
        const i = values[key].indexOf(v);
        if (i < 0) throw new Error(`search index: filter ${key} = "${v}" is not among the search page's values (src/lib/search/facets.ts)`);
        counts.set(i, (counts.get(i) ?? 0) + 1);
      }
    }
    if (counts.size) f[key] = [...counts].sort((a, b) => a[0] - b[0]).flat();
  }
  const range: ShardInfo['range'] = {};
  for (const key of ['year', 'score'] as const) {
    const vs = docs.flatMap((d) => d.sorts.filter((s) => s.key === key).map((s) => s.value));
    if (vs.length) range[key] = [Math.min(...vs), Math.max(...vs)];
  }
  return { id, n: docs.length, ...bytes, f, sorts, range };
}

async function indexLocale(site: SiteData, locale: Locale, dist: string, out: string, shardSize: number): Promise<{ docs: number; shards: number; lang: string }> {
  const bare = createRoutes({ locales: site.routes.locales, defaultLocale: site.routes.defaultLocale });
  const lang = LOCALE_FACTS[locale].htmlLang.toLowerCase();
  const dir = join(out, indexFolder(locale));
  const values = facetValues(site, locale);
  const records = searchRecords(site, bare, locale);
  const plan = planShards(records, prosePages(site, bare, locale), shardSize);
  const routing = new Routing(LOCALE_FACTS[locale].htmlLang);
  const shards: ShardInfo[] = [];
  for (const [i, shard] of plan.entries()) {
    const sortKeys = sortKeysOf(shard);
    const written = await writeShard(pagefind, shard, { lang, dist, dir: join(dir, shard.id), site: out, core: i === 0, sortKeys });
    // Core's prose pages are known only through what Pagefind read from them; records as built.
    const docs = i === 0 ? written.fragments.map(docOfFragment) : shard.records.map(docOfRecord);
    for (const d of docs) routing.add(i, d.text);
    shards.push(shardInfo(shard.id, docs, { open: written.open, chunk: written.chunk }, sortKeys, values));
  }
  const files = routing.write(dir);
  const manifest: SearchManifest = { version: MANIFEST_VERSION, lang, values, shards, ...files };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { docs: shards.reduce((a, s) => a + s.n, 0), shards: shards.length, lang };
}

export async function buildSearchIndex(dist: string, shardSize = DEFAULT_SHARD_SIZE): Promise<SearchIndexReport> {
  const started = performance.now();
  const out = join(dist, 'pagefind');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const site = siteData();
  const byLang: Record<string, number> = {};
  const shards: Record<string, number> = {};
  try {
    for (const locale of site.routes.locales) {
      const r = await indexLocale(site, locale, dist, out, shardSize);
      byLang[r.lang] = r.docs;
      shards[r.lang] = r.shards;
    }
  } finally {
    await pagefind.close();
  }
  return { byLang, shards, languages: Object.keys(byLang), seconds: (performance.now() - started) / 1000 };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run search-index --',
    summary: 'Index a built site for search (sharded Pagefind bundles per locale), writing <dist>/pagefind/.',
    usage: ['[dist] [--shard-size N]'],
    options: { 'shard-size': { type: 'string' } },
    help: [`--shard-size  documents per shard (default ${DEFAULT_SHARD_SIZE})`, 'CONTENT_DIR must be the one the site was built with (the index is the same under any BASE_PATH)'],
    positionals: { max: 1 },
    async run({ values, positionals: [distArg = 'dist'] }) {
      const dist = resolve(distArg);
      if (!existsSync(dist)) throw new UserError(`${dist} does not exist (run npm run build first)`);
      const r = await buildSearchIndex(dist, intOption('shard-size', values['shard-size'], DEFAULT_SHARD_SIZE));
      const langs = Object.entries(r.byLang).map(([l, n]) => `${l} ${n} in ${r.shards[l]} shards`).join(', ');
      console.log(`search index: ${langs} in ${r.seconds.toFixed(1)} s`);
    },
  });
}
