// Pure pieces of open data, a round's search metadata, citations, Simplified input and the sitemap.
import { describe, expect, test } from 'vitest';
import { apaText, bibtex, citationText, cslJson } from '../../src/lib/opendata/cite.ts';
import { pagefindFilters } from '../../src/lib/search/meta.ts';
import { hasSimplified } from '../../src/islands/simplified-chars.ts';
import { toTraditional } from '../../src/islands/s2t.ts';
import { sitemapXml } from '../../scripts/build/sitemap.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { cycleResultTables, openDataTables, rowSchema, tableCsv, tableFields, tableJson, type Table } from '../../src/lib/opendata/index.ts';
import { loadContent } from '../../src/lib/load.ts';
import type { PanelRound } from '../../src/schemas/panelRound.ts';
import { roundMeta } from '../../src/lib/search/pageMeta.ts';
import { MINIMAL } from '../helpers/fixtures.ts';
import { createRoutes } from '../../src/i18n/routes.ts';

describe('citation text', () => {
  const base = { title: 'Seoul’s mobile library', url: 'https://x.example/en/cases/seoul-mobile-library/', publisher: 'Demo Office', siteName: 'Open Results' };
  test('English plain text and APA style: publication and last correction dates, the reader adds the access date', () => {
    const c = { ...base, locale: 'en' as const, published: '2024-03-28', updated: '2025-08-01' };
    expect(citationText(c)).toBe('Demo Office, “Seoul’s mobile library”, Open Results, published March 28, 2024, last corrected August 1, 2025. https://x.example/en/cases/seoul-mobile-library/, accessed [date you accessed it].');
    expect(apaText(c)).toBe('Demo Office. (2025, August 1). Seoul’s mobile library. Open Results. Retrieved [date you accessed it], from https://x.example/en/cases/seoul-mobile-library/');
    expect(citationText({ ...base, locale: 'en' })).toContain('published n.d.');
  });
  test('Traditional Chinese and Korean', () => {
    expect(citationText({ ...base, locale: 'zh-Hant', title: '首爾市行動圖書館', publisher: '示範辦公室', siteName: '公開績效', published: '2024-03-28' }))
      .toBe('示範辦公室，〈首爾市行動圖書館〉，公開績效，2024年3月28日公布。https://x.example/en/cases/seoul-mobile-library/，〔您的存取日期〕擷取。');
    expect(apaText({ ...base, locale: 'ko', title: '서울시 이동도서관', publisher: '예시 사무국', siteName: '열린 성과', published: '2024-03-28' }))
      .toBe('예시 사무국. (2024년 3월 28일). 서울시 이동도서관. 열린 성과. [접속한 날짜] 검색, https://x.example/en/cases/seoul-mobile-library/');
  });
  test('BibTeX and CSL-JSON: the same facts, no access date (the reader adds urldate / accessed)', () => {
    const c = { ...base, locale: 'en' as const, title: 'A {braced} title', published: '2024-03-28', updated: '2025-08-01' };
    expect(bibtex(c)).toBe([
      '@misc{open-results-en-cases-seoul-mobile-library,',
      '  author = {{Demo Office}},',
      '  title = {{A \\{braced\\} title}},',
      '  howpublished = {Open Results},',
      '  year = {2024},',
      '  month = {3},',
      '  date = {2024-03-28},',
      '  note = {Last corrected 2025-08-01},',
      '  url = {https://x.example/en/cases/seoul-mobile-library/},',
      '  language = {en},',
      '  urldate = {}',
      '}',
    ].join('\n'));
    expect(JSON.parse(cslJson(c))).toEqual([{
      id: 'open-results-en-cases-seoul-mobile-library', type: 'webpage', title: 'A {braced} title', author: [{ literal: 'Demo Office' }], publisher: 'Demo Office',
      'container-title': 'Open Results', issued: { 'date-parts': [[2024, 3, 28]] }, note: 'Last corrected 2025-08-01', URL: 'https://x.example/en/cases/seoul-mobile-library/', language: 'en',
    }]);
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
  test('alternates only among the locales where the page exists', () => {
    const routes = createRoutes({ locales: ['zh-Hant', 'en', 'ko'], defaultLocale: 'zh-Hant' });
    const xml = sitemapXml(['/', '/en/', '/ko/', '/data/', '/en/data/', '/zh-only/'], 'https://x.example', routes);
    expect(xml).toContain('<loc>https://x.example/zh-only/</loc>\n  </url>');
    expect(xml).toContain('<loc>https://x.example/en/data/</loc>\n    <xhtml:link rel="alternate" hreflang="zh-Hant-TW" href="https://x.example/data/"/>\n    <xhtml:link rel="alternate" hreflang="en" href="https://x.example/en/data/"/>\n    <xhtml:link rel="alternate" hreflang="x-default" href="https://x.example/data/"/>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="ko-KR" href="https://x.example/ko/"/>');
    expect(xml.match(/<url>/g)).toHaveLength(6);
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

describe('the demo flag', () => {
  const { dataset } = loadContent('content');
  test('while demoData is on, every row of every table (whole and per page) says demo: true; a real deployment has no such column', () => {
    expect(dataset.site.demoData).toBe(true);
    const all = [...openDataTables(dataset), ...cycleResultTables(dataset)];
    for (const t of all) {
      expect(t.columns.at(-1)!.name, t.name).toBe('demo');
      for (const r of [...t.rows, ...t.scopes.flatMap((x) => x.rows)]) expect(r.demo, t.name).toBe(true);
    }
    const real = { ...dataset, site: { ...dataset.site, demoData: false } };
    for (const t of [...openDataTables(real), ...cycleResultTables(real)]) expect(t.columns.map((c) => c.name), t.name).not.toContain('demo');
  });
});

describe('open-data tables of closed panel rounds', () => {
  // The demo content's closed score round, plus the same round recast as an approval round.
  const { dataset, problems } = loadContent('content');
  const score = dataset.panel.rounds[0]!;
  const approval: PanelRound = {
    ...score, id: 'zz-approval-copy', method: 'approval', maxApprovals: 2,
    results: score.results.map((x, i) => ({ case: x.case, approvals: i === 0 ? score.ballots : 1 })),
  };
  const ds = { ...dataset, panel: { ...dataset.panel, rounds: [...dataset.panel.rounds, approval] } };
  const rounds = ds.panel.rounds;
  const tables = openDataTables(ds);
  const table = (name: string) => tables.find((t) => t.name === name)!;
  /** The table as a reader gets it: CSV typed by the published field types, which must equal the JSON. */
  const roundTrip = (t: Table) => {
    const fields = tableFields(t);
    const fromCsv = (parseCsv(tableCsv(t), { columns: true }) as Record<string, string>[]).map((row) =>
      Object.fromEntries(fields.map((f) => {
        const v = row[f.name]!;
        return [f.name, v === '' ? null : f.type === 'integer' || f.type === 'number' ? Number(v) : f.type === 'boolean' ? v === 'true' : v];
      })),
    );
    const fromJson = JSON.parse(tableJson(t)) as Record<string, unknown>[];
    expect(fromCsv, t.name).toEqual(fromJson);
    for (const row of fromJson) expect(rowSchema(t).safeParse(row).success, `${t.name} ${JSON.stringify(row)}`).toBe(true);
    const keys = fromJson.map((r) => t.primaryKey.map((k) => r[k]).join('\u0000'));
    expect(new Set(keys).size, `${t.name} primary key`).toBe(keys.length);
    return fromJson;
  };

  test('the demo content is valid and has a closed score round', () => {
    expect(problems).toEqual([]);
    expect(score.method).toBe('score');
    expect(score.ballots).toBeGreaterThan(0);
  });

  test('panel-round-results: one row per round × case with the published tally', () => {
    const rows = roundTrip(table('panel-round-results'));
    expect(rows).toHaveLength(rounds.reduce((n, r) => n + r.results.length, 0));
    for (const r of rounds) {
      for (const x of r.results) {
        const row = rows.find((y) => y.round === r.id && y.case === x.case)!;
        expect(row, `${r.id} ${x.case}`).toMatchObject({
          method: r.method, max_approvals: r.maxApprovals ?? null, ballots: r.ballots, closed_on: r.closesAt.slice(0, 10),
          round_title_zh_hant: r.title['zh-Hant'], round_title_en: r.title.en ?? null,
          case_title_zh_hant: dataset.cases.find((c) => c.id === x.case)!.data.title,
        });
        if (r.method === 'approval') {
          expect(row).toMatchObject({ approvals: x.approvals, count: null, mean: null, score_1: null, score_5: null });
        } else {
          expect(row).toMatchObject({
            approvals: null, count: x.count, mean: x.mean,
            score_1: x.distribution!['1'], score_2: x.distribution!['2'], score_3: x.distribution!['3'], score_4: x.distribution!['4'], score_5: x.distribution!['5'],
          });
        }
      }
    }
  });

  test('panel-round-turnout: every stratum of every round, with the panel size when known', () => {
    const rows = roundTrip(table('panel-round-turnout'));
    // While the site publishes demo data, every row says so.
    expect(rows).toEqual(rounds.flatMap((r) => r.turnout.map((t) => ({ round: r.id, category: t.category, value: t.value, voters: t.voters, panel: t.panel ?? null, demo: true }))));
  });

  test('panel-round-receipts: the counted receipt codes and nothing else', () => {
    const t = table('panel-round-receipts');
    expect(t.columns.map((c) => c.name)).toEqual(['round', 'receipt', 'demo']);
    const rows = roundTrip(t);
    expect(rows).toEqual(rounds.flatMap((r) => r.receipts.map((receipt) => ({ round: r.id, receipt, demo: true }))));
    expect(rowSchema(t).safeParse({ round: score.id, receipt: 'not-a-code', demo: true }).success).toBe(false);
    expect(rowSchema(t).safeParse({ round: score.id, receipt: score.receipts[0], demo: true }).success).toBe(true);
  });

  test('round pages are search results of their own type, by closing year (the candidate cases are in their text)', () => {
    for (const lang of ['zh-Hant', 'en'] as const) {
      expect(pagefindFilters(roundMeta(ds, score.id, lang))).toEqual([
        { key: 'type', value: lang === 'en' ? 'Citizen panel vote' : '國民評鑑團投票' },
        { key: 'year', value: score.closesAt.slice(0, 4) },
      ]);
    }
  });

  test('every table and column is described in every language', () => {
    for (const t of openDataTables(dataset)) {
      for (const c of t.columns) {
        expect(c.about('en'), `${t.name}.${c.name}`).toMatch(/\w/);
        expect(c.about('zh-Hant'), `${t.name}.${c.name}`).toMatch(/\p{Script=Han}/u);
        expect(c.about('ko'), `${t.name}.${c.name}`).toMatch(/\p{Script=Hangul}/u);
        expect(c.about('ko'), `${t.name}.${c.name}`).not.toMatch(/\p{Script=Han}/u);
      }
      expect(t.title('zh-Hant')).toMatch(/\p{Script=Han}/u);
      expect(t.title('ko')).toMatch(/\p{Script=Hangul}/u);
      expect(t.description('en')).toMatch(/\w/);
    }
  });
});
