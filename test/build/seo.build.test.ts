// What search engines, dataset search and link previews read, on the built demo (issue 18): every
// indexable page has a description of its own, a canonical URL under SITE_URL with hreflang
// alternates, Open Graph and Twitter tags with an image that exists, and JSON-LD valid against the
// pinned schema.org vocabulary; every Dataset's downloads exist in dist/; robots.txt, the sitemap
// and noindex agree. Links are followed into dist/; nothing asks the producing code what to expect.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { builtPages, type BuiltPage } from '../../scripts/lib/html-files.ts';
import { createRoutes, LOCALE_FACTS, siteLocales, type Routes } from '../../src/i18n/index.ts';
import { demoSite, SITE, type BuiltSite } from '../helpers/site.ts';
import { jsonLdBlocks, validateJsonLd } from '../helpers/schemaorg.ts';

let site: BuiltSite;
let routes: Routes;
let pages: BuiltPage[];
let indexable: BuiltPage[];
beforeAll(() => {
  site = demoSite(inject('demoDist'));
  routes = createRoutes(siteLocales(site.dataset.site));
  pages = builtPages(site.dist);
  indexable = pages.filter((p) => !p.noindex);
});

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const metas = (html: string, attr: 'name' | 'property', key: string) =>
  [...html.matchAll(new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`, 'g'))].map((m) => decode(m[1]!));
const one = (html: string, attr: 'name' | 'property', key: string) => {
  const all = metas(html, attr, key);
  return all.length === 1 ? all[0] : undefined;
};
/** The dist/ file an absolute URL on SITE names (a page's index.html for a directory URL). */
function fileOf(url: string): string | undefined {
  if (!url.startsWith(`${SITE}/`)) return undefined;
  const path = decodeURIComponent(new URL(url).pathname);
  return join(site.dist, path.endsWith('/') ? `${path}index.html` : path);
}
const exists = (url: string) => {
  const f = fileOf(url);
  return !!f && existsSync(f) && statSync(f).size > 0;
};
type Node = Record<string, unknown> & { '@type': string };
const graphOf = (html: string): Node[] => (jsonLdBlocks(html)[0] as { '@graph': Node[] })['@graph'];
const textOfHtml = (html: string) => decode(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

describe('every indexable page', () => {
  test('there are pages of every type in every locale, and only the 404 pages (one per locale) are noindex', () => {
    expect(indexable.length).toBeGreaterThan(700);
    expect(pages.filter((p) => p.noindex).map((p) => p.url).sort()).toEqual(routes.locales.map((l) => `${routes.in(l).home()}404.html`).sort());
    for (const l of routes.locales) expect(indexable.map((p) => p.url)).toContain(routes.in(l).search());
  });

  test('has one non-empty description of its own: no two pages share one', () => {
    const byText = new Map<string, string[]>();
    const missing: string[] = [];
    for (const p of indexable) {
      const d = one(p.html, 'name', 'description');
      if (!d || d.trim().length < 10) {
        missing.push(p.url);
        continue;
      }
      byText.set(d, [...(byText.get(d) ?? []), p.url]);
    }
    expect(missing).toEqual([]);
    expect([...byText].filter(([, urls]) => urls.length > 1)).toEqual([]);
  });

  test('a body\'s description names it and its latest grade, total and rank, as its page shows them', () => {
    let n = 0;
    for (const b of site.dataset.bodies) {
      const html = readFileSync(join(site.dist, 'en', 'bodies', b.id, 'index.html'), 'utf8');
      const d = one(html, 'name', 'description')!;
      const h1 = textOfHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!);
      expect(d, b.id).toContain(h1);
      const results = site.dataset.results.filter((r) => r.body === b.id);
      const cycles = new Map(site.dataset.cycles.map((c) => [c.id, c]));
      const latest = results.sort((x, y) => cycles.get(x.cycle)!.year - cycles.get(y.cycle)!.year || (x.cycle < y.cycle ? -1 : 1)).at(-1);
      if (!latest) continue;
      n++;
      const of = site.dataset.results.filter((r) => r.cycle === latest.cycle).length;
      expect(d, b.id).toContain(`: ${latest.grade}, ${latest.total.toFixed(2)}, `);
      expect(d, b.id).toMatch(new RegExp(`\\b${latest.rank}(st|nd|rd|th) of ${of}\\b`));
    }
    expect(n).toBeGreaterThan(60);
  });

  test('has a canonical URL under SITE_URL that is the page itself, and hreflang alternates that exist', () => {
    const wrong: string[] = [];
    for (const p of indexable) {
      const canonical = [...p.html.matchAll(/<link rel="canonical" href="([^"]+)"/g)].map((m) => m[1]!);
      if (canonical.length !== 1 || canonical[0] !== `${SITE}${p.url}`) wrong.push(`${p.url}: canonical ${canonical.join(', ')}`);
      const alternates = [...p.html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!] as const);
      const langs = alternates.map(([l]) => l).sort();
      const expected = [...routes.locales.map((l) => LOCALE_FACTS[l].htmlLang), 'x-default'].sort();
      if (JSON.stringify(langs) !== JSON.stringify(expected)) wrong.push(`${p.url}: hreflang ${langs.join(', ')}`);
      if (!alternates.some(([, href]) => href === `${SITE}${p.url}`)) wrong.push(`${p.url}: not among its own alternates`);
      for (const [l, href] of alternates) if (!exists(href)) wrong.push(`${p.url}: hreflang ${l} → ${href} missing`);
    }
    expect(wrong).toEqual([]);
  });

  test('has Open Graph and Twitter card tags: title, description, URL, locale and alternates, site name, a 1200 × 630 PNG that exists', () => {
    const wrong: string[] = [];
    const images = new Map<string, string>();
    for (const p of indexable) {
      const lang = /<html[^>]*\slang="([^"]+)"/.exec(p.html)![1]!;
      const og = (k: string) => one(p.html, 'property', `og:${k}`);
      const need: [string, string | undefined][] = [
        ['og:title', og('title')], ['og:description', og('description')], ['og:site_name', og('site_name')], ['og:image:alt', og('image:alt')],
        ['twitter:title', one(p.html, 'name', 'twitter:title')], ['twitter:description', one(p.html, 'name', 'twitter:description')],
      ];
      for (const [k, v] of need) if (!v?.trim()) wrong.push(`${p.url}: ${k} missing`);
      if (og('description') !== one(p.html, 'name', 'description')) wrong.push(`${p.url}: og:description differs from the description`);
      if (og('url') !== `${SITE}${p.url}`) wrong.push(`${p.url}: og:url ${og('url')}`);
      if (one(p.html, 'name', 'twitter:card') !== 'summary_large_image') wrong.push(`${p.url}: twitter:card`);
      // og:locale is language_TERRITORY of the page's own language; the others are alternates.
      if (!og('locale') || og('locale')!.split('_')[0]!.toLowerCase() !== lang.split('-')[0]!.toLowerCase()) wrong.push(`${p.url}: og:locale ${og('locale')} for lang ${lang}`);
      if (metas(p.html, 'property', 'og:locale:alternate').length !== routes.locales.length - 1) wrong.push(`${p.url}: og:locale:alternate`);
      const image = og('image');
      if (!image || one(p.html, 'name', 'twitter:image') !== image) wrong.push(`${p.url}: og:image / twitter:image`);
      else images.set(image, p.url);
    }
    expect(wrong).toEqual([]);
    for (const [image, page] of images) {
      const f = fileOf(image);
      expect(f && existsSync(f), `${page}: ${image}`).toBe(true);
      const png = readFileSync(f!);
      expect(png.subarray(1, 4).toString(), image).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], image).toEqual([1200, 630]);
    }
  });

  test('bodies, cycles and cases have a share image of their own; other pages share the site image of their locale', () => {
    const imageOf = (url: string) => one(pages.find((p) => p.url === url)!.html, 'property', 'og:image')!;
    for (const l of routes.locales) {
      const to = routes.in(l);
      const own = [...site.dataset.bodies.map((b) => to.body(b.id)), ...site.dataset.cycles.map((c) => to.cycle(c.id)), ...site.dataset.cases.map((c) => to.case(c.id))].map(imageOf);
      expect(new Set(own).size, l).toBe(own.length);
      const others = [to.home(), to.methodology(), to.data(), to.programs(), to.search()].map(imageOf);
      expect(new Set(others).size, l).toBe(1);
      expect(own, l).not.toContain(others[0]);
    }
    // One locale's site image differs from another's (its words are in that language).
    const siteImages = routes.locales.map((l) => readFileSync(fileOf(imageOf(routes.in(l).home()))!));
    expect(new Set(siteImages.map((b) => b.toString('base64'))).size).toBe(routes.locales.length);
  });

  test('has exactly one JSON-LD block, valid against schema.org 30.0, with a breadcrumb trail from home to the page', () => {
    const wrong: string[] = [];
    for (const p of indexable) {
      const blocks = jsonLdBlocks(p.html);
      if (blocks.length !== 1) {
        wrong.push(`${p.url}: ${blocks.length} JSON-LD blocks`);
        continue;
      }
      for (const problem of validateJsonLd(blocks[0])) wrong.push(`${p.url}: ${problem}`);
      const crumbs = graphOf(p.html).filter((n) => n['@type'] === 'BreadcrumbList');
      if (crumbs.length !== 1) {
        wrong.push(`${p.url}: ${crumbs.length} BreadcrumbList`);
        continue;
      }
      const items = crumbs[0]!.itemListElement as { position: number; name: string; item: string }[];
      if (items.map((i) => i.position).join() !== items.map((_, i) => i + 1).join()) wrong.push(`${p.url}: breadcrumb positions`);
      if (items[0]!.item !== `${SITE}${routes.in(routes.parse(p.url).locale).home()}`) wrong.push(`${p.url}: breadcrumb starts at ${items[0]!.item}`);
      if (items.at(-1)!.item !== `${SITE}${p.url}`) wrong.push(`${p.url}: breadcrumb ends at ${items.at(-1)!.item}`);
      for (const i of items) if (!i.name.trim() || !exists(i.item)) wrong.push(`${p.url}: breadcrumb ${i.name} → ${i.item}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('structured data of the results and the open data', () => {
  const years = () => site.dataset.cycles.filter((c) => c.status === 'published').map((c) => c.year);

  test('/data/ and every table\'s page in every locale: a Dataset with CSV and JSON downloads that exist, licence, publisher, temporal coverage, free access', () => {
    let datasets = 0;
    let downloads = 0;
    for (const l of routes.locales) {
      const to = routes.in(l);
      const tablePages = indexable.filter((p) => p.url.startsWith(to.data()) && p.url !== to.data());
      expect(tablePages.length, l).toBeGreaterThan(10);
      for (const p of [indexable.find((x) => x.url === to.data())!, ...tablePages]) {
        const ds = graphOf(p.html).filter((n) => n['@type'] === 'Dataset');
        expect(ds.length, p.url).toBe(1);
        const d = ds[0]!;
        datasets++;
        expect(d.isAccessibleForFree, p.url).toBe(true);
        expect(d.license, p.url).toBe(site.dataset.site.license.url);
        expect((d.publisher as Node).name, p.url).toBeTruthy();
        expect(d.temporalCoverage, p.url).toBe(`${Math.min(...years())}/${Math.max(...years())}`);
        expect(String(d.name).length, p.url).toBeGreaterThan(3);
        // Dataset search engines want 50–5000 characters.
        expect(String(d.description).length, p.url).toBeGreaterThanOrEqual(50);
        const dist = d.distribution as { encodingFormat: string; contentUrl: string }[];
        const formats = new Set(dist.map((x) => x.encodingFormat));
        expect(formats, p.url).toEqual(new Set(['text/csv', 'application/json']));
        for (const x of dist) {
          downloads++;
          expect(exists(x.contentUrl), `${p.url}: ${x.contentUrl}`).toBe(true);
          const body = readFileSync(fileOf(x.contentUrl)!, 'utf8');
          if (x.encodingFormat === 'text/csv') expect(x.contentUrl.endsWith('.csv') && body.split('\n')[0]!.includes(','), x.contentUrl).toBe(true);
          else expect(() => JSON.parse(body), x.contentUrl).not.toThrow();
        }
      }
    }
    expect(datasets).toBeGreaterThan(30);
    expect(downloads).toBeGreaterThan(100);
  });

  test('a body\'s page describes a GovernmentOrganization, a case\'s an Article about its body, in the page\'s words', () => {
    for (const l of routes.locales) {
      const to = routes.in(l);
      for (const b of site.dataset.bodies) {
        const html = pages.find((p) => p.url === to.body(b.id))!.html;
        const org = graphOf(html).find((n) => n['@type'] === 'GovernmentOrganization');
        expect(org?.name, to.body(b.id)).toBe(textOfHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!));
        if (b.parent) expect(exists((org!.parentOrganization as Node).url as string), to.body(b.id)).toBe(true);
      }
      for (const c of site.dataset.cases) {
        const html = pages.find((p) => p.url === to.case(c.id))!.html;
        const article = graphOf(html).find((n) => n['@type'] === 'Article')!;
        expect(article.headline, to.case(c.id)).toBe(textOfHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!));
        expect(exists((article.about as Node).url as string), to.case(c.id)).toBe(true);
        expect(exists(article.image as string), to.case(c.id)).toBe(true);
      }
    }
  });

  test('while site.yaml sets demoData, every JSON-LD description says the data is invented', () => {
    expect(site.dataset.site.demoData).toBe(true);
    const invented: Record<string, RegExp> = { 'zh-Hant-TW': /虛構/, en: /invented/, 'ko-KR': /가상/ };
    let n = 0;
    for (const p of indexable) {
      const lang = /<html[^>]*\slang="([^"]+)"/.exec(p.html)![1]!;
      for (const node of graphOf(p.html)) {
        if (typeof node.description !== 'string') continue;
        n++;
        expect(node.description, `${p.url} ${node['@type']}`).toMatch(invented[lang]!);
      }
    }
    expect(n).toBeGreaterThan(250);
  });
});

describe('robots.txt, the sitemap and noindex agree', () => {
  test('the sitemap lists exactly the indexable pages; robots.txt blocks none of them, nor a noindex page (a crawler must read it), and names the sitemap', () => {
    const parser = new XMLParser({ isArray: (n) => n === 'url' });
    const locs = (parser.parse(readFileSync(join(site.dist, 'sitemap.xml'), 'utf8')).urlset.url as { loc: string }[]).map((u) => u.loc).sort();
    expect(locs).toEqual(indexable.map((p) => `${SITE}${p.url}`).sort());
    const robots = readFileSync(join(site.dist, 'robots.txt'), 'utf8');
    const disallowed = [...robots.matchAll(/^Disallow:\s*(\S+)/gim)].map((m) => m[1]!);
    for (const p of pages) for (const d of disallowed) expect(p.url.startsWith(d), `${p.url} is disallowed by ${d}`).toBe(false);
    const sitemaps = [...robots.matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => m[1]!);
    expect(sitemaps).toEqual([`${SITE}/sitemap.xml`]);
    expect(exists(sitemaps[0]!)).toBe(true);
  });
});
