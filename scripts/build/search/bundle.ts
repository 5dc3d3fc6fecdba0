// Writing one shard as a Pagefind bundle, then trimming it to what the search page fetches from it:
// its entry file, metadata, index, filter and fragment files. Pagefind's loader (pagefind.js) is
// kept once for the whole site and its WebAssembly once per locale, in the core shard; every other
// shard names a 12-byte stub instead, which Pagefind's loader accepts because the WebAssembly
// module is already running by then (the engine opens core first; docs/search.md).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type * as Pagefind from 'pagefind';
import { pagefindSorts, filterRecord, type SortKey } from '../../../src/lib/search/meta.ts';
import type { PlannedShard } from './plan.ts';

export const STUB_WASM = 'shared';

/** What the index build needs back from a written shard. */
export interface WrittenShard {
  /** Bytes of entry + metadata, and of an average index chunk. */
  open: number;
  chunk: number;
  /** Pagefind's own view of each document (text, filters, title), for routing and counts. */
  fragments: Fragment[];
}

export interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

const BATCH = 512;
/** `<meta name="robots" content="noindex">`, as scripts/lib/html-files.ts reads it. */
const NOINDEX = /<meta[^>]+name="robots"[^>]+content="[^"]*noindex/i;

async function addAll(index: Pagefind.PagefindIndex, shard: PlannedShard, lang: string, dist: string, sortKeys: SortKey[]): Promise<void> {
  const jobs: (() => Promise<Pagefind.NewFileResponse>)[] = [
    ...shard.pages.map((p) => () => {
      const file = join(dist, p.path, 'index.html');
      const html = readFileSync(file, 'utf8');
      if (!html.includes('data-pagefind-body')) throw new Error(`${file} has no data-pagefind-body: the search index expects its prose marked`);
      if (NOINDEX.test(html)) throw new Error(`${file} is marked noindex: it cannot be a search document`);
      return index.addHTMLFile({ url: p.path, content: html });
    }),
    ...shard.records.map((r) => () => index.addCustomRecord({
      url: r.url, content: r.content, language: lang, meta: { title: r.title, ...(r.meta.score === undefined ? {} : { score: String(r.meta.score) }) }, filters: filterRecord(r.meta),
      sort: Object.fromEntries(pagefindSorts(r.meta).filter((s) => sortKeys.includes(s.key)).map((s) => [s.key, s.value])),
    })),
  ];
  for (let i = 0; i < jobs.length; i += BATCH) {
    const done = await Promise.all(jobs.slice(i, i + BATCH).map((j) => j()));
    for (const d of done) if (d.errors.length) throw new Error(`Pagefind: ${d.errors.join('; ')}`);
  }
}

const size = (f: string) => statSync(f).size;
const unpack = (file: string) => {
  const raw = gunzipSync(readFileSync(file));
  return raw.subarray(raw.indexOf('{'.charCodeAt(0)));
};

/** Pagefind's fragments of a written bundle: the text and filters it stored for each document. */
export function readFragments(dir: string): Fragment[] {
  const folder = join(dir, 'fragment');
  return readdirSync(folder).map((f) => JSON.parse(unpack(join(folder, f)).toString('utf8')) as Fragment);
}

/** Keep only what the engine fetches; core keeps the WebAssembly of its language, others a stub. */
function trim(dir: string, core: boolean, site: string): void {
  const entryFile = join(dir, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages: Record<string, { wasm: string | null }> };
  const wasm = Object.values(entry.languages)[0]?.wasm ?? 'unknown';
  if (!existsSync(join(site, 'pagefind.js'))) renameSync(join(dir, 'pagefind.js'), join(site, 'pagefind.js'));
  for (const f of readdirSync(dir)) {
    const keep = /\.pf_meta$|^pagefind-entry\.json$|^(index|filter|fragment)$/.test(f) || (core && f === `wasm.${wasm}.pagefind`);
    if (!keep) rmSync(join(dir, f), { recursive: true, force: true });
  }
  if (!core) {
    writeFileSync(join(dir, `wasm.${STUB_WASM}.pagefind`), 'pagefind_dcd');
    for (const l of Object.values(entry.languages)) l.wasm = STUB_WASM;
    writeFileSync(entryFile, JSON.stringify(entry));
  }
}

function costOf(dir: string): { open: number; chunk: number } {
  const meta = readdirSync(dir).filter((f) => f.endsWith('.pf_meta')).reduce((a, f) => a + size(join(dir, f)), 0);
  const chunks = readdirSync(join(dir, 'index')).map((f) => size(join(dir, 'index', f)));
  return { open: size(join(dir, 'pagefind-entry.json')) + meta, chunk: Math.round(chunks.reduce((a, b) => a + b, 0) / Math.max(1, chunks.length)) };
}

/** Index one shard with a fresh Pagefind index, write it under `dir`, and trim it. */
export async function writeShard(
  pagefind: typeof Pagefind, shard: PlannedShard, o: { lang: string; dist: string; dir: string; site: string; core: boolean; sortKeys: SortKey[] },
): Promise<WrittenShard> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  await addAll(index, shard, o.lang, o.dist, o.sortKeys);
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const written = await index.writeFiles({ outputPath: o.dir });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  await index.deleteIndex();
  trim(o.dir, o.core, o.site);
  return { ...costOf(o.dir), fragments: o.core ? readFragments(o.dir) : [] };
}
