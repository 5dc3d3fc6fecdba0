// Pure queries over the published Dataset: what each page shows, computed once per build.
// No Astro imports: tests call these with `loadContent('content').dataset`.
// Scoring comes only from ./grading.ts; nothing here re-implements a rule.
import { frameworkOf as frameworkOfCycle, type Dataset, type ExemplaryCase } from './content/dataset.ts';
import type { Body, BodyKind } from '../schemas/body.ts';
import { bodyKinds } from '../schemas/body.ts';
import type { Cycle, Revision } from '../schemas/cycle.ts';
import type { FollowUp } from '../schemas/followUp.ts';
import type { Program, ProgramRating, ProgramRatingValue } from '../schemas/program.ts';
import type { IndicatorResult, Result } from '../schemas/result.ts';
import type { Dimension, Framework, Indicator, Scheme } from '../schemas/scheme.ts';
import { budgetChangePercent, contribution, cutAtLeastConsidered, relativeGradeCounts, totalMatches, weightedTotal } from './grading.ts';
import { anchors, collator, text, type Locale } from '../i18n/index.ts';

/** Lookup tables built once per dataset (pages query thousands of times per build). */
interface Index {
  body: Map<string, Body>;
  scheme: Map<string, Scheme>;
  cycle: Map<string, Cycle>;
  program: Map<string, Program>;
  resultsByCycle: Map<string, Result[]>;
  resultsByBody: Map<string, Result[]>;
  indicatorsByCycleBody: Map<string, IndicatorResult[]>;
  programsByBody: Map<string, Program[]>;
  ratingsByProgram: Map<string, ProgramRating[]>;
  casesByBody: Map<string, ExemplaryCase[]>;
  followUpsByBody: Map<string, FollowUp[]>;
  followUpsByCycle: Map<string, FollowUp[]>;
}

const indexes = new WeakMap<Dataset, Index>();

function group<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x] as const));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function index(ds: Dataset): Index {
  let ix = indexes.get(ds);
  if (ix) return ix;
  const cycle = byId(ds.cycles);
  const yearOf = (id: string) => cycle.get(id)?.year ?? 0;
  const resultsByCycle = group(ds.results, (r) => r.cycle);
  for (const l of resultsByCycle.values()) l.sort((a, b) => a.rank - b.rank || cmp(a.body, b.body));
  const resultsByBody = group(ds.results, (r) => r.body);
  for (const l of resultsByBody.values()) l.sort((a, b) => yearOf(a.cycle) - yearOf(b.cycle) || cmp(a.cycle, b.cycle));
  const ratingsByProgram = group(ds.programRatings, (r) => r.program);
  for (const l of ratingsByProgram.values()) l.sort((a, b) => a.year - b.year);
  const programsByBody = group(ds.programs, (p) => p.body);
  for (const l of programsByBody.values()) l.sort((a, b) => cmp(a.id, b.id));
  const casesByBody = group(ds.cases, (c) => c.data.body);
  for (const l of casesByBody.values()) l.sort((a, b) => b.data.year - a.data.year || cmp(a.id, b.id));
  const fuSort = (l: FollowUp[]) => l.sort((a, b) => yearOf(a.cycle) - yearOf(b.cycle) || cmp(a.id, b.id));
  const followUpsByBody = group(ds.followUps, (f) => f.body);
  for (const l of followUpsByBody.values()) fuSort(l);
  const followUpsByCycle = group(ds.followUps, (f) => f.cycle);
  for (const l of followUpsByCycle.values()) fuSort(l);
  ix = {
    body: byId(ds.bodies), scheme: byId(ds.schemes), cycle, program: byId(ds.programs),
    resultsByCycle, resultsByBody,
    indicatorsByCycleBody: group(ds.indicatorResults, (r) => `${r.cycle}/${r.body}`),
    programsByBody, ratingsByProgram, casesByBody, followUpsByBody, followUpsByCycle,
  };
  indexes.set(ds, ix);
  return ix;
}

// ---------------------------------------------------------------- lookups

export const bodyById = (ds: Dataset, id: string) => index(ds).body.get(id);
export const schemeById = (ds: Dataset, id: string) => index(ds).scheme.get(id);
export const cycleById = (ds: Dataset, id: string) => index(ds).cycle.get(id);
export const programById = (ds: Dataset, id: string) => index(ds).program.get(id);

/** The framework that applies to a cycle (its scheme's framework of the cycle's year). */
export function frameworkOf(ds: Dataset, cycle: Cycle): Framework | undefined {
  return frameworkOfCycle(schemeById(ds, cycle.scheme), cycle);
}

/** True when a cycle's results are public. */
export const isPublished = (c: Cycle) => c.status === 'published';

/** All cycles, newest year first, then scheme id. */
export function cyclesNewestFirst(ds: Dataset): Cycle[] {
  return [...ds.cycles].sort((a, b) => b.year - a.year || cmp(a.scheme, b.scheme));
}

/** Cycles of one scheme, oldest first. */
export function cyclesOfScheme(ds: Dataset, schemeId: string): Cycle[] {
  return ds.cycles.filter((c) => c.scheme === schemeId).sort((a, b) => a.year - b.year);
}

/** The latest published cycle of each scheme (schemes in id order). */
export function latestCycles(ds: Dataset): Cycle[] {
  const out: Cycle[] = [];
  for (const s of [...ds.schemes].sort((a, b) => cmp(a.id, b.id))) {
    const published = cyclesOfScheme(ds, s.id).filter(isPublished);
    const last = published[published.length - 1];
    if (last) out.push(last);
  }
  return out;
}

/** The published cycle of the same scheme immediately before `cycle`. */
export function previousCycle(ds: Dataset, cycle: Cycle): Cycle | undefined {
  const earlier = cyclesOfScheme(ds, cycle.scheme).filter((c) => isPublished(c) && c.year < cycle.year);
  return earlier[earlier.length - 1];
}

// ---------------------------------------------------------------- scores

/** One term of a total: weight × score / 100. */
export interface Term {
  dimension: Dimension;
  weight: number;
  score: number;
  contribution: number;
}

/** A result with its formula terms and the recomputed total. */
export interface ScoredResult {
  result: Result;
  cycle: Cycle;
  framework: Framework;
  terms: Term[];
  /** Σ terms + bonus, unrounded, from grading.weightedTotal. */
  recomputed: number;
  /** Whether the published total agrees with the recomputed one (tolerance 0.01). */
  matches: boolean;
}

/** Formula terms of a result under its framework. */
export function scoreResult(framework: Framework, cycle: Cycle, result: Result): ScoredResult {
  const terms = framework.dimensions.map((d) => {
    const score = result.scores[d.id] ?? 0;
    return { dimension: d, weight: d.weight, score, contribution: contribution(d.weight, score) };
  });
  const recomputed = weightedTotal(framework, result.scores, result.bonus);
  return { result, cycle, framework, terms, recomputed, matches: totalMatches(result.total, recomputed) };
}

/** Results of a cycle by rank (ties by body id), each with its formula. */
export function cycleResults(ds: Dataset, cycleId: string): ScoredResult[] {
  const cycle = cycleById(ds, cycleId);
  const framework = cycle && frameworkOf(ds, cycle);
  if (!cycle || !framework) return [];
  return (index(ds).resultsByCycle.get(cycleId) ?? []).map((r) => scoreResult(framework, cycle, r));
}

/** Number of results in a cycle (the n of "rank r of n"). */
export function cycleSize(ds: Dataset, cycleId: string): number {
  return index(ds).resultsByCycle.get(cycleId)?.length ?? 0;
}

/** How many bodies got each grade, against the scale: quotas (relative) or thresholds (absolute). */
export interface GradeCount {
  grade: string;
  label?: Framework['grading']['grades'][number]['label'];
  count: number;
  /** Relative scales: how many bodies the quota allows. */
  quota?: number;
  /** Relative scales: the quota share in percent. */
  share?: number;
  /** Absolute scales: the lowest total earning the grade. */
  min?: number;
}

export function gradeDistribution(ds: Dataset, cycleId: string): GradeCount[] {
  const cycle = cycleById(ds, cycleId);
  const framework = cycle && frameworkOf(ds, cycle);
  if (!framework) return [];
  const results = index(ds).resultsByCycle.get(cycleId) ?? [];
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.grade, (counts.get(r.grade) ?? 0) + 1);
  const scale = framework.grading;
  if (scale.type === 'relative') {
    const quotas = relativeGradeCounts(scale, results.length);
    return scale.grades.map((g) => ({ grade: g.grade, label: g.label, count: counts.get(g.grade) ?? 0, quota: quotas.get(g.grade) ?? 0, share: g.share }));
  }
  return scale.grades.map((g) => ({ grade: g.grade, label: g.label, count: counts.get(g.grade) ?? 0, min: g.min }));
}

/** A body's result in a cycle next to its result in the previous cycle of the scheme. */
export interface Comparison {
  body: string;
  current: Result;
  previous?: Result;
  /** current.total − previous.total. */
  delta?: number;
}

/** Results of a cycle compared with the previous published cycle of its scheme. */
export function compareWithPrevious(ds: Dataset, cycleId: string): { previous: Cycle; rows: Comparison[] } | undefined {
  const cycle = cycleById(ds, cycleId);
  const previous = cycle && previousCycle(ds, cycle);
  if (!cycle || !previous) return undefined;
  const before = new Map((index(ds).resultsByCycle.get(previous.id) ?? []).map((r) => [r.body, r]));
  const rows = (index(ds).resultsByCycle.get(cycleId) ?? []).map((current) => {
    const p = before.get(current.body);
    return { body: current.body, current, previous: p, delta: p ? current.total - p.total : undefined };
  });
  return { previous, rows };
}

/** Biggest risers and fallers between the two latest published cycles of a scheme. */
export interface Movers {
  scheme: Scheme;
  from: Cycle;
  to: Cycle;
  up: Comparison[];
  down: Comparison[];
}

export function movers(ds: Dataset, schemeId: string, n = 3): Movers | undefined {
  const scheme = schemeById(ds, schemeId);
  const published = cyclesOfScheme(ds, schemeId).filter(isPublished);
  const to = published[published.length - 1];
  const cmpRes = to && compareWithPrevious(ds, to.id);
  if (!scheme || !to || !cmpRes) return undefined;
  const moved = cmpRes.rows.filter((r): r is Comparison & { delta: number } => r.delta !== undefined);
  const up = moved.filter((r) => r.delta > 0).sort((a, b) => b.delta - a.delta || cmp(a.body, b.body)).slice(0, n);
  const down = moved.filter((r) => r.delta < 0).sort((a, b) => a.delta - b.delta || cmp(a.body, b.body)).slice(0, n);
  return { scheme, from: cmpRes.previous, to, up, down };
}

/** Movers of every scheme that has two published cycles. */
export function highlights(ds: Dataset, n = 3): Movers[] {
  return [...ds.schemes].sort((a, b) => cmp(a.id, b.id)).map((s) => movers(ds, s.id, n)).filter((m): m is Movers => m !== undefined);
}

// ---------------------------------------------------------------- bodies

/** Name used to sort a body in a locale. */
export function bodySortName(body: Body, locale: Locale): string {
  return text(body.name, locale);
}

/** Bodies grouped by kind (in the schema's kind order), each group sorted by name: stroke order in zh-Hant. */
export function bodiesByKind(ds: Dataset, locale: Locale): { kind: BodyKind; bodies: Body[] }[] {
  const c = collator(locale);
  return bodyKinds
    .map((kind) => ({
      kind,
      bodies: ds.bodies.filter((b) => b.kind === kind).sort((a, b) => c.compare(bodySortName(a, locale), bodySortName(b, locale)) || cmp(a.id, b.id)),
    }))
    .filter((g) => g.bodies.length > 0);
}

/** Every result of a body across years and schemes (oldest first), with formulas. */
export function bodyResults(ds: Dataset, bodyId: string): ScoredResult[] {
  const out: ScoredResult[] = [];
  for (const r of index(ds).resultsByBody.get(bodyId) ?? []) {
    const cycle = cycleById(ds, r.cycle);
    const framework = cycle && frameworkOf(ds, cycle);
    if (cycle && framework) out.push(scoreResult(framework, cycle, r));
  }
  return out;
}

/** The body's most recent result (latest year; ties by cycle id). */
export function latestResult(ds: Dataset, bodyId: string): ScoredResult | undefined {
  const all = bodyResults(ds, bodyId);
  return all[all.length - 1];
}

/** Dimension scores of a body over the years, per scheme (dimensions appear as frameworks add them). */
export interface DimensionTrend {
  scheme: Scheme;
  years: number[];
  cycles: Cycle[];
  totals: number[];
  grades: string[];
  dimensions: { id: string; name: Dimension['name']; scores: (number | undefined)[] }[];
}

export function dimensionTrends(ds: Dataset, bodyId: string): DimensionTrend[] {
  const bySheme = group(bodyResults(ds, bodyId), (s) => s.cycle.scheme);
  const out: DimensionTrend[] = [];
  for (const [schemeId, list] of [...bySheme].sort((a, b) => cmp(a[0], b[0]))) {
    const scheme = schemeById(ds, schemeId);
    if (!scheme) continue;
    const dims: DimensionTrend['dimensions'] = [];
    for (const s of list) {
      for (const t of s.terms) if (!dims.some((d) => d.id === t.dimension.id)) dims.push({ id: t.dimension.id, name: t.dimension.name, scores: [] });
    }
    for (const d of dims) d.scores = list.map((s) => s.result.scores[d.id]);
    out.push({ scheme, years: list.map((s) => s.cycle.year), cycles: list.map((s) => s.cycle), totals: list.map((s) => s.result.total), grades: list.map((s) => s.result.grade), dimensions: dims });
  }
  return out;
}

/** Indicator results of a body in one cycle, per goal: how many achieved, which were missed. */
export interface IndicatorCycleSummary {
  cycle: Cycle;
  achieved: number;
  total: number;
  goals: { dimension: Dimension; achieved: number; total: number; missed: { indicator: Indicator; result: IndicatorResult }[] }[];
}

export function indicatorSummary(ds: Dataset, bodyId: string): IndicatorCycleSummary[] {
  const out: IndicatorCycleSummary[] = [];
  for (const cycle of [...ds.cycles].sort((a, b) => a.year - b.year || cmp(a.id, b.id))) {
    const rows = index(ds).indicatorsByCycleBody.get(`${cycle.id}/${bodyId}`);
    const framework = frameworkOf(ds, cycle);
    if (!rows || !framework) continue;
    const byCode = new Map(rows.map((r) => [r.indicator, r]));
    const goals: IndicatorCycleSummary['goals'] = [];
    for (const d of framework.dimensions) {
      const inds = framework.indicators.filter((i) => i.dimension === d.id && byCode.has(i.code));
      if (inds.length === 0) continue;
      const missed = inds.filter((i) => !byCode.get(i.code)!.achieved).map((i) => ({ indicator: i, result: byCode.get(i.code)! }));
      goals.push({ dimension: d, total: inds.length, achieved: inds.length - missed.length, missed });
    }
    out.push({ cycle, goals, achieved: goals.reduce((s, g) => s + g.achieved, 0), total: goals.reduce((s, g) => s + g.total, 0) });
  }
  return out;
}

export const followUpsOfBody = (ds: Dataset, bodyId: string): FollowUp[] => index(ds).followUpsByBody.get(bodyId) ?? [];
export const followUpsOfCycle = (ds: Dataset, cycleId: string): FollowUp[] => index(ds).followUpsByCycle.get(cycleId) ?? [];
export const casesOfBody = (ds: Dataset, bodyId: string): ExemplaryCase[] => index(ds).casesByBody.get(bodyId) ?? [];

/** Child bodies (e.g. the agencies under a ministry). */
export function childrenOf(ds: Dataset, bodyId: string): Body[] {
  return ds.bodies.filter((b) => b.parent === bodyId).sort((a, b) => cmp(a.id, b.id));
}

// ---------------------------------------------------------------- fiscal programs

/** A rating with what happened to the budget the next year. */
export interface RatedYear {
  rating: ProgramRating;
  program: Program;
  /** Next year's budget: the adopted `next_budget`, else the next year's rated budget. */
  nextBudget?: number;
  /** Budget change in percent (negative = cut), when the next budget is known. */
  change?: number;
  /** The cut, in percent, programs with this rating are considered for (the source's wording), if any. */
  cutConsidered?: number;
  /** Whether next year's budget is at least that much lower (undefined: no such consideration, or not yet known). A fact, not a verdict. */
  cutAtLeast?: boolean;
}

export function ratingsOfProgram(ds: Dataset, programId: string): RatedYear[] {
  const program = programById(ds, programId);
  if (!program) return [];
  const list = index(ds).ratingsByProgram.get(programId) ?? [];
  return list.map((rating) => rated(ds, program, rating, list));
}

function rated(ds: Dataset, program: Program, rating: ProgramRating, siblings: ProgramRating[]): RatedYear {
  const nextBudget = rating.nextBudget ?? siblings.find((r) => r.year === rating.year + 1)?.budget;
  const rule = ds.programReview?.ratings.find((r) => r.rating === rating.rating);
  const cutAtLeast = ds.programReview ? cutAtLeastConsidered(ds.programReview, rating.rating, rating.budget, nextBudget) : undefined;
  return {
    rating, program, nextBudget,
    change: nextBudget === undefined ? undefined : budgetChangePercent(rating.budget, nextBudget),
    cutConsidered: rule?.cutConsidered, cutAtLeast,
  };
}

/** Every rated program-year, newest year first, then by total (best first) and program id. */
export function allRatedYears(ds: Dataset): RatedYear[] {
  const out: RatedYear[] = [];
  for (const [programId, list] of index(ds).ratingsByProgram) {
    const program = programById(ds, programId);
    if (program) for (const r of list) out.push(rated(ds, program, r, list));
  }
  return out.sort((a, b) => b.rating.year - a.rating.year || b.rating.total - a.rating.total || cmp(a.program.id, b.program.id));
}

/** Rated program-years with one rating. */
export function ratedYearsWith(ds: Dataset, rating: ProgramRatingValue): RatedYear[] {
  return allRatedYears(ds).filter((r) => r.rating.rating === rating);
}

/** Each program with its latest rating (programs sorted by body then id). */
export function programsWithLatest(ds: Dataset): { program: Program; latest?: RatedYear }[] {
  return [...ds.programs]
    .sort((a, b) => cmp(a.body, b.body) || cmp(a.id, b.id))
    .map((program) => {
      const r = ratingsOfProgram(ds, program.id);
      return { program, latest: r[r.length - 1] };
    });
}

/** Programs of a body, each with its rating history. */
export function programsOfBody(ds: Dataset, bodyId: string): { program: Program; ratings: RatedYear[] }[] {
  return (index(ds).programsByBody.get(bodyId) ?? []).map((program) => ({ program, ratings: ratingsOfProgram(ds, program.id) }));
}

/**
 * The budget tracker: every rated year whose rating is considered for a budget cut (in the demo:
 * ineffective, very ineffective), with what happened to next year's budget (grading.cutAtLeastConsidered).
 */
export function consequences(ds: Dataset): RatedYear[] {
  return allRatedYears(ds).filter((r) => r.cutConsidered !== undefined);
}

// ---------------------------------------------------------------- cases and corrections

/** Cases newest first, then by id. */
export function casesNewestFirst(ds: Dataset): ExemplaryCase[] {
  return [...ds.cases].sort((a, b) => b.data.year - a.data.year || cmp(a.id, b.id));
}

/** One correction with its cycle. */
export interface Correction {
  cycle: Cycle;
  revision: Revision;
  /** Stable anchor on the corrections page and the cycle page. */
  anchor: string;
}

/** Every correction across cycles, newest first (then cycle id, revision id). */
export function corrections(ds: Dataset): Correction[] {
  return ds.cycles
    .flatMap((cycle) => cycle.revisions.map((revision) => ({ cycle, revision, anchor: anchors.correction(cycle.id, revision.id) })))
    .sort((a, b) => cmp(b.revision.date, a.revision.date) || cmp(a.cycle.id, b.cycle.id) || cmp(a.revision.id, b.revision.id));
}

/** Corrections that concern one body. */
export function correctionsOfBody(ds: Dataset, bodyId: string): Correction[] {
  return corrections(ds).filter((c) => c.revision.body === bodyId);
}

// ---------------------------------------------------------------- dates for citations

/** When what a page shows was published and last corrected (YYYY-MM-DD), for its citation. */
export interface PageDates {
  published?: string;
  updated?: string;
}

const latest = (dates: (string | undefined)[]) => dates.filter((d): d is string => !!d).sort().at(-1);

/** A cycle: its publication date and its last correction. */
export function cycleDates(cycle: Cycle): PageDates {
  return { published: cycle.published, updated: latest(cycle.revisions.map((r) => r.date)) };
}

/** The publication date of one year's program ratings (program-review.yaml), if given. */
export const ratingsPublished = (ds: Dataset, year: number) => ds.programReview?.published.find((p) => p.year === year)?.date;

/** A program: the publication of its latest rating. */
export function programDates(ds: Dataset, programId: string): PageDates {
  return { published: latest((index(ds).ratingsByProgram.get(programId) ?? []).map((r) => ratingsPublished(ds, r.year))) };
}

/** A body: the latest publication among its results and its programs' ratings, and the last correction of its results. */
export function bodyDates(ds: Dataset, bodyId: string): PageDates {
  const cycles = bodyResults(ds, bodyId).map((s) => s.cycle.published);
  const programs = (index(ds).programsByBody.get(bodyId) ?? []).map((p) => programDates(ds, p.id).published);
  return { published: latest([...cycles, ...programs]), updated: latest(correctionsOfBody(ds, bodyId).map((c) => c.revision.date)) };
}
