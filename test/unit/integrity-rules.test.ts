// Each cross-file rule on its own: silent on the valid fixture, and catching the one mistake its
// fixture makes, with the exact `path:line: field: reason` a staff member sees. The rule list is
// complete: a rule added without a fixture here fails the last test.
import { rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkIntegrity, rules } from '../../src/lib/content/integrity.ts';
import { formatProblem } from '../../src/lib/files/problems.ts';
import { loadContent } from '../../src/lib/load.ts';
import { fixtureCopy, replace, type Edit } from '../helpers/fixtures.ts';

const S = 'schemes/specific.yaml';
const R = 'results/specific-2023.csv';
/** rule name → an edit that breaks only that rule, and the problem it must report. */
const fixtures: Record<string, [Edit[], string]> = {
  'body parent and region resolve': [[replace('bodies/agency-b.yaml', 'parent: ministry-a', 'parent: agency-b')], 'bodies/agency-b.yaml:3: parent: a body cannot be its own parent'],
  'scheme frameworks: one per year, weights add up, scales well formed': [[replace(S, 'weight: 30', 'weight: 25')], `${S}:9: frameworks[0].dimensions: weights sum to 95, expected 100 (major-policy 50 + regulatory-innovation 25 + policy-communication 20)`],
  'cycle scheme, framework, publication date and corrections resolve': [[replace('cycles/joint-2023.yaml', 'published: 2024-04-15', '')], 'cycles/joint-2023.yaml:1: published: is required once the status is published'],
  'results: bodies resolve and are evaluated by the scheme, one row each, bonus within the maximum, totals add up': [[replace(R, 'agency-b,2,81.50', 'agency-b,2,81.60')], `${R}:3: total: expected 81.50 (50×80 + 30×85 + 20×75) / 100 + bonus 1 ± 0.01, got 81.6`],
  'results: ranks follow totals, grades follow the scale': [[replace(R, '81.50,A', '81.50,S')], `${R}:3: grade: rank 2 of 3 earns A under the 2023 scale (S 30% / A 50% / B 20%), got S`],
  'indicator results: references, one row each, achievement agrees with target and actual': [[replace('indicators/joint-2023.csv', 'city-d,1-01,80,85,yes', 'city-d,1-01,80,85,no')], 'indicators/joint-2023.csv:2: achieved: actual 85 against target 80 (higher is better) means achieved'],
  'program review: criteria points add up to 100, thresholds fall': [[replace('program-review.yaml', 'max: 30', 'max: 35')], 'program-review.yaml:10: criteria: maximum points sum to 105, expected 100'],
  'programs and ratings: owners and programs resolve, one rating a year, totals add up, ratings follow the thresholds': [[replace('program-ratings/2023.csv', '36,9,9,91,effective', '36,9,9,92,effective')], 'program-ratings/2023.csv:2: total: criteria add up to 91.00, got 92'],
  'cases and follow-ups: bodies and cycles resolve': [[replace('follow-ups/specific-2023-ministry-c.yaml', 'cycle: specific-2023', 'cycle: specific-2099')], 'follow-ups/specific-2023-ministry-c.yaml:2: cycle: unknown cycle "specific-2099"'],
};

function problemsOfRule(name: string, edits: Edit[]): string[] {
  const dir = fixtureCopy(edits);
  try {
    const { dataset } = loadContent(dir, { relativeTo: dir });
    return checkIntegrity(dataset, rules.filter((r) => r.name === name)).map(formatProblem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('integrity rules, one at a time', () => {
  test.each(rules.map((r) => r.name))('%s: silent on the valid fixture, catches its mistake', (name) => {
    expect(problemsOfRule(name, [])).toEqual([]);
    const [edits, expected] = fixtures[name]!;
    expect(problemsOfRule(name, edits)).toContain(expected);
  });

  test('every rule has a fixture, and every fixture names a rule', () => {
    expect(Object.keys(fixtures).sort()).toEqual(rules.map((r) => r.name).sort());
  });
});
