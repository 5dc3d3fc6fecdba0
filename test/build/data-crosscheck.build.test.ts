// Cross-checks the built demo the way a journalist would before trusting it, reading only what is
// published (dist/): every budget chain shown on a page, every table against the download it
// offers (same rows, same values, in CSV, CSV for Excel and JSON), every row's link to itself, and
// every item of the corrections-only feeds against the corrections page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import type { BuiltPage } from '../../scripts/lib/html-files.ts';
import type { Routes } from '../../src/i18n/index.ts';
import { pageDownloads, pageTables, sameCell, textOf, type PageTable } from '../helpers/page-tables.ts';
import { builtDemo, type BuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
let routes: Routes;
let pages: BuiltPage[];
beforeAll(() => ({ site, routes, pages } = builtDemo(inject('demoDist'))));
const bytes = (path: string) => readFileSync(join(site.dist, decodeURIComponent(path)));
const page = (path: string) => pages.find((p) => p.url === path)!;

/** Tables that restate what a neighbouring table already offers: chart data, data dictionaries, the panel draw record, and a
 * total's formula (weight × score per dimension of one result row, which has its own downloads and permalink). */
const WITHOUT_OWN_DOWNLOADS = /^(.*-chart-data|fields|data-tables|selection-probability|strata(-[a-z]+)?|formula-.*)$/;

describe('every table offers exactly its own rows', () => {
  test('each table with downloads: its rows are the download\'s rows, its cells the download\'s values, in CSV, CSV for Excel and JSON', () => {
    let tables = 0;
    let cells = 0;
    const wrong: string[] = [];
    for (const p of pages) {
      const found = pageTables(p.html);
      for (const d of pageDownloads(p.html).filter((x) => x.for)) {
        const table = found.get(d.for!);
        if (!table) { wrong.push(`${p.url}: downloads for a missing table #${d.for}`); continue; }
        const json = JSON.parse(bytes(d.links.json).toString('utf8')) as Record<string, unknown>[];
        const csv = parse(bytes(d.links.csv).toString('utf8'), { columns: true }) as Record<string, string>[];
        const excel = bytes(d.links.excel);
        expect([...excel.subarray(0, 3)], d.links.excel).toEqual([0xef, 0xbb, 0xbf]);
        expect(parse(excel.subarray(3).toString('utf8'), { columns: true }), d.links.excel).toEqual(csv);
        expect(csv.length, d.links.csv).toBe(json.length);
        wrong.push(...compareTable(p.url, table, d.keyColumns, json));
        cells += table.rows.reduce((n, r) => n + r.cells.length, 0);
        tables++;
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(tables).toBeGreaterThan(800); // every cycle, body, program, rating, round … page in three languages
    expect(cells).toBeGreaterThan(20_000);
  });

  test('every table on a content page offers its own downloads, and every row links to itself with an accessible name', () => {
    const missing: string[] = [];
    let rows = 0;
    for (const p of pages) {
      const offered = new Set(pageDownloads(p.html).map((d) => d.for));
      for (const table of pageTables(p.html).values()) {
        if (!WITHOUT_OWN_DOWNLOADS.test(table.id) && !offered.has(table.id)) missing.push(`${p.url}#${table.id}: no downloads of its own`);
        if (/-chart-data$|^formula-/.test(table.id) || ['fields', 'data-tables'].includes(table.id)) continue;
        for (const r of table.rows) {
          rows++;
          const id = r.attrs.id;
          const link = id ? new RegExp(`<a class="permalink" href="#${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" aria-label="([^"]+)"`).exec(r.html) : null;
          if (!id || !link || !link[1]!.trim()) missing.push(`${p.url}#${table.id}: a row without a link to itself (${id ?? textOf(r.html).slice(0, 40)})`);
        }
      }
    }
    expect(missing.slice(0, 20)).toEqual([]);
    expect(rows).toBeGreaterThan(12_000); // the demo shows 12,405 rows in tables on content pages (three locales): all of them were checked
  });
});

/** One table against its download: row keys (or goal aggregates), then every value a cell shows. */
function compareTable(url: string, table: PageTable, keyColumns: string[], json: Record<string, unknown>[]): string[] {
  const wrong: string[] = [];
  const keyOf = (row: Record<string, unknown>) => keyColumns.map((c) => String(row[c])).join('|');
  const byKey = new Map(json.map((r) => [keyOf(r), r]));
  if (byKey.size !== json.length) wrong.push(`${url}#${table.id}: download has repeated keys`);
  if (table.rows.some((r) => r.attrs['data-group'] !== undefined)) {
    // Aggregate rows (a body's indicators per goal): counts recomputed from the download.
    for (const r of table.rows) {
      const inGoal = json.filter((x) => x.dimension === r.attrs['data-group']);
      if (String(inGoal.length) !== r.attrs['data-count'] || String(inGoal.filter((x) => x.achieved === true).length) !== r.attrs['data-achieved']) wrong.push(`${url}#${table.id}: goal ${r.attrs['data-group']} shows ${r.attrs['data-achieved']}/${r.attrs['data-count']}`);
    }
    if (table.rows.reduce((n, r) => n + Number(r.attrs['data-count']), 0) !== json.length) wrong.push(`${url}#${table.id}: goals do not cover the download's ${json.length} rows`);
    return wrong;
  }
  const shownKeys: string[] = [];
  for (const r of table.rows) {
    if (r.attrs['data-summary'] !== undefined) {
      for (const c of r.cells) if (!json.every((x) => sameCell(c.value, x[c.col]))) wrong.push(`${url}#${table.id}: summary row shows ${c.col} ${c.value}`);
      continue;
    }
    const rowKey = r.attrs['data-key'];
    if (rowKey !== undefined) shownKeys.push(rowKey);
    for (const c of r.cells) {
      const key = c.key ?? rowKey;
      if (c.key !== undefined) shownKeys.push(c.key);
      const held = key === undefined ? undefined : byKey.get(key);
      if (!held) { wrong.push(`${url}#${table.id}: ${key ?? '(no key)'} is not in the download`); continue; }
      if (!(c.col in held)) wrong.push(`${url}#${table.id}: the download has no column ${c.col}`);
      else if (!sameCell(c.value, held[c.col])) wrong.push(`${url}#${table.id}: ${key} ${c.col} shows ${c.value}, the download holds ${String(held[c.col])}`);
    }
  }
  const shown = new Set(shownKeys);
  if (shown.size !== shownKeys.length) wrong.push(`${url}#${table.id}: a row appears twice`);
  const extra = [...byKey.keys()].filter((k) => !shown.has(k));
  const absent = [...shown].filter((k) => !byKey.has(k));
  if (extra.length || absent.length) wrong.push(`${url}#${table.id}: download has ${extra.length} rows the table does not show (${extra.slice(0, 3).join(', ')}), table shows ${absent.length} the download lacks`);
  return wrong;
}

describe('budget chains', () => {
  test('on every program page, each year\'s budget is the next-year budget shown for the year before, unless the page shows the published reason', () => {
    let pairs = 0;
    let explained = 0;
    const broken: string[] = [];
    for (const locale of routes.locales) {
      for (const program of site.dataset.programs) {
        const p = page(routes.in(locale).program(program.id));
        const rows = pageTables(p.html).get('ratings-table')!.rows.map((r) => ({
          year: Number(r.attrs['data-key']!.split('|')[1]),
          budget: Number(r.cells.find((c) => c.col === 'budget')!.value),
          next: r.cells.find((c) => c.col === 'next_budget')!.value,
          note: /class="budget-note"/.test(r.html),
        }));
        for (const b of rows) {
          const a = rows.find((x) => x.year === b.year - 1);
          if (!a || a.next === '') continue;
          pairs++;
          if (Number(a.next) === b.budget) continue;
          if (b.note) explained++;
          else broken.push(`${p.url}: ${a.year} next-year budget ${a.next}, ${b.year} budget ${b.budget}, no reason shown`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(pairs).toBe(276 * routes.locales.length);
    expect(explained).toBeGreaterThan(0);
  });
});

describe('corrections feeds', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['item', 'entry', 'link'].includes(n) });

  test('every item of the corrections-only RSS, Atom and JSON Feed is a row of the corrections page, described with display names, and every row is an item', () => {
    const revisions = site.dataset.cycles.flatMap((c) => c.revisions).length;
    expect(revisions).toBeGreaterThan(0);
    for (const locale of routes.locales) {
      const to = routes.in(locale);
      const log = pageTables(page(to.corrections()).html).get('corrections-table')!;
      expect(log.rows).toHaveLength(revisions);
      const rows = new Map(log.rows.map((r) => [r.attrs.id!, r]));
      const read = (file: 'rss.xml' | 'atom.xml' | 'feed.json') => bytes(to.correctionsFeed(file)).toString('utf8');
      const rss = (xml.parse(read('rss.xml')).rss.channel.item as Record<string, string>[]).map((i) => ({ url: i.link!, title: i.title!, summary: i.description! }));
      const atom = (xml.parse(read('atom.xml')).feed.entry as Record<string, unknown>[]).map((e) => ({ url: (e.link as Record<string, string>[])[0]!['@href']!, title: String(e.title), summary: String(e.summary) }));
      const json = (JSON.parse(read('feed.json')) as { items: { url: string; title: string; summary: string }[] }).items;
      for (const [name, items] of [['rss', rss], ['atom', atom], ['json', json]] as const) {
        expect(items.map((i) => new URL(i.url).hash.slice(1)).sort(), `${locale} ${name}`).toEqual([...rows.keys()].sort());
        for (const i of items) {
          const url = new URL(i.url);
          expect(url.origin + url.pathname, i.url).toBe(new URL(to.corrections(), 'https://open-results.test').href);
          const row = rows.get(url.hash.slice(1))!;
          const cells = [...row.html.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
          const [, body, field, old, now, description] = cells;
          expect(i.title, i.url).toContain(description);
          if (body !== '—') expect(i.title, i.url).toContain(body);
          for (const shown of [field, old, now]) expect(i.summary, i.url).toContain(shown);
          const fieldId = row.cells.find((c) => c.col === 'field')!.value;
          // A structured id (goal-6, major-policy) never stands in for the field's name.
          if (field !== fieldId && fieldId.includes('-')) expect(`${i.title} ${i.summary}`, `${i.url} names the field by its id`).not.toContain(fieldId);
        }
      }
    }
  });
});
