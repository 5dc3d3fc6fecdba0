// Pure scoring rules shared by validation, pages and tests: one place says how a total
// and a grade follow from the framework, so what the build checks is what pages show.
import type { Framework, GradeScale } from '../schemas/scheme.ts';
import type { ProgramReview, ProgramRatingValue } from '../schemas/program.ts';

/** Totals are published to two decimals; a stated total may differ from the recomputed one by at most this. */
export const TOTAL_TOLERANCE = 0.01;

/**
 * Slack for comparing sums of decimals: binary floating point makes 0.1 + 0.2 + … land a hair off
 * (79.99999999 where the framework means 80). Not a rule of any scheme; every comparison of computed
 * totals, weights and shares allows it, so a boundary value counts on the side the rules put it.
 */
export const FLOAT_SLACK = 1e-9;

/** Round half away from zero to `digits` decimals, avoiding binary artefacts (1.005 → 1.01). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.sign(value) * Math.round(Math.abs(value) * f + FLOAT_SLACK) / f;
}

/** One dimension's contribution: weight × score / 100. */
export function contribution(weight: number, score: number): number {
  return (weight * score) / 100;
}

/** Σ weight × score / 100 + bonus, unrounded. */
export function weightedTotal(framework: Pick<Framework, 'dimensions'>, scores: Record<string, number>, bonus = 0): number {
  let sum = 0;
  for (const d of framework.dimensions) sum += contribution(d.weight, scores[d.id] ?? 0);
  return sum + bonus;
}

/** True when a published total agrees with the recomputed one within the tolerance. */
export function totalMatches(published: number, recomputed: number): boolean {
  return Math.abs(published - recomputed) <= TOTAL_TOLERANCE + FLOAT_SLACK;
}

/** Grade for a total on an absolute scale (grades listed best first with their minimum). */
export function absoluteGrade(scale: Extract<GradeScale, { type: 'absolute' }>, total: number): string | undefined {
  for (const g of scale.grades) if (total >= g.min - FLOAT_SLACK) return g.grade;
  return undefined;
}

/**
 * How many bodies get each grade under a relative scale with n bodies.
 * Cumulative shares are rounded so the counts always add up to n
 * (e.g. 46 bodies at S 30% / A 50% / B 20% → 14 / 23 / 9).
 */
export function relativeGradeCounts(scale: Extract<GradeScale, { type: 'relative' }>, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  let cumShare = 0;
  let previous = 0;
  for (const [i, g] of scale.grades.entries()) {
    cumShare += g.share;
    const upTo = i === scale.grades.length - 1 ? n : Math.round((n * cumShare) / 100);
    counts.set(g.grade, upTo - previous);
    previous = upTo;
  }
  return counts;
}

/** Grade for a body at `rank` (1 = best, ties share a rank) among n bodies under a relative scale. */
export function relativeGrade(scale: Extract<GradeScale, { type: 'relative' }>, n: number, rank: number): string {
  let upTo = 0;
  for (const [grade, count] of relativeGradeCounts(scale, n)) {
    upTo += count;
    if (rank <= upTo) return grade;
  }
  return scale.grades[scale.grades.length - 1]!.grade;
}

/** Competition ranks (1 + number of strictly higher totals): ties share a rank. */
export function competitionRanks(totals: number[]): number[] {
  // 1 + how many totals are higher, found by binary search in the sorted totals (a cycle of a
  // national deployment has thousands of results: counting pairwise is quadratic).
  const sorted = Float64Array.from(totals).sort();
  return totals.map((t) => 1 + sorted.length - searchSorted(sorted, t + FLOAT_SLACK, 'above'));
}

/** Index of the first value above x (or at least x) in an ascending array; its length when there is none. */
export function searchSorted(sorted: ArrayLike<number>, x: number, side: 'above' | 'atLeast'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'above' ? sorted[mid]! > x : sorted[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Expected grade of each body in a cycle, given published totals (same order as input). */
export function expectedGrades(scale: GradeScale, totals: number[]): string[] {
  if (scale.type === 'absolute') return totals.map((t) => absoluteGrade(scale, t) ?? '');
  const ranks = competitionRanks(totals);
  return ranks.map((r) => relativeGrade(scale, totals.length, r));
}

/** Human description of a scale, e.g. "S ≥ 90 / A ≥ 80 / B ≥ 0" or "S 30% / A 50% / B 20%". */
export function describeScale(scale: GradeScale): string {
  return scale.type === 'absolute'
    ? scale.grades.map((g) => `${g.grade} ≥ ${g.min}`).join(' / ')
    : scale.grades.map((g) => `${g.grade} ${g.share}%`).join(' / ');
}

/** Rating a fiscal program earns with a total, by the review's thresholds (best first). */
export function programRatingFor(review: Pick<ProgramReview, 'ratings'>, total: number): ProgramRatingValue {
  for (const r of review.ratings) if (total >= r.min - FLOAT_SLACK) return r.rating;
  return review.ratings[review.ratings.length - 1]!.rating;
}

/** Budget change from the rated year to the next, in percent (negative = cut). */
export function budgetChangePercent(budget: number, nextBudget: number): number {
  return budget === 0 ? 0 : ((nextBudget - budget) / budget) * 100;
}

/**
 * The consequence the source describes: programs with some ratings are *considered* for a cut of
 * at least a given percentage of next year's budget (the source's wording; a consideration, not a
 * rule). This says only whether the next budget is in fact that much lower: true when cut by at
 * least that much, false when not, undefined when the rating carries no such consideration or
 * the next budget is not known yet.
 */
export function cutAtLeastConsidered(
  review: Pick<ProgramReview, 'ratings'>,
  rating: ProgramRatingValue,
  budget: number,
  nextBudget: number | undefined,
): boolean | undefined {
  const rule = review.ratings.find((r) => r.rating === rating);
  if (!rule?.cutConsidered) return undefined;
  if (nextBudget === undefined) return undefined;
  return budgetChangePercent(budget, nextBudget) <= -rule.cutConsidered + FLOAT_SLACK;
}
