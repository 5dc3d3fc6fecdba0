// The demo generator is deterministic: same seed → byte-identical files; its output validates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/load.ts';
import { generate } from '../../scripts/demo/generate.ts';
import { listTree } from '../helpers/build.ts';

const root = mkdtempSync(join(tmpdir(), 'open-results-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const gen = (name: string, seed: string, scale = 1, years = 3) => {
  const out = join(root, name);
  generate({ out, seed, scale, years, from: 'content' });
  return out;
};
const snapshot = (dir: string) => Object.fromEntries(listTree(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

test('same seed → same files; different seed → different scores', () => {
  const a = snapshot(gen('a', 'seed-1'));
  const b = snapshot(gen('b', 'seed-1'));
  const c = snapshot(gen('c', 'seed-2'));
  expect(Object.keys(a).length).toBeGreaterThan(200);
  expect(b).toEqual(a);
  // Follow-ups and program names depend on the seed; the evaluation structure does not.
  const stable = (o: object) => Object.keys(o).filter((k) => !k.startsWith('follow-ups/') && !k.startsWith('programs/'));
  expect(stable(c)).toEqual(stable(a));
  expect(c['results/specific-evaluation-2023.csv']).not.toEqual(a['results/specific-evaluation-2023.csv']);
});

test('the committed demo content is what the generator writes with the default seed', () => {
  const fresh = snapshot(gen('demo', 'open-results-demo'));
  const committed = snapshot('content');
  for (const [file, text] of Object.entries(fresh)) expect(committed[file], file).toBe(text);
});

test('a scaled site (×3 bodies, 6 years) validates without problems', () => {
  const dir = gen('x3', 'seed-3', 3, 6);
  const { dataset, problems } = loadContent(dir);
  expect(problems).toEqual([]);
  expect(dataset.bodies).toHaveLength(71 * 3);
  expect(new Set(dataset.cycles.map((c) => c.year))).toEqual(new Set([2019, 2020, 2021, 2022, 2023, 2024]));
});

test('a ×10 site validates: every rule holds at scale (budget chains, goal scores, unique names, corrections, known results)', () => {
  const dir = gen('x10', 'seed-10', 10, 3);
  const { dataset, problems } = loadContent(dir);
  expect(problems).toEqual([]);
  expect(dataset.bodies).toHaveLength(710);
  // The rules are exercised, not vacuous: corrections, supplementary-budget notes and indicator goals exist at this scale.
  expect(dataset.cycles.flatMap((c) => c.revisions).length).toBeGreaterThanOrEqual(6);
  expect(dataset.programRatings.filter((r) => r.budgetNote).length).toBeGreaterThan(10);
  expect(dataset.indicatorResults.length).toBe(170 * 106 * 3);
  expect(dataset.results.find((r) => r.cycle === 'specific-evaluation-2023' && r.body === 'moef')?.grade).toBe('A');
}, 120_000);
