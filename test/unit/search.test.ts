// The pure parts of search: routing keys, search records, shard cutting, suggestions, filters.
import { describe, expect, test } from 'vitest';
import { createRoutes, LOCALES, siteLocales, type Locale } from '../../src/i18n/index.ts';
import { loadContent } from '../../src/lib/load.ts';
import { facetValues } from '../../src/lib/search/facets.ts';
import { queryKeys, textKeys, wordKey, scriptOf } from '../../src/lib/search/keys.ts';
import { filterRecord, pagefindFilters, pagefindMetaHtml, pagefindSorts } from '../../src/lib/search/meta.ts';
import { searchRecords } from '../../src/lib/search/records.ts';
import { closest, editDistance } from '../../src/lib/search/suggest.ts';
import { cut, planShards } from '../../scripts/build/search/plan.ts';
import { longestBareNumberRun } from '../helpers/numbers.ts';

const { dataset: ds } = loadContent('content');
const routes = createRoutes(siteLocales(ds.site));
const records = new Map(LOCALES.map((l) => [l, searchRecords(ds, routes, l)]));


describe('routing keys', () => {
  const has = (text: string, query: string, lang: string) => queryKeys(query, lang).every((k) => textKeys(text).has(k));
  test('a document has the keys of every query Pagefind would match it with', () => {
    expect(has('首爾市行動圖書館把書送到公園', '圖書館', 'zh-Hant-TW')).toBe(true);
    expect(has('首爾市行動圖書館', '行動圖書館', 'zh-Hant-TW')).toBe(true);
    expect(has('Seoul’s mobile library lends books', 'libraries', 'en')).toBe(true); // stem "librari"
    expect(has('Seoul’s mobile library', 'Library', 'en')).toBe(true);
    expect(has('Dying plants', 'die', 'en')).toBe(true); // Porter2: dying → die
    expect(has('평생학습 사업 서울특별시', '서울', 'ko-KR')).toBe(true);
    expect(has('Busan, 2024 joint evaluation', '2024', 'en')).toBe(true);
    expect(has('Café culture', 'cafe', 'en')).toBe(true);
  });
  test('and lacks them when no word could match', () => {
    expect(has('首爾市行動圖書館', '財政部', 'zh-Hant-TW')).toBe(false);
    expect(has('Seoul’s mobile library', 'budget', 'en')).toBe(false);
    expect(has('평생학습 사업', '서울', 'ko-KR')).toBe(false);
  });
  test('a query word has one key: three letters, or two Han characters', () => {
    expect(wordKey('library')).toBe('lib');
    expect(wordKey('圖書館')).toBe('圖書');
    expect(wordKey('is')).toBe('is');
    expect(queryKeys('  ', 'en')).toEqual([]);
  });
  test('scripts point a query to the locale its readers type in', () => {
    expect(scriptOf('圖書館')).toBe('han');
    expect(scriptOf('도서관')).toBe('hangul');
    expect(scriptOf('library')).toBe('latin');
    expect(scriptOf('2024')).toBeUndefined();
  });
});

describe('search records', () => {
  test('one per body, program, result, rated program-year, follow-up and correction, in every locale', () => {
    for (const l of LOCALES) {
      const count = (type: string) => records.get(l)!.filter((r) => r.type === type).length;
      expect(count('body')).toBe(ds.bodies.length);
      expect(count('program')).toBe(ds.programs.length);
      expect(count('result')).toBe(ds.results.length);
      expect(count('rating')).toBe(ds.programRatings.length);
      expect(count('follow-up')).toBe(ds.followUps.length);
    }
  });
  test('a record is about one year and one rating or grade; entity pages have no year', () => {
    for (const r of records.get('en')!) {
      const f = filterRecord(r.meta);
      expect(f.type, r.url).toHaveLength(1);
      if (r.type === 'body' || r.type === 'program') expect(f.year, r.url).toBeUndefined();
      if (r.type === 'rating') expect([f.year?.length, f.rating?.length], r.url).toEqual([1, 1]);
      if (r.type === 'result') expect([f.year?.length, f.grade?.length, f.scheme?.length], r.url).toEqual([1, 1, 1]);
    }
  });
  test('the rating record of a program-year says its rating and links to its row', () => {
    const r = ds.programRatings.find((x) => x.rating === 'very-ineffective')!;
    const rec = records.get('zh-Hant')!.find((x) => x.url === routes.in('zh-Hant').programYear(r.program, r.year))!;
    expect(filterRecord(rec.meta)).toMatchObject({ year: [String(r.year)], rating: ['非常無效'] });
    expect(rec.content).toContain('非常無效');
    expect(pagefindSorts(rec.meta)).toEqual([{ key: 'year', value: String(r.year) }, { key: 'score', value: String(r.total) }]);
  });
  test('every filter value is one the search page offers, and no filter has one value per body', () => {
    for (const l of LOCALES) {
      const values = facetValues(ds, l);
      for (const r of records.get(l)!) for (const [k, vs] of Object.entries(filterRecord(r.meta))) for (const v of vs) expect(values[k as keyof typeof values], `${l} ${k}`).toContain(v);
      expect(Object.values(values).every((vs) => vs.length < ds.bodies.length)).toBe(true);
    }
  });
  test('no record text has a run of more than three bare numbers', () => {
    expect(longestBareNumberRun('6.6. 13.1. 25. 5.2. 6.8. 56.7. 非常無效. 2,310')).toBe(6);
    expect(longestBareNumberRun('S · 92.37, rank 5 of 17')).toBe(1);
    for (const l of LOCALES) for (const r of records.get(l)!) expect(longestBareNumberRun(`${r.title} ${r.content}`), `${l} ${r.url}: ${r.content}`).toBeLessThanOrEqual(3);
  });
  test('urls are without the base path (Pagefind adds the bundle’s)', () => {
    expect(() => searchRecords(ds, createRoutes({ ...siteLocales(ds.site), base: '/x' }), 'en')).toThrow(/base path/);
  });
});

describe('shards', () => {
  const ratings = (l: Locale) => records.get(l)!.filter((r) => r.type === 'rating');
  test('at most the shard size, in type order, whole groups together when they fit', () => {
    const shards = cut(ratings('en'), 50);
    expect(shards.flat()).toHaveLength(ratings('en').length);
    for (const s of shards) expect(s.length).toBeLessThanOrEqual(50);
    // Newest year first; within a year, ratings in the review's order.
    const years = shards.flat().map((r) => r.meta.year!);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    // A group that fits is never split.
    const groupShards = new Map<string, Set<number>>();
    shards.forEach((s, i) => s.forEach((r) => groupShards.set(r.group, (groupShards.get(r.group) ?? new Set()).add(i))));
    for (const [g, set] of groupShards) if (ratings('en').filter((r) => r.group === g).length <= 50) expect(set.size, g).toBe(1);
  });
  test('core holds the prose pages and the small types; the others one type each', () => {
    const plan = planShards(records.get('en')!, [{ path: '/en/methodology/', type: 'page' }], 100);
    expect(plan[0]!.id).toBe('core');
    expect(new Set(plan[0]!.records.map((r) => r.type))).toEqual(new Set(['follow-up', 'correction']));
    for (const s of plan.slice(1)) expect(new Set(s.records.map((r) => r.type)).size).toBe(1);
  });
});

describe('did you mean', () => {
  test('edit distance with swaps', () => {
    expect(editDistance('libary', 'library', 2)).toBe(1);
    expect(editDistance('lbirary', 'library', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
  test('the closest frequent word, none for a word of the index', () => {
    const vocab: [string, number][] = [['library', 5], ['literary', 1], ['budget', 9]];
    expect(closest('libary', vocab)).toBe('library');
    expect(closest('library', vocab)).toBeUndefined();
    expect(closest('zzzzzz', vocab)).toBeUndefined();
  });
});

describe('Pagefind metadata of prose pages', () => {
  test('localized, de-duplicated filters and numeric sort keys, hidden from the indexed text', () => {
    const p = { locale: 'en' as const, type: 'case' as const, year: 2024, bodyKind: 'central-ministerial' as const, scheme: 'A & <B>' };
    expect(pagefindFilters(p)).toEqual([{ key: 'type', value: 'Exemplary case' }, { key: 'year', value: '2024' }, { key: 'scheme', value: 'A & <B>' }, { key: 'kind', value: 'Ministry' }]);
    const html = pagefindMetaHtml(p);
    expect(html).toMatch(/^<div hidden data-pagefind-ignore>/);
    expect(html).toContain('<span data-pagefind-filter="scheme">A &amp; &lt;B&gt;</span>');
    expect(html).toContain('<span data-pagefind-sort="year">2024</span>');
  });
});
