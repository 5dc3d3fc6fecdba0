// Copies a fixture content folder to a temp dir, applies edits, and loads it; tests then
// assert the exact `path:line: field: reason` lines a staff member would see.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/lib/load.ts';
import { formatProblem, sortProblems } from '../../src/lib/files/problems.ts';

export const MINIMAL = join(import.meta.dirname, '..', 'fixtures', 'minimal');

export type Edit = (dir: string) => void;

/** Replace text in a fixture file (fails loudly if the text is not there, so a test can't silently test nothing). */
export const replace = (file: string, from: string | RegExp, to: string): Edit => (dir) => {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit found nothing to replace in ${file}: ${String(from)}`);
  writeFileSync(path, after);
};
export const write = (file: string, content: string | Uint8Array): Edit => (dir) => writeFileSync(join(dir, file), content);
export const remove = (file: string): Edit => (dir) => rmSync(join(dir, file), { recursive: true });

/** A fresh copy of a fixture with edits applied; the caller removes it. */
export function fixtureCopy(edits: Edit[] = [], from = MINIMAL): string {
  const dir = mkdtempSync(join(tmpdir(), 'open-results-fixture-'));
  cpSync(from, dir, { recursive: true });
  for (const e of edits) e(dir);
  return dir;
}

/** Load a fixture with edits and return its problems as formatted lines (paths relative to the fixture). */
export function problemsOf(...edits: Edit[]): string[] {
  const dir = fixtureCopy(edits);
  try {
    return sortProblems(loadContent(dir, { relativeTo: dir }).problems).map(formatProblem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
