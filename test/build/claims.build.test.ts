// What the built demo says rests on something a reader can check: every statement marked as coming
// from the source report carries a citation that resolves to the report on the methodology page
// (with pages), every "demo assumption" label resolves to an assumption listed there, the
// methodology page lists every assumption of content/references.yaml, and the statements the
// source report contradicts are gone (Seoul's quota scale on the central evaluation, A as
// "average", a 10 % cut as a rule, budgets without a currency).
import { beforeAll, describe, expect, inject, test } from 'vitest';
import type { BuiltPage } from '../../scripts/lib/html-files.ts';
import { anchors, formatMoney, LOCALES, t, type Locale, type Routes } from '../../src/i18n/index.ts';
import { attributes, textOf } from '../helpers/page-tables.ts';
import { builtDemo, type BuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
let routes: Routes;
let pages: BuiltPage[];
beforeAll(() => ({ site, routes, pages } = builtDemo(inject('demoDist'))));
const localeOf = (p: BuiltPage): Locale => routes.parse(p.url).locale;
const pageAt = (path: string) => pages.find((p) => p.url === path)!;
const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

/** Each element marked data-claim, with its inner HTML (the marked elements are not nested in one another). */
function claims(html: string): { kind: string; tag: string; inner: string }[] {
  const out: { kind: string; tag: string; inner: string }[] = [];
  for (const m of html.matchAll(/<(\w+)\b([^>]*\sdata-claim="(source|assumption)"[^>]*)>/g)) {
    const tag = m[1]!;
    // The element's content up to its matching close tag (same-tag nesting counted).
    let depth = 1;
    const re = new RegExp(`<${tag}\\b[^>]*>|</${tag}>`, 'g');
    re.lastIndex = m.index! + m[0].length;
    let end = html.length;
    for (let x = re.exec(html); x; x = re.exec(html)) {
      depth += x[0].startsWith('</') ? -1 : 1;
      if (depth === 0) { end = x.index; break; }
    }
    out.push({ kind: m[3]!, tag, inner: html.slice(m.index! + m[0].length, end) });
  }
  return out;
}

describe('statements and what they rest on', () => {
  test('every statement marked as from the source cites it, with pages, and the citation resolves to the full reference', () => {
    let n = 0;
    const bad: string[] = [];
    for (const p of pages) {
      const methodology = pageAt(routes.in(localeOf(p)).methodology());
      const targets = ids(methodology.html);
      for (const c of claims(p.html).filter((x) => x.kind === 'source')) {
        n++;
        const cite = /<a\b([^>]*\sdata-cite="[^"]+"[^>]*)>([^<]*)<\/a>/.exec(c.inner);
        if (!cite) { bad.push(`${p.url}: "${textOf(c.inner).slice(0, 50)}" has no citation`); continue; }
        const a = attributes(cite[1]!);
        const href = new URL(a.href!, 'https://x.test');
        if (href.pathname !== routes.in(localeOf(p)).methodology() || href.hash !== `#${anchors.source(a['data-cite']!)}` || !targets.has(anchors.source(a['data-cite']!))) bad.push(`${p.url}: citation ${a.href} does not resolve`);
        if (!/\d/.test(cite[2]!)) bad.push(`${p.url}: citation "${cite[2]}" gives no page`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
    expect(n).toBeGreaterThan(150);
  });

  test('every statement marked as an assumption is labelled as one, and every label resolves to an assumption listed on the methodology page', () => {
    const listed = site.dataset.references.assumptions.map((a) => a.id);
    const bad: string[] = [];
    let labels = 0;
    for (const p of pages) {
      for (const c of claims(p.html).filter((x) => x.kind === 'assumption')) if (!/data-assumption="/.test(c.inner)) bad.push(`${p.url}: "${textOf(c.inner).slice(0, 50)}" is not labelled`);
      const targets = ids(pageAt(routes.in(localeOf(p)).methodology()).html);
      for (const m of p.html.matchAll(/<a\b([^>]*\sdata-assumption="([^"]+)"[^>]*)>([^<]*)<\/a>/g)) {
        labels++;
        const a = attributes(m[1]!);
        if (!listed.includes(m[2]!) || !targets.has(anchors.assumption(m[2]!)) || !a.href!.endsWith(`#${anchors.assumption(m[2]!)}`)) bad.push(`${p.url}: label for "${m[2]}" does not resolve`);
        if (m[3] !== t(localeOf(p), 'basis.assumption')) bad.push(`${p.url}: label reads "${m[3]}"`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
    expect(labels).toBeGreaterThan(150);
  });

  test('the methodology page lists every demo assumption and the source report in full, in every language', () => {
    const { assumptions, sources } = site.dataset.references;
    expect(assumptions.length).toBeGreaterThanOrEqual(15);
    for (const locale of routes.locales) {
      const html = pageAt(routes.in(locale).methodology()).html;
      for (const a of assumptions) {
        const item = new RegExp(`<li id="${anchors.assumption(a.id)}">([\\s\\S]*?)</li>`).exec(html);
        expect(item, `${locale} ${a.id}`).not.toBeNull();
        expect(textOf(item![1]!)).toBe(a.text[locale] ?? a.text['zh-Hant']);
      }
      for (const s of sources) {
        const item = new RegExp(`<li id="${anchors.source(s.id)}">([\\s\\S]*?)</li>`).exec(html)!;
        expect(textOf(item[1]!)).toContain(s.title[locale]!);
        expect(textOf(item[1]!)).toContain(s.publisher[locale]!);
      }
    }
  });

  test('the methodology page states how it reads the joint evaluation\'s "每 3 年辦理一次"', () => {
    const zh = textOf(pageAt(routes.in('zh-Hant').methodology()).html);
    expect(zh).toContain('每 3 年辦理一次');
    expect(zh).toContain('本站的解讀是：評估每年辦理，指標體系每 3 年修訂一次');
    expect(textOf(pageAt(routes.in('en').methodology()).html)).toContain('This site reads it as: the evaluation runs every year');
  });
});

describe('statements the source report contradicts are gone', () => {
  test('Seoul\'s S 30 / A 50 / B 20 appears only as Seoul\'s rating of its own agencies, and the specific evaluation\'s A is not "average"', () => {
    for (const p of pages) {
      const text = textOf(p.html);
      if (/S 30%\s*\/\s*A 50%\s*\/\s*B 20%/.test(text)) throw new Error(`${p.url} shows the quota scale as an evaluation's scale`);
    }
    for (const locale of routes.locales) {
      const html = pageAt(routes.in(locale).cycle('specific-evaluation-2023')).html;
      const scale = /<h3 id="grade-scale">[\s\S]*?<\/ul>/.exec(html)![0];
      const a = site.dataset.schemes.find((s) => s.id === 'specific-evaluation')!.frameworks[0]!.grading.grades.find((g) => g.grade === 'A')!;
      expect(textOf(scale), locale).toContain(`A: ${a.label![locale]}`);
      expect(textOf(scale)).not.toMatch(/A: (普通|Average|보통)/);
    }
    expect(textOf(pageAt(routes.in('zh-Hant').methodology()).html)).toContain('S 等級占 30%、A 等級占 50%、B 等級占 20%');
  });

  test('the 10 % cut is worded as the source words it ("considered"), with no verdict of a breach', () => {
    for (const p of pages) {
      const text = textOf(p.html);
      for (const phrase of ['未依規定刪減', '⚠', 'not cut as required', 'must be cut by', '규정대로 삭감하지 않']) if (text.includes(phrase)) throw new Error(`${p.url}: "${phrase}"`);
    }
    for (const locale of LOCALES) {
      const html = pageAt(routes.in(locale).programs()).html;
      expect(html).toContain(t(locale, 'programs.cutRule', { cut: 10 }));
    }
  });

  test('the Seoul case page says only what the source says, and cites it', () => {
    for (const locale of routes.locales) {
      const html = pageAt(routes.in(locale).case('seoul-mobile-library')).html;
      const source = claims(html).filter((c) => c.kind === 'source');
      expect(source.length, locale).toBeGreaterThan(0);
      expect(textOf(html)).not.toMatch(/為什麼值得參考|Why it is worth copying|참고할 만한 이유/);
    }
  });

  test('every budget on a page is money in the site\'s currency, formatted by Intl for the page\'s language', () => {
    const { currency, budgetScale } = site.dataset.site;
    let n = 0;
    for (const p of pages) {
      for (const m of p.html.matchAll(/<td class="num" data-col="(budget|next_budget)" data-value="([^"]*)"[^>]*>([^<]*)/g)) {
        if (m[2] === '') continue;
        expect(m[3], p.url).toBe(formatMoney(localeOf(p), Number(m[2]) * budgetScale, currency));
        n++;
      }
      expect(textOf(p.html), p.url).not.toMatch(/單位：百萬元|\(million\)|; million\)|단위: 백만 원/);
    }
    expect(n).toBeGreaterThan(1000);
  });
});
