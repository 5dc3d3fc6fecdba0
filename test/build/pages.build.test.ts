// Builds the demo site once with the real `astro build`, then checks the built HTML:
// pages for every entity in both languages, <html lang>, zero <script>, every internal
// link and #fragment resolving, and every displayed total recomputable from the displayed
// weights and scores.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SITE } from '../helpers/site.ts';
import { withoutJsonLd } from '../helpers/schemaorg.ts';
import { loadContent, type Dataset } from '../../src/lib/load.ts';
import { dictionaryTables } from '../../src/lib/opendata/index.ts';
import { createRoutes, LOCALE_FACTS, siteLocales, t, type Locale, type Routes } from '../../src/i18n/index.ts';

let dist = '';
let ds: Dataset;
let routes: Routes;
/** URL path ("/en/cycles/x/") → HTML text. */
const pages = new Map<string, string>();
const idCache = new Map<string, Set<string>>();

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const attrs = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => decode(m[1]!));
function idsOf(path: string): Set<string> {
  let s = idCache.get(path);
  if (!s) idCache.set(path, (s = new Set([...attrs(pages.get(path) ?? '', 'id'), ...attrs(pages.get(path) ?? '', 'name')])));
  return s;
}

/** The file a site path is served from, or undefined. */
function fileFor(path: string): string | undefined {
  const p = decodeURIComponent(path);
  const candidates = p.endsWith('/') ? [join(dist, p, 'index.html')] : [join(dist, p), join(dist, p, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

beforeAll(() => {
  ds = loadContent('content').dataset;
  routes = createRoutes(siteLocales(ds.site));
  // The demo is built once for all build tests (test/build/global-setup.ts), with SITE_URL = SITE.
  dist = inject('demoDist');
  // The 404 pages (/404.html, /en/404.html, …) are not pages of the site (test/build/deploy-recipes.build.test.ts checks them).
  for (const file of walk(dist).filter((f) => f.endsWith('.html') && !f.endsWith(`${sep}404.html`) && relative(dist, f) !== '404.html')) {
    const rel = '/' + relative(dist, file).split('\\').join('/');
    pages.set(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel, readFileSync(file, 'utf8'));
  }
});

/** A locale-neutral path in every published locale. */
const every = (path: string) => routes.locales.map((l) => routes.localize(l, path));
const localeOf = (path: string): Locale => routes.parse(path).locale;

describe('built pages', () => {
  it('has every list page and every body, cycle, program, case in every published language', () => {
    const expected = [
      '/', '/cycles/', '/bodies/', '/programs/', '/programs/consequences/', '/cases/', '/methodology/', '/corrections/', '/search/', '/panel/',
      ...ds.cycles.map((c) => `/cycles/${c.id}/`),
      ...ds.bodies.map((b) => `/bodies/${b.id}/`),
      ...ds.programs.map((p) => `/programs/${p.id}/`),
      ...ds.cases.map((c) => `/cases/${c.id}/`),
      ...['effective', 'moderately-effective', 'adequate', 'ineffective', 'very-ineffective'].map((r) => `/programs/rating/${r}/`),
      '/data/', ...dictionaryTables(ds).map((t) => `/data/tables/${t.name}/`),
      '/panel/apply/', '/panel/vote/', '/panel/results/', '/panel/receipts/',
      ...ds.panel.draws.map((d) => `/panel/draws/${d.id}/`), ...ds.panel.rounds.map((r) => `/panel/rounds/${r.id}/`),
    ].flatMap(every);
    const missing = expected.filter((p) => !pages.has(p));
    expect(missing).toEqual([]);
    expect(pages.size).toBe(expected.length);
  });

  it('sets <html lang> by locale: zh-Hant-TW at the root, en under /en/, ko-KR under /ko/', () => {
    const wrong: string[] = [];
    expect(routes.locales).toEqual(['zh-Hant', 'en', 'ko']);
    for (const [path, html] of pages) {
      const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
      const want = LOCALE_FACTS[localeOf(path)].htmlLang;
      if (lang !== want) wrong.push(`${path}: ${lang}`);
    }
    expect(wrong).toEqual([]);
  });

  it('ships no <script> in any content or list page (only the search, panel and receipt-check islands have JS; JSON-LD is data)', () => {
    let count = 0;
    const offenders: string[] = [];
    for (const [path, html] of pages) {
      if (/^\/(search|panel\/(apply|vote|receipts))\//.test(routes.parse(path).neutral)) continue;
      const n = (withoutJsonLd(html).match(/<script\b/gi) ?? []).length;
      count += n;
      if (n) offenders.push(path);
    }
    expect(offenders).toEqual([]);
    expect(count).toBe(0);
  });

  it('resolves every internal href and src, including #fragments', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [path, html] of pages) {
      for (const raw of [...attrs(html, 'href'), ...attrs(html, 'src'), ...attrs(html, 'action')]) {
        if (/^(mailto|tel|data):/i.test(raw)) continue;
        let url: URL;
        try { url = new URL(raw, SITE + path); } catch { broken.push(`${path}: unparsable ${raw}`); continue; }
        if (url.origin !== SITE) continue; // external
        checked++;
        const file = fileFor(url.pathname);
        if (!file) { broken.push(`${path}: ${raw}`); continue; }
        if (url.hash) {
          const target = url.pathname.endsWith('/') ? url.pathname : url.pathname;
          if (!pages.has(target)) { broken.push(`${path}: ${raw} (fragment on a non-HTML file)`); continue; }
          if (!idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${path}: ${raw} (no such id)`);
        }
      }
    }
    expect(broken.slice(0, 30)).toEqual([]);
    expect(checked).toBeGreaterThan(pages.size * 10);
  });

  it('has no duplicate id on any page', () => {
    const dups: string[] = [];
    for (const [path, html] of pages) {
      const seen = new Set<string>();
      for (const id of attrs(html, 'id')) {
        if (seen.has(id)) dups.push(`${path}#${id}`);
        seen.add(id);
      }
    }
    expect(dups.slice(0, 20)).toEqual([]);
  });

  it('gives every section heading a stable id', () => {
    const bare: string[] = [];
    for (const [path, html] of pages) for (const m of html.matchAll(/<h[2-4](?:\s[^>]*)?>/g)) if (!/\sid="/.test(m[0])) bare.push(`${path}: ${m[0]}`);
    expect(bare.slice(0, 20)).toEqual([]);
  });

  it('links every page to the same page in every other language, with hreflang alternates', () => {
    const bad: string[] = [];
    for (const [path, html] of pages) {
      const { neutral, locale } = routes.parse(path);
      for (const other of routes.locales) {
        const p = routes.localize(other, neutral);
        const lang = LOCALE_FACTS[other].htmlLang;
        if (!pages.has(p)) bad.push(`${path}: no counterpart ${p}`);
        if (other !== locale && !new RegExp(`<a [^>]*href="${p}"[^>]*hreflang="${lang}"`).test(html)) bad.push(`${path}: no language switch to ${p}`);
        if (!html.includes(`<link rel="alternate" hreflang="${lang}" href="${SITE}${p}">`)) bad.push(`${path}: no ${lang} alternate`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('shows the demo-data label near the top of every page', () => {
    expect(t('zh-Hant', 'layout.demo.label')).toBe('示範資料');
    expect(t('en', 'layout.demo.label')).toBe('Demo data');
    const without = [...pages].filter(([path, html]) => {
      const i = html.indexOf('class="demo-banner"');
      const main = html.indexOf('<main');
      return i < 0 || i > main || !html.slice(i, main).includes(t(localeOf(path), 'layout.demo.label'));
    });
    expect(without.map(([p]) => p)).toEqual([]);
  });

  it('has every case translated into every published language (no "not yet translated" note)', () => {
    for (const c of ds.cases) for (const l of routes.locales) expect(c.bodies[l], `${c.id} ${l}`).toBeDefined();
    for (const c of ds.cases) for (const p of every(`/cases/${c.id}/`)) expect(pages.get(p), p).not.toContain(t(localeOf(p), 'common.untranslatedCase'));
  });

  it('recomputes every displayed total on cycle pages from the displayed weights and scores', () => {
    let rows = 0;
    const wrong: string[] = [];
    for (const c of ds.cycles) {
      for (const path of every(`/cycles/${c.id}/`)) {
        const html = pages.get(path)!;
        const trs = [...html.matchAll(/<tr id="r-([^"]+)" data-total="([^"]+)" data-bonus="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
        expect(trs.length, path).toBe(ds.results.filter((r) => r.cycle === c.id).length);
        for (const [, body, total, bonus, cells] of trs) {
          const terms = [...cells!.matchAll(/data-weight="([^"]+)" data-score="([^"]+)"/g)].map((m) => Number(m[1]) * Number(m[2]) / 100);
          if (terms.length === 0) wrong.push(`${path} ${body}: no terms`);
          const recomputed = terms.reduce((s, x) => s + x, 0) + Number(bonus);
          if (!(Math.abs(recomputed - Number(total)) <= 0.01 + 1e-9)) wrong.push(`${path} ${body}: shows ${total}, recomputes ${recomputed.toFixed(4)}`);
          rows++;
        }
        // The worked example shows the first row's formula with the same numbers.
        const example = /<section aria-labelledby="formula">[\s\S]*?<p class="formula" data-total="([^"]+)"/.exec(html);
        if (trs.length > 0) expect(example?.[1], path).toBe(trs[0]![2]);
      }
    }
    expect(wrong).toEqual([]);
    expect(rows).toBe(ds.results.length * routes.locales.length);
  });

  it('recomputes every formula shown on body pages', () => {
    let n = 0;
    const wrong: string[] = [];
    for (const b of ds.bodies) {
      const html = pages.get(`/bodies/${b.id}/`)!;
      for (const [, total, bonus, inner] of html.matchAll(/<p class="formula" data-total="([^"]+)" data-bonus="([^"]+)">([\s\S]*?)<\/p>/g)) {
        const sum = [...inner!.matchAll(/data-weight="([^"]+)" data-score="([^"]+)"/g)].reduce((s, m) => s + Number(m[1]) * Number(m[2]) / 100, 0) + Number(bonus);
        if (!(Math.abs(sum - Number(total)) <= 0.01 + 1e-9)) wrong.push(`${b.id}: ${total} vs ${sum}`);
        n++;
      }
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(ds.results.length);
  });

  it('names each table above its download links wherever a page offers several', () => {
    let checked = 0;
    for (const [path, html] of pages) {
      const start = html.indexOf('<section class="page-data"');
      if (start < 0) continue;
      const section = html.slice(start, html.indexOf('</section>', start));
      const lists = section.match(/<ul class="downloads"/g)?.length ?? 0;
      if (lists < 2) continue;
      const titles = [...section.matchAll(/<h3 class="downloads-title"[^>]*>([^<]+)<\/h3>\s*<ul class="downloads"[^>]*aria-label="([^"]+)"/g)];
      expect(titles.length, path).toBe(lists);
      expect(new Set(titles.map((m) => m[1])).size, `${path}: table titles differ`).toBe(lists);
      for (const m of titles) expect(decode(m[2]!), path).toContain(decode(m[1]!)); // the list's name repeats the visible title
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('puts every wide table in its own focusable, labelled scroll region', () => {
    const bad: string[] = [];
    for (const [path, html] of pages) {
      for (const m of html.matchAll(/<table id="([^"]+)"/g)) {
        const before = html.slice(Math.max(0, m.index! - 200), m.index!);
        if (!new RegExp(`role="region" aria-labelledby="${m[1]}-caption" tabindex="0">$`).test(before)) bad.push(`${path}#${m[1]}`);
      }
      if (/<table(?![^>]*\sid=)/.test(html)) bad.push(`${path}: table without id`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });
});

describe('panel round pages', () => {
  it('list the counted receipt codes only, each with its own anchor, in code order, never a ballot’s choices', () => {
    expect(ds.panel.rounds.length).toBeGreaterThan(0);
    for (const r of ds.panel.rounds) {
      for (const path of every(`/panel/rounds/${r.id}/`)) {
        const html = pages.get(path)!;
        const list = /<ol class="receipts"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
        const items = [...list.matchAll(/<li\b[\s\S]*?<\/li>/g)].map((m) => m[0].replace(/\s+data-astro-cid-\w+(="[^"]*")?/g, ''));
        // Each entry is a bare code: its anchor, its link, the code, and nothing else.
        expect(items, path).toEqual(r.receipts.map((c) => `<li id="r-${c}"><a href="#r-${c}"><code>${c}</code></a></li>`));
        // The receipts section names no case: nothing there could tell how a receipt voted.
        const section = html.slice(html.indexOf('id="receipts"'), html.indexOf('</ol>', html.indexOf('id="receipts"')));
        for (const c of ds.cases) expect(section, `${path} ${c.id}`).not.toContain(c.data.title);
        for (const x of r.results) expect(section, `${path} ${x.case}`).not.toContain(x.case);
      }
    }
  });

  it('are search results of their own type, with downloads of the round tables, and linked from each candidate case page', () => {
    for (const r of ds.panel.rounds) {
      expect(t('zh-Hant', 'search.type.round')).toBe('國民評鑑團投票');
      for (const path of every(`/panel/rounds/${r.id}/`)) {
        const type = t(localeOf(path), 'search.type.round');
        const html = pages.get(path)!;
        const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
        expect(main, path).toContain('data-pagefind-body');
        expect(main, path).toContain(`<span data-pagefind-filter="type">${type}</span>`);
        expect(main, path).toContain(`<span data-pagefind-filter="year">${r.closesAt.slice(0, 4)}</span>`);
        for (const t of ['panel-round-results', 'panel-round-turnout', 'panel-round-receipts']) expect(main, `${path} ${t}`).toContain(`href="/data/${t}.csv"`);
        const to = routes.in(localeOf(path));
        for (const x of r.results) expect(pages.get(to.case(x.case)), to.case(x.case)).toContain(`href="${to.panelRound(r.id)}"`);
      }
    }
  });
});
