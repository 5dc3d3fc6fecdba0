// The one place that decides which content folder a build reads, and validates it once per process.
import { resolve } from 'node:path';
import { loadContent, type Dataset } from './load.ts';
import { ContentError } from './problems.ts';

/** Content folder: CONTENT_DIR, or `content/` at the project root. */
export function contentDir(): string {
  return resolve(process.env.CONTENT_DIR ?? 'content');
}

const cache = new Map<string, Dataset>();

/** The validated dataset of a folder; throws ContentError listing every problem. */
export function validatedContent(dir: string): Dataset {
  const hit = cache.get(dir);
  if (hit) return hit;
  const { dataset, problems } = loadContent(dir);
  if (problems.length > 0) throw new ContentError(problems);
  cache.set(dir, dataset);
  return dataset;
}
