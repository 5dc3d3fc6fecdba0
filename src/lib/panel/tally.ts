// The arithmetic a published round tally must obey. Ballots are secret — the published file has
// aggregates and bare receipt codes, never choices — so a file is checked for consistency with
// itself and with the database's rules (cast_ballot, round_tally): approvals within the ballots,
// a score count equal to its distribution, the mean that distribution gives (rounded like
// round_tally), turnout adding up to the ballots in every category.
import type { PanelRound, PanelRoundResult } from '../../schemas/panelRound.ts';
import { round } from '../grading.ts';
import { MIN_CELL } from './suppression.ts';

/** Mean rounded half away from zero to 3 decimals, like PostgreSQL's round(numeric, 3). */
export const round3 = (x: number): number => round(x, 3);

export type ScoreDistribution = NonNullable<PanelRoundResult['distribution']>;
export const SCORES = ['1', '2', '3', '4', '5'] as const;

/** Ballots that scored the case: the sum of the distribution. */
export function distributionCount(d: ScoreDistribution): number {
  return SCORES.reduce((n, s) => n + d[s], 0);
}

/** Sum of the scores given: Σ score × ballots. */
export function distributionSum(d: ScoreDistribution): number {
  return SCORES.reduce((n, s) => n + Number(s) * d[s], 0);
}

/** Mean score the distribution gives, rounded to 3 decimals; null when nobody scored the case. */
export function distributionMean(d: ScoreDistribution): number | null {
  const count = distributionCount(d);
  return count === 0 ? null : round3(distributionSum(d) / count);
}

/** One inconsistency in a round file: where (a path into the file), which field, and why. */
export interface TallyIssue {
  path: (string | number)[];
  field: string;
  reason: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every inconsistency in a parsed round file's tally and turnout (empty when it adds up). */
export function tallyIssues(r: PanelRound): TallyIssue[] {
  const issues: TallyIssue[] = [];
  const issue = (path: (string | number)[], field: string, reason: string) => issues.push({ path, field, reason });
  const counted = `only ${plural(r.ballots, 'ballot was', 'ballots were')} counted`;

  // Withheld results carry no tally and no turnout (the schema checks that).
  if (r.withheld) return issues;

  const cases = new Set<string>();
  r.results.forEach((x, i) => {
    if (cases.has(x.case)) issue(['results', i, 'case'], `results[${i}].case`, `duplicate case "${x.case}"`);
    cases.add(x.case);
  });

  if (r.method === 'approval') {
    let total = 0;
    r.results.forEach((x, i) => {
      const a = x.approvals ?? 0;
      total += a;
      if (a > r.ballots) issue(['results', i, 'approvals'], `results[${i}].approvals`, `is ${a} but ${counted}`);
    });
    // cast_ballot accepts 1 to maxApprovals cases per ballot.
    const k = r.maxApprovals ?? r.results.length;
    if (r.ballots > 0 && (total < r.ballots || total > r.ballots * k)) {
      issue(['results'], 'results', `approvals add up to ${total}, but ${plural(r.ballots, 'ballot')} approving 1 to ${k} cases each give between ${r.ballots} and ${r.ballots * k}`);
    }
  } else {
    let total = 0;
    r.results.forEach((x, i) => {
      if (x.count === undefined || x.distribution === undefined) return; // reported by the schema
      total += x.count;
      const inDistribution = distributionCount(x.distribution);
      if (x.count !== inDistribution) {
        issue(['results', i, 'count'], `results[${i}].count`, `is ${x.count} but the distribution adds up to ${inDistribution}`);
      } else if (x.count > r.ballots) {
        issue(['results', i, 'count'], `results[${i}].count`, `is ${x.count} but ${counted}`);
      }
      const mean = distributionMean(x.distribution);
      if ((x.mean ?? null) !== mean) {
        issue(['results', i, 'mean'], `results[${i}].mean`, `is ${x.mean ?? null} but the distribution gives ${mean ?? 'null (nobody scored the case)'}`);
      }
    });
    // cast_ballot refuses an empty score ballot: each ballot scores at least one case.
    if (total < r.ballots) {
      issue(['results'], 'results', `the counts add up to ${total}, but each of the ${plural(r.ballots, 'ballot')} scores at least one case`);
    }
  }

  const strata = new Set<string>();
  r.turnout.forEach((t, i) => {
    const key = `${t.category}/${t.value}`;
    if (strata.has(key)) issue(['turnout', i, 'value'], `turnout[${i}].value`, `duplicate ${t.category} "${t.value}"`);
    strata.add(key);
  });
  // Every counted ballot is in exactly one stratum of each category the draw used; suppressed
  // cells (null) hide part of that sum, never all of one small cell alone.
  for (const category of [...new Set(r.turnout.map((t) => t.category))]) {
    const cells = r.turnout.filter((t) => t.category === category);
    const first = r.turnout.findIndex((t) => t.category === category);
    const voters = cells.reduce((n, t) => n + (t.voters ?? 0), 0);
    const suppressed = cells.filter((t) => t.voters === null).length;
    if (suppressed === 0 && voters !== r.ballots) {
      issue(['turnout', first], 'turnout', `${category} voters add up to ${voters} but ballots is ${r.ballots}`);
    } else if (suppressed > 0 && voters > r.ballots) {
      issue(['turnout', first], 'turnout', `${category} voters published add up to ${voters}, more than the ${r.ballots} ballots`);
    } else if (suppressed === 1 && cells.length > 1) {
      issue(['turnout', r.turnout.findIndex((t) => t.category === category && t.voters === null)], 'turnout',
        `only one ${category} cell is suppressed: it is the ballots minus the others`);
    }
    cells.forEach((t) => {
      if (t.voters !== null && t.voters < MIN_CELL) {
        const i = r.turnout.indexOf(t);
        issue(['turnout', i, 'voters'], `turnout[${i}].voters`, `is ${t.voters}: cells under ${MIN_CELL} must be suppressed (null)`);
      }
    });
  }
  return issues;
}
