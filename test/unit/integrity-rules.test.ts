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
  'names unique: indicators within a framework, programs within their body': [[replace('schemes/joint.yaml', '{ zh-Hant: 指標四, en: Indicator 4 }', '{ zh-Hant: 指標三, en: Indicator 4 }')], 'schemes/joint.yaml:20: frameworks[0].indicators[3].name.zh-Hant: "指標三" is also the name of indicator 2-01: every body sees both in its 2023 list'],
  "indicator-based results: a goal's score is the share of its indicators achieved": [[replace('results/joint-2023.csv', 'city-d,1,90.00,S,100,75', 'city-d,1,90.00,S,100,80')], 'results/joint-2023.csv:2: goal-2: expected 75 (3 of 4 indicators achieved in indicators/joint-2023.csv), got 80'],
  "program budgets: next year's budget is the following year's budget unless a reason is published": [[replace('program-ratings/2024.csv', 'ministry-a-housing,1050', 'ministry-a-housing,1060')], 'program-ratings/2024.csv:2: budget: 1060 differs from the next-year budget 1050 adopted in the 2023 rating (program-ratings/2023.csv:2): correct one of them, or publish the reason (e.g. a supplementary budget) in budget_note'],
  'corrections: the corrected value is the one published, and the values before each correction obey the same rules': [[replace('cycles/specific-2023.yaml', 'old: 70', 'old: 68')], "cycles/specific-2023.yaml:18: revisions[1].old: before this correction agency-b's total would be 80.5, but its scores then give 80.10: log the total's old value too"],
  'statements cite known sources and name known assumptions': [[replace('cases/test-case/zh-Hant.md', 'assumption: test-case', 'assumption: test-cases')], 'cases/test-case/zh-Hant.md:11: basis.assumption: unknown assumption "test-cases" (content/references.yaml lists test-scale, test-case)'],
};

/** More mistakes the newer rules catch, each with its exact message. */
const more: [string, Edit[], string][] = [
  ['names unique: indicators within a framework, programs within their body', [replace('programs/agency-b-care.yaml', '長期照顧推動計畫', '公共住宅推動計畫'), replace('programs/agency-b-care.yaml', 'body: agency-b', 'body: ministry-a')], 'programs/ministry-a-housing.yaml:1: name.zh-Hant: "公共住宅推動計畫" is also the name of program "agency-b-care" of the same body'],
  ["indicator-based results: a goal's score is the share of its indicators achieved", [replace('indicators/joint-2023.csv', 'province-e,2-04,,,no,\n', '')], 'results/joint-2023.csv:3: goal-2: no result for indicator 2-04 in indicators/joint-2023.csv'],
  ["program budgets: next year's budget is the following year's budget unless a reason is published", [replace('program-ratings/2024.csv', 'agency-b-care,500', 'agency-b-care,480')], 'program-ratings/2024.csv:3: budget_note: explains a difference, but the budget 480 equals the next-year budget adopted in the 2023 rating (program-ratings/2023.csv:3)'],
  ['corrections: the corrected value is the one published, and the values before each correction obey the same rules', [replace('cycles/specific-2023.yaml', 'new: 75', 'new: 76')], "cycles/specific-2023.yaml:11: revisions[0].new: 76 is not the value published in results/specific-2023.csv:3 (75); the latest correction of agency-b's policy-communication must end at it"],
  ['corrections: the corrected value is the one published, and the values before each correction obey the same rules', [replace('cycles/specific-2023.yaml', 'field: policy-communication', 'field: policy-comms')], 'cycles/specific-2023.yaml:9: revisions[0].field: "policy-comms" is not a results column of the 2023 framework (total, grade, rank, bonus, major-policy, regulatory-innovation, policy-communication)'],
  // A corrected goal score obeys the goal rule too: with 4 indicators it can only be 0, 25, 50, 75 or 100.
  ['corrections: the corrected value is the one published, and the values before each correction obey the same rules', [replace('cycles/joint-2023.yaml', 'published: 2024-04-15', 'published: 2024-04-15\nrevisions:\n  - id: fix-goal\n    date: 2024-06-01\n    body: city-d\n    field: goal-2\n    old: 87\n    new: 75\n    description: { zh-Hant: 更正 }\n    reason: { zh-Hant: 登錄錯誤 }')], 'cycles/joint-2023.yaml:10: revisions[0].old: 87 cannot be a score of goal "goal-2": it has 4 indicators, so its score is k/4 × 100 for k achieved (e.g. 75 or 100)'],
  ['statements cite known sources and name known assumptions', [replace('schemes/specific.yaml', 'source: report, pages: 20', 'source: reprot, pages: 20')], 'schemes/specific.yaml:29: frameworks[0].claims[0].source: unknown source "reprot" (content/references.yaml lists report)'],
];

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

  test.each(more.map(([name, edits, expected]) => [name, expected, edits] as const))('%s: %s', (name, expected, edits) => {
    expect(problemsOfRule(name, edits)).toEqual([expected]);
  });

  test('every rule has a fixture, and every fixture names a rule', () => {
    expect(Object.keys(fixtures).sort()).toEqual(rules.map((r) => r.name).sort());
    for (const [name] of more) expect(rules.map((r) => r.name)).toContain(name);
  });
});
