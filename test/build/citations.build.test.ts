// Citations that work: every page's citation names its canonical URL on SITE_URL, the publication
// date of what it shows and its last correction date, leaves the access date to the reader, and
// comes as plain text, APA style, BibTeX and CSL-JSON that parse.
import { beforeAll, expect, inject, test } from 'vitest';
import type { BuiltPage } from '../../scripts/lib/html-files.ts';
import { formatDate, formatYearFirstDate, t, type Locale, type Routes } from '../../src/i18n/index.ts';
import { cycleDates } from '../../src/lib/queries.ts';
import { attributes, rawTextOf, textOf } from '../helpers/page-tables.ts';
import { builtDemo, SITE, type BuiltSite } from '../helpers/site.ts';

let site: BuiltSite;
let routes: Routes;
let pages: BuiltPage[];
beforeAll(() => ({ site, routes, pages } = builtDemo(inject('demoDist'))));

interface Cite { url: string; published?: string; updated?: string; plain: string; apa: string; bibtex: string; csl: string }
function citeOf(html: string): Cite | undefined {
  const m = /<section class="cite"([^>]*)>([\s\S]*?)<\/section>/.exec(html);
  if (!m) return undefined;
  const a = attributes(m[1]!);
  const part = (format: string, read = textOf) => read(new RegExp(`data-format="${format}"[^>]*>([\\s\\S]*?)</(cite|pre)>`).exec(m[2]!)![1]!);
  return { url: a['data-url']!, published: a['data-published'], updated: a['data-updated'], plain: part('plain'), apa: part('apa'), bibtex: part('bibtex', rawTextOf), csl: part('csl-json', rawTextOf) };
}
const day = (locale: Locale, iso: string) => formatDate(locale, iso, { secondCalendar: false });

test('every citation: canonical URL on SITE_URL, a date when the page has one, the access date left to the reader, four formats that parse', () => {
  let n = 0;
  for (const p of pages.filter((x) => !x.noindex)) {
    const c = citeOf(p.html);
    if (!c) continue;
    n++;
    const locale = routes.parse(p.url).locale;
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(p.html)![1]!;
    expect(c.url, p.url).toBe(`${SITE}${p.url}`);
    expect(canonical, p.url).toBe(c.url);
    for (const text of [c.plain, c.apa]) {
      expect(text, p.url).toContain(c.url);
      expect(text, p.url).toContain(t(locale, 'cite.accessed'));
      if (c.published) expect(text, p.url).not.toContain(t(locale, 'data.noDate'));
    }
    expect(c.bibtex, p.url).toMatch(/^@misc\{open-results[\w-]*,\n(  [a-z]+ = \{.*\},?\n)+\}$/);
    expect(c.bibtex).toContain(`url = {${c.url}}`);
    expect(c.bibtex).toContain('urldate = {}');
    const csl = JSON.parse(c.csl) as { URL: string; issued?: { 'date-parts': number[][] }; accessed?: unknown }[];
    expect(csl[0]!.URL).toBe(c.url);
    expect(csl[0]!.accessed).toBeUndefined();
    if (c.published) {
      expect(csl[0]!.issued!['date-parts'][0]).toEqual(c.published.split('-').map(Number));
      expect(c.bibtex).toContain(`date = {${c.published}}`);
    }
  }
  expect(n).toBeGreaterThan(700);
});

test('a cycle is cited with its publication date and, when corrected, its last correction date; bodies and programs are dated too', () => {
  for (const locale of routes.locales) {
    for (const cycle of site.dataset.cycles) {
      const c = citeOf(pages.find((p) => p.url === routes.in(locale).cycle(cycle.id))!.html)!;
      const { published, updated } = cycleDates(cycle);
      expect(c.published).toBe(published);
      expect(c.plain).toContain(day(locale, published!));
      if (updated) {
        expect(c.updated).toBe(updated);
        expect(c.plain).toContain(day(locale, updated));
        expect(c.apa).toMatch(new RegExp(`[(（]${formatYearFirstDate(locale, updated)}[)）]`)); // APA dates the latest version (full-width brackets in Chinese)
      } else expect(c.updated).toBeUndefined();
    }
    for (const path of [routes.in(locale).body('moef'), routes.in(locale).program(site.dataset.programs[0]!.id), routes.in(locale).corrections()]) {
      expect(citeOf(pages.find((p) => p.url === path)!.html)!.published, path).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  }
});
