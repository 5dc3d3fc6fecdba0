// The routing and word files of a locale's index. Routing: for every key of every document's text
// (src/lib/search/keys.ts), the shards that hold it and how many of their documents do. Words: the
// index's own vocabulary with document counts, spread over files by first character and capped
// per file, for "did you mean" suggestions (docs/search.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketOf, fold, textKeys } from '../../../src/lib/search/keys.ts';
import type { KeyFile, WordFile } from '../../../src/lib/search/manifest.ts';

/** Words kept per word file: the most frequent first. */
const WORDS_PER_FILE = 400;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Power of two between lo and hi, about n / per. */
const fileCount = (n: number, per: number, lo: number, hi: number) => {
  let c = lo;
  while (c < hi && c * per < n) c *= 2;
  return c;
};

export class Routing {
  private keys = new Map<string, Map<number, number>>();
  private words = new Map<string, number>();
  private segmenter: Intl.Segmenter;

  constructor(htmlLang: string) {
    this.segmenter = new Intl.Segmenter(htmlLang, { granularity: 'word' });
  }

  /** Count one document of shard `shard`. */
  add(shard: number, text: string): void {
    for (const k of textKeys(text)) {
      let m = this.keys.get(k);
      if (!m) this.keys.set(k, (m = new Map()));
      m.set(shard, (m.get(shard) ?? 0) + 1);
    }
    for (const w of this.wordsOf(text)) this.words.set(w, (this.words.get(w) ?? 0) + 1);
  }

  /** Words worth suggesting: three letters or more without digits; Han words of two characters or more. */
  private wordsOf(text: string): Set<string> {
    const out = new Set<string>();
    const folded = fold(text);
    for (const w of folded.replace(CJK_RUN, ' ').match(/[\p{L}\p{N}]+/gu) ?? []) if (w.length >= 3 && !/\p{N}/u.test(w)) out.add(w);
    for (const run of folded.match(CJK_RUN) ?? []) {
      for (const s of this.segmenter.segment(run)) if (s.isWordLike && [...s.segment].length >= 2) out.add(s.segment);
    }
    return out;
  }

  /** Write keys/<n>.json and words/<n>.json under `dir`; returns the file counts and the most common words. */
  write(dir: string): { keyFiles: number; wordFiles: number; common: [string, number][] } {
    const keyFiles = fileCount(this.keys.size, 32, 16, 8192);
    const keyOut: KeyFile[] = Array.from({ length: keyFiles }, () => ({}));
    for (const [k, m] of this.keys) keyOut[bucketOf(k, keyFiles)]![k] = [...m].flat();
    const words = [...this.words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const wordFiles = fileCount(words.length, WORDS_PER_FILE / 2, 8, 1024);
    const wordOut: WordFile[] = Array.from({ length: wordFiles }, () => []);
    for (const [w, n] of words) {
      const file = wordOut[bucketOf([...w][0]!, wordFiles)]!;
      if (file.length < WORDS_PER_FILE) file.push([w, n]);
    }
    for (const [name, files] of [['keys', keyOut], ['words', wordOut]] as const) {
      mkdirSync(join(dir, name), { recursive: true });
      files.forEach((f, i) => writeFileSync(join(dir, name, `${i}.json`), JSON.stringify(f)));
    }
    return { keyFiles, wordFiles, common: words.slice(0, 10) };
  }
}
