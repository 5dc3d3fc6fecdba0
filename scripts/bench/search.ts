// Search benchmark: serves a built site, opens its search page in headless Chromium and measures,
// per locale, a first query (hydrating the island, loading the engine and Pagefind) and a later
// query for the index's most common word: requests, bytes split by what was fetched, and time from
// submit to the rendered count. Measures and prints against the budgets; never pass/fail.
// Usage: node scripts/bench/search.ts [dist] [--lang zh-Hant|en|ko|all]
import { runCli, UsageError, UserError } from '../lib/cli.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { LOCALE_FACTS, LOCALES, type Locale } from '../../src/i18n/locales.ts';
import type { SearchManifest } from '../../src/lib/search/manifest.ts';
import { launchBrowser } from '../lib/browser.ts';
import { serveStatic } from '../lib/static-server.ts';

/** What a query fetched, by kind. */
export const PARTS = ['js', 'entry', 'wasm', 'routing', 'metadata', 'filters', 'chunks', 'fragments', 'other'] as const;
export type Part = (typeof PARTS)[number];

export interface QueryMeasure {
  locale: Locale;
  query: string;
  /** 'first' includes hydrating the island, the engine and Pagefind's fixed files; 'later' is the next query. */
  which: 'first' | 'later';
  requests: number;
  /** Estimated bytes on the wire from a host that gzips text (Pagefind's index files are already compressed). */
  gzipBytes: number;
  parts: Record<Part, number>;
  /** From submit to the rendered result count (the median of RUNS cold runs). */
  ms: number;
  /**
   * First query only: from the first interaction (focus on the search field, which hydrates the
   * island and starts loading the engine) to the rendered count, for a reader who pastes and submits at once.
   */
  fromFocusMs?: number;
  status: string;
}

/** The first query of the benchmark: a word of the seeds' Seoul mobile library case. */
export const FIRST_QUERY: Record<Locale, string> = { 'zh-Hant': '圖書館', en: 'library', ko: '도서관' };

export function partOf(path: string): Part {
  if (/\/_astro\/.*\.js$/.test(path)) return 'js';
  if (/\/pagefind\/(.*\/)?(pagefind\.js|pagefind-entry\.json)$/.test(path)) return 'entry';
  if (/\.pagefind$/.test(path)) return 'wasm';
  if (/\/pagefind\/.*\/(manifest\.json|keys\/\d+\.json|words\/\d+\.json)$/.test(path)) return 'routing';
  if (path.endsWith('.pf_meta')) return 'metadata';
  if (path.endsWith('.pf_filter')) return 'filters';
  if (path.endsWith('.pf_index')) return 'chunks';
  if (path.endsWith('.pf_fragment')) return 'fragments';
  return 'other';
}

const compressed = (part: Part) => ['wasm', 'metadata', 'filters', 'chunks', 'fragments'].includes(part);

const settled = (page: Page, q: string) =>
  page.waitForFunction(
    (q) => new URL(location.href).searchParams.get('q') === q && !document.querySelector('.busy') && (document.querySelector('[role=status]')?.textContent ?? '').trim() !== '' && performance.now(),
    q,
    { timeout: 120_000, polling: 'raf' },
  );

/** The most common word of a locale's index, from its manifest (what a later query costs at most). */
export function commonWord(dist: string, locale: Locale): string {
  const m = JSON.parse(readFileSync(join(dist, 'pagefind', LOCALE_FACTS[locale].htmlLang.toLowerCase(), 'manifest.json'), 'utf8')) as SearchManifest;
  return m.common[0]![0];
}

async function measureLocale(page: Page, url: string, locale: Locale, queries: string[]): Promise<QueryMeasure[]> {
  let log: { part: Part; gzip: number }[] = [];
  let inFlight = 0;
  let lastActivity = performance.now();
  page.on('request', () => { inFlight++; lastActivity = performance.now(); });
  const finished = () => { inFlight--; lastActivity = performance.now(); };
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  /** No request in flight for 300 ms (what the query fetched after its count showed, e.g. counts by filter value). */
  const quiet = async () => {
    while (inFlight > 0 || performance.now() - lastActivity < 300) await new Promise((r) => setTimeout(r, 50));
  };
  // Bodies are read (over the DevTools protocol) and gzipped after the query settles, so the
  // benchmark's own work does not compete with the page for the two cores while it is timed.
  let responses: Response[] = [];
  page.on('response', (res) => { responses.push(res); });
  const readAll = async () => {
    const batch = responses;
    responses = [];
    for (const res of batch) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      const part = partOf(new URL(res.url()).pathname);
      log.push({ part, gzip: compressed(part) ? body.length : gzipSync(body).length });
    }
  };
  await page.goto(url, { waitUntil: 'networkidle' });
  responses = [];
  const out: QueryMeasure[] = [];
  for (const [i, query] of queries.entries()) {
    log = [];
    await page.evaluate(() => {
      const w = window as unknown as { __bench: Record<string, number> };
      w.__bench = {};
      document.addEventListener('submit', () => { w.__bench.submit = performance.now(); }, { capture: true, once: true });
      document.addEventListener('focusin', () => { w.__bench.focus = performance.now(); }, { capture: true, once: true });
    });
    const input = page.locator('#search-q');
    await input.focus(); // first use hydrates the island (client:interaction)
    await page.waitForSelector('astro-island:not([ssr])');
    await input.fill(query);
    await input.press('Enter'); // submit: search at once, no typing debounce
    const end = (await (await settled(page, query)).jsonValue()) as number;
    const t = (await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench))!;
    await quiet();
    await readAll();
    const parts = Object.fromEntries(PARTS.map((p) => [p, log.filter((r) => r.part === p).reduce((a, r) => a + r.gzip, 0)])) as Record<Part, number>;
    out.push({
      locale, query, which: i === 0 ? 'first' : 'later', requests: log.length, gzipBytes: log.reduce((a, r) => a + r.gzip, 0), parts,
      ms: end - t.submit!, fromFocusMs: i === 0 && t.focus !== undefined ? end - t.focus : undefined, status: ((await page.locator('[role=status]').textContent()) ?? '').trim(),
    });
  }
  return out;
}

/** Runs per locale, each with a cold cache; the median run is reported (the machine is shared). */
export const RUNS = 3;

/** The middle item of a sorted list (the median of an odd count, as RUNS is). */
const middle = <T>(sorted: T[]): T | undefined => sorted[Math.floor(sorted.length / 2)];
const median = (rows: QueryMeasure[]) => middle([...rows].sort((a, b) => a.ms - b.ms))!;

export async function benchSearch(dist: string, locales: Locale[] = [...LOCALES], runs = RUNS): Promise<QueryMeasure[]> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  const out: QueryMeasure[] = [];
  try {
    for (const locale of locales) {
      const dir = join(dist, 'pagefind', LOCALE_FACTS[locale].htmlLang.toLowerCase());
      if (!existsSync(dir)) continue;
      const prefix = locale === 'zh-Hant' ? '' : `/${LOCALE_FACTS[locale].segment}`;
      const all: QueryMeasure[][] = [];
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext(); // cold cache for every run
        all.push(await measureLocale(await context.newPage(), `${server.url}${prefix}/search/`, locale, [FIRST_QUERY[locale], commonWord(dist, locale)]));
        await context.close();
      }
      for (const which of [0, 1]) {
        const rows = all.map((run) => run[which]!);
        const focus = rows.map((r) => r.fromFocusMs).filter((ms) => ms !== undefined).sort((a, b) => a - b);
        out.push({ ...median(rows), fromFocusMs: middle(focus) });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/** Budgets a site size is held to (issue 16; DESIGN.md for the demo). */
export function budgetsFor(scale: number): { first: number; later: number; ms: number } {
  if (scale >= 100) return { first: 150, later: 60, ms: 300 };
  if (scale >= 10) return { first: 120, later: 40, ms: 300 };
  return { first: 150, later: 40, ms: 300 };
}

export function formatBench(rows: QueryMeasure[], scale = 1): string {
  const kb = (n: number) => (n / 1024).toFixed(1);
  const b = budgetsFor(scale);
  const verdict = (r: QueryMeasure) => {
    const limit = r.which === 'first' ? b.first : b.later;
    return r.gzipBytes <= limit * 1024 && r.ms <= b.ms ? 'within' : 'OVER';
  };
  const head = ['locale', 'query', 'which', 'req', 'KB gzip', ...PARTS, 'ms', 'ms from focus', `budget (≤ KB, ≤ ${b.ms} ms)`, 'status'];
  const body = rows.map((r) => [
    r.locale, r.query, r.which, String(r.requests), kb(r.gzipBytes), ...PARTS.map((p) => kb(r.parts[p])), r.ms.toFixed(0), r.fromFocusMs?.toFixed(0) ?? '',
    `${verdict(r)} (${r.which === 'first' ? b.first : b.later})`, r.status,
  ]);
  return ['| ' + head.join(' | ') + ' |', '|' + head.map(() => ' --- ').join('|') + '|', ...body.map((c) => '| ' + c.join(' | ') + ' |')].join('\n');
}

if (import.meta.main) {
  await runCli({
    command: 'npm run bench:search --',
    summary: 'Search bytes and time in headless Chromium on a built site (measures and prints).',
    usage: ['[dist] [--lang zh-Hant|en|ko|all] [--scale N]'],
    options: { lang: { type: 'string' }, scale: { type: 'string' } },
    help: ['--lang   one locale or all (default all)', '--scale  which budgets to print against (1, 10, 100; default 1)'],
    positionals: { max: 1 },
    async run({ values, positionals: [distArg = 'dist'] }) {
      const dist = resolve(distArg);
      if (!existsSync(`${dist}/pagefind/pagefind.js`)) throw new UserError(`no search index in ${dist} (run npm run build first)`);
      const lang = values.lang ?? 'all';
      if (lang !== 'all' && !(LOCALES as string[]).includes(lang)) throw new UsageError(`--lang must be ${LOCALES.join(', ')} or all, got "${lang}"`);
      console.log(`Search benchmark on ${dist}`);
      console.log(formatBench(await benchSearch(dist, lang === 'all' ? [...LOCALES] : [lang as Locale]), Number(values.scale ?? 1)));
    },
  });
}
