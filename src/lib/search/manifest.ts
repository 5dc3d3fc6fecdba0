// The shape of a locale's search index on disk (written by scripts/build/search-index.ts, read by
// the search page's engine). docs/search.md explains
// why the index is cut into shards and how a query picks the few it needs.
//
//   pagefind/pagefind.js                      Pagefind's loader (one for every locale)
//   pagefind/<lang>/manifest.json             this file: shards, their filter values, file counts
//   pagefind/<lang>/<shard>/                  one Pagefind bundle per shard (the first holds the WebAssembly)
//   pagefind/<lang>/keys/<n>.json             routing: key → shards holding it, with document counts
//   pagefind/<lang>/words/<n>.json            the index's own words, for "did you mean" suggestions
// Types and one pure helper only: the search page's engine imports this module.
import type { FilterKey, SortKey } from './meta.ts';

export const MANIFEST_VERSION = 1;

/** One shard: a Pagefind bundle of at most a few thousand documents of one type (or the small types together). */
export interface ShardInfo {
  /** Folder under the locale's folder. */
  id: string;
  /** Number of documents. */
  n: number;
  /** Bytes fetched to open it (entry and metadata), and the average bytes of one of its index chunks. */
  open: number;
  chunk: number;
  /** Per filter: indexes into `values[key]` and the number of documents with that value, flattened. */
  f: Partial<Record<FilterKey, number[]>>;
  /** Sort keys every document of the shard has. */
  sorts: SortKey[];
  /** Smallest and largest value of each sort key in the shard. */
  range: Partial<Record<SortKey, [number, number]>>;
}

export interface SearchManifest {
  version: number;
  /** Pagefind's language key (the lower-cased `<html lang>`). */
  lang: string;
  /** Every filter value in the locale, as the search page shows it. */
  values: Record<FilterKey, string[]>;
  /** Shards in the order a query loads them (the first is always loaded: it holds the WebAssembly). */
  shards: ShardInfo[];
  /** Number of routing files (keys/<n>.json) and of word files (words/<n>.json). */
  keyFiles: number;
  wordFiles: number;
  /** The words in the most documents (the benchmark's "most common word"). */
  common: [string, number][];
}

/** A routing file: key → [shard index, documents with the key, shard index, documents, …]. */
export type KeyFile = Record<string, number[]>;

/** A word file: [word, documents with it] for words starting with the file's characters. */
export type WordFile = [string, number][];

/** A shard's documents per value of one filter. */
export function shardCounts(m: SearchManifest, shard: ShardInfo, key: FilterKey): Map<string, number> {
  const flat = shard.f[key] ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < flat.length; i += 2) out.set(m.values[key][flat[i]!]!, flat[i + 1]!);
  return out;
}
