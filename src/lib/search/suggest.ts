// "Did you mean": for a query with no results, each word not in the index's vocabulary is replaced
// by the closest word of the vocabulary (edit distance 1, or 2 for words over four letters), the
// most frequent first. The vocabulary comes from the index build, spread over small files by first
// character (manifest.ts), so a suggestion fetches one file per word.
import { bucketOf, queryWords } from './keys.ts';
import type { WordFile } from './manifest.ts';

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/** The closest vocabulary word to `word`, or undefined when it is itself a word or nothing is close. */
export function closest(word: string, vocabulary: WordFile): string | undefined {
  if (vocabulary.some(([w]) => w === word)) return undefined;
  const max = [...word].length > 4 ? 2 : 1;
  let best: [string, number, number] | undefined;
  for (const [w, n] of vocabulary) {
    const d = editDistance(word, w, max);
    if (d <= max && (!best || d < best[1] || (d === best[1] && n > best[2]))) best = [w, d, n];
  }
  return best?.[0];
}

/** A corrected query, or undefined when no word could be corrected. */
export async function suggest(query: string, lang: string, base: string, wordFiles: number): Promise<string | undefined> {
  const words = queryWords(query, lang);
  let changed = false;
  const fixed = await Promise.all(words.map(async (w) => {
    if ([...w].length < 2) return w;
    const res = await fetch(`${base}words/${bucketOf([...w][0]!, wordFiles)}.json`);
    const better = res.ok ? closest(w, (await res.json()) as WordFile) : undefined;
    if (better) changed = true;
    return better ?? w;
  }));
  return changed ? fixed.join(' ') : undefined;
}
