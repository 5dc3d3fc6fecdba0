// Reading a built site: its HTML pages and sizes.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Site paths of every HTML file under dist (e.g. `/cycles/x/index.html`). */
export function listHtml(dist: string, sub = ''): string[] {
  if (!existsSync(join(dist, sub))) return [];
  return readdirSync(join(dist, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = `${sub}/${e.name}`;
    if (e.isDirectory()) return rel === '/pagefind' || rel === '/_astro' ? [] : listHtml(dist, rel);
    return e.name.endsWith('.html') ? [rel] : [];
  });
}

export function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((a, e) => a + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}
