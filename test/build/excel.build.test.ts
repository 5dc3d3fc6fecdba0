// Opens every "CSV for Excel" download the way Excel decides a CSV's encoding: a UTF-8 byte-order
// mark means UTF-8; without one, Excel (double-click, no import wizard) reads the system's ANSI code
// page — Windows-1252 in the West, Big5 in Taiwan, EUC-KR (CP949) in Korea. With the mark, Chinese
// and Korean come back exactly as the JSON holds them under every one of those systems; the plain
// CSV (for scripts, no mark) would not, which is why the variant exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, inject, test } from 'vitest';

let dist = '';
beforeAll(() => { dist = inject('demoDist'); });
const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;
const ANSI = ['windows-1252', 'big5', 'euc-kr'];

function files(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) files(p, out);
    else if (p.endsWith('.excel.csv')) out.push(p);
  }
  return out;
}

/** Text as Excel reads a .csv it is asked to open, on a system whose ANSI code page is `ansi`. */
function asExcelReads(bytes: Buffer, ansi: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  return new TextDecoder(ansi).decode(bytes);
}

test('every CSV for Excel starts with the UTF-8 byte-order mark and round-trips Chinese and Korean on Western, Taiwanese and Korean Windows', () => {
  const list = files(join(dist, 'data'));
  expect(list.length).toBeGreaterThan(400); // whole tables and every page table
  let han = 0;
  let hangul = 0;
  for (const file of list) {
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
    const json = JSON.parse(readFileSync(file.replace(/\.excel\.csv$/, '.json'), 'utf8')) as Record<string, unknown>[];
    const expected = json.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));
    for (const ansi of ANSI) expect(parse(asExcelReads(bytes, ansi), { columns: true }), `${file} on ${ansi}`).toEqual(expected);
    const text = bytes.toString('utf8');
    if (HAN.test(text)) han++;
    if (HANGUL.test(text)) hangul++;
  }
  expect(han).toBeGreaterThan(300);
  expect(hangul).toBeGreaterThan(300);
});

test('without the mark (the plain CSV, for scripts) Excel would garble the same Chinese and Korean: the mark is what makes the variant readable', () => {
  const plain = readFileSync(join(dist, 'data', 'bodies.csv'));
  expect(plain[0]).not.toBe(0xef);
  const text = plain.toString('utf8');
  expect(text).toMatch(HAN);
  expect(text).toMatch(HANGUL);
  for (const ansi of ANSI) expect(asExcelReads(plain, ansi), ansi).not.toBe(text);
  expect(asExcelReads(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]), 'big5')).toBe(text);
});
