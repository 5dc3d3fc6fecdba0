// Follows links the way a reader's browser or feed reader would, in a built dist/: every href,
// src and form action of every page, every link and id in every feed (RSS, Atom, JSON Feed),
// every URL of the sitemap and robots.txt. A link is good when the file it names exists in
// dist/ and, when it has a #fragment, that page has an element with that id. Nothing here asks
// the code that produced the links how they should look.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
export const attrs = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => decode(m[1]!));

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export interface BuiltDist {
  dist: string;
  /** Origin + base path the site was built for (SITE_URL + BASE_PATH), with a trailing slash. */
  root: URL;
  /** Site path ("/en/cycles/x/", base included) → HTML. */
  pages: Map<string, string>;
  /** Site paths of every feed file. */
  feeds: string[];
}

/** Load a built site: its HTML pages by site path and its feed files. */
export function loadDist(dist: string, siteUrl: string, base = ''): BuiltDist {
  const root = new URL(`${base.replace(/\/$/, '')}/`, siteUrl);
  const pages = new Map<string, string>();
  const feeds: string[] = [];
  for (const file of walk(dist)) {
    const rel = relative(dist, file).split('\\').join('/');
    if (rel.startsWith('pagefind/') || rel.startsWith('_astro/')) continue;
    const path = new URL(rel, root).pathname;
    if (rel.endsWith('.html')) pages.set(path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path, readFileSync(file, 'utf8'));
    else if (/(^|\/)feeds\/(corrections\/)?(rss\.xml|atom\.xml|feed\.json)$/.test(rel)) feeds.push(path);
  }
  return { dist, root, pages, feeds };
}

export interface LinkReport {
  broken: string[];
  checked: number;
  /** Links followed per kind of source (pages, feeds, sitemap), so a test can tell none was skipped. */
  bySource: Record<string, number>;
}

/** Check every link of a built site as a consumer follows it. */
export function checkLinks(site: BuiltDist): LinkReport {
  const broken: string[] = [];
  const bySource: Record<string, number> = {};
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    let s = ids.get(path);
    if (!s) ids.set(path, (s = new Set([...attrs(site.pages.get(path) ?? '', 'id'), ...attrs(site.pages.get(path) ?? '', 'name')])));
    return s;
  };
  /** The dist file a site path is served from, as a static host would (`/x/` → `x/index.html`). */
  const fileFor = (pathname: string): string | undefined => {
    if (!pathname.startsWith(site.root.pathname)) return undefined;
    const rel = decodeURIComponent(pathname.slice(site.root.pathname.length));
    const candidates = rel === '' || rel.endsWith('/') ? [join(site.dist, rel, 'index.html')] : [join(site.dist, rel), join(site.dist, rel, 'index.html')];
    return candidates.find((c) => existsSync(c) && statSync(c).isFile());
  };
  const follow = (source: string, from: string, raw: string, { absoluteOnly = false } = {}) => {
    if (/^(mailto|tel|data|javascript):/i.test(raw)) return;
    let url: URL;
    try {
      url = new URL(raw, new URL(from, site.root));
    } catch {
      broken.push(`${from}: unparsable ${raw}`);
      return;
    }
    if (url.origin !== site.root.origin) return; // another site
    if (absoluteOnly && !/^https?:\/\//.test(raw)) broken.push(`${from}: ${raw} is not an absolute URL`);
    bySource[source] = (bySource[source] ?? 0) + 1;
    if (!fileFor(url.pathname)) {
      broken.push(`${from}: ${raw} (no such file)`);
      return;
    }
    if (url.hash) {
      const page = url.pathname.endsWith('/') || url.pathname.endsWith('.html') ? url.pathname.replace(/index\.html$/, '') : `${url.pathname}/`;
      if (!site.pages.has(page)) broken.push(`${from}: ${raw} (a #fragment on a file that is not a page)`);
      else if (!idsOf(page).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${from}: ${raw} (no element with id "${decodeURIComponent(url.hash.slice(1))}")`);
    }
  };

  for (const [path, html] of site.pages) {
    for (const raw of [...attrs(html, 'href'), ...attrs(html, 'src'), ...attrs(html, 'action')]) follow('pages', path, raw);
  }

  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
  const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  for (const feed of site.feeds) {
    const text = readFileSync(fileFor(feed)!, 'utf8');
    const urls: string[] = [];
    if (feed.endsWith('rss.xml')) {
      const ch = xml.parse(text).rss.channel;
      urls.push(ch.link, ...list(ch['atom:link']).map((l: Record<string, string>) => l['@href']!));
      for (const it of list(ch.item) as Record<string, unknown>[]) {
        urls.push(String(it.link));
        const guid = it.guid as Record<string, string> | string;
        if (typeof guid === 'object' && guid['@isPermaLink'] === 'true') urls.push(guid['#text']!);
      }
    } else if (feed.endsWith('atom.xml')) {
      const f = xml.parse(text).feed;
      urls.push(f.id, ...list(f.link).map((l: Record<string, string>) => l['@href']!));
      for (const e of list(f.entry) as Record<string, unknown>[]) urls.push(String(e.id), ...list(e.link as Record<string, string>[]).map((l) => l['@href']!));
    } else {
      const j = JSON.parse(text) as { home_page_url: string; feed_url: string; items: { id: string; url: string }[] };
      urls.push(j.home_page_url, j.feed_url, ...j.items.flatMap((i) => [i.url, i.id]));
    }
    if (urls.length < 3) broken.push(`${feed}: has no items`);
    for (const u of urls) follow('feeds', feed, u, { absoluteOnly: true });
  }

  const sitemap = fileFor(new URL('sitemap.xml', site.root).pathname);
  if (sitemap) {
    const text = readFileSync(sitemap, 'utf8');
    for (const u of [...text.matchAll(/<loc>([^<]+)<\/loc>/g), ...text.matchAll(/<xhtml:link [^>]*href="([^"]+)"/g)].map((m) => decode(m[1]!))) follow('sitemap', '/sitemap.xml', u, { absoluteOnly: true });
  }
  const robots = fileFor(new URL('robots.txt', site.root).pathname);
  if (robots) for (const m of readFileSync(robots, 'utf8').matchAll(/^Sitemap:\s*(\S+)/gm)) follow('robots', '/robots.txt', m[1]!, { absoluteOnly: true });

  return { broken, checked: Object.values(bySource).reduce((a, b) => a + b, 0), bySource };
}
