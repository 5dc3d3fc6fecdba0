// The one way the content folder becomes a validated Dataset: the results files
// (content/load.ts) and the citizen-panel files (panel/content.ts), read by peer readers, then
// the cross-file rules (content/integrity.ts). Every problem is collected; nothing is published
// while there is one.
import { resolve } from 'node:path';
import { checkIntegrity } from './content/integrity.ts';
import type { Dataset, LoadedDataset } from './content/dataset.ts';
import { readContent, type LoadOptions } from './content/load.ts';
import { ContentError, type Problem } from './files/problems.ts';
import { loadPanelContent } from './panel/content.ts';

export type { Dataset, LoadedDataset, LoadOptions };

export interface LoadResult {
  dataset: LoadedDataset;
  problems: Problem[];
}

/** Read and check a whole content folder; every problem as `path:line: field: reason`. */
export function loadContent(contentDir: string, options: LoadOptions = {}): LoadResult {
  const { dataset, problems } = readContent(contentDir, options);
  const panel = loadPanelContent(contentDir, { relativeTo: options.relativeTo });
  dataset.panel = panel.content;
  problems.push(...panel.problems);
  if (dataset.site) problems.push(...checkIntegrity(dataset));
  return { dataset, problems };
}

/** Content folder of this build: CONTENT_DIR, or `content/` at the project root. */
export function contentDir(): string {
  return resolve(process.env.CONTENT_DIR ?? 'content');
}

const cache = new Map<string, Dataset>();

/** The validated dataset of a folder, read once per process; throws ContentError listing every problem. */
export function validatedContent(dir: string = contentDir()): Dataset {
  const hit = cache.get(dir);
  if (hit) return hit;
  const { dataset, problems } = loadContent(dir);
  if (problems.length > 0) throw new ContentError(problems);
  cache.set(dir, dataset);
  return dataset;
}
