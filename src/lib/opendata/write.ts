// Every page table's own files (/data/<scope>/<table>.csv, .excel.csv, .json and the cycle results'
// JSON Schemas): thousands of small files at scale, so they are written straight to the output
// folder once the pages are built (astro.config.mjs) instead of one Astro route each, and served
// from memory by the dev server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { siteData } from '../site.ts';
import { pageDataFiles, type DataFile } from './index.ts';

let byPath: Map<string, DataFile> | undefined;
const files = () => (byPath ??= new Map(pageDataFiles(siteData()).map((f) => [f.path, f])));

/** Write every page table's files under `outDir` (the built site's root); returns how many. */
export function writePageDataFiles(outDir: string): number {
  const base = siteData().routes.base;
  let n = 0;
  for (const f of files().values()) {
    const target = join(outDir, f.path.slice(base.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.body());
    n++;
  }
  return n;
}

/** The page-table file at a site path, for the dev server (undefined when there is none). */
export function pageDataFile(path: string): DataFile | undefined {
  return files().get(decodeURIComponent(path.split('?')[0]!));
}
