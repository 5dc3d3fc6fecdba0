// The generator at 10× the demo builds with no change to code: 710 bodies, thousands of pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generate } from '../../scripts/demo/generate.ts';
import { listHtml } from '../../scripts/lib/html-files.ts';
import { astroBuild } from '../helpers/build.ts';

const root = mkdtempSync(join(tmpdir(), 'open-results-x10-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a 10× generated site builds, with a page per body and program in every published language', () => {
  const content = join(root, 'content');
  const r = generate({ out: content, seed: 'scale-test', scale: 10, years: 3, from: 'content' });
  expect(r.bodies).toBe(710);
  const dist = join(root, 'dist');
  const run = astroBuild(content, dist);
  expect(run.status, run.output.slice(-2000)).toBe(0);
  const pages = new Set(listHtml(dist));
  expect(pages.has('bodies/demo-city-0001/index.html')).toBe(true);
  expect(pages.has('en/bodies/demo-province-0081/index.html')).toBe(true);
  expect(pages.has('ko/bodies/demo-province-0081/index.html')).toBe(true);
  // 710 bodies and 1,380 programs, each in three languages, plus lists, cycles and cases.
  expect(pages.size).toBeGreaterThan(3 * (710 + 1380));
});
