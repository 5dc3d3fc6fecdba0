// Descriptions, structured data and share images as pure functions of a content folder, and the
// schema.org check the build tests rely on (it must be able to fail).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteData, type SiteData } from '../../src/lib/site.ts';
import { breadcrumbs, describePage, rankPhrase } from '../../src/lib/seo/pages.ts';
import { jsonLdText, ldDescription, structuredData } from '../../src/lib/seo/jsonld.ts';
import { shareImageFor, shareImages, writeShareImages } from '../../src/lib/share/images.ts';
import { validateJsonLd, validateNode, vocabulary } from '../helpers/schemaorg.ts';
import { MINIMAL } from '../helpers/fixtures.ts';

describe('rank phrase', () => {
  it('uses English ordinals and each locale\'s own word order', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((n) => rankPhrase('en', n, 200))).toEqual(
      ['1st of 200', '2nd of 200', '3rd of 200', '4th of 200', '11th of 200', '12th of 200', '13th of 200', '21st of 200', '22nd of 200', '23rd of 200', '101st of 200'],
    );
    expect(rankPhrase('zh-Hant', 5, 17)).toBe('第5名（共 17 個）');
    expect(rankPhrase('ko', 5, 17)).toBe('17곳 중 5위');
  });
});

describe('the schema.org check', () => {
  it('is the pinned schema.org 30.0 vocabulary', () => {
    expect(vocabulary.version).toBe('30.0');
    expect(vocabulary.classes.GovernmentOrganization).toEqual(['Organization']);
    expect(vocabulary.properties.temporalCoverage!.domain).toContain('CreativeWork');
  });
  it('accepts a valid node and names every kind of mistake', () => {
    const ok = { '@type': 'Dataset', name: 'x', isAccessibleForFree: true, license: 'https://creativecommons.org/licenses/by/4.0/', distribution: [{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: 'https://a.test/x.csv' }] };
    expect(validateNode(ok)).toEqual([]);
    expect(validateNode({ ...ok, '@type': 'DataSet' })).toEqual(['$: @type DataSet is not a schema.org 30.0 class']);
    expect(validateNode({ ...ok, downloadLink: 'https://a.test/x.csv' })).toEqual(['$.downloadLink: not a schema.org 30.0 property']);
    expect(validateNode({ ...ok, downloadUrl: 'https://a.test/x.csv' })).toEqual(['$.downloadUrl: does not apply to Dataset (only to SoftwareApplication)']);
    expect(validateNode({ ...ok, headcount: 3 })[0]).toMatch(/headcount: not a schema.org/);
    expect(validateNode({ ...ok, parentOrganization: { '@type': 'Organization', name: 'x' } })[0]).toMatch(/parentOrganization: does not apply to Dataset/);
    expect(validateNode({ ...ok, isAccessibleForFree: 'yes' })[0]).toMatch(/isAccessibleForFree: "yes" is not a Boolean/);
    expect(validateNode({ ...ok, distribution: [{ '@type': 'Person', name: 'x' }] })[0]).toMatch(/a Person where DataDownload is expected/);
    expect(validateNode({ ...ok, distribution: [{ '@type': 'DataDownload', contentUrl: 'x.csv' }] })[0]).toMatch(/contentUrl: "x.csv" is not a URL/);
    expect(validateNode({ '@type': 'Article', datePublished: 'last year' })[0]).toMatch(/datePublished: "last year" is not a/);
    expect(validateJsonLd({ '@context': 'http://schema.org', '@graph': [ok] })[0]).toMatch(/@context/);
  });
});

describe('descriptions and structured data of a content folder', () => {
  let site: SiteData;
  beforeAll(() => {
    site = siteData(MINIMAL);
  });

  it('describes a body by its latest result, and every page differently', () => {
    const body = site.bodies.find((b) => site.results.some((r) => r.body === b.id))!;
    const d = describePage(site, 'en', { type: 'body', id: body.id }, body.name.en!);
    expect(d).toContain(body.name.en!);
    const all = site.locales.flatMap((l) => [
      describePage(site, l, { type: 'home' }, 'x'), describePage(site, l, { type: 'bodies' }, 'x'), describePage(site, l, { type: 'cycles' }, 'x'),
      ...site.bodies.map((b) => describePage(site, l, { type: 'body', id: b.id }, b.name[l] ?? b.name['zh-Hant'])),
    ]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('marks every structured-data description as invented while demoData is set, and not otherwise', () => {
    const real = { ...site, site: { ...site.site, demoData: false } } as SiteData;
    expect(ldDescription(site, 'en', 'Results.')).toMatch(/^Results\. Demo data: .*invented/);
    expect(ldDescription(real, 'en', 'Results.')).toBe('Results.');
    const crumbs = breadcrumbs('en', { type: 'data' }, 'Open data', '/data/');
    const graph = structuredData(site, { locale: 'en', page: { type: 'data' }, title: 'Open data', description: 'All the tables.', url: 'https://a.test/en/data/', image: 'https://a.test/en/share/site.png', crumbs });
    const dataset = graph.find((n) => n['@type'] === 'Dataset')!;
    expect(dataset.description).toMatch(/invented/);
    expect(validateJsonLd(JSON.parse(jsonLdText(graph)))).toEqual([]);
  });

  it('never lets content text close the script element', () => {
    expect(jsonLdText([{ '@type': 'Thing', name: '</script><script>alert(1)</script>' }])).not.toContain('<');
  });
});

describe('share images', () => {
  let cache = '';
  let out = '';
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'open-results-share-cache-'));
    out = mkdtempSync(join(tmpdir(), 'open-results-share-out-'));
  });
  afterAll(() => {
    rmSync(cache, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('points bodies, cycles and cases at their own image and every other page at the site image', () => {
    const site = siteData(MINIMAL);
    const b = site.bodies[0]!;
    expect(shareImageFor(site, 'en', { type: 'body', id: b.id }).path).toBe(`/en/share/bodies/${b.id}.png`);
    expect(shareImageFor(site, 'en', { type: 'methodology' }).path).toBe('/en/share/site.png');
    const paths = shareImages(site).map((i) => i.path);
    expect(paths).toContain(`/share/bodies/${b.id}.png`);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('draws each card once: a rebuild draws only the cards whose words changed', async () => {
    const site = siteData(MINIMAL);
    const first = await writeShareImages(out, site, cache);
    expect(first.drawn).toBe(first.written);
    const png = readFileSync(join(out, 'share', 'site.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    expect((await writeShareImages(out, site, cache)).drawn).toBe(0);
    const b = site.bodies[0]!;
    const renamed = { ...site, bodies: site.bodies.map((x) => (x.id === b.id ? { ...x, name: { ...x.name, en: `${x.name.en} (renamed)` } } : x)) } as SiteData;
    // The body's own card in English, and the cycle and case cards that name it in English.
    const again = await writeShareImages(out, renamed, cache);
    expect(again.drawn).toBeGreaterThanOrEqual(1);
    expect(again.drawn).toBeLessThan(first.drawn / 2);
  }, 120_000);
});
