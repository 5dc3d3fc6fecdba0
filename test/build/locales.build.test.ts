// Locales as a reader meets them, on built sites: every link a reader or feed reader can follow
// resolves (pages, #fragments, feeds of every locale, sitemap); no page shows words of another
// locale's dictionary; Korean pages are written in Hangul; and deployments that publish fewer
// locales (zh-Hant + en, as a Taiwanese office would; a single locale; English at the root)
// build and link correctly too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { dictionaries, LOCALE_FACTS, LOCALES, type Locale } from '../../src/i18n/index.ts';
import { fullBuild } from '../helpers/build.ts';
import { fixtureCopy } from '../helpers/fixtures.ts';
import { checkLinks, loadDist, type BuiltDist } from '../helpers/links.ts';
import { SITE } from '../helpers/site.ts';
import { visibleText } from '../helpers/visible-text.ts';

const localeOfPage = (html: string): Locale => {
  const tag = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
  const l = LOCALES.find((x) => LOCALE_FACTS[x].htmlLang === tag);
  if (!l) throw new Error(`page without a known <html lang>: ${tag}`);
  return l;
};

/**
 * Pieces of a locale's dictionary a page in another locale must not show: the literal parts of
 * each string (placeholders cut out) that the page's own dictionary does not also use. Short
 * pieces are left out where they could be a proper name or a code (one Latin word under 5
 * letters, one CJK character).
 */
function foreignPieces(page: Locale): Map<string, string> {
  const ownValues = Object.values(dictionaries[page]);
  const own = (piece: string) => ownValues.some((v) => v.includes(piece));
  const out = new Map<string, string>();
  for (const other of LOCALES) {
    if (other === page) continue;
    for (const [key, value] of Object.entries(dictionaries[other])) {
      if (value === dictionaries[page][key as keyof (typeof dictionaries)[typeof page]]) continue;
      const parts = value.split(/\{\w+\}/);
      for (const raw of parts) {
        const piece = raw.trim().replace(/^[\s:：,，.。;；()（）「」“”"'—–-]+|[\s:：,，.。;；()（）「」“”"'—–-]+$/g, '');
        const cjk = (piece.match(/[\u3400-\u9fff\uac00-\ud7a3]/g) ?? []).length;
        const latinWords = piece.match(/[A-Za-z]+/g) ?? [];
        // One Latin word is evidence only when it is a whole label ("Dimension"), not a scrap of a sentence ("{n} results").
        const meaningful = cjk >= 2 || (cjk === 0 && (latinWords.length >= 2 || (parts.length === 1 && (latinWords[0]?.length ?? 0) >= 5)));
        if (meaningful && !own(piece)) out.set(piece, `${other}:${key}`);
      }
    }
  }
  return out;
}

function foreignWordsOn(site: BuiltDist): string[] {
  const pieces = new Map<Locale, [string, string, RegExp | undefined][]>();
  const found: string[] = [];
  for (const [path, html] of site.pages) {
    const locale = localeOfPage(html);
    if (!pieces.has(locale)) {
      pieces.set(locale, [...foreignPieces(locale)].map(([p, k]) => [p, k, /^[\x20-\x7e]+$/.test(p) ? new RegExp(`(^|[^A-Za-z0-9_])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`) : undefined]));
    }
    const text = visibleText(html).join('\n');
    for (const [piece, key, latin] of pieces.get(locale)!) {
      if (latin ? latin.test(text) : text.includes(piece)) found.push(`${path} (${locale}): "${piece}" from ${key}`);
    }
  }
  return found;
}

// ---------------------------------------------------------------- the demo (zh-Hant, en, ko)

let demo: BuiltDist;
beforeAll(() => {
  demo = loadDist(inject('demoDist'), SITE);
});

describe('the demo in three locales', () => {
  test('every link on every page, in every feed of every locale, in the sitemap and robots.txt resolves, #fragments included', () => {
    const r = checkLinks(demo);
    expect(r.broken.slice(0, 40)).toEqual([]);
    // Nothing was skipped: 3 locales × 3 feed formats × (all news, corrections only) were read, and each source gave links.
    expect(demo.feeds.length).toBe(18);
    expect(r.bySource.pages).toBeGreaterThan(demo.pages.size * 20);
    expect(r.bySource.feeds).toBeGreaterThan(9 * 20);
    expect(r.bySource.sitemap).toBeGreaterThan(demo.pages.size);
    expect(r.bySource.robots).toBe(1);
  });

  test('no page shows a string of another locale’s dictionary', () => {
    const found = foreignWordsOn(demo);
    expect(found.slice(0, 60), `${found.length} found`).toEqual([]);
  });

  test('Korean pages are written in Hangul: no Chinese characters outside text marked as another language', () => {
    const ko = [...demo.pages].filter(([, html]) => localeOfPage(html) === 'ko');
    expect(ko.length).toBeGreaterThan(200);
    const han = ko.flatMap(([path, html]) => visibleText(html).filter((t) => /[\u4e00-\u9fff]/.test(t)).map((t) => `${path}: ${t.slice(0, 60)}`));
    expect(han.slice(0, 30), `${han.length} found`).toEqual([]);
  });

  test('the test can fail: a page with an English label on /ko/ is caught', () => {
    const [path, html] = [...demo.pages].find(([p]) => p.startsWith('/ko/cycles/'))!;
    const spoiled = new Map([[path, html.replace('</main>', `<p>${dictionaries.en['cycle.comparisonNote']}</p></main>`)]]);
    expect(foreignWordsOn({ ...demo, pages: spoiled })).not.toEqual([]);
  });
});

// ---------------------------------------------------------------- fewer locales

const scratch = mkdtempSync(join(tmpdir(), 'open-results-locales-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Build the minimal fixture publishing `locales` with `defaultLocale` at the root. */
function buildWith(name: string, locales: Locale[], defaultLocale: Locale): BuiltDist {
  const dir = fixtureCopy();
  const file = join(dir, 'site.yaml');
  writeFileSync(file, stringify({ ...parse(readFileSync(file, 'utf8')), locales, defaultLocale }));
  const dist = join(scratch, name);
  const run = fullBuild(dir, dist, { SITE_URL: SITE });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`build with ${locales.join(', ')} failed:\n${run.output.slice(-3000)}`);
  return loadDist(dist, SITE);
}

const variants: [string, Locale[], Locale][] = [
  ['taiwan', ['zh-Hant', 'en'], 'zh-Hant'],
  ['single', ['zh-Hant'], 'zh-Hant'],
  ['english-first', ['en', 'zh-Hant'], 'en'],
];

describe.each(variants)('a deployment publishing %s', (name, locales, defaultLocale) => {
  let site: BuiltDist;
  beforeAll(() => {
    site = buildWith(name, locales, defaultLocale);
  });

  test('has each page in exactly its published locales, the default at /', () => {
    const langs = new Set([...site.pages.values()].map((html) => localeOfPage(html)));
    expect([...langs].sort()).toEqual([...locales].sort());
    expect(localeOfPage(site.pages.get('/')!)).toBe(defaultLocale);
    for (const l of LOCALES) {
      const segment = `/${LOCALE_FACTS[l].segment}/`;
      const published = locales.includes(l) && l !== defaultLocale;
      expect(site.pages.has(segment), `${segment}`).toBe(published);
    }
    // Every page exists in every published locale.
    // (404 pages included: /404.html is the default locale's, /en/404.html English, …)
    const perLocale = locales.map((l) => [...site.pages].filter(([, h]) => localeOfPage(h) === l).length);
    expect(new Set(perLocale).size).toBe(1);
  });

  test('every link, feed item and sitemap entry resolves', () => {
    const r = checkLinks(site);
    expect(r.broken.slice(0, 30)).toEqual([]);
    expect(site.feeds.length).toBe(2 * 3 * locales.length);
    expect(r.bySource.feeds).toBeGreaterThan(0);
    expect(r.bySource.sitemap).toBeGreaterThan(0);
  });

  test('offers a language switch and hreflang alternates only when there is another locale', () => {
    const home = site.pages.get('/')!;
    expect(home.includes('hreflang="x-default"')).toBe(locales.length > 1);
    expect(home.includes('class="lang-switch"')).toBe(locales.length > 1);
    for (const l of locales) if (l !== defaultLocale) expect(home).toContain(`hreflang="${LOCALE_FACTS[l].htmlLang}"`);
  });

  test('no page shows a string of another locale’s dictionary', () => {
    expect(foreignWordsOn(site).slice(0, 20)).toEqual([]);
  });
});
