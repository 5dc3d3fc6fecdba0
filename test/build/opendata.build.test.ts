// Open data, feeds, sitemap and the search page's weight, checked on a real build of the demo
// content. Expected values come from loadContent('content'), never from the files under test.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { demoSite, SITE, type BuiltSite } from '../helpers/site.ts';
import { listHtml } from '../../scripts/lib/html-files.ts';
import { createRoutes, LOCALE_FACTS, siteLocales, text as textIn, type Routes } from '../../src/i18n/index.ts';
import { caseTitle } from '../../src/lib/labels.ts';
import { attrs } from '../helpers/links.ts';
import { withoutJsonLd } from '../helpers/schemaorg.ts';

// The demo built once for all build tests (test/build/global-setup.ts).
let site: BuiltSite;
let routes: Routes;
beforeAll(() => {
  site = demoSite(inject('demoDist'));
  routes = createRoutes(siteLocales(site.dataset.site));
});
/** A site path as a file inside dist ("/en/data/" → "en/data/index.html"). */
const fileOf = (path: string) => `${path.slice(1)}${path.endsWith('/') ? 'index.html' : ''}`;

const read = (p: string) => readFileSync(join(site.dist, p), 'utf8');
const csv = (name: string) => parse(read(`data/${name}.csv`), { columns: true }) as Record<string, string>[];
const json = (name: string) => JSON.parse(read(`data/${name}.json`)) as Record<string, unknown>[];
// Rows indexed by the looked-up columns (the indicator table has thousands of rows).
const indexes = new WeakMap<object, Map<string, Map<string, Record<string, string>[]>>>();
const find = (rows: Record<string, string>[], where: Record<string, string>) => {
  const keys = Object.keys(where);
  const sig = keys.join('|');
  let byTable = indexes.get(rows);
  if (!byTable) indexes.set(rows, (byTable = new Map()));
  let index = byTable.get(sig);
  if (!index) {
    index = new Map();
    for (const r of rows) {
      const k = keys.map((c) => r[c]).join('\u0000');
      index.set(k, [...(index.get(k) ?? []), r]);
    }
    byTable.set(sig, index);
  }
  const hits = index.get(keys.map((c) => where[c]).join('\u0000')) ?? [];
  expect(hits, JSON.stringify(where)).toHaveLength(1);
  return hits[0]!;
};
const cell = (v: number | string | boolean | undefined | null) => (v === undefined || v === null ? '' : String(v));

describe('CSV files round-trip to the content', () => {
  test('results: one row per body × cycle with scheme, year, rank, total, grade, bonus', () => {
    const ds = site.dataset;
    const rows = csv('results');
    expect(rows).toHaveLength(ds.results.length);
    for (const r of ds.results) {
      const c = ds.cycles.find((x) => x.id === r.cycle)!;
      const row = find(rows, { cycle: r.cycle, body: r.body });
      expect(row).toMatchObject({ scheme: c.scheme, year: String(c.year), grade: r.grade });
      expect(Number(row.rank)).toBe(r.rank);
      expect(Number(row.total)).toBe(r.total);
      expect(Number(row.bonus)).toBe(r.bonus);
      expect(row.body_name_zh_hant).toBe(ds.bodies.find((b) => b.id === r.body)!.name['zh-Hant']);
    }
  });

  test('dimension scores: long format, every score of every result with its weight', () => {
    const ds = site.dataset;
    const rows = csv('dimension-scores');
    let n = 0;
    for (const r of ds.results) {
      const c = ds.cycles.find((x) => x.id === r.cycle)!;
      const fw = ds.schemes.find((s) => s.id === c.scheme)!.frameworks.find((f) => f.year === c.year)!;
      for (const d of fw.dimensions) {
        const row = find(rows, { cycle: r.cycle, body: r.body, dimension: d.id });
        expect(Number(row.score)).toBe(r.scores[d.id]);
        expect(Number(row.weight)).toBe(d.weight);
        n++;
      }
    }
    expect(rows).toHaveLength(n);
  });

  test('indicators: joined with indicator names and types', () => {
    const ds = site.dataset;
    const rows = csv('indicators');
    expect(rows).toHaveLength(ds.indicatorResults.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of ds.indicatorResults) {
      const c = ds.cycles.find((x) => x.id === r.cycle)!;
      const ind = ds.schemes.find((s) => s.id === c.scheme)!.frameworks.find((f) => f.year === c.year)!.indicators.find((i) => i.code === r.indicator)!;
      const row = find(rows, { cycle: r.cycle, body: r.body, indicator: r.indicator });
      expect(row).toMatchObject({ target: cell(r.target), actual: cell(r.actual), achieved: String(r.achieved), type: ind.type, indicator_name_zh_hant: ind.name['zh-Hant'] });
    }
  });

  test('program ratings: criterion scores, total, rating, budgets', () => {
    const ds = site.dataset;
    const rows = csv('program-ratings');
    expect(rows).toHaveLength(ds.programRatings.length);
    for (const r of ds.programRatings) {
      const row = find(rows, { program: r.program, year: String(r.year) });
      expect(row).toMatchObject({ rating: r.rating, next_budget: cell(r.nextBudget) });
      expect(Number(row.budget)).toBe(r.budget);
      expect(Number(row.total)).toBe(r.total);
      for (const [k, v] of Object.entries(r.scores)) expect(Number(row[`score_${k.replace(/-/g, '_')}`]), k).toBe(v);
    }
  });

  test('bodies, schemes (frameworks × dimensions) and corrections', () => {
    const ds = site.dataset;
    const bodies = csv('bodies');
    expect(bodies.map((b) => b.id).sort()).toEqual(ds.bodies.map((b) => b.id).sort());
    for (const b of ds.bodies) expect(find(bodies, { id: b.id })).toMatchObject({ name_zh_hant: b.name['zh-Hant'], name_en: cell(b.name.en), name_ko: cell(b.name.ko), kind: b.kind, region: cell(b.region), parent: cell(b.parent) });

    const schemes = csv('schemes');
    const dims = ds.schemes.flatMap((s) => s.frameworks.flatMap((f) => f.dimensions.map((d) => ({ s, f, d }))));
    expect(schemes).toHaveLength(dims.length);
    for (const { s, f, d } of dims) {
      const row = find(schemes, { scheme: s.id, year: String(f.year), dimension: d.id });
      expect(Number(row.weight)).toBe(d.weight);
      expect(Number(row.bonus_max)).toBe(f.bonusMax);
      expect(row.grading_type).toBe(f.grading.type);
    }

    const corrections = csv('corrections');
    const revisions = ds.cycles.flatMap((c) => c.revisions.map((r) => ({ c, r })));
    expect(revisions.length).toBeGreaterThan(0);
    expect(corrections).toHaveLength(revisions.length);
    for (const { c, r } of revisions) {
      expect(find(corrections, { cycle: c.id, id: r.id })).toMatchObject({ date: r.date, field: r.field, old_value: String(r.old), new_value: String(r.new), body: cell(r.body), reason_zh_hant: r.reason['zh-Hant'] });
    }
  });

  test('panel rounds: the tally per case, turnout per stratum and the counted receipt codes of every closed round', () => {
    const rounds = site.dataset.panel.rounds;
    expect(rounds.length).toBeGreaterThan(0);
    const results = csv('panel-round-results');
    expect(results).toHaveLength(rounds.reduce((n, r) => n + r.results.length, 0));
    for (const r of rounds) {
      for (const x of r.results) {
        const row = find(results, { round: r.id, case: x.case });
        expect(row).toMatchObject({ method: r.method, ballots: String(r.ballots), closed_on: r.closesAt.slice(0, 10), approvals: cell(x.approvals), count: cell(x.count), mean: cell(x.mean) });
        for (const s of ['1', '2', '3', '4', '5'] as const) expect(row[`score_${s}`], `${r.id} ${x.case} ${s}`).toBe(cell(x.distribution?.[s]));
      }
    }
    const turnout = csv('panel-round-turnout');
    expect(turnout).toHaveLength(rounds.reduce((n, r) => n + r.turnout.length, 0));
    for (const r of rounds) for (const t of r.turnout) expect(find(turnout, { round: r.id, category: t.category, value: t.value })).toMatchObject({ voters: cell(t.voters), panel: cell(t.panel) });
    const receipts = csv('panel-round-receipts');
    expect(Object.keys(receipts[0]!)).toEqual(['round', 'receipt', 'demo']); // codes only, never choices (and the demo flag)
    expect(receipts).toEqual(rounds.flatMap((r) => r.receipts.map((receipt) => ({ round: r.id, receipt, demo: 'true' }))));
  });

  test('every CSV is UTF-8 without BOM, CRLF, header first, RFC 4180 quoting, and equals its JSON', () => {
    const pkg = JSON.parse(read('data/datapackage.json')) as { resources: { name: string; path: string; format: string; schema: { fields: { name: string; type: string }[] } }[] };
    for (const res of pkg.resources.filter((r) => r.format === 'csv')) {
      const raw = readFileSync(join(site.dist, 'data', res.path));
      expect(raw[0], res.path).not.toBe(0xef);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      expect(text.split('\r\n')[0], res.path).toBe(res.schema.fields.map((f) => f.name).join(','));
      expect(text.endsWith('\r\n'), res.path).toBe(true);
      expect(text.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/), `${res.path}: bare LF outside quotes`).toBeNull();
      // Typed like the data package says, the CSV must hold exactly the JSON's values.
      const typed = csv(res.name).map((row) =>
        Object.fromEntries(res.schema.fields.map((f) => {
          const v = row[f.name]!;
          return [f.name, v === '' ? null : f.type === 'integer' || f.type === 'number' ? Number(v) : f.type === 'boolean' ? v === 'true' : v];
        })),
      );
      expect(typed, res.path).toEqual(json(res.name));
    }
  });

  test('a cell with a comma, quote and newline is quoted per RFC 4180', async () => {
    const { tableCsv } = await import('../../src/lib/opendata/serialize.ts');
    const { z } = await import('zod');
    const about = () => 'x';
    const t = { name: 'x', title: about, description: about, primaryKey: ['a'], columns: [{ name: 'a', schema: z.string(), about }, { name: 'b', schema: z.number(), about }], rows: [{ a: 'x, "y"\nz', b: 1 }, { a: '=1+1', b: 2 }], scopes: [], whole: true };
    const text = tableCsv(t);
    expect(text).toBe('a,b\r\n"x, ""y""\nz",1\r\n"=1+1",2\r\n');
    expect(parse(text, { columns: true })).toEqual([{ a: 'x, "y"\nz', b: '1' }, { a: '=1+1', b: '2' }]);
  });
});

describe('JSON files and their JSON Schemas', () => {
  const ajv = () => {
    const a = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(a);
    return a;
  };
  test('every JSON validates against its published schema, and the schema rejects a broken row', () => {
    const pkg = JSON.parse(read('data/datapackage.json')) as { resources: { name: string; format: string; path: string; jsonSchema?: string }[] };
    const jsonResources = pkg.resources.filter((r) => r.format === 'json');
    expect(jsonResources.length).toBe(14);
    for (const res of jsonResources) {
      const schema = JSON.parse(read(`data/${res.jsonSchema}`)) as Record<string, unknown>;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`${SITE}/data/${res.jsonSchema}`);
      const validate = ajv().compile(schema);
      const data = JSON.parse(read(`data/${res.path}`)) as Record<string, unknown>[];
      expect(validate(data), `${res.path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      if (data.length === 0) continue;
      const [first] = data;
      const key = Object.keys(first!)[0]!;
      expect(validate([{ ...first, [key]: { not: 'a cell' } }]), `${res.path} must reject an object cell`).toBe(false);
      expect(validate([{ ...first, unexpected_column: 1 }]), `${res.path} must reject an unknown column`).toBe(false);
      const { [key]: _dropped, ...missing } = first!;
      expect(validate([missing]), `${res.path} must reject a missing column`).toBe(false);
    }
  });

  test('schemas carry the column descriptions', () => {
    const schema = JSON.parse(read('data/results.schema.json')) as { items: { properties: Record<string, { description?: string }> } };
    for (const [name, prop] of Object.entries(schema.items.properties)) expect(prop.description, name).toMatch(/\w/);
  });
});

describe('datapackage.json', () => {
  test('lists every table as CSV and JSON, with licence from site.yaml and fields matching the files', () => {
    const pkg = JSON.parse(read('data/datapackage.json')) as Record<string, unknown> & { resources: { name: string; path: string; format: string; mediatype: string; schema: { fields: { name: string; type: string; description: string }[] } }[]; licenses: { path: string; title: string }[] };
    expect(pkg.name).toBe('open-results');
    expect(pkg.licenses[0]).toMatchObject({ path: site.dataset.site.license.url, title: site.dataset.site.license.name });
    const tables = ['results', 'result-changes', 'dimension-scores', 'indicators', 'program-ratings', 'program-criteria', 'program-rating-scale', 'bodies', 'cycles', 'schemes', 'corrections', 'panel-round-results', 'panel-round-turnout', 'panel-round-receipts'];
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(tables.flatMap((t) => [`${t}.csv`, `${t}.json`]).sort());
    expect(new Set(pkg.resources.map((r) => r.name)).size).toBe(pkg.resources.length);
    for (const r of pkg.resources) {
      expect(existsSync(join(site.dist, 'data', r.path)), r.path).toBe(true);
      expect(r.mediatype).toBe(r.format === 'csv' ? 'text/csv' : 'application/json');
      for (const f of r.schema.fields) {
        expect(['string', 'number', 'integer', 'boolean', 'date']).toContain(f.type);
        expect(f.description, `${r.name}.${f.name}`).toMatch(/\w/);
      }
      if (r.format === 'json') {
        const rows = JSON.parse(read(`data/${r.path}`)) as Record<string, unknown>[];
        if (rows[0]) expect(Object.keys(rows[0])).toEqual(r.schema.fields.map((f) => f.name));
      }
    }
  });
});

describe('data pages', () => {
  test('index and dictionary pages per language: zero JS, lang, captioned tables, every column described', () => {
    const pkg = JSON.parse(read('data/datapackage.json')) as { resources: { name: string; format: string; schema: { fields: { name: string }[] } }[] };
    expect(routes.locales.length).toBe(3);
    for (const locale of routes.locales) {
      const to = routes.in(locale);
      const lang = LOCALE_FACTS[locale].htmlLang;
      const index = read(fileOf(to.data()));
      expect(index).toContain(`<html lang="${lang}"`);
      expect(withoutJsonLd(index)).not.toMatch(/<script/i);
      expect(index).toMatch(/<caption\b/);
      expect(index).toContain(site.dataset.site.license.url);
      for (const res of pkg.resources.filter((r) => r.format === 'csv')) {
        expect(index).toContain(`href="/data/${res.name}.csv"`);
        const dict = read(fileOf(to.dataTable(res.name)));
        expect(dict).toContain(`<html lang="${lang}"`);
        expect(withoutJsonLd(dict)).not.toMatch(/<script/i);
        expect(dict).toMatch(/<caption\b/);
        expect(dict).toMatch(/<th scope="col">/);
        for (const f of res.schema.fields) expect(dict, `${res.name}.${f.name}`).toMatch(new RegExp(`<th scope="row"><code>${f.name}</code></th>\\s*<td>[^<]+`));
      }
    }
  });
});

describe('feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'entry', 'xhtml:link', 'url'].includes(name) });

  test('every locale has RSS, Atom and JSON Feed that parse and list every correction, cycle, case and closed panel round', () => {
    expect(routes.locales.length).toBe(3);
    for (const locale of routes.locales) {
      const to = routes.in(locale);
      const rssText = read(fileOf(to.feed('rss.xml')));
      const atomText = read(fileOf(to.feed('atom.xml')));
      expect(XMLValidator.validate(rssText)).toBe(true);
      expect(XMLValidator.validate(atomText)).toBe(true);
      const rss = parser.parse(rssText).rss.channel as { item: { link: string; title: string; guid: { '#text': string }; pubDate: string }[] };
      const atom = parser.parse(atomText).feed as { entry: { id: string; updated: string }[] };
      const jf = JSON.parse(read(fileOf(to.feed('feed.json')))) as { version: string; language: string; items: { id: string; url: string; title: string; date_published: string }[] };
      expect(jf.version).toBe('https://jsonfeed.org/version/1.1');
      expect(jf.language).toBe(LOCALE_FACTS[locale].htmlLang);
      for (const links of [rss.item.map((i) => i.link), atom.entry.map((e) => e.id), jf.items.map((i) => i.id)]) {
        expect(new Set(links).size).toBe(links.length); // stable, unique ids
        for (const c of site.dataset.cycles.filter((x) => x.status === 'published')) expect(links).toContain(`${SITE}${to.cycle(c.id)}`);
        for (const k of site.dataset.cases.filter((x) => caseTitle(x, locale) !== undefined)) expect(links).toContain(`${SITE}${to.case(k.id)}`);
        for (const r of site.dataset.panel.rounds) expect(links).toContain(`${SITE}${to.panelRound(r.id)}`);
      }
      // Every correction is an item whose link, followed, lands on that correction's own row of the log.
      const log = read(fileOf(to.corrections()));
      for (const c of site.dataset.cycles) {
        for (const rv of c.revisions) {
          const description = textIn(rv.description, locale);
          const item = jf.items.find((i) => i.title.includes(description));
          expect(item, `${locale} ${c.id}/${rv.id}`).toBeDefined();
          const url = new URL(item!.url);
          expect(url.pathname).toBe(to.corrections());
          const id = decodeURIComponent(url.hash.slice(1));
          const row = new RegExp(`<tr id="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(log)?.[1];
          expect(row, `${item!.url} lands on no row`).toBeDefined();
          expect(row!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toContain(description);
        }
      }
      for (const i of rss.item) expect(Number.isNaN(Date.parse(i.pubDate))).toBe(false);
      for (const i of jf.items) expect(Number.isNaN(Date.parse(i.date_published))).toBe(false);
      const dates = jf.items.map((i) => i.date_published);
      expect(dates).toEqual([...dates].sort().reverse()); // newest first
    }
  });
});

describe('sitemap and search index', () => {
  test('sitemap lists every indexable page (the search pages too) with hreflang alternates, and no 404 page', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['url', 'xhtml:link'].includes(n) });
    const text = read('sitemap.xml');
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = parser.parse(text).urlset.url as { loc: string; 'xhtml:link'?: { '@_hreflang': string; '@_href': string }[] }[];
    const locs = urls.map((u) => u.loc);
    for (const f of listHtml(site.dist)) {
      const path = `/${f}`.replace(/index\.html$/, '');
      if (path.endsWith('/404.html')) expect(locs).not.toContain(`${SITE}${path}`);
      else expect(locs, path).toContain(`${SITE}${path}`);
    }
    const data = urls.find((u) => u.loc === `${SITE}/data/`)!;
    expect(data['xhtml:link']!.map((l) => [l['@_hreflang'], l['@_href']])).toEqual([['zh-Hant-TW', `${SITE}/data/`], ['en', `${SITE}/en/data/`], ['ko-KR', `${SITE}/ko/data/`], ['x-default', `${SITE}/data/`]]);
  });

  // That the search pages themselves are no search documents: search.build.test.ts.
  test('Pagefind wrote one index per <html lang> and left the noindex 404 pages (one per locale) out', () => {
    expect(site.search.languages.sort()).toEqual(['en', 'ko-kr', 'zh-hant-tw']);
    expect([...site.search.skipped].sort()).toEqual(['/404.html', '/en/404.html', '/ko/404.html']);
  });

  test('the search page references ≤ 10 KB gzip of JS before the first query; no other page references Pagefind', () => {
    for (const page of ['search/index.html', 'en/search/index.html', 'ko/search/index.html']) {
      const html = read(page);
      const inline = [...withoutJsonLd(html).matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
      const external = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/gi)].map((m) => m[1] ?? m[2]!);
      const bytes = [...inline.map((s) => gzipSync(s).length), ...external.map((u) => gzipSync(readFileSync(join(site.dist, u))).length)].reduce((a, b) => a + b, 0);
      expect(bytes, page).toBeGreaterThan(0);
      expect(bytes, page).toBeLessThanOrEqual(10 * 1024);
      expect(html).not.toContain('/pagefind/pagefind.js'); // loaded by the island on first search, not by the page
    }
    for (const f of listHtml(site.dist).filter((f) => !f.endsWith('search/index.html'))) {
      expect(read(f), f).not.toMatch(/pagefind[-.\w]*\.(js|css)/);
    }
  });
});
