// Routing keys: which index shards can contain a query's words. The index build computes the keys
// of every document's text; the search page computes the keys of a query and loads only the shards
// listed under all of them (docs/search.md). Both sides run this module, so they cannot disagree.
//
// A key must be present in every document Pagefind would return for the query (a superset), so
// keys are short prefixes that survive Pagefind's own processing:
// - Pagefind matches a query word against index words that start with it (after stemming).
// - Han/kana text is segmented into words (Intl.Segmenter at query time, Pagefind's segmenter at
//   index time), so a query segment is a contiguous piece of the text: its first two characters are
//   a character pair of the text. Documents get every character and pair of their Han runs.
// - Other scripts are split on spaces and punctuation: a document gets the first 1, 2 and 3
//   characters of each word; a query word its first 3 (English stems keep those, but for three
//   irregular forms that the table below maps both ways).

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const PREFIX = 3;
const PAIR = 2;

/** Porter2's irregular forms whose stem changes the first three letters (English only). */
const IRREGULAR: Record<string, string> = { dying: 'die', lying: 'lie', tying: 'tie' };

/** Case- and accent-folded text, full-width letters and digits made ASCII (Hangul stays composed). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
}

/** The script runs of one word: Han/kana runs apart from everything else. */
const runsOf = (word: string): string[] => word.match(RUNS) ?? [];

const isCjk = (run: string) => CJK.test(run);

/** Every key of a document's text. */
export function textKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const word of fold(text).match(WORD) ?? []) {
    const irregular = IRREGULAR[word];
    if (irregular) keys.add(irregular.slice(0, PREFIX));
    for (const run of runsOf(word)) {
      const chars = [...run];
      if (isCjk(run)) {
        for (let i = 0; i < chars.length; i++) {
          keys.add(chars[i]!);
          if (i + 1 < chars.length) keys.add(chars[i]! + chars[i + 1]!);
        }
      } else {
        for (let n = 1; n <= Math.min(PREFIX, chars.length); n++) keys.add(chars.slice(0, n).join(''));
      }
    }
  }
  return keys;
}

/**
 * The words Pagefind will look up for a query, as it splits them: Intl.Segmenter words for
 * languages it segments (Chinese, Japanese, Thai), whitespace otherwise.
 */
const segmenters = new Map<string, Intl.Segmenter>();

export function queryWords(query: string, lang: string): string[] {
  const segmented = ['zh', 'ja', 'th'].includes(lang.split('-')[0]!.toLowerCase());
  let segmenter = segmenters.get(lang);
  if (segmented && !segmenter && typeof Intl.Segmenter === 'function') segmenters.set(lang, (segmenter = new Intl.Segmenter(lang, { granularity: 'word' })));
  const parts = segmenter ? [...segmenter.segment(query)].map((s) => s.segment) : query.split(/\s+/);
  return parts.map(fold).flatMap((p) => p.match(WORD) ?? []);
}

/** The key of one query word: its first Han pair or first three other characters. */
export function wordKey(word: string): string {
  const w = IRREGULAR[word] ?? word;
  const first = runsOf(w)[0] ?? '';
  return [...first].slice(0, isCjk(first) ? PAIR : PREFIX).join('');
}

/** One key per query word (a document must have all of them); empty when the query has no words. */
export function queryKeys(query: string, lang: string): string[] {
  return [...new Set(queryWords(query, lang).map(wordKey).filter(Boolean))];
}

/** Which routing file holds a key (FNV-1a over its UTF-16 code units). */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

/** Whether a query word is written in a script (for pointing to another language's search). */
export function scriptOf(s: string): 'han' | 'hangul' | 'latin' | undefined {
  if (/\p{Script=Hangul}/u.test(s)) return 'hangul';
  if (CJK.test(s)) return 'han';
  if (/\p{Script=Latin}/u.test(s)) return 'latin';
  return undefined;
}
