// The page-weight budgets (README, "Budgets"), on the built demo: content and list pages ship no JavaScript at all;
// the search page ≤ 10 KB gzip of JS before the first query; panel pages ≤ 75 KB gzip (with the
// client they import on mount);
// no page over 150 KB of HTML + CSS gzip.
import { expect, inject, test } from 'vitest';
import { listHtml, urlOf } from '../../scripts/lib/html-files.ts';
import { pageWeight } from '../../scripts/bench/page-weight.ts';

const KB = 1024;
const dist = inject('demoDist');
const pages = listHtml(dist).map(urlOf);
const isPanel = (p: string) => /^\/((en|ko)\/)?panel\/(apply|vote|results|receipts)\//.test(p);
const isSearch = (p: string) => /^\/((en|ko)\/)?search\//.test(p);

test('the demo has pages to measure', () => {
  expect(pages.length).toBeGreaterThan(0);
});

test('content and list pages: 0 bytes of JavaScript, no <script> at all', () => {
  const offenders = pages
    .filter((p) => !isPanel(p) && !isSearch(p))
    .map((p) => ({ p, w: pageWeight(dist, p) }))
    .filter(({ w }) => w.js > 0 || w.scriptTags > 0)
    .map(({ p, w }) => `${p}: ${w.scriptTags} <script>, ${w.js} B gzip`);
  expect(offenders, offenders.join('\n')).toEqual([]);
});

test('search pages: at most 10 KB gzip of JavaScript before the first query', () => {
  expect(pages.filter(isSearch)).toEqual(['/en/search/', '/ko/search/', '/search/']);
  for (const p of pages.filter(isSearch)) expect(pageWeight(dist, p).js, p).toBeLessThanOrEqual(10 * KB);
});

test('panel pages: at most 75 KB gzip of JavaScript, counting the Supabase client the islands import on mount', () => {
  expect(pages.filter(isPanel).sort()).toEqual(['/en/panel/apply/', '/en/panel/receipts/', '/en/panel/results/', '/en/panel/vote/', '/ko/panel/apply/', '/ko/panel/receipts/', '/ko/panel/results/', '/ko/panel/vote/', '/panel/apply/', '/panel/receipts/', '/panel/results/', '/panel/vote/']);
  for (const p of pages.filter(isPanel)) {
    const w = pageWeight(dist, p);
    // The islands load the client right after hydration, so the lazy chunk is part of the page.
    if (/\/(apply|vote)\/$/.test(p)) expect(w.jsWithLazy - w.js, `${p} loads a Supabase client lazily`).toBeGreaterThan(10 * KB);
    expect(w.jsWithLazy, p).toBeLessThanOrEqual(75 * KB);
  }
});

test('no page over 150 KB of HTML + CSS gzip', () => {
  const heavy = pages.map((p) => ({ p, w: pageWeight(dist, p).htmlCss })).filter(({ w }) => w > 150 * KB).map(({ p, w }) => `${p}: ${(w / KB).toFixed(1)} KB`);
  expect(heavy, heavy.join('\n')).toEqual([]);
});
