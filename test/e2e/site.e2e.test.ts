// The built demo site in headless Chromium, served with its own _headers (so under its CSP):
// axe (WCAG 2.2 AA) on every page in every published language, no CSP violation, no console error,
// and no horizontal scrolling of the page body at 360 px.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listHtml, urlOf } from '../../scripts/lib/html-files.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { fullBuild } from '../helpers/build.ts';
import { createRoutes, LOCALE_FACTS, siteLocales } from '../../src/i18n/index.ts';
import { loadContent } from '../../src/lib/load.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const dist = mkdtempSync(join(tmpdir(), 'open-results-e2e-'));
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let pages: string[] = [];
const routes = createRoutes(siteLocales(loadContent('content').dataset.site));

beforeAll(async () => {
  const run = fullBuild('content', dist);
  expect(run.status, run.output).toBe(0);
  server = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext();
  // Record CSP violations from inside the page: Chromium reports them as events, not errors.
  await context.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  pages = sitemapPages() ?? listHtml(dist).map(urlOf);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Pages listed in the sitemap when there is one: that is what the public can reach. */
function sitemapPages(): string[] | undefined {
  try {
    const xml = readFileSync(join(dist, 'sitemap.xml'), 'utf8');
    return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  } catch {
    return undefined;
  }
}

async function open(page: Page, path: string) {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(server.url + path, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return errors;
}

describe('every page', () => {
  test('has the right lang, no axe violations, no CSP violation and no console error', async () => {
    expect(pages.length).toBeGreaterThan(0);
    const failures: string[] = [];
    // Two tabs at a time: 2 cores.
    let next = 0;
    await Promise.all([0, 1].map(async () => {
      const page = await context.newPage();
      while (next < pages.length) {
        const path = pages[next++]!;
        const errors = await open(page, path);
        const lang = await page.getAttribute('html', 'lang');
        const expectedLang = LOCALE_FACTS[routes.parse(path).locale].htmlLang;
        if (lang !== expectedLang) failures.push(`${path}: lang="${lang}", expected "${expectedLang}"`);
        const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
        for (const v of axe.violations) failures.push(`${path}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
        for (const c of csp) failures.push(`${path}: CSP violation ${c}`);
        for (const e of errors) failures.push(`${path}: console error ${e}`);
      }
      await page.close();
    }));
    expect(failures, failures.join('\n')).toEqual([]);
  }, 3_600_000); // axe on each of about 800 pages, slow on a loaded 2-core machine; CI allows 90 minutes in all
});

describe('small screens', () => {
  const samples = ['/', '/cycles/specific-evaluation-2023/', '/bodies/seoul/', '/cases/seoul-mobile-library/'].flatMap((p) => routes.alternates(p).map((a) => a.path));
  test('at 360 px the page body never scrolls sideways (tables scroll in their own region)', async () => {
    const narrow = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await narrow.newPage();
    const failures: string[] = [];
    expect(samples.filter((p) => !pages.includes(p)), 'sample pages missing from the site').toEqual([]);
    for (const path of samples) {
      await open(page, path);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) failures.push(`${path}: page is ${scroll}px wide in a ${client}px viewport`);
    }
    await narrow.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

describe('row permalinks', () => {
  // The first, middle and last row of every table on these pages (the last is the hardest to land
  // on: far below the headings), and the permalink of a correction.
  const samples = ['/cycles/specific-evaluation-2023/', '/bodies/seoul/', '/bodies/moef/', '/programs/', '/programs/consequences/', '/corrections/', '/bodies/', '/methodology/', '/']
    .flatMap((p) => routes.alternates(p).map((a) => a.path));

  test('every table row links to itself; followed, the row lands on screen, whole, below its column headings, which are on screen too, at 390 and 1280 px', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      for (const path of samples) {
        await open(page, path);
        const targets = await page.evaluate(() => [...document.querySelectorAll('table')].flatMap((t) => {
          const rows = [...t.querySelectorAll('tbody tr[id]')].filter((r) => r.querySelector(`a.permalink[href="#${CSS.escape(r.id)}"]`));
          return [...new Set([rows[0], rows[Math.floor(rows.length / 2)], rows.at(-1)])].flatMap((r) => (r ? [r.id] : []));
        }));
        for (const id of targets) {
          await page.goto(`${server.url}${path}#${id}`, { waitUntil: 'load' });
          const m = await page.evaluate((rowId) => {
            const row = document.getElementById(rowId)!;
            const r = row.getBoundingClientRect();
            // The header cells are what sticks (not the <thead> box).
            const heads = [...row.closest('table')!.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
            return { row: [r.top, r.bottom], heads: heads.length ? [Math.min(...heads.map((h) => h.top)), Math.max(...heads.map((h) => h.bottom))] : undefined, vh: window.innerHeight, target: document.querySelector(':target')?.id };
          }, id);
          checked++;
          const [rt, rb] = m.row as [number, number];
          const where = `${viewport.width}px ${path}#${id}`;
          if (m.target !== id) failures.push(`${where}: :target is ${m.target}`);
          if (!(rt >= -1 && rb <= m.vh + 1)) failures.push(`${where}: row ${rt.toFixed(0)}–${rb.toFixed(0)}, viewport ${m.vh}`);
          if (m.heads && !(m.heads[0]! >= -1 && m.heads[1]! <= rt + 1)) failures.push(`${where}: column headings ${m.heads[0]!.toFixed(0)}–${m.heads[1]!.toFixed(0)}, row at ${rt.toFixed(0)}`);
        }
      }
      // Following the visible link itself (keyboard: Tab to it, Enter) does the same.
      await open(page, '/corrections/');
      const link = page.locator('#corrections-table tbody tr:last-child a.permalink');
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash.length > 1);
      expect(await page.evaluate(() => document.querySelector(':target')?.tagName)).toBe('TR');
      await ctx.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});
