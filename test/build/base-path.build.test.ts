// A site published under a path (BASE_PATH), as a GitHub Pages project site is
// (https://owner.github.io/open-results/): the demo built that way keeps every link, asset, feed
// entry, sitemap entry and search result under the path, and nothing points outside it.
// The search browser test runs on this build too (test/e2e/search.test.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRedirects } from '../../scripts/build/deploy-files.ts';
import { listHtml } from '../../scripts/lib/html-files.ts';
import { fullBuild } from '../helpers/build.ts';
import { checkLinks, loadDist, type BuiltDist } from '../helpers/links.ts';

const SITE = 'https://owner.github.io';
const BASE = '/open-results';
const scratch = mkdtempSync(join(tmpdir(), 'or-base-path-'));
const dist = join(scratch, 'dist');
let site: BuiltDist;

beforeAll(() => {
  const run = fullBuild('content', dist, { SITE_URL: SITE, BASE_PATH: BASE });
  if (run.status !== 0) throw new Error(`the demo does not build under ${BASE}:\n${run.output}`);
  site = loadDist(dist, SITE, BASE);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`the demo built with BASE_PATH=${BASE}`, () => {
  it('passes the link checker: every page link and #fragment, every feed entry, the sitemap and robots.txt', () => {
    const r = checkLinks(site);
    expect(r.broken.slice(0, 30)).toEqual([]);
    expect(site.feeds.length).toBe(18); // 3 locales × (RSS, Atom, JSON Feed) × (all news, corrections only)
    expect(r.bySource.pages).toBeGreaterThan(site.pages.size * 20);
    expect(r.bySource.feeds).toBeGreaterThan(9 * 20);
    expect(r.bySource.sitemap).toBeGreaterThan(site.pages.size);
    expect(r.bySource.robots).toBe(1);
  });

  it('the link checker does catch a link that leaves the base path (so the test above can fail)', () => {
    const [path, html] = [...site.pages].find(([p]) => p.endsWith('/cycles/'))!;
    const spoiled = { ...site, feeds: [], pages: new Map([[path, html.replace('</main>', '<a href="/cycles/">x</a></main>')]]) };
    expect(checkLinks(spoiled).broken).toContain(`${path}: /cycles/ (no such file)`);
  });

  it('puts every root-relative URL of every page under the base path: assets, islands, Pagefind, feeds, data', () => {
    const outside: string[] = [];
    for (const f of listHtml(dist)) {
      const html = readFileSync(join(dist, f), 'utf8');
      for (const m of html.matchAll(/\s(?:href|src|action|bundlePath|component-url|renderer-url)="(\/[^"]*)"/g)) if (!m[1]!.startsWith(`${BASE}/`)) outside.push(`${f}: ${m[1]}`);
      // Island props are JSON in an attribute: the search island's Pagefind bundle path among them.
      for (const m of html.matchAll(/&quot;(\/(?:pagefind|_astro|data|feeds)\/[^&]*)&quot;/g)) outside.push(`${f}: ${m[1]}`);
    }
    expect(outside.slice(0, 20)).toEqual([]);
    const search = readFileSync(join(dist, 'search', 'index.html'), 'utf8');
    expect(search).toContain(`${BASE}/pagefind/`);
  });

  it('writes the sitemap, robots.txt and redirects with the base path', () => {
    const sitemap = readFileSync(join(dist, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(700);
    expect(locs.filter((l) => !l.startsWith(`${SITE}${BASE}/`))).toEqual([]);
    expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE}${BASE}/sitemap.xml`);
    expect(parseRedirects(readFileSync(join(dist, '_redirects'), 'utf8'))).toEqual([
      { from: `${BASE}/zh-hant/*`, to: `${BASE}/:splat`, status: 301 },
      { from: `${BASE}/en/*`, to: `${BASE}/en/404.html`, status: 404 },
      { from: `${BASE}/ko/*`, to: `${BASE}/ko/404.html`, status: 404 },
    ]);
    // Each 404 rule names a page that exists.
    for (const l of ['en', 'ko']) expect(existsSync(join(dist, l, '404.html')), l).toBe(true);
  });

  it('has the 404 page at the root of the built site, linking into the base path', () => {
    const html = readFileSync(join(dist, '404.html'), 'utf8');
    expect(html).toContain(`href="${BASE}/"`);
    expect(html).toContain(`href="${BASE}/en/"`);
  });
});
