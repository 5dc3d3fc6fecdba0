// After `astro build`: hash every inline script and style in dist/ into the site's
// Content-Security-Policy (connect-src: the site and PUBLIC_SUPABASE_URL only), then write what
// static hosts read (scripts/build/deploy-files.ts):
//   dist/_headers      the policy and the hardening headers (Netlify, Cloudflare Pages, npm start)
//   dist/_redirects    the site's redirects (Netlify, Cloudflare Pages, npm start)
//   <meta> in each page  the policy minus header-only directives (GitHub Pages, any host)
//   npm run security-headers -- [dist]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCsp, collectInlineHashes, emptyHashes, headersFile, withCspMeta, withoutCspMeta } from '../../src/lib/csp.ts';
import { listHtml } from '../lib/html-files.ts';
import { runCli } from '../lib/cli.ts';
import { redirectsFile, siteRedirects } from './deploy-files.ts';
import { siteData } from '../../src/lib/site.ts';

export function writeSecurityHeaders(dist: string, supabaseUrl = process.env.PUBLIC_SUPABASE_URL): string {
  const files = listHtml(dist);
  const hashes = emptyHashes();
  const pages = files.map((f) => ({ f, html: withoutCspMeta(readFileSync(join(dist, f), 'utf8')) }));
  for (const { html } of pages) collectInlineHashes(html, hashes);
  const csp = buildCsp(hashes, supabaseUrl || undefined);
  for (const { f, html } of pages) writeFileSync(join(dist, f), withCspMeta(html, csp));
  writeFileSync(join(dist, '_headers'), headersFile(csp));
  writeFileSync(join(dist, '_redirects'), redirectsFile(siteRedirects(siteData().routes)));
  return csp;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run security-headers --',
    summary: 'Hash every inline script and style of a built site; write its _headers, _redirects and the CSP <meta> of every page.',
    usage: ['[dist]'],
    options: {},
    help: ['dist  the built site (default dist); PUBLIC_SUPABASE_URL is allowed in connect-src'],
    positionals: { max: 1 },
    run({ positionals: [dist = 'dist'] }) {
      const csp = writeSecurityHeaders(dist);
      console.log(`security-headers: wrote ${join(dist, '_headers')}, ${join(dist, '_redirects')} and the CSP <meta> of every page (${csp.length} characters of CSP)`);
    },
  });
}
