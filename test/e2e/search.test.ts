// Search in headless Chromium on a real build of the demo content (Pagefind index included):
// Chinese segmentation, Simplified input, filters, permalinks, keyboard use, page weight, axe.
// Twice: at the root with the _headers Content-Security-Policy (Netlify, Cloudflare, nginx), and
// under a base path served like GitHub Pages (no headers: only the <meta> policy) — the same
// tests, every URL under the base path, no CSP violation in either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
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
/** A URL of the served site (under the base path). */
const at = (path: string) => `${server.url}${base}${path}`;
/** A site path as links show it (under the base path). */
const p = (path: string) => `${base}${path}`;

beforeAll(async () => {
  site = buildSite('content', join(scratch, `dist${base.replace(/\//g, '-')}`), base ? { BASE_PATH: base } : {});
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

type Lang = 'zh-Hant' | 'en' | 'ko';
const prefixOf = (lang: Lang) => (lang === 'zh-Hant' ? '' : `/${lang}`);

/** Wait until the island has finished the search for the current URL's query. */
async function settled(page: Page, q: string) {
  await page.waitForFunction(
    (q) => new URL(location.href).searchParams.get('q') === q && !document.querySelector('.busy') && (document.querySelector('[role=status]')?.textContent ?? '').trim() !== '',
    q,
    { timeout: 30_000 },
  );
}

async function results(page: Page) {
  const status = ((await page.locator('[role=status]').textContent()) ?? '').trim();
  const hrefs = await page.locator('ol.results > li > a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const count = Number(/\d+/.exec(status)?.[0] ?? (hrefs.length === 0 ? 0 : NaN));
  return { status, hrefs, count };
}

async function search(lang: Lang, q: string, page?: Page) {
  page ??= await context.newPage();
  await page.goto(at(`${prefixOf(lang)}/search/`));
  await page.locator('#search-q').fill(q);
  await settled(page, q);
  return { page, ...(await results(page)) };
}

describe('search (Pagefind in Chromium)', () => {
  test('圖書館 and 行動圖書館 find the Seoul mobile library case (zh-Hant)', async () => {
    for (const q of ['圖書館', '行動圖書館']) {
      const r = await search('zh-Hant', q);
      expect(r.hrefs, q).toContain(p('/cases/seoul-mobile-library/'));
      expect(r.count).toBeGreaterThanOrEqual(1);
      expect(r.status).toMatch(/找到 \d+ 筆結果/);
      expect(await r.page.locator('ol.results mark').count(), 'excerpt highlights the match').toBeGreaterThan(0);
      await r.page.close();
    }
  });

  test('"library" on /en/search/ finds the English case page', async () => {
    const r = await search('en', 'library');
    expect(r.hrefs).toContain(p('/en/cases/seoul-mobile-library/'));
    expect(r.status).toMatch(/^\d+ results?$|^1 result$/);
    await r.page.close();
  });

  test('서울, 이동도서관 and 도서관 on /ko/search/ find the Korean Seoul mobile library case', async () => {
    for (const q of ['서울', '이동도서관', '도서관']) {
      const r = await search('ko', q);
      expect(r.hrefs, q).toContain(p('/ko/cases/seoul-mobile-library/'));
      expect(r.hrefs.every((h) => h.startsWith(p('/ko/'))), `${q}: only Korean pages`).toBe(true);
      await r.page.close();
    }
  });

  test("a body's name finds its body page, in every language", async () => {
    for (const id of ['seoul', 'mohw']) {
      const b = site.dataset.bodies.find((x) => x.id === id)!;
      const zh = await search('zh-Hant', b.name['zh-Hant']);
      expect(zh.hrefs, b.name['zh-Hant']).toContain(p(`/bodies/${id}/`));
      await zh.page.close();
      const en = await search('en', b.name.en!);
      expect(en.hrefs, b.name.en).toContain(p(`/en/bodies/${id}/`));
      await en.page.close();
      const ko = await search('ko', b.name.ko!);
      expect(ko.hrefs, b.name.ko).toContain(p(`/ko/bodies/${id}/`));
      await ko.page.close();
    }
  });

  test('Simplified 图书馆 is converted and finds the Traditional page', async () => {
    const r = await search('zh-Hant', '图书馆');
    expect(r.hrefs).toContain(p('/cases/seoul-mobile-library/'));
    await expect.poll(() => r.page.locator('.converted').textContent()).toContain('圖書館');
    await r.page.close();
  });

  test('a filter narrows the result count, and query + filter survive a reload from the URL', async () => {
    const r = await search('zh-Hant', '首爾');
    expect(r.count).toBeGreaterThan(1);
    const select = r.page.locator('select[name=type]');
    const bodyLabel = '受評對象';
    await select.selectOption(bodyLabel);
    await r.page.waitForFunction(() => new URL(location.href).searchParams.get('type') !== null && !document.querySelector('.busy'));
    await expect.poll(async () => (await results(r.page)).count).toBeLessThan(r.count);
    const narrowed = await results(r.page);
    expect(narrowed.count).toBeGreaterThan(0);
    expect(await r.page.locator('ol.results .type').allTextContents()).toEqual(Array(narrowed.hrefs.length).fill(bodyLabel));
    const url = new URL(r.page.url());
    expect(url.searchParams.get('q')).toBe('首爾');
    expect(url.searchParams.get('type')).toBe(bodyLabel);

    await r.page.reload();
    await settled(r.page, '首爾');
    await expect.poll(async () => (await results(r.page)).count).toBe(narrowed.count);
    expect(await r.page.locator('#search-q').inputValue()).toBe('首爾');
    expect(await r.page.locator('select[name=type]').inputValue()).toBe(bodyLabel);
    await r.page.close();
  });

  test('newest-first sort orders results by year; a year filter keeps only that year', async () => {
    const page = await context.newPage();
    await page.goto(at('/en/search/?q=evaluation&sort=newest'));
    await settled(page, 'evaluation');
    const latest = (t: string) => Math.max(...[...t.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => Number(m[0])));
    const years = (await page.locator('ol.results .facets').allTextContents()).map(latest).filter(Number.isFinite);
    expect(years.length).toBeGreaterThan(1);
    expect(years).toEqual([...years].sort((a, b) => b - a));

    const year = String(site.dataset.cycles[0]!.year);
    await page.locator('select[name=year]').selectOption(year);
    await page.waitForFunction((y) => new URL(location.href).searchParams.get('year') === y && !document.querySelector('.busy'), year);
    const facets = await page.locator('ol.results .facets').allTextContents();
    expect(facets.length).toBeGreaterThan(0);
    for (const f of facets) expect(f).toMatch(new RegExp(`Year: [^·]*\\b${year}\\b`));
    await page.close();
  });

  test('keyboard only: tab to the box, type, hear the count', async () => {
    const page = await context.newPage();
    await page.goto(at('/en/search/'));
    // The way a keyboard user gets past the header: the skip link first, then into the form.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'search-q'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.type('library');
    await settled(page, 'library');
    const status = page.locator('[role=status]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    const { hrefs, count } = await results(page);
    expect(count).toBe(hrefs.length); // fewer than a page of results: all are listed
    await page.keyboard.press('Enter'); // submitting with JS on stays on the page
    await settled(page, 'library');
    expect(new URL(page.url()).pathname).toBe(p('/en/search/'));
    await page.close();
  });

  test('without JavaScript the page is a plain GET form to /search/?q=', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(at('/search/'));
    await page.locator('#search-q').fill('圖書館');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('圖書館');
    await noJs.close();
  });
});

describe('search page weight', () => {
  test('≤ 10 KB gzip of JS before the first query; Pagefind loads on first input', async () => {
    const page = await context.newPage();
    const js: string[] = [];
    const requested: string[] = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    page.on('response', async (res) => {
      if (/javascript/.test(res.headers()['content-type'] ?? '')) js.push(new URL(res.url()).pathname);
    });
    await page.goto(at('/search/'), { waitUntil: 'networkidle' });
    const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''));
    const fetched = await Promise.all(js.map(async (path) => gzipSync(Buffer.from(await (await fetch(server.url + path)).arrayBuffer())).length));
    const total = [...inline.map((s) => gzipSync(s).length), ...fetched].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(10 * 1024);
    expect(requested.some((r) => r.includes('/pagefind/'))).toBe(false);

    await page.locator('#search-q').fill('圖書館');
    await settled(page, '圖書館');
    expect(requested).toContain(p('/pagefind/pagefind.js'));
    await page.close();
  });
});

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('search page with results, data index and a data dictionary have no violations', async () => {
    const r = await search('zh-Hant', '圖書館');
    const pages: Page[] = [r.page];
    for (const path of ['/data/', '/en/data/', '/en/data/tables/results/', '/en/search/']) {
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
      const res = await fetch(at(`${prefixOf(lang)}/search/`));
      expect(res.headers.get('content-security-policy') !== null, 'CSP header').toBe(headers);
      expect(await res.text()).toContain('http-equiv="Content-Security-Policy"');
      await r.page.close();
    }
  });

  test('a missing page answers 404 with the site\'s 404 page: every language, axe-clean, no CSP violation', async () => {
    const page = await context.newPage();
    const res = await page.goto(at('/no/such/page/'));
    expect(res?.status()).toBe(404);
    for (const h of await page.locator('main h1, main h2').allTextContents()) expect(h.trim()).not.toBe('');
    expect(await page.locator('main [lang]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(`main a[href="${p('/')}"]`).count()).toBe(1);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length} nodes`)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await page.close();
  });
});
});
