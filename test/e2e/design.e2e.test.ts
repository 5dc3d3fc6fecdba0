// Citizen-grade design (issue 15), measured in headless Chromium on the built demo as a reader
// would meet it: one page of every page type in every locale, at 360 px (a small phone) and
// 1280 px (a laptop). Fails on: sideways scrolling at 360 px; visible text below 12 px; targets
// below 44×44 px on panel pages or 24×24 px elsewhere (WCAG 2.2 2.5.8, inline links excepted);
// a table header or name cell broken inside a word at 1280 px; a grade without a visible and
// accessible meaning; a raw ISO time shown as text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { fullBuild } from '../helpers/build.ts';
import { createRoutes, LOCALE_FACTS, siteLocales, t } from '../../src/i18n/index.ts';
import { loadContent } from '../../src/lib/load.ts';

const dist = mkdtempSync(join(tmpdir(), 'open-results-design-'));
let server: StaticServer;
let browser: Browser;
const routes = createRoutes(siteLocales(loadContent('content').dataset.site));

/** One page of every page type (locale-neutral paths), the 404 page last. */
const PAGE_TYPES = [
  '/', '/cycles/', '/cycles/specific-evaluation-2024/', '/bodies/', '/bodies/seoul/', '/bodies/moef/', '/programs/', '/programs/consequences/',
  '/cases/', '/cases/seoul-mobile-library/', '/methodology/', '/corrections/', '/data/', '/search/',
  '/panel/', '/panel/apply/', '/panel/vote/', '/panel/receipts/', '/panel/results/', '/panel/rounds/demo-2026-round-1/', '/panel/draws/demo-2026/',
];
const NOT_FOUND = '/this-page-does-not-exist/';

beforeAll(async () => {
  const run = fullBuild('content', dist);
  expect(run.status, run.output).toBe(0);
  server = await serveStatic(dist);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Every sample page in every locale, plus a program, a rating page and a data table found from the lists. */
function samplePaths(): string[] {
  const neutral = [...PAGE_TYPES];
  const all = neutral.flatMap((p) => routes.alternates(p).map((a) => a.path));
  const locales = routes.alternates('/').map((a) => a.path);
  return [...all, ...locales.map((home) => `${home}${NOT_FOUND.slice(1)}`)];
}

/** Pages reached by following the first link of a kind from a list page (ids are data, not code). */
async function discovered(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const a of routes.alternates('/')) {
    for (const [list, pattern] of [['programs/', /\/programs\/(?!consequences|rating)[^/]+\/$/], ['programs/', /\/programs\/rating\/[^/]+\/$/], ['data/', /\/data\/tables\/[^/]+\/$/]] as const) {
      await page.goto(server.url + a.path + list);
      const hrefs = await page.$$eval('main a[href]', (as) => as.map((x) => new URL((x as HTMLAnchorElement).href).pathname));
      const hit = hrefs.find((h) => pattern.test(h));
      if (hit) found.push(hit);
      else found.push(`${a.path}${list}(no link matching ${pattern})`);
    }
  }
  return found;
}

interface Finding {
  kind: string;
  detail: string;
}

/** Runs inside the page: every check that needs layout. */
function inspect(args: { panel: boolean; wide: boolean }): Finding[] {
  const out: Finding[] = [];
  const visible = (el: Element) => {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    // Visually hidden (clip / 1 px boxes) text is not visible text.
    for (let p: Element | null = el; p; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.clip === 'rect(0px, 0px, 0px, 0px)' || ps.clipPath === 'inset(50%)') return false;
      if (p.tagName === 'DETAILS' && !(p as HTMLDetailsElement).open && el.closest('summary') === null && p !== el) return false;
    }
    return true;
  };
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;

  // Text below 12 px (SVG text measured by its rendered height on screen, so a scaled-down chart counts).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
    seen.add(el);
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE'].includes(el.tagName) || !visible(el)) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.closest('svg')) {
      const svg = el.closest('svg')!;
      const vb = svg.viewBox.baseVal;
      if (vb && vb.width > 0) px = (px * svg.getBoundingClientRect().width) / vb.width;
    }
    if (px < 11.95) out.push({ kind: 'text < 12px', detail: `${describe(el)} ${px.toFixed(1)}px` });
  }

  // Targets: links, buttons, form controls, summaries. The panel's own targets (its pages' main
  // content, where people fill in forms) need 44 px; the shared header and footer, 24 px.
  for (const el of document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, label.choice')) {
    if (!visible(el)) continue;
    const min = args.panel && el.closest('main') ? 44 : 24;
    if (el.closest('.skip-link') && document.activeElement !== el) continue;
    const r = el.getBoundingClientRect();
    // WCAG 2.5.8 inline exception: a link inside a sentence or list of text, sized by the line height.
    const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline' && isInText(el);
    if (inline) continue;
    // Controls inside a label that is itself the target are measured by the label.
    if ((el.tagName === 'INPUT') && (el.closest('label')) && ['checkbox', 'radio'].includes((el as HTMLInputElement).type)) {
      const lr = el.closest('label')!.getBoundingClientRect();
      if (lr.width >= min && lr.height >= min) continue;
    }
    if (r.width < min - 0.5 || r.height < min - 0.5) out.push({ kind: `target < ${min}px`, detail: `${describe(el)} ${r.width.toFixed(0)}×${r.height.toFixed(0)}` });
  }
  function isInText(a: Element): boolean {
    const block = a.closest('p, li, td, th, dd, dt, figcaption, caption, blockquote, h1, h2, h3, h4, span.hint, small');
    if (!block) return false;
    const own = (a.textContent ?? '').trim().length;
    const all = (block.textContent ?? '').trim().length;
    // A link that is the whole content of its block is a standalone target, not inline.
    return all > own + 1 || block.tagName === 'P';
  }

  // Header and name cells broken inside a word (at 1280 px): a word's range spans two line boxes.
  if (args.wide) {
    const seg = new Intl.Segmenter(document.documentElement.lang, { granularity: 'word' });
    const cells = [...document.querySelectorAll('table thead th, table tbody th, table td[data-col="name"], table td[data-col="body"], table td:first-child')];
    for (const cell of cells) {
      if (!visible(cell)) continue;
      const tn = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let t = tn.nextNode(); t; t = tn.nextNode()) {
        const s = t.textContent ?? '';
        if (!t.parentElement || !visible(t.parentElement)) continue;
        for (const w of seg.segment(s)) {
          if (!w.isWordLike || w.segment.length < 2) continue;
          const range = document.createRange();
          range.setStart(t, w.index);
          range.setEnd(t, w.index + w.segment.length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push({ kind: 'word broken in cell', detail: `${describe(cell)}: "${w.segment}"` });
        }
      }
    }
  }

  // Grades: every element marked as a grade (component) and every grade cell has a visible meaning
  // next to the letter, inside the element (so it is also its accessible text), and a link to the scale.
  for (const el of document.querySelectorAll('[data-grade], [data-col$="grade"]')) {
    if (!visible(el)) continue;
    const grade = el.getAttribute('data-grade') ?? el.getAttribute('data-value') ?? '';
    if (!grade) continue;
    const meaning = el.querySelector('.grade-meaning');
    const text = (meaning?.textContent ?? '').trim();
    if (!meaning || !visible(meaning) || text.length < 2 || meaning.closest('[aria-hidden="true"]')) {
      out.push({ kind: 'grade without meaning', detail: describe(el) });
      continue;
    }
    if (!el.querySelector('a[href*="#"]') && !el.closest('a[href*="#"]')) out.push({ kind: 'grade not linked to its scale', detail: describe(el) });
  }

  // One page column: the header bar, the menu, the demo label and the main content start at the same
  // left edge (each inside .wrap), so the eye does not jump between bands.
  const edges = ['header .wrap', '.primary-nav ul', '.demo-banner .wrap', 'main']
    .map((sel) => [sel, document.querySelector(sel)] as const)
    .filter(([, el]) => el)
    .map(([sel, el]) => [sel, el!.getBoundingClientRect().left + parseFloat(getComputedStyle(el!).paddingLeft)] as const);
  for (const [sel, left] of edges) if (Math.abs(left - edges.at(-1)![1]) > 1) out.push({ kind: 'out of the page column', detail: `${sel} starts at ${left.toFixed(0)}px, main at ${edges.at(-1)![1].toFixed(0)}px` });

  // No raw ISO date-times as visible text.
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  const bodyText = document.body.innerText;
  const m = bodyText.match(iso);
  if (m) out.push({ kind: 'raw ISO time', detail: bodyText.slice(Math.max(0, (m.index ?? 0) - 30), (m.index ?? 0) + 30) });
  return out;
}

async function check(page: Page, path: string, width: number): Promise<string[]> {
  const res = await page.goto(server.url + path, { waitUntil: 'load' });
  const failures: string[] = [];
  const expected = path.endsWith(NOT_FOUND.slice(1)) ? 404 : 200;
  if (res?.status() !== expected) failures.push(`${path}: status ${res?.status()}`);
  const panel = /\/panel\//.test(path);
  if (width <= 360) {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    if (scroll > client) failures.push(`${path} @${width}: page is ${scroll}px wide in a ${client}px viewport`);
  }
  const found = await page.evaluate(inspect, { panel, wide: width >= 1280 });
  for (const f of found) failures.push(`${path} @${width}: ${f.kind}: ${f.detail}`);
  return failures;
}

describe('every page type in every locale', () => {
  for (const width of [360, 1280]) {
    test(`at ${width} px: no sideways scroll, text ≥ 12 px, targets big enough, words whole in table cells, grades explained, no raw ISO times`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      const paths = [...samplePaths(), ...(await discovered(page))];
      const failures: string[] = [];
      for (const path of paths) failures.push(...(await check(page, path, width)));
      await ctx.close();
      expect(paths.length).toBeGreaterThanOrEqual(PAGE_TYPES.length * 3);
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }

  test('grades say what they mean in every locale (visible text next to the letter)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    for (const a of routes.alternates('/bodies/seoul/')) {
      await page.goto(server.url + a.path);
      const grades = await page.$$eval('[data-grade]', (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
      expect(grades.length, a.path).toBeGreaterThan(0);
      for (const g of grades) expect(g.length, `${a.path}: "${g}"`).toBeGreaterThan(3);
    }
    await ctx.close();
  });

  test('without JavaScript each page says one thing: search explains and links to browsing; panel pages show one message', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const failures: string[] = [];
    const visibleIn = (sel: string) => page.$$eval(sel, (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed').map((e) => (e as HTMLElement).innerText.trim()));
    for (const a of routes.alternates('/search/')) {
      const to = routes.in(a.locale);
      await page.goto(server.url + a.path);
      if ((await visibleIn('main input, main button')).length > 0) failures.push(`${a.path}: a search form that cannot work is shown`);
      const links = await page.$$eval('main a[href]', (as) => as.filter((x) => (x as HTMLElement).offsetParent !== null).map((x) => new URL((x as HTMLAnchorElement).href).pathname));
      for (const want of [to.cycles(), to.bodies(), to.programs(), to.cases()]) if (!links.includes(want)) failures.push(`${a.path}: no link to ${want}`);
      if ((await visibleIn('main .noscript-note')).length !== 1) failures.push(`${a.path}: not exactly one note`);
    }
    for (const p of ['/panel/apply/', '/panel/vote/']) {
      for (const a of routes.alternates(p)) {
        await page.goto(server.url + a.path);
        const notes = await visibleIn('main .noscript-note');
        const island = await visibleIn('main .panel-island');
        if (notes.length !== 1 || island.some((x) => x.length > 0)) failures.push(`${a.path}: notes ${JSON.stringify(notes)}, island text ${JSON.stringify(island)}`);
      }
    }
    await ctx.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  test('404 pages in every locale: status 404, the site header with search, links home and to search, no axe violations', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const failures: string[] = [];
    for (const a of routes.alternates('/')) {
      const path = `${a.path}${NOT_FOUND.slice(1)}`;
      const res = await page.goto(server.url + path);
      if (res?.status() !== 404) failures.push(`${path}: status ${res?.status()}`);
      // The locale's own 404 page: its language, its header.
      const lang = await page.getAttribute('html', 'lang');
      if (lang !== LOCALE_FACTS[a.locale].htmlLang) failures.push(`${path}: <html lang="${lang}">, not ${LOCALE_FACTS[a.locale].htmlLang}`);
      if (!(await page.$('header form[role="search"] input'))) failures.push(`${path}: no search box in the header`);
      const text = await page.innerText('main');
      for (const key of ['notFound.title', 'notFound.home', 'notFound.search'] as const) if (!text.includes(t(a.locale, key))) failures.push(`${path}: no "${t(a.locale, key)}"`);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      for (const v of axe.violations) failures.push(`${path}: axe ${v.id}: ${v.help}`);
    }
    await ctx.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
