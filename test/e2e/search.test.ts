// Search in headless Chromium on a real build of the demo content (the sharded index included),
// checked from the reader's side: ranking of an entity's own page, per-record filters against the
// published CSV, help when nothing is found, Simplified input, excerpts, permalinks, keyboard use,
// page weight, axe.
// Twice: at the root with the _headers Content-Security-Policy (Netlify, Cloudflare, nginx), and
// under a base path served like GitHub Pages (no headers: only the <meta> policy) — the same
// tests, every URL from the route table (so under the base path), no CSP violation in either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { createRoutes, siteLocales, t, type Locale, type Routes } from '../../src/i18n/index.ts';
import { longestBareNumberRun } from '../helpers/numbers.ts';
import { buildSite, type BuiltSite } from '../helpers/site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'open-results-e2e-'));
let browser: Browser;

beforeAll(async () => {
  // Launch first: a missing Chromium should fail fast, before a build.
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const variants = [
  { name: 'at the root, with the _headers policy', base: '', headers: true },
  { name: 'under /open-results like GitHub Pages (no headers: the <meta> policy only)', base: '/open-results', headers: false },
];

describe.each(variants)('search $name', ({ base, headers }) => {
  let site: BuiltSite;
  let server: StaticServer;
  let context: BrowserContext;
  /** The route table of this build (under its base path): every URL below comes from it. */
  let routes: Routes;
  /** A URL of the served site, from a path of the route table (which includes the base path). */
  const at = (path: string) => `${server.url}${path}`;

  beforeAll(async () => {
    site = buildSite('content', join(scratch, `dist${base.replace(/\//g, '-')}`), base ? { BASE_PATH: base } : {});
    routes = createRoutes({ ...siteLocales(site.dataset.site), base });
    server = await serveStatic(site.dist, { base, headers });
    context = await browser.newContext();
    // Record CSP violations from inside each page (Chromium reports them as events, not errors).
    await context.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  const searchPage = (locale: Locale) => routes.in(locale).search();
  const libraryCase = (locale: Locale) => routes.in(locale).case('seoul-mobile-library');

  /** Wait until the island has finished the search for the current URL. */
  async function settled(page: Page) {
    await page.waitForFunction(() => !document.querySelector('.busy') && (document.querySelector('[role=status]')?.textContent ?? '').trim() !== '', null, { timeout: 60_000 });
  }

  /** Every result, pressing "more" until none is left. */
  async function allResults(page: Page) {
    for (let i = 0; i < 100 && (await page.locator('ol.results + button').count()); i++) {
      const before = await page.locator('ol.results > li').count();
      await page.locator('ol.results + button').click();
      await page.waitForFunction((n) => document.querySelectorAll('ol.results > li').length > n || !document.querySelector('ol.results + button'), before);
      await settled(page);
    }
    return results(page);
  }

  async function results(page: Page) {
    const status = ((await page.locator('[role=status]').textContent()) ?? '').trim();
    const hrefs = await page.locator('ol.results > li > a').evaluateAll((as) => as.map((a) => { const u = new URL((a as HTMLAnchorElement).href); return u.pathname + u.hash; }));
    const count = Number((/[\d,]+/.exec(status)?.[0] ?? (hrefs.length === 0 ? '0' : 'NaN')).replace(/,/g, ''));
    return { status, hrefs, count };
  }

  /** Open the search page with a query (and filters) in the URL: the permalink a reader shares. */
  async function open(locale: Locale, params: Record<string, string>, page?: Page) {
    page ??= await context.newPage();
    await page.goto(`${at(searchPage(locale))}?${new URLSearchParams(params)}`);
    await settled(page);
    return { page, ...(await results(page)) };
  }

  /** Type a query as a reader does. */
  async function search(locale: Locale, q: string) {
    const page = await context.newPage();
    await page.goto(at(searchPage(locale)));
    await page.locator('#search-q').fill(q);
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
    await settled(page);
    return { page, ...(await results(page)) };
  }

  describe('search (Pagefind in Chromium)', () => {
    test('圖書館 and 行動圖書館 find the Seoul mobile library case (zh-Hant)', async () => {
      for (const q of ['圖書館', '行動圖書館']) {
        const r = await search('zh-Hant', q);
        expect(r.hrefs, q).toContain(libraryCase('zh-Hant'));
        expect(r.count).toBeGreaterThanOrEqual(1);
        expect(r.status).toMatch(/找到 \d+ 筆結果/);
        expect(await r.page.locator('ol.results mark').count(), 'excerpt highlights the match').toBeGreaterThan(0);
        await r.page.close();
      }
    });

    test('"library" on /en/search/ and 도서관 on /ko/search/ find their own locale’s case page', async () => {
      const en = await search('en', 'library');
      expect(en.hrefs).toContain(libraryCase('en'));
      expect(en.status).toMatch(/^\d+ results?$|^1 result$/);
      await en.page.close();
      for (const q of ['서울', '이동도서관', '도서관']) {
        const ko = await search('ko', q);
        expect(ko.hrefs, q).toContain(libraryCase('ko'));
        expect(ko.hrefs.every((h) => h.startsWith(routes.in('ko').home())), `${q}: only Korean pages`).toBe(true);
        await ko.page.close();
      }
    });

    test('「首爾」, "Seoul" and 서울특별시 put the Seoul body page first; other bodies’ names find their page first too', async () => {
      for (const [locale, q] of [['zh-Hant', '首爾'], ['en', 'Seoul'], ['ko', '서울특별시']] as const) {
        const r = await search(locale, q);
        expect(r.hrefs[0], `${locale} ${q}: ${r.hrefs.join(' ')}`).toBe(routes.in(locale).body('seoul'));
        await r.page.close();
      }
      for (const id of ['mohw', 'busan']) {
        const b = site.dataset.bodies.find((x) => x.id === id)!;
        for (const locale of ['zh-Hant', 'en', 'ko'] as const) {
          const r = await search(locale, b.name[locale]!);
          expect(r.hrefs[0], `${locale} ${b.name[locale]}`).toBe(routes.in(locale).body(id));
          await r.page.close();
        }
      }
    });

    test('rating = very ineffective + year 2024 returns exactly the programs rated so in 2024 (program-ratings.csv), by score', async () => {
      const csv = parseCsv(await (await fetch(at(routes.dataFile('program-ratings.csv')))).text(), { columns: true }) as Record<string, string>[];
      const expected = csv.filter((r) => r.year === '2024' && r.rating === 'very-ineffective');
      expect(expected.length).toBeGreaterThan(0);
      const page = await context.newPage();
      await page.goto(at(searchPage('zh-Hant')));
      // Filters are there before anything is typed: browse by filters alone.
      await page.locator('select[name=rating]').selectOption('非常無效');
      await page.locator('select[name=year]').selectOption('2024');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('year') === '2024');
      await settled(page);
      const r = await allResults(page);
      expect(r.count).toBe(expected.length);
      expect(r.hrefs.sort()).toEqual(expected.map((x) => routes.in('zh-Hant').programYear(x.program!, 2024)).sort());
      // Highest score first when nothing is typed; the structured fields say what each result is.
      const scores = (await page.locator('ol.results .facets').allTextContents()).map((f) => Number(/分數 ([\d.]+)/.exec(f)?.[1]));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(await page.locator('ol.results .type').allTextContents()).toEqual(Array(expected.length).fill('財政計畫評等'));
      await page.close();
    });

    test('a misspelled "libary" offers "library", which finds the case', async () => {
      const r = await search('en', 'libary');
      expect(r.count).toBe(0);
      const s = r.page.locator('a.suggestion');
      await expect.poll(() => s.textContent()).toBe('library');
      await s.click();
      await r.page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'library');
      await settled(r.page);
      expect((await results(r.page)).hrefs).toContain(libraryCase('en'));
      // Nothing found also links to the pages to browse.
      await r.page.close();
      const none = await search('en', 'qqqzzz');
      expect(await none.page.locator('.help ul.browse a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
        routes.in('en').bodies(), routes.in('en').programs(), routes.in('en').cycles(), routes.in('en').cases(),
      ]);
      await none.page.close();
    });

    test('圖書館 on /en/search/ links to the Chinese results; 도서관 on the Chinese page links to Korean', async () => {
      const r = await search('en', '圖書館');
      const link = r.page.locator('p.elsewhere a');
      expect(await link.textContent()).toContain('中文');
      await link.click();
      await r.page.waitForURL((u) => u.pathname === searchPage('zh-Hant'));
      await settled(r.page);
      expect((await results(r.page)).hrefs).toContain(libraryCase('zh-Hant'));
      await r.page.close();
      const zh = await search('zh-Hant', '도서관');
      expect(await zh.page.locator('p.elsewhere a').getAttribute('href')).toBe(`${searchPage('ko')}?q=${encodeURIComponent('도서관')}`);
      await zh.page.close();
    });

    test('Simplified 图书馆 is converted and finds the Traditional page', async () => {
      const r = await search('zh-Hant', '图书馆');
      expect(r.hrefs).toContain(libraryCase('zh-Hant'));
      await expect.poll(() => r.page.locator('.converted').textContent()).toContain('圖書館');
      await r.page.close();
    });

    test('Simplified 财政部 returns the same results as 財政部, its body page first', async () => {
      const trad = await open('zh-Hant', { q: '財政部' });
      const simp = await open('zh-Hant', { q: '财政部' });
      const a = await allResults(trad.page);
      const b = await allResults(simp.page);
      expect(a.count).toBeGreaterThan(0);
      expect(b.hrefs.sort()).toEqual(a.hrefs.sort());
      expect(b.count).toBe(a.count);
      expect((await results(simp.page)).hrefs[0]).toBe(routes.in('zh-Hant').body('moef'));
      expect(await simp.page.locator('.converted').textContent()).toContain('財政部');
      await trad.page.close();
      await simp.page.close();
    });

    test('excerpts never show a run of more than three bare numbers', async () => {
      const queries: [Locale, Record<string, string>][] = [
        ['zh-Hant', { q: '首爾' }], ['zh-Hant', { q: '評估' }], ['zh-Hant', { q: '2024' }], ['zh-Hant', { rating: '非常無效' }],
        ['en', { q: 'evaluation' }], ['en', { q: 'budget' }], ['en', { type: 'Body' }], ['ko', { q: '평가' }], ['ko', { year: '2023' }],
      ];
      for (const [locale, params] of queries) {
        const r = await open(locale, params);
        const excerpts = await r.page.locator('ol.results > li > p:last-child').allTextContents();
        expect(excerpts.length, JSON.stringify(params)).toBeGreaterThan(0);
        for (const e of excerpts) expect(longestBareNumberRun(e), `${locale} ${JSON.stringify(params)}: ${e}`).toBeLessThanOrEqual(3);
        await r.page.close();
      }
    });

    test('a type filter narrows the results, and query + filter survive a reload from the URL', async () => {
      const r = await search('zh-Hant', '首爾');
      expect(r.count).toBeGreaterThan(1);
      const bodyLabel = t('zh-Hant', 'search.type.body');
      await r.page.locator('select[name=type]').selectOption(bodyLabel);
      await r.page.waitForFunction(() => new URL(location.href).searchParams.get('type') !== null);
      await settled(r.page);
      const narrowed = await results(r.page);
      expect(narrowed.count).toBeGreaterThan(0);
      expect(narrowed.count).toBeLessThan(r.count);
      expect(await r.page.locator('ol.results .type').allTextContents()).toEqual(Array(narrowed.hrefs.length).fill(bodyLabel));
      const url = new URL(r.page.url());
      expect(url.searchParams.get('q')).toBe('首爾');
      expect(url.searchParams.get('type')).toBe(bodyLabel);
      await r.page.reload();
      await settled(r.page);
      expect((await results(r.page)).count).toBe(narrowed.count);
      expect(await r.page.locator('#search-q').inputValue()).toBe('首爾');
      expect(await r.page.locator('select[name=type]').inputValue()).toBe(bodyLabel);
      await r.page.close();
    });

    test('sorted by year (newest first) and by score (highest first); a year filter keeps only records of that year', async () => {
      const yearOf = (f: string) => Number(/Year (\d{4})/.exec(f)?.[1]);
      const newest = await open('en', { q: 'evaluation', sort: 'newest' });
      const years = (await newest.page.locator('ol.results .facets').allTextContents()).map(yearOf);
      expect(years.length).toBeGreaterThan(1);
      expect(years.every(Number.isFinite)).toBe(true);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      await newest.page.close();
      const best = await open('en', { q: 'Joint evaluation', sort: 'score-high', type: 'Result' });
      const all = await allResults(best.page);
      const scores = (await best.page.locator('ol.results .facets').allTextContents()).map((f) => Number(/Score ([\d.]+)/.exec(f)?.[1]));
      expect(scores.length).toBe(all.count);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      await best.page.close();
      const year = String(site.dataset.cycles[0]!.year);
      const inYear = await open('en', { q: 'evaluation', year });
      const facets = await inYear.page.locator('ol.results .facets').allTextContents();
      expect(facets.length).toBeGreaterThan(0);
      for (const f of facets) expect(yearOf(f)).toBe(Number(year));
      await inYear.page.close();
    });

    test('keyboard only: tab to the box, type, hear the count', async () => {
      const page = await context.newPage();
      await page.goto(at(searchPage('en')));
      // The way a keyboard user gets past the header: the skip link first, then into the form.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
      await page.keyboard.press('Enter');
      for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'search-q'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
      await page.keyboard.type('library');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'library');
      await settled(page);
      const status = page.locator('[role=status]');
      expect(await status.getAttribute('aria-live')).toBe('polite');
      const { hrefs, count } = await results(page);
      expect(count).toBe(hrefs.length); // fewer than a page of results: all are listed
      await page.keyboard.press('Enter'); // submitting with JS on stays on the page
      await settled(page);
      expect(new URL(page.url()).pathname).toBe(searchPage('en'));
      await page.close();
    });

    test('the server-rendered form is a plain GET form to its own search page, filters included (typing before the island wakes loses nothing); without JavaScript it is hidden and the page links to browsing instead', async () => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const page = await noJs.newPage();
      await page.goto(at(searchPage('zh-Hant')));
      const form = page.locator('form[role=search]');
      expect((await form.getAttribute('method'))?.toLowerCase() ?? 'get').toBe('get');
      expect(new URL((await form.getAttribute('action'))!, page.url()).pathname).toBe(searchPage('zh-Hant'));
      expect(await page.locator('select[name=year] option').count()).toBeGreaterThan(1);
      expect(await page.locator('select[name=rating] option').allTextContents()).toContain('非常無效');
      // Without JavaScript a search cannot run here: the form is not offered, the browse links are.
      expect(await form.isVisible()).toBe(false);
      const browse = page.locator('main a', { hasText: '機關' });
      expect(await browse.count()).toBeGreaterThan(0);
      await browse.first().click();
      await page.waitForURL((u) => u.pathname !== searchPage('zh-Hant'));
      expect((await page.goto(page.url()))?.status()).toBe(200);
      await noJs.close();
    });
  });

  describe('search page weight', () => {
    test('≤ 10 KB gzip of JS before the first query; Pagefind loads on first use, before the query is submitted', async () => {
      const page = await context.newPage();
      const js: string[] = [];
      const requested: string[] = [];
      page.on('request', (req) => requested.push(new URL(req.url()).pathname));
      page.on('response', async (res) => {
        if (/javascript/.test(res.headers()['content-type'] ?? '')) js.push(new URL(res.url()).pathname);
      });
      await page.goto(at(searchPage('zh-Hant')), { waitUntil: 'networkidle' });
      const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')].map((s) => s.textContent ?? ''));
      const fetched = await Promise.all(js.map(async (path) => gzipSync(Buffer.from(await (await fetch(server.url + path)).arrayBuffer())).length));
      const total = [...inline.map((s) => gzipSync(s).length), ...fetched].reduce((a, b) => a + b, 0);
      expect(total).toBeLessThanOrEqual(10 * 1024);
      expect(requested.some((path) => path.includes('/pagefind/'))).toBe(false);

      // Focus alone (a reader about to paste a name) starts Pagefind and its WebAssembly, so the
      // query does not wait for them after Enter.
      const wasm = page.waitForRequest((req) => /\.pagefind$/.test(new URL(req.url()).pathname));
      await page.locator('#search-q').focus();
      await wasm;
      expect(requested).toContain(routes.asset('/pagefind/pagefind.js'));
      await page.locator('#search-q').fill('圖書館');
      await settled(page);
      // Everything the search fetched is this site's, under its base path.
      expect(requested.filter((path) => !path.startsWith(routes.asset('/')))).toEqual([]);
      await page.close();
    });
  });

  describe('accessibility (axe, WCAG 2.2 AA)', () => {
    test('search page with results, with filter counts, with nothing found, and the data pages have no violations', async () => {
      const pages: Page[] = [
        (await search('zh-Hant', '圖書館')).page,
        (await open('en', { rating: 'Very ineffective', year: '2024' })).page,
        (await search('en', 'libary')).page,
      ];
      for (const path of [routes.in('zh-Hant').data(), routes.in('en').data(), routes.in('en').dataTable('results'), searchPage('en')]) {
        const pg = await context.newPage();
        await pg.goto(at(path));
        pages.push(pg);
      }
      for (const pg of pages) {
        const axe = await new AxeBuilder({ page: pg }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        expect(axe.violations.map((v) => `${new URL(pg.url()).pathname}: ${v.id}: ${v.nodes.length} nodes`)).toEqual([]);
        await pg.close();
      }
    });
  });

  describe('no Content-Security-Policy violation and a 404 page', () => {
    test('searching in each language violates no directive of the policy this host delivers', async () => {
      for (const [lang, q] of [['zh-Hant', '圖書館'], ['en', 'library'], ['ko', '도서관']] as const) {
        const r = await search(lang, q);
        expect(r.count, q).toBeGreaterThan(0);
        expect(await r.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), q).toEqual([]);
        // the policy this host delivers: the header, or only the <meta>
        const res = await fetch(at(searchPage(lang)));
        expect(res.headers.get('content-security-policy') !== null, 'CSP header').toBe(headers);
        expect(await res.text()).toContain('http-equiv="Content-Security-Policy"');
        await r.page.close();
      }
    });

    test('a missing page answers 404 with the site\'s 404 page: every language, axe-clean, no CSP violation', async () => {
      const page = await context.newPage();
      const res = await page.goto(at(routes.asset('/no/such/page/')));
      expect(res?.status()).toBe(404);
      for (const h of await page.locator('main h1, main h2').allTextContents()) expect(h.trim()).not.toBe('');
      expect(await page.locator('main [lang]').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator(`main a[href="${routes.in(routes.defaultLocale).home()}"]`).count()).toBe(1);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length} nodes`)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      await page.close();
    });

    test('the search pages and the 404 page are not search results', async () => {
      // Words of the search page's own text and of the 404 page: the index must not return those pages.
      for (const [lang, q] of [['zh-Hant', '搜尋'], ['en', 'search'], ['en', 'not found'], ['ko', '검색']] as const) {
        const r = await search(lang, q);
        expect(r.hrefs.filter((h) => h.startsWith(searchPage(lang)) || h.includes('404')), `${lang} ${q}`).toEqual([]);
        await r.page.close();
      }
    });
  });
});
