// Pure pieces of open data, search metadata, citations, Simplified input and the sitemap.
import { describe, expect, test } from 'vitest';
import { citationText } from '../../src/lib/opendata/cite.ts';
import { pagefindFilters, pagefindMetaHtml } from '../../src/lib/search/meta.ts';
import { hasSimplified } from '../../src/islands/simplified-chars.ts';
import { toTraditional } from '../../src/islands/s2t.ts';
import { sitemapXml } from '../../scripts/sitemap.ts';
import { openDataTables, tableFields } from '../../src/lib/opendata/index.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { MINIMAL } from '../helpers/fixtures.ts';

describe('citation text', () => {
  const base = { title: 'Seoul’s mobile library', url: 'https://x.example/en/cases/seoul-mobile-library/', publisher: 'Demo Office', siteName: 'Open Results', accessed: '2025-11-23' };
  test('English, APA-like', () => {
    expect(citationText({ ...base, lang: 'en', published: '2024-03-28' })).toBe('Demo Office. (2024, March 28). Seoul’s mobile library. Open Results. https://x.example/en/cases/seoul-mobile-library/ (accessed 2025-11-23)');
    expect(citationText({ ...base, lang: 'en' })).toContain('(n.d.)');
  });
  test('Traditional Chinese', () => {
    expect(citationText({ ...base, lang: 'zh-Hant', title: '首爾市行動圖書館', publisher: '示範辦公室', siteName: '公開績效', published: '2024-03-28' }))
      .toBe('示範辦公室（2024年3月28日）。〈首爾市行動圖書館〉。公開績效。https://x.example/en/cases/seoul-mobile-library/（擷取日期：2025年11月23日）');
  });
});

describe('Pagefind metadata', () => {
  test('filters are localized, de-duplicated, and the sort key is the latest year', () => {
    const p = { lang: 'en' as const, type: 'body' as const, year: [2022, 2024, 2023, 2024], body: 'Ministry of Agriculture, Food and Rural Affairs', bodyKind: 'central-ministerial' as const, grade: ['A', 'A', 'S'], rating: 'ineffective' as const };
    expect(pagefindFilters(p)).toEqual([
      { key: 'type', value: 'Body' },
      { key: 'year', value: '2022' }, { key: 'year', value: '2024' }, { key: 'year', value: '2023' },
      { key: 'body', value: 'Ministry of Agriculture, Food and Rural Affairs' },
      { key: 'kind', value: 'Ministry' },
      { key: 'grade', value: 'A' }, { key: 'grade', value: 'S' },
      { key: 'rating', value: 'Ineffective' },
    ]);
    const html = pagefindMetaHtml({ ...p, body: 'A & <B>' });
    expect(html).toContain('<span data-pagefind-sort="year">2024</span>');
    expect(html).toContain('<span data-pagefind-filter="body">A &amp; &lt;B&gt;</span>');
    expect(html).toMatch(/^<div hidden data-pagefind-ignore>/);
  });
});

describe('Simplified input', () => {
  test('detects Simplified characters and converts them', () => {
    expect(hasSimplified('图书馆')).toBe(true);
    expect(hasSimplified('圖書館')).toBe(false);
    expect(hasSimplified('library')).toBe(false);
    expect(toTraditional('图书馆')).toBe('圖書館');
    expect(toTraditional('行动图书馆')).toBe('行動圖書館');
  });
});

describe('sitemap', () => {
  test('alternates only where both languages exist', () => {
    const xml = sitemapXml(['/', '/en/', '/data/', '/en/data/', '/zh-only/'], 'https://x.example');
    expect(xml).toContain('<loc>https://x.example/zh-only/</loc>\n  </url>');
    expect(xml).toContain('<loc>https://x.example/en/data/</loc>\n    <xhtml:link rel="alternate" hreflang="zh-Hant-TW" href="https://x.example/data/"/>\n    <xhtml:link rel="alternate" hreflang="en" href="https://x.example/en/data/"/>');
    expect(xml.match(/<url>/g)).toHaveLength(5);
  });
});

describe('open-data tables on the minimal fixture', () => {
  const { dataset, problems } = loadContent(MINIMAL, { relativeTo: MINIMAL });
  test('fixture is valid', () => expect(problems).toEqual([]));
  test('every row has exactly the table columns; Frictionless types follow the zod types', () => {
    for (const t of openDataTables(dataset)) {
      for (const r of t.rows) expect(Object.keys(r).sort(), t.name).toEqual(t.columns.map((c) => c.name).sort());
      const fields = tableFields(t);
      expect(fields.map((f) => f.name)).toEqual(t.columns.map((c) => c.name));
    }
    const results = openDataTables(dataset).find((t) => t.name === 'results')!;
    const types = Object.fromEntries(tableFields(results).map((f) => [f.name, [f.type, f.constraints?.required ?? false]]));
    expect(types).toMatchObject({ rank: ['integer', true], total: ['number', true], grade: ['string', true], remarks_en: ['string', false], year: ['integer', true] });
  });
});
