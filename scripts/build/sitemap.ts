// Post-build: dist/sitemap.xml from the HTML pages actually built, with hreflang alternates
// between a page's versions in every published locale that exist; and a robots.txt pointing at it
// unless the site ships its own. Usage: npm run sitemap -- [dist]
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtPages } from '../lib/html-files.ts';
import { runCli, UserError } from '../lib/cli.ts';
import { DeploySettingsError, deploySettings } from '../lib/deploy-settings.ts';
import { LOCALE_FACTS } from '../../src/i18n/locales.ts';
import type { Routes } from '../../src/i18n/routes.ts';
import { siteData } from '../../src/lib/site.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** sitemap.xml of built page paths; each page lists its counterparts in the other published locales that exist. */
export function sitemapXml(urls: string[], site: string, routes: Routes): string {
  const all = new Set(urls);
  const abs = (p: string) => new URL(p, site).href;
  const entries = [...all].sort().map((u) => {
    const { neutral } = routes.parse(u);
    const alternates = routes.alternates(neutral).filter((a) => all.has(a.path));
    const links = alternates.length > 1
      ? [...alternates.map((a) => [LOCALE_FACTS[a.locale].htmlLang, a.path]), ['x-default', routes.localize(routes.defaultLocale, neutral)]]
          .filter(([, p]) => all.has(p!))
          .map(([l, p]) => `\n    <xhtml:link rel="alternate" hreflang="${l}" href="${xml(abs(p!))}"/>`).join('')
      : '';
    return `  <url>\n    <loc>${xml(abs(u))}</loc>${links}\n  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`;
}

export function writeSitemap(dist: string, site: string): { urls: number; file: string } {
  const { routes } = siteData();
  // Built files are relative to dist/, which is served at the base path.
  const urls = builtPages(dist).filter((p) => !p.noindex).map((p) => routes.asset(p.url));
  const file = join(dist, 'sitemap.xml');
  writeFileSync(file, sitemapXml(urls, site, routes));
  const robots = join(dist, 'robots.txt');
  if (!existsSync(robots)) writeFileSync(robots, `User-agent: *\nAllow: /\n\nSitemap: ${new URL(routes.asset('/sitemap.xml'), site).href}\n`);
  return { urls: urls.length, file };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run sitemap --',
    summary: 'Write sitemap.xml (with hreflang alternates) and robots.txt for a built site.',
    usage: ['[dist]'],
    options: {},
    positionals: { max: 1 },
    help: ['dist  the built site (default dist); SITE_URL (required) is the address it is published at'],
    userErrors: [DeploySettingsError],
    async run({ positionals: [distArg = 'dist'] }) {
      const dist = resolve(distArg);
      if (!existsSync(dist)) throw new UserError(`${dist} does not exist (run npm run build first)`);
      const r = writeSitemap(dist, deploySettings().site);
      console.log(`Sitemap: ${r.urls} pages → ${r.file}`);
    },
  });
}
