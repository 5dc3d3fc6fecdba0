// The search page's engine over a locale's sharded index (docs/search.md), loaded on the first
// query. It reads the manifest, looks the query's keys up in the routing files, keeps the shards
// that can hold every word and every chosen filter value, and opens them with Pagefind in order —
// a step of at most `stepBytes` at a time — merging their results by relevance (weighted by type),
// year or score. So the bytes of a query follow what it matches, not the size of the site.
import { bucketOf, queryKeys } from './keys.ts';
import { shardCounts, type KeyFile, type SearchManifest, type ShardInfo } from './manifest.ts';
import type { FilterKey, SortKey } from './meta.ts';

export type SortOption = '' | 'newest' | 'oldest' | 'score-high' | 'score-low';

export interface Query {
  /** The query's forms to search (as typed, and converted from Simplified Chinese when it differs). */
  terms: string[];
  filters: Partial<Record<FilterKey, string>>;
  sort: SortOption;
}

export interface Hit {
  url: string;
  title: string;
  /** Pagefind's excerpt: the document's own text, HTML-escaped, with <mark> around matches. */
  excerpt: string;
  filters: Record<string, string[]>;
  score?: number;
}

interface PagefindFound { id: string; score: number; data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string>; filters: Record<string, string[]> }> }
interface PagefindResponse { results: PagefindFound[]; filters?: Record<string, Record<string, number>> }
interface PagefindInstance {
  options(o: object): Promise<void>;
  filters(): Promise<unknown>;
  search(term: string | null, o: object): Promise<PagefindResponse | null>;
}
interface PagefindModule { createInstance(o: object): PagefindInstance }

/** Weight of each type's relevance when results of several types are merged (entity pages first). */
const TYPE_WEIGHT: Record<string, number> = { body: 4, program: 3, core: 2 };
/** Shards this small fetch their filter files for counts by value (after the first results show). */
const SMALL = 1000;

export interface EngineOptions {
  /** URL of Pagefind's loader (pagefind.js). */
  loader: string;
  /** URL of the locale's index folder, ending in "/". */
  base: string;
  /**
   * The site's root under the deployment's base path ("/" or "/open-results/", from the route
   * table): the index stores site paths without the base path, and Pagefind puts this before them.
   */
  site: string;
  /** `<html lang>` of the page (Pagefind's and the query segmenter's language). */
  lang: string;
  /** Largest estimated download per step of a query (shards opened before results show). */
  stepBytes?: number;
}

export class SearchEngine {
  private pagefind?: Promise<PagefindModule>;
  private opened = new Map<string, Promise<PagefindInstance>>();
  private keyFiles = new Map<number, Promise<KeyFile>>();

  readonly manifest: SearchManifest;
  readonly o: Required<EngineOptions>;

  private constructor(manifest: SearchManifest, o: Required<EngineOptions>) {
    this.manifest = manifest;
    this.o = o;
  }

  static async open(o: EngineOptions): Promise<SearchEngine> {
    const res = await fetch(`${o.base}manifest.json`);
    if (!res.ok) throw new Error(`search manifest: ${res.status}`);
    return new SearchEngine((await res.json()) as SearchManifest, { stepBytes: 40_000, ...o });
  }

  /** Start opening core (Pagefind and its WebAssembly), which every query needs: call it on the first keystroke. */
  warm(): void {
    void this.shard(this.manifest.shards[0]!).catch(() => {});
  }

  /** A shard's Pagefind instance; core first, because it starts the WebAssembly the others reuse. */
  shard(s: ShardInfo): Promise<PagefindInstance> {
    let p = this.opened.get(s.id);
    if (p) return p;
    const core = this.manifest.shards[0]!;
    p = (async () => {
      this.pagefind ??= import(/* @vite-ignore */ this.o.loader) as Promise<PagefindModule>;
      const pf = await this.pagefind;
      if (s !== core) await this.shard(core);
      // baseUrl given, not derived by Pagefind from the bundle's URL: result links are the route table's.
      const inst = pf.createInstance({ basePath: `${this.o.base}${s.id}/`, baseUrl: this.o.site, noWorker: true, excerptLength: 24 });
      // Core's WebAssembly must be running before another shard opens (they load a stub instead).
      if (s === core) await inst.search('', {});
      return inst;
    })();
    this.opened.set(s.id, p);
    p.catch(() => this.opened.delete(s.id));
    return p;
  }

  /** Whether a shard's metadata is already fetched (opening it again costs nothing). */
  isOpen(s: ShardInfo): boolean {
    return this.opened.has(s.id);
  }

  private keyFile(i: number): Promise<KeyFile> {
    let p = this.keyFiles.get(i);
    if (!p) {
      p = fetch(`${this.o.base}keys/${i}.json`).then((r) => (r.ok ? (r.json() as Promise<KeyFile>) : Promise.reject(new Error(`search keys: ${r.status}`))));
      this.keyFiles.set(i, p);
      p.catch(() => this.keyFiles.delete(i));
    }
    return p;
  }

  /** Documents of each shard that can match all keys (an upper bound), for shards that can. */
  async route(keys: string[]): Promise<Map<number, number>> {
    const all = new Map(this.manifest.shards.map((s, i) => [i, s.n]));
    const lists = await Promise.all(keys.map(async (k) => (await this.keyFile(bucketOf(k, this.manifest.keyFiles)))[k] ?? []));
    let out = all;
    for (const flat of lists) {
      const here = new Map<number, number>();
      for (let i = 0; i < flat.length; i += 2) if (out.has(flat[i]!)) here.set(flat[i]!, Math.min(out.get(flat[i]!)!, flat[i + 1]!));
      out = here;
    }
    return out;
  }

  /** Start a search: which shards can answer it (and for which of the query's forms), in the order to open them. */
  async search(q: Query): Promise<Search> {
    const terms = q.terms.filter((t) => t.trim());
    const estimates = new Map<number, number>();
    const termsOf = new Map<number, string[]>();
    for (const term of terms.length ? terms : ['']) {
      for (const [i, n] of await this.route(term ? queryKeys(term, this.o.lang) : [])) {
        estimates.set(i, Math.max(estimates.get(i) ?? 0, n));
        termsOf.set(i, [...(termsOf.get(i) ?? []), term]);
      }
    }
    const candidates = [...estimates.keys()].filter((i) => this.fits(this.manifest.shards[i]!, q)).sort((a, b) => this.compareShards(a, b, q.sort));
    const estimate = (i: number) => this.narrowed(this.manifest.shards[i]!, q, estimates.get(i)!);
    return new Search(this, q, candidates, estimate, (i) => termsOf.get(i)!.filter(Boolean));
  }

  /** Whether a shard has documents with every chosen filter value and the sort key. */
  private fits(s: ShardInfo, q: Query): boolean {
    for (const [key, value] of Object.entries(q.filters) as [FilterKey, string][]) if (value && !shardCounts(this.manifest, s, key).has(value)) return false;
    const key = sortKeyOf(q.sort);
    return !key || s.range[key] !== undefined;
  }

  /** At most how many of a shard's documents match the filters (exact when one filter varies in it). */
  private narrowed(s: ShardInfo, q: Query, n: number): number {
    for (const [key, value] of Object.entries(q.filters) as [FilterKey, string][]) if (value) n = Math.min(n, shardCounts(this.manifest, s, key).get(value) ?? 0);
    return n;
  }

  private compareShards(a: number, b: number, sort: SortOption): number {
    const key = sortKeyOf(sort);
    if (!key) return a - b;
    const ra = this.manifest.shards[a]!.range[key]!;
    const rb = this.manifest.shards[b]!.range[key]!;
    return (descending(sort) ? rb[1] - ra[1] : ra[0] - rb[0]) || a - b;
  }
}

const sortKeyOf = (sort: SortOption): SortKey | undefined => (sort === 'newest' || sort === 'oldest' ? 'year' : sort ? 'score' : undefined);
const descending = (sort: SortOption) => sort === 'newest' || sort === 'score-high';

interface Stream { shard: number; items: PagefindFound[]; pos: number; type: string }

/** One query: shards opened step by step, results merged lazily, counts when complete. */
export class Search {
  private streams: Stream[] = [];
  private searched = new Set<number>();
  private found = new Map<number, number>();
  private facetCounts = new Map<number, PagefindResponse['filters']>();
  private seen = new Set<string>();
  private heads = new Map<PagefindFound, number | undefined>();

  private engine: SearchEngine;
  private q: Query;
  readonly candidates: number[];
  private estimate: (i: number) => number;
  /** The query's forms a shard can match (a Simplified form none of whose keys is indexed is not searched). */
  private termsOf: (i: number) => string[];

  constructor(engine: SearchEngine, q: Query, candidates: number[], estimate: (i: number) => number, termsOf: (i: number) => string[]) {
    this.engine = engine;
    this.q = q;
    this.candidates = candidates;
    this.estimate = estimate;
    this.termsOf = termsOf;
  }

  /** Matching documents: exact once every candidate shard is searched, else an upper bound. */
  get total(): number {
    return this.candidates.reduce((a, i) => a + (this.searched.has(i) ? this.found.get(i)! : this.estimate(i)), 0);
  }

  get exact(): boolean {
    return this.candidates.every((i) => this.searched.has(i));
  }

  /** Whether results remain after those returned so far. */
  get more(): boolean {
    return !this.exact || this.streams.some((s) => s.pos < s.items.length);
  }

  /** Open the next shards, up to one step of bytes (at least one shard). */
  private async step(): Promise<void> {
    const todo = this.candidates.filter((i) => !this.searched.has(i));
    let bytes = 0;
    const batch: number[] = [];
    for (const i of todo) {
      const s = this.engine.manifest.shards[i]!;
      const cost = (this.engine.isOpen(s) ? 0 : s.open) + s.chunk;
      if (batch.length && bytes + cost > this.engine.o.stepBytes) break;
      batch.push(i);
      bytes += cost;
    }
    await Promise.all(batch.map((i) => this.searchShard(i)));
  }

  private async searchShard(i: number): Promise<void> {
    const s = this.engine.manifest.shards[i]!;
    const inst = await this.engine.shard(s);
    const key = sortKeyOf(this.q.sort);
    const sort = key && s.sorts.includes(key) ? { [key]: descending(this.q.sort) ? 'desc' : 'asc' } : !this.q.terms.some((t) => t.trim()) && s.sorts.includes('score') ? { score: 'desc' } : {};
    const filters = Object.fromEntries(Object.entries(this.q.filters).filter(([, v]) => v));
    const terms = this.termsOf(i);
    const responses = await Promise.all((terms.length ? terms : [null]).map((t) => inst.search(t, { filters, sort })));
    const items: PagefindFound[] = [];
    const ids = new Set<string>();
    for (const r of responses) for (const x of r?.results ?? []) if (!ids.has(x.id)) (ids.add(x.id), items.push(x));
    this.streams.push({ shard: i, items, pos: 0, type: s.id.split('-')[0]! });
    this.found.set(i, items.length);
    this.searched.add(i);
  }

  /** Pagefind's counts by filter value of one small shard's matches (its filter files, then the same search). */
  private async shardFacetCounts(i: number): Promise<void> {
    if (this.facetCounts.has(i)) return;
    const s = this.engine.manifest.shards[i]!;
    const inst = await this.engine.shard(s);
    await inst.filters();
    const filters = Object.fromEntries(Object.entries(this.q.filters).filter(([, v]) => v));
    const responses = await Promise.all((this.termsOf(i).length ? this.termsOf(i) : [null]).map((t) => inst.search(t, { filters })));
    const merged: Record<string, Record<string, number>> = {};
    // Several forms of the query (Simplified and Traditional): a document may match both, so take the larger count.
    for (const r of responses) for (const [k, vs] of Object.entries(r?.filters ?? {})) for (const [v, c] of Object.entries(vs)) (merged[k] ??= {})[v] = Math.max(merged[k]![v] ?? 0, c);
    this.facetCounts.set(i, merged);
  }

  /** The next `n` results in the query's order. */
  async next(n: number): Promise<Hit[]> {
    const out: Hit[] = [];
    while (out.length < n) {
      const picked: PagefindFound[] = [];
      while (picked.length < n - out.length) {
        const pick = await this.best();
        if (!pick || (await this.mustOpenFirst(pick))) break;
        picked.push(pick.items[pick.pos++]!);
      }
      if (!picked.length) {
        if (this.exact) break;
        await this.step();
        continue;
      }
      for (const d of await Promise.all(picked.map((x) => x.data()))) {
        if (this.seen.has(d.url)) continue;
        this.seen.add(d.url);
        out.push({ url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt, filters: d.filters, score: d.meta.score === undefined ? undefined : Number(d.meta.score) });
      }
    }
    return out;
  }

  /** Sorted order: an unopened shard whose range may hold a better item than the best open head. */
  private async mustOpenFirst(best: Stream): Promise<boolean> {
    const key = sortKeyOf(this.q.sort);
    if (!key) return false;
    const head = (await this.keyOf(best.items[best.pos]!))!;
    return this.candidates.some((i) => {
      if (this.searched.has(i)) return false;
      const r = this.engine.manifest.shards[i]!.range[key]!;
      return descending(this.q.sort) ? r[1] > head : r[0] < head;
    });
  }

  private async keyOf(item: PagefindFound): Promise<number | undefined> {
    if (!this.heads.has(item)) {
      const key = sortKeyOf(this.q.sort)!;
      const d = await item.data();
      const v = key === 'year' ? d.filters.year?.[0] : d.meta.score;
      this.heads.set(item, v === undefined ? undefined : Number(v));
    }
    return this.heads.get(item);
  }

  /** The stream whose next item comes first. */
  private async best(): Promise<Stream | undefined> {
    const key = sortKeyOf(this.q.sort);
    if (key) {
      // Sorted: documents without the key (an undated page) are not listed.
      for (const s of this.streams) while (s.pos < s.items.length && (await this.keyOf(s.items[s.pos]!)) === undefined) s.pos++;
    }
    const open = this.streams.filter((s) => s.pos < s.items.length);
    if (!open.length) return undefined;
    if (!key && !this.q.terms.some((t) => t.trim())) {
      // Browsing by filters: shard order (types, then years and grades as the manifest lists them).
      return open.reduce((a, b) => (this.candidates.indexOf(b.shard) < this.candidates.indexOf(a.shard) ? b : a));
    }
    if (!key) {
      const weight = (s: Stream) => s.items[s.pos]!.score * (TYPE_WEIGHT[s.type] ?? 1);
      return open.reduce((a, b) => (weight(b) > weight(a) ? b : a));
    }
    const keys = await Promise.all(open.map((s) => this.keyOf(s.items[s.pos]!)));
    const rank = (k: number | undefined) => (descending(this.q.sort) ? k! : -k!);
    let bestIndex = 0;
    keys.forEach((k, i) => { if (rank(k) > rank(keys[bestIndex])) bestIndex = i; });
    return open[bestIndex]!;
  }

  /**
   * Results per filter value, once every candidate shard is searched: from the manifest where a
   * shard's documents share a value, from Pagefind's own counts for small shards (fetched here,
   * after the results are shown), and not at all for a filter whose values vary within a large shard.
   */
  async counts(): Promise<Partial<Record<FilterKey, Record<string, number>>> | undefined> {
    if (!this.exact) return undefined;
    const m = this.engine.manifest;
    const varies = (i: number) => (Object.keys(m.values) as FilterKey[]).some((k) => shardCounts(m, m.shards[i]!, k).size > 1 || ![...shardCounts(m, m.shards[i]!, k).values()].every((c) => c === m.shards[i]!.n));
    await Promise.all(this.candidates.filter((i) => this.found.get(i)! > 0 && m.shards[i]!.n <= SMALL && varies(i)).map((i) => this.shardFacetCounts(i)));
    const out: Partial<Record<FilterKey, Record<string, number>>> = {};
    for (const key of Object.keys(m.values) as FilterKey[]) {
      const acc: Record<string, number> = {};
      let known = true;
      for (const i of this.candidates) {
        const s = m.shards[i]!;
        const per = shardCounts(m, s, key);
        const only = per.size === 1 && [...per.values()][0] === s.n ? [...per.keys()][0] : undefined;
        const pf = this.facetCounts.get(i)?.[key];
        if (this.found.get(i) === 0 || per.size === 0) continue;
        if (only !== undefined) acc[only] = (acc[only] ?? 0) + this.found.get(i)!;
        else if (pf) for (const [v, c] of Object.entries(pf)) acc[v] = (acc[v] ?? 0) + c;
        else known = false;
      }
      if (known) out[key] = acc;
    }
    return out;
  }
}
