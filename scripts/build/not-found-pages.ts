// Astro writes a page at /en/404 as en/404/index.html; static hosts look for en/404.html (Cloudflare
// Pages finds the nearest 404.html, Netlify follows the `_redirects` 404 rule, nginx the generated
// block). Run after `astro build` (an integration hook in astro.config.mjs), so every build has them.
import { existsSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALE_FACTS } from '../../src/i18n/locales.ts';

/** Moves every <segment>/404/index.html to <segment>/404.html; returns the files it wrote. */
export function moveLocaleNotFoundPages(dist: string): string[] {
  const moved: string[] = [];
  for (const { segment } of Object.values(LOCALE_FACTS)) {
    const from = join(dist, segment, '404', 'index.html');
    if (!existsSync(from)) continue;
    renameSync(from, join(dist, segment, '404.html'));
    rmdirSync(join(dist, segment, '404'));
    moved.push(`${segment}/404.html`);
  }
  return moved;
}
