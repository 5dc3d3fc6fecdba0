// Cutting a locale's search documents into shards (docs/search.md). A shard is a Pagefind bundle of
// at most `maxDocs` documents of one type, taken in the type's order (bodies by kind and name,
// results and ratings by year, grade or rating, then score), so that a year, a grade or a rating
// mostly sits in few shards and a query filtered by them loads only those. Whole groups of records
// (same year, scheme and grade, or same year and rating) stay together when they fit.
// The small types (prose pages, follow-ups, corrections) share the first shard, "core", which every
// query loads and which carries Pagefind's WebAssembly for the others.
import type { ContentType } from '../../../src/lib/search/meta.ts';
import type { SearchRecord } from '../../../src/lib/search/records.ts';

/** Types with a shard series of their own, in the order a query loads them (after core). */
export const SHARDED: ContentType[] = ['body', 'program', 'result', 'rating'];

export interface ProsePage {
  path: string;
  type: ContentType;
}

export interface PlannedShard {
  id: string;
  records: SearchRecord[];
  pages: ProsePage[];
}

const compare = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
};

/** Consecutive runs of records with the same group. */
function groups(records: SearchRecord[]): SearchRecord[][] {
  const out: SearchRecord[][] = [];
  for (const r of records) {
    const last = out.at(-1);
    if (last && last[0]!.group === r.group) last.push(r);
    else out.push([r]);
  }
  return out;
}

/** One type's records in shards of at most `maxDocs`, whole groups together when they fit. */
export function cut(records: SearchRecord[], maxDocs: number): SearchRecord[][] {
  const sorted = [...records].sort((a, b) => compare(a.order, b.order));
  const shards: SearchRecord[][] = [];
  let current: SearchRecord[] = [];
  for (const g of groups(sorted)) {
    if (current.length + g.length <= maxDocs) {
      current.push(...g);
      continue;
    }
    if (current.length) shards.push(current);
    // A group larger than a shard: even pieces, in its order (so a score range per piece).
    const pieces = Math.ceil(g.length / maxDocs);
    const size = Math.ceil(g.length / pieces);
    for (let i = 0; i + size < g.length; i += size) shards.push(g.slice(i, i + size));
    current = g.slice(Math.floor((g.length - 1) / size) * size);
  }
  if (current.length) shards.push(current);
  return shards;
}

export function planShards(records: SearchRecord[], pages: ProsePage[], maxDocs: number): PlannedShard[] {
  const core: PlannedShard = { id: 'core', records: records.filter((r) => !SHARDED.includes(r.type)), pages };
  return [
    core,
    ...SHARDED.flatMap((type) => cut(records.filter((r) => r.type === type), maxDocs).map((rs, i) => ({ id: `${type}-${i + 1}`, records: rs, pages: [] }))),
  ];
}
