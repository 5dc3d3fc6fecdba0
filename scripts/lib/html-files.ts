// The built HTML pages of a dist folder, with what the post-build steps need to know about each.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BuiltPage {
  /** Path inside dist, e.g. `en/data/index.html`. */
  file: string;
  /** Site path, e.g. `/en/data/`. */
  url: string;
  /** `<html lang>` value ('' when missing). */
  lang: string;
  /** `<meta name="robots" content="noindex">`: kept out of search and the sitemap. */
  noindex: boolean;
  html: string;
}

export function listHtml(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return rel === 'pagefind' || rel === '_astro' ? [] : listHtml(dir, rel);
    return e.name.endsWith('.html') ? [rel] : [];
  }).sort();
}

export function urlOf(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

export function builtPages(dist: string): BuiltPage[] {
  return listHtml(dist).map((file) => {
    const html = readFileSync(join(dist, file), 'utf8');
    const lang = /<html[^>]*\slang="([^"]*)"/i.exec(html)?.[1] ?? '';
    const noindex = /<meta[^>]+name="robots"[^>]+content="[^"]*noindex/i.test(html) || /^404(\/index)?\.html$/.test(file);
    return { file, url: urlOf(file), lang, noindex, html };
  });
}

/** Total bytes of the files under a folder. */
export function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((a, e) => a + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}
