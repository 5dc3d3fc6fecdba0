// Fonts for share images, from npm packages (never the machine's own fonts, so every machine draws
// the same image): Noto Sans TC (Traditional Chinese and Latin) and Noto Sans KR (Hangul).
// Fontsource splits each font into unicode-range subsets; only the subsets a card's text needs are
// read, once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The font packages, in the order a character is looked up, and the script each is made for (a card in that script looks it up first). */
export const FONT_PACKAGES = [
  { pkg: '@fontsource/noto-sans-tc', family: 'noto-sans-tc', script: 'han' },
  { pkg: '@fontsource/noto-sans-kr', family: 'noto-sans-kr', script: 'hangul' },
] as const;

/** The script a card's readers write in (LOCALE_FACTS[…].script). */
export type Script = 'han' | 'latin' | 'hangul';

export type FontWeight = 400 | 700;

/** A font as satori takes it. */
export interface CardFont {
  name: string;
  data: Buffer;
  weight: FontWeight;
  style: 'normal';
}

interface Subset {
  pkg: string;
  family: string;
  script: Script;
  name: string;
  ranges: [number, number][];
}

let subsets: Subset[] | undefined;

function loadSubsets(): Subset[] {
  if (subsets) return subsets;
  subsets = FONT_PACKAGES.flatMap(({ pkg, family, script }) => {
    const unicode = JSON.parse(readFileSync(require.resolve(`${pkg}/unicode.json`), 'utf8')) as Record<string, string>;
    return Object.entries(unicode).map(([key, list]) => ({
      pkg, family, script,
      name: key.replace(/^\[(\d+)\]$/, '$1'),
      ranges: list.split(',').map((r) => {
        const [lo, hi] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as [number, number];
      }),
    }));
  });
  return subsets;
}

/** The package versions, part of every cached image's key (a new font draws new images). */
export function fontVersions(): string {
  return FONT_PACKAGES.map(({ pkg }) => `${pkg}@${(JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`).join(',');
}

const files = new Map<string, Buffer>();

/**
 * The font subsets that draw `text` in both weights, preferring the font made for the card's
 * script: for each character, the first package (that one first) with a subset covering it.
 * Characters no subset covers are left to satori, which draws nothing for them.
 */
export function fontsFor(text: string, script: Script): CardFont[] {
  const all = loadSubsets();
  const order = [...all].sort((a, b) => Number(b.script === script) - Number(a.script === script));
  const needed = new Set<Subset>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20) continue;
    const s = order.find((x) => x.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
    if (s) needed.add(s);
  }
  // Latin first so digits and punctuation take the Latin subset's shapes.
  const list = [...needed].sort((a, b) => Number(b.name === 'latin') - Number(a.name === 'latin'));
  return list.flatMap((s) => ([400, 700] as const).map((weight) => {
    const file = join(dirname(require.resolve(`${s.pkg}/package.json`)), 'files', `${s.family}-${s.name}-${weight}-normal.woff`);
    let data = files.get(file);
    if (!data) files.set(file, (data = readFileSync(file)));
    return { name: `${s.family}-${s.name}`, data, weight, style: 'normal' as const };
  }));
}
