// Cross-file rules, one named function each: every reference resolves, weights add up, totals,
// ranks and grades follow from the framework. A rule reports through a Report, which names the
// file and line where a staff member fixes it. Rules run in order; a rule that needs a sound
// framework (results against it) skips the schemes an earlier rule found broken.
import { LOCALES } from '../../i18n/locales.ts';
import { bodyGroup } from '../../schemas/body.ts';
import type { Basis } from '../../schemas/common.ts';
import type { Cycle, Revision } from '../../schemas/cycle.ts';
import type { Result } from '../../schemas/result.ts';
import type { Framework } from '../../schemas/scheme.ts';
import { competitionRanks, describeScale, expectedGrades, FLOAT_SLACK as EPS, programRatingFor, round, totalMatches, TOTAL_TOLERANCE, weightedTotal } from '../grading.ts';
import type { Problem } from '../files/problems.ts';
import { frameworkOf, type LoadedDataset } from './dataset.ts';

const fmt = (n: number) => String(round(n, 4));

/** What a rule can see and how it reports. */
export interface Report {
  ds: LoadedDataset;
  /** A problem on an entity's own file, at the line of `path` inside it (entity key: `kind:id`). */
  at(key: string, path: (string | number)[], field: string, reason: string): void;
  /** A problem at a CSV row. */
  row(r: { file: string; line: number }, field: string, reason: string): void;
  /** Whether a file for this entity exists (valid or not): a broken file is reported once, by itself. */
  known(kind: keyof LoadedDataset['declared'], id: string): boolean;
  /** Schemes a rule found broken; rules that check results against a framework skip them. */
  brokenSchemes: Set<string>;
}

export interface Rule {
  /** What the rule checks, in a few words (also the name tests use). */
  name: string;
  check(r: Report): void;
}

const bodyReferences: Rule = {
  name: 'body parent and region resolve',
  check({ ds, at, known }) {
    const bodies = new Map(ds.bodies.map((b) => [b.id, b]));
    for (const b of ds.bodies) {
      if (b.parent && !known('body', b.parent)) at(`body:${b.id}`, ['parent'], 'parent', `unknown body "${b.parent}"`);
      if (b.parent === b.id) at(`body:${b.id}`, ['parent'], 'parent', 'a body cannot be its own parent');
      if (!b.region) continue;
      const region = bodies.get(b.region);
      if (!known('body', b.region)) at(`body:${b.id}`, ['region'], 'region', `unknown region "${b.region}" (a region is a local-government body id)`);
      else if (region && bodyGroup(region.kind) !== 'local') at(`body:${b.id}`, ['region'], 'region', `"${b.region}" is not a local government`);
    }
  },
};

/** Problems of one framework: weights, dimension ids, grade scale, indicators. */
function frameworkProblems(f: Framework, report: (path: (string | number)[], field: string, reason: string) => void) {
  const sum = f.dimensions.reduce((a, d) => a + d.weight, 0);
  if (Math.abs(sum - f.total) > EPS) report(['dimensions'], 'dimensions', `weights sum to ${fmt(sum)}, expected ${f.total} (${f.dimensions.map((d) => `${d.id} ${d.weight}`).join(' + ')})`);
  const dimIds = new Set<string>();
  f.dimensions.forEach((d, di) => {
    if (dimIds.has(d.id)) report(['dimensions', di, 'id'], `dimensions[${di}].id`, `"${d.id}" appears twice`);
    dimIds.add(d.id);
    if (['body', 'rank', 'total', 'grade', 'bonus', 'remarks'].includes(d.id)) report(['dimensions', di, 'id'], `dimensions[${di}].id`, `"${d.id}" is a reserved results column name`);
    if (d.subCriteria.length === 0) return;
    const subSum = d.subCriteria.reduce((a, c) => a + c.weight, 0);
    if (Math.abs(subSum - 100) > EPS) report(['dimensions', di, 'subCriteria'], `dimensions[${di}].subCriteria`, `sub-criterion weights sum to ${fmt(subSum)}%, expected 100%`);
  });
  const g = f.grading;
  const gradeNames = new Set<string>();
  g.grades.forEach((x, gi) => {
    if (gradeNames.has(x.grade)) report(['grading', 'grades', gi, 'grade'], `grading.grades[${gi}].grade`, `"${x.grade}" appears twice`);
    gradeNames.add(x.grade);
  });
  if (g.type === 'relative') {
    const shares = g.grades.reduce((a, x) => a + x.share, 0);
    if (Math.abs(shares - 100) > EPS) report(['grading', 'grades'], 'grading.grades', `shares sum to ${fmt(shares)}%, expected 100%`);
  } else {
    g.grades.forEach((x, gi) => {
      if (gi > 0 && x.min >= g.grades[gi - 1]!.min) report(['grading', 'grades', gi, 'min'], `grading.grades[${gi}].min`, `thresholds must fall from best to worst grade (${g.grades[gi - 1]!.min} then ${x.min})`);
    });
  }
  const codes = new Set<string>();
  f.indicators.forEach((ind, ii) => {
    if (!dimIds.has(ind.dimension)) report(['indicators', ii, 'dimension'], `indicators[${ii}].dimension`, `unknown dimension "${ind.dimension}"`);
    if (codes.has(ind.code)) report(['indicators', ii, 'code'], `indicators[${ii}].code`, `"${ind.code}" appears twice`);
    codes.add(ind.code);
  });
}

const schemeFrameworks: Rule = {
  name: 'scheme frameworks: one per year, weights add up, scales well formed',
  check({ ds, at, brokenSchemes }) {
    for (const s of ds.schemes) {
      const years = new Map<number, number>();
      let broken = false;
      s.frameworks.forEach((f, fi) => {
        const report = (path: (string | number)[], field: string, reason: string) => {
          broken = true;
          at(`scheme:${s.id}`, ['frameworks', fi, ...path], `frameworks[${fi}].${field}`, reason);
        };
        if (years.has(f.year)) report(['year'], 'year', `${f.year} has two frameworks (first is frameworks[${years.get(f.year)}])`);
        years.set(f.year, fi);
        frameworkProblems(f, report);
      });
      if (broken) brokenSchemes.add(s.id);
    }
  },
};

const cycleReferences: Rule = {
  name: 'cycle scheme, framework, publication date and corrections resolve',
  check({ ds, at, known }) {
    const schemes = new Map(ds.schemes.map((s) => [s.id, s]));
    for (const c of ds.cycles) {
      const key = `cycle:${c.id}`;
      const s = schemes.get(c.scheme);
      if (!known('scheme', c.scheme)) at(key, ['scheme'], 'scheme', `unknown scheme "${c.scheme}"`);
      else if (s && !frameworkOf(s, c)) at(key, ['year'], 'year', `scheme "${c.scheme}" has no framework for ${c.year}`);
      if (c.status === 'published' && !c.published) at(key, ['published'], 'published', 'is required once the status is published');
      c.revisions.forEach((r, ri) => {
        if (r.body && !known('body', r.body)) at(key, ['revisions', ri, 'body'], `revisions[${ri}].body`, `unknown body "${r.body}"`);
        if (c.published && r.date < c.published) at(key, ['revisions', ri, 'date'], `revisions[${ri}].date`, `is before the publication date ${c.published}`);
      });
    }
  },
};

/** Results of one cycle with the cycle's framework, unless its scheme is broken. */
function resultsByCycle({ ds, brokenSchemes }: Report) {
  const schemes = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycles = new Map(ds.cycles.map((c) => [c.id, c]));
  const out = new Map<string, { framework: Framework; schemeId: string; appliesTo: string[]; rows: LoadedDataset['results'] }>();
  for (const r of ds.results) {
    let entry = out.get(r.cycle);
    if (!entry) {
      const c = cycles.get(r.cycle)!;
      const s = schemes.get(c.scheme)!;
      out.set(r.cycle, (entry = { framework: frameworkOf(s, c)!, schemeId: s.id, appliesTo: s.appliesTo, rows: [] }));
    }
    entry.rows.push(r);
  }
  return [...out].filter(([, e]) => !brokenSchemes.has(e.schemeId));
}

const resultRows: Rule = {
  name: 'results: bodies resolve and are evaluated by the scheme, one row each, bonus within the maximum, totals add up',
  check(report) {
    const { ds, row, known } = report;
    const bodies = new Map(ds.bodies.map((b) => [b.id, b]));
    for (const [cycleId, { framework: f, schemeId, appliesTo, rows }] of resultsByCycle(report)) {
      const seen = new Map<string, number>();
      for (const r of rows) {
        const body = bodies.get(r.body);
        if (!known('body', r.body)) row(r, 'body', `unknown body "${r.body}"`);
        if (body && !appliesTo.includes(body.kind)) row(r, 'body', `"${r.body}" is a ${body.kind} body; scheme "${schemeId}" evaluates ${appliesTo.join(', ')}`);
        const first = seen.get(r.body);
        if (first !== undefined) { row(r, 'body', `duplicate result for "${r.body}" in cycle "${cycleId}" (first on line ${first})`); continue; }
        seen.set(r.body, r.line);
        if (r.bonus > f.bonusMax + EPS) row(r, 'bonus', f.bonusMax === 0 ? `the ${f.year} framework has no bonus, got ${r.bonus}` : `must be at most ${f.bonusMax}, got ${r.bonus}`);
        const expected = weightedTotal(f, r.scores, r.bonus);
        if (!totalMatches(r.total, expected)) {
          const terms = f.dimensions.map((d) => `${d.weight}×${r.scores[d.id]}`).join(' + ');
          row(r, 'total', `expected ${round(expected).toFixed(2)} (${terms}) / 100${r.bonus ? ` + bonus ${r.bonus}` : ''} ± ${TOTAL_TOLERANCE}, got ${r.total}`);
        }
      }
    }
  },
};

const ranksAndGrades: Rule = {
  name: 'results: ranks follow totals, grades follow the scale',
  check(report) {
    const { ds, row } = report;
    for (const [cycleId, { framework: f, rows }] of resultsByCycle(report)) {
      // Ranks and grades depend on every row of the cycle; they wait until all rows are readable.
      if (ds.incomplete.has(cycleId)) continue;
      const seen = new Set<string>();
      const valid = rows.filter((r) => !seen.has(r.body) && seen.add(r.body));
      const totals = valid.map((r) => r.total);
      const ranks = competitionRanks(totals);
      const grades = expectedGrades(f.grading, totals);
      valid.forEach((r, i) => {
        if (r.rank !== ranks[i]) row(r, 'rank', `total ${r.total} ranks ${ranks[i]} of ${valid.length}, got ${r.rank}`);
        if (!f.grading.grades.some((g) => g.grade === r.grade)) {
          row(r, 'grade', `"${r.grade}" is not on the ${f.year} scale (${describeScale(f.grading)})`);
        } else if (r.grade !== grades[i]) {
          const why = f.grading.type === 'absolute' ? `total ${r.total} earns ${grades[i]}` : `rank ${ranks[i]} of ${valid.length} earns ${grades[i]}`;
          row(r, 'grade', `${why} under the ${f.year} scale (${describeScale(f.grading)}), got ${r.grade}`);
        }
      });
    }
  },
};

const indicatorResults: Rule = {
  name: 'indicator results: references, one row each, achievement agrees with target and actual',
  check({ ds, row, known }) {
    const schemes = new Map(ds.schemes.map((s) => [s.id, s]));
    const cycles = new Map(ds.cycles.map((c) => [c.id, c]));
    const seen = new Map<string, number>();
    for (const r of ds.indicatorResults) {
      const c = cycles.get(r.cycle)!;
      const ind = frameworkOf(schemes.get(c.scheme), c)?.indicators.find((i) => i.code === r.indicator);
      if (!known('body', r.body)) row(r, 'body', `unknown body "${r.body}"`);
      if (!ind) { row(r, 'indicator', `unknown indicator "${r.indicator}" in the ${c.year} framework of "${c.scheme}"`); continue; }
      const k = `${r.cycle}/${r.body}/${r.indicator}`;
      const first = seen.get(k);
      if (first !== undefined) { row(r, 'indicator', `duplicate result for "${r.body}" on "${r.indicator}" (first on line ${first})`); continue; }
      seen.set(k, r.line);
      if (ind.type !== 'quantitative') continue;
      if (r.target === undefined) row(r, 'target', 'is required for a quantitative indicator');
      else if (r.actual === undefined) row(r, 'actual', 'is required for a quantitative indicator');
      else {
        const met = ind.higherIsBetter ? r.actual >= r.target - EPS : r.actual <= r.target + EPS;
        if (met !== r.achieved) row(r, 'achieved', `actual ${r.actual} against target ${r.target} (${ind.higherIsBetter ? 'higher' : 'lower'} is better) means ${met ? 'achieved' : 'not achieved'}`);
      }
    }
  },
};

const programReview: Rule = {
  name: 'program review: criteria points add up to 100, thresholds fall',
  check({ ds, at }) {
    const review = ds.programReview;
    if (!review) return;
    const maxSum = review.criteria.reduce((a, c) => a + c.max, 0);
    if (Math.abs(maxSum - 100) > EPS) at('program-review', ['criteria'], 'criteria', `maximum points sum to ${fmt(maxSum)}, expected 100`);
    review.ratings.forEach((r, i) => {
      if (i > 0 && r.min >= review.ratings[i - 1]!.min) at('program-review', ['ratings', i, 'min'], `ratings[${i}].min`, 'thresholds must fall from the best to the worst rating');
    });
  },
};

const programRatings: Rule = {
  name: 'programs and ratings: owners and programs resolve, one rating a year, totals add up, ratings follow the thresholds',
  check({ ds, at, row, known }) {
    for (const pr of ds.programs) if (!known('body', pr.body)) at(`program:${pr.id}`, ['body'], 'body', `unknown body "${pr.body}"`);
    const review = ds.programReview;
    if (!review) return;
    const programs = new Set(ds.programs.map((p) => p.id));
    const seen = new Map<string, number>();
    for (const r of ds.programRatings) {
      if (!known('program', r.program)) { row(r, 'program', `unknown program "${r.program}" (add content/programs/${r.program}.yaml)`); continue; }
      const k = `${r.program}/${r.year}`;
      const first = seen.get(k);
      if (first !== undefined) { row(r, 'program', `duplicate rating for "${r.program}" in ${r.year} (first on line ${first})`); continue; }
      seen.set(k, r.line);
      if (!programs.has(r.program)) continue;
      const sum = review.criteria.reduce((a, c) => a + (r.scores[c.id] ?? 0), 0);
      if (!totalMatches(r.total, sum)) row(r, 'total', `criteria add up to ${round(sum).toFixed(2)}, got ${r.total}`);
      const expected = programRatingFor(review, r.total);
      if (expected !== r.rating) row(r, 'rating', `total ${r.total} earns "${expected}", got "${r.rating}"`);
    }
  },
};

const caseAndFollowUpReferences: Rule = {
  name: 'cases and follow-ups: bodies and cycles resolve',
  check({ ds, at, known }) {
    for (const c of ds.cases) {
      if (!known('body', c.data.body)) at(`case:${c.id}`, ['body'], 'body', `unknown body "${c.data.body}"`);
      if (c.data.cycle && !known('cycle', c.data.cycle)) at(`case:${c.id}`, ['cycle'], 'cycle', `unknown cycle "${c.data.cycle}"`);
    }
    for (const f of ds.followUps) {
      if (!known('body', f.body)) at(`follow-up:${f.id}`, ['body'], 'body', `unknown body "${f.body}"`);
      if (!known('cycle', f.cycle)) at(`follow-up:${f.id}`, ['cycle'], 'cycle', `unknown cycle "${f.cycle}"`);
    }
  },
};

const uniqueNames: Rule = {
  name: 'names unique: indicators within a framework, programs within their body',
  check({ ds, at }) {
    for (const s of ds.schemes) {
      s.frameworks.forEach((f, fi) => {
        for (const l of LOCALES) {
          const seen = new Map<string, string>();
          f.indicators.forEach((ind, ii) => {
            const name = ind.name[l];
            if (name === undefined) return;
            const first = seen.get(name);
            if (first !== undefined) at(`scheme:${s.id}`, ['frameworks', fi, 'indicators', ii, 'name', l], `frameworks[${fi}].indicators[${ii}].name.${l}`, `"${name}" is also the name of indicator ${first}: every body sees both in its ${f.year} list`);
            else seen.set(name, ind.code);
          });
        }
      });
    }
    const byBody = new Map<string, typeof ds.programs>();
    for (const p of [...ds.programs].sort((a, b) => (a.id < b.id ? -1 : 1))) byBody.set(p.body, [...(byBody.get(p.body) ?? []), p]);
    for (const list of byBody.values()) {
      for (const l of LOCALES) {
        const seen = new Map<string, string>();
        for (const p of list) {
          const name = p.name[l];
          if (name === undefined) continue;
          const first = seen.get(name);
          if (first !== undefined) at(`program:${p.id}`, ['name', l], `name.${l}`, `"${name}" is also the name of program "${first}" of the same body`);
          else seen.set(name, p.id);
        }
      }
    }
  },
};

const goalScores: Rule = {
  name: "indicator-based results: a goal's score is the share of its indicators achieved",
  check(report) {
    const { ds, row, at } = report;
    const schemes = new Map(ds.schemes.map((s) => [s.id, s]));
    const indicatorRows = new Map<string, LoadedDataset['indicatorResults']>();
    for (const r of ds.indicatorResults) indicatorRows.set(`${r.cycle}/${r.body}`, [...(indicatorRows.get(`${r.cycle}/${r.body}`) ?? []), r]);
    const reportedGoals = new Set<string>();
    for (const [cycleId, { framework: f, schemeId, appliesTo, rows }] of resultsByCycle(report)) {
      if (f.indicators.length === 0) continue;
      // Indicator files with unreadable rows, unknown codes or repeated rows are reported by their own rules first.
      const own = ds.indicatorResults.filter((x) => x.cycle === cycleId);
      const codes = new Set(f.indicators.map((i) => i.code));
      if (ds.incomplete.has(`indicators/${cycleId}`) || own.some((x) => !codes.has(x.indicator)) || new Set(own.map((x) => `${x.body}/${x.indicator}`)).size !== own.length) continue;
      const fi = schemes.get(schemeId)!.frameworks.indexOf(f);
      const byGoal = new Map(f.dimensions.map((d) => [d.id, f.indicators.filter((i) => i.dimension === d.id)]));
      f.dimensions.forEach((d, di) => {
        if (byGoal.get(d.id)!.length > 0 || reportedGoals.has(`${schemeId}/${fi}/${d.id}`)) return;
        reportedGoals.add(`${schemeId}/${fi}/${d.id}`);
        at(`scheme:${schemeId}`, ['frameworks', fi, 'dimensions', di], `frameworks[${fi}].dimensions[${di}]`, `goal "${d.id}" has no indicators: in a framework with indicators, a goal's score is the share of its indicators achieved`);
      });
      const bodies = new Map(ds.bodies.map((x) => [x.id, x]));
      for (const r of rows) {
        if (!appliesTo.includes(bodies.get(r.body)?.kind ?? '')) continue; // unknown or not evaluated: reported with the results
        const own = indicatorRows.get(`${cycleId}/${r.body}`);
        if (!own) { row(r, 'body', `has no indicator results in indicators/${cycleId}.csv: a goal's score is the share of its indicators achieved`); continue; }
        const byCode = new Map(own.map((x) => [x.indicator, x]));
        const file = own[0]!.file;
        for (const d of f.dimensions) {
          const inds = byGoal.get(d.id)!;
          if (inds.length === 0) continue;
          const missing = inds.filter((i) => !byCode.has(i.code)).map((i) => i.code);
          if (missing.length > 0) { row(r, d.id, `no result for indicator${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''} in ${file}`); continue; }
          const achieved = inds.filter((i) => byCode.get(i.code)!.achieved).length;
          const expected = round((100 * achieved) / inds.length, 2);
          if (Math.abs((r.scores[d.id] ?? NaN) - expected) > 0.005 + EPS) row(r, d.id, `expected ${expected} (${achieved} of ${inds.length} indicators achieved in ${file}), got ${r.scores[d.id]}`);
        }
      }
    }
  },
};

const budgetChains: Rule = {
  name: "program budgets: next year's budget is the following year's budget unless a reason is published",
  check({ ds, row, known }) {
    // A rating file with unreadable rows or unknown programs is reported by its own rules first.
    if (ds.incomplete.has('program-ratings') || ds.programRatings.some((r) => !known('program', r.program))) return;
    const byProgram = new Map<string, LoadedDataset['programRatings']>();
    for (const r of ds.programRatings) byProgram.set(r.program, [...(byProgram.get(r.program) ?? []), r]);
    for (const list of byProgram.values()) {
      const byYear = new Map(list.map((r) => [r.year, r]));
      for (const b of list) {
        const a = byYear.get(b.year - 1);
        const adopted = a?.nextBudget;
        const differs = adopted !== undefined && Math.abs(adopted - b.budget) > EPS;
        if (differs && !b.budgetNote) {
          row(b, 'budget', `${b.budget} differs from the next-year budget ${adopted} adopted in the ${a!.year} rating (${a!.file}:${a!.line}): correct one of them, or publish the reason (e.g. a supplementary budget) in budget_note`);
        } else if (!differs && b.budgetNote) {
          row(b, 'budget_note', a === undefined || adopted === undefined
            ? `explains a difference, but there is no next-year budget adopted in a ${b.year - 1} rating to differ from`
            : `explains a difference, but the budget ${b.budget} equals the next-year budget adopted in the ${a.year} rating (${a.file}:${a.line})`);
        }
      }
    }
  },
};

/** A result row's values as a correction log sees them. */
type RowState = { total: number; grade: string; rank: number; bonus: number; scores: Record<string, number> };
const RESULT_FIELDS = ['total', 'grade', 'rank', 'bonus'] as const;
const fieldValue = (s: RowState, field: string): string | number => ((RESULT_FIELDS as readonly string[]).includes(field) ? s[field as keyof RowState] as string | number : s.scores[field]!);
const sameValue = (a: string | number, b: string | number, tolerance = EPS) => (typeof a === 'number' || typeof b === 'number' ? Math.abs(Number(a) - Number(b)) <= tolerance + EPS : a === b);

/** Why `value` cannot be the `field` of a result under framework `f` (n results in the cycle), or undefined when it can. */
function fieldProblem(f: Framework, n: number, field: string, value: string | number): string | undefined {
  if (field === 'grade') return f.grading.grades.some((g) => g.grade === value) ? undefined : `"${value}" is not on the ${f.year} scale (${describeScale(f.grading)})`;
  if (typeof value !== 'number') return `must be a number, got "${value}"`;
  if (field === 'rank') return Number.isInteger(value) && value >= 1 && value <= n ? undefined : `must be a whole number from 1 to ${n}, got ${value}`;
  if (field === 'bonus') return value >= 0 && value <= f.bonusMax + EPS ? undefined : `must be between 0 and ${f.bonusMax}, got ${value}`;
  if (field === 'total') return value >= 0 && value <= f.total + f.bonusMax + EPS ? undefined : `must be between 0 and ${f.total + f.bonusMax}, got ${value}`;
  if (value < 0 || value > 100) return `must be between 0 and 100, got ${value}`;
  const n2 = f.indicators.filter((i) => i.dimension === field).length;
  if (n2 > 0 && !Array.from({ length: n2 + 1 }, (_, k) => round((100 * k) / n2, 2)).some((v) => Math.abs(v - value) <= 0.005 + EPS)) {
    return `${value} cannot be a score of goal "${field}": it has ${n2} indicators, so its score is k/${n2} × 100 for k achieved (e.g. ${round(100 * Math.floor((value * n2) / 100) / n2, 2)} or ${round(100 * Math.ceil((value * n2) / 100) / n2, 2)})`;
  }
  return undefined;
}

/** The revisions of a cycle that concern a body's result, checked one by one: field, current value, old value. */
function checkRevisionFields(cycle: Cycle, f: Framework, current: Map<string, RowState & { line: number; file: string }>, report: (ri: number, field: string, reason: string) => void) {
  const allowed = [...RESULT_FIELDS, ...f.dimensions.map((d) => d.id)];
  const latest = new Map<string, number>();
  cycle.revisions.forEach((rv, ri) => {
    if (!rv.body) return;
    if (!allowed.includes(rv.field)) { report(ri, 'field', `"${rv.field}" is not a results column of the ${f.year} framework (${allowed.join(', ')})`); return; }
    if (!current.has(rv.body)) { report(ri, 'body', `"${rv.body}" has no result in this cycle`); return; }
    if (sameValue(rv.old, rv.new)) report(ri, 'old', `equals the new value ${rv.new}: nothing was corrected`);
    const problem = fieldProblem(f, current.size, rv.field, rv.old);
    if (problem) report(ri, 'old', problem);
    const k = `${rv.body}/${rv.field}`;
    const later = latest.get(k);
    if (later === undefined || cycle.revisions[later]!.date <= rv.date) latest.set(k, ri);
  });
  for (const [k, ri] of latest) {
    const rv = cycle.revisions[ri]!;
    const row = current.get(rv.body!)!;
    const published = fieldValue(row, rv.field);
    if (!sameValue(published, rv.new, rv.field === 'total' ? TOTAL_TOLERANCE : 0)) report(ri, 'new', `${rv.new} is not the value published in ${row.file}:${row.line} (${published}); the latest correction of ${k.replace('/', "'s ")} must end at it`);
  }
}

/** Rows as they stood before the corrections of one date: every checked rule must hold there too. */
function checkStateBefore(f: Framework, state: Map<string, RowState>, day: { ri: number; rv: Revision }[], wasValid: Map<string, { rank: boolean; grade: boolean }>, report: (ri: number, field: string, reason: string) => void) {
  const touched = new Map<string, { ri: number; rv: Revision }[]>();
  for (const x of day) touched.set(x.rv.body!, [...(touched.get(x.rv.body!) ?? []), x]);
  for (const [body, revs] of touched) {
    const s = state.get(body)!;
    const expected = weightedTotal(f, s.scores, s.bonus);
    if (!totalMatches(s.total, expected)) {
      const at = revs.find((x) => x.rv.field === 'total') ?? revs[0]!;
      report(at.ri, 'old', `before this correction ${body}'s total would be ${s.total}, but its scores then give ${round(expected).toFixed(2)}: log the total's old value too`);
    }
  }
  const bodies = [...state.keys()];
  const totals = bodies.map((b) => state.get(b)!.total);
  const ranks = competitionRanks(totals);
  const grades = expectedGrades(f.grading, totals);
  bodies.forEach((body, i) => {
    const s = state.get(body)!;
    const at = (field: 'rank' | 'grade') => day.find((x) => x.rv.body === body && x.rv.field === field) ?? day[0]!;
    if (s.rank !== ranks[i] && wasValid.get(body)?.rank) report(at('rank').ri, 'old', `before this correction ${body}'s total ${s.total} ranks ${ranks[i]}, but the log keeps rank ${s.rank}: log its rank correction too`);
    if (s.grade !== grades[i] && wasValid.get(body)?.grade) report(at('grade').ri, 'old', `before this correction ${body}'s total ${s.total} earns ${grades[i]} (${describeScale(f.grading)}), but the log keeps ${s.grade}: log its grade correction too`);
  });
}

/** The correction log names known bodies and follows the publication date (else cycleReferences reports it). */
const soundLog = (c: Cycle, known: Report['known']) => c.revisions.every((r) => (!r.body || known('body', r.body)) && (!c.published || r.date >= c.published));

/** Every row names a known body the scheme evaluates, once, with a total that adds up (else resultRows reports it). */
function soundRows(f: Framework, rows: Result[], appliesTo: string[], bodies: LoadedDataset['bodies'], known: Report['known']): boolean {
  const kinds = new Map(bodies.map((b) => [b.id, b.kind]));
  return new Set(rows.map((r) => r.body)).size === rows.length && rows.every((r) => known('body', r.body) && appliesTo.includes(kinds.get(r.body) ?? '') && r.bonus <= f.bonusMax + EPS && totalMatches(r.total, weightedTotal(f, r.scores, r.bonus)));
}

const corrections: Rule = {
  name: 'corrections: the corrected value is the one published, and the values before each correction obey the same rules',
  check(report) {
    const { ds, at, known } = report;
    const cycles = new Map(ds.cycles.map((c) => [c.id, c]));
    for (const [cycleId, { framework: f, appliesTo, rows }] of resultsByCycle(report)) {
      const cycle = cycles.get(cycleId)!;
      // Unreadable or wrong rows, unknown bodies and misdated corrections are reported by their own rules; the log is checked once they are fixed.
      if (!cycle.revisions.some((r) => r.body) || ds.incomplete.has(cycleId) || !soundLog(cycle, known) || !soundRows(f, rows, appliesTo, ds.bodies, known)) continue;
      const problems: string[] = [];
      const say = (ri: number, field: string, reason: string) => {
        problems.push(reason);
        at(`cycle:${cycleId}`, ['revisions', ri, field], `revisions[${ri}].${field}`, reason);
      };
      const current = new Map(rows.map((r: Result) => [r.body, { total: r.total, grade: r.grade, rank: r.rank, bonus: r.bonus, scores: { ...r.scores }, line: r.line, file: r.file }]));
      checkRevisionFields(cycle, f, current, say);
      if (problems.length > 0) continue;
      // Walk back in time: undo each date's corrections (newest first) and check the rows as they stood.
      const state = new Map([...current].map(([b, s]) => [b, { ...s, scores: { ...s.scores } }]));
      const totals = [...state.values()].map((s) => s.total);
      const ranks = competitionRanks(totals);
      const grades = expectedGrades(f.grading, totals);
      const wasValid = new Map([...state.keys()].map((b, i) => [b, { rank: state.get(b)!.rank === ranks[i], grade: state.get(b)!.grade === grades[i] }]));
      const dated = cycle.revisions.map((rv, ri) => ({ rv, ri })).filter((x) => x.rv.body);
      for (const date of [...new Set(dated.map((x) => x.rv.date))].sort().reverse()) {
        const day = dated.filter((x) => x.rv.date === date);
        for (const { rv } of day) {
          const s = state.get(rv.body!)!;
          if ((RESULT_FIELDS as readonly string[]).includes(rv.field)) (s as Record<string, unknown>)[rv.field] = rv.old;
          else s.scores[rv.field] = Number(rv.old);
        }
        checkStateBefore(f, state, day, wasValid, say);
      }
    }
  },
};

const statementBasis: Rule = {
  name: 'statements cite known sources and name known assumptions',
  check({ ds, at }) {
    const sources = new Set(ds.references.sources.map((s) => s.id));
    const assumptions = new Set(ds.references.assumptions.map((a) => a.id));
    const seen = new Set<string>();
    [...ds.references.sources, ...ds.references.assumptions].forEach((x, i) => {
      const list = i < ds.references.sources.length ? 'sources' : 'assumptions';
      const index = i < ds.references.sources.length ? i : i - ds.references.sources.length;
      if (seen.has(`${list}/${x.id}`)) at('references', [list, index, 'id'], `${list}[${index}].id`, `"${x.id}" appears twice`);
      seen.add(`${list}/${x.id}`);
    });
    const check = (key: string, path: (string | number)[], b: Basis | undefined) => {
      if (!b) return;
      const field = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('');
      if (b.source !== undefined && !sources.has(b.source)) at(key, [...path, 'source'], `${field ? `${field}.` : ''}source`, `unknown source "${b.source}" (content/references.yaml lists ${[...sources].join(', ') || 'none'})`);
      if (b.assumption !== undefined && !assumptions.has(b.assumption)) at(key, [...path, 'assumption'], `${field ? `${field}.` : ''}assumption`, `unknown assumption "${b.assumption}" (content/references.yaml lists ${[...assumptions].join(', ') || 'none'})`);
    };
    for (const s of ds.schemes) {
      check(`scheme:${s.id}`, ['descriptionBasis'], s.descriptionBasis);
      s.claims.forEach((c, ci) => check(`scheme:${s.id}`, ['claims', ci], c));
      s.frameworks.forEach((f, fi) => f.claims.forEach((c, ci) => check(`scheme:${s.id}`, ['frameworks', fi, 'claims', ci], c)));
    }
    const review = ds.programReview;
    if (review) {
      check('program-review', ['descriptionBasis'], review.descriptionBasis);
      review.claims.forEach((c, ci) => check('program-review', ['claims', ci], c));
      review.ratings.forEach((r, ri) => check('program-review', ['ratings', ri, 'cutBasis'], r.cutBasis));
    }
    for (const c of ds.cases) check(`case:${c.id}`, ['basis'], c.data.basis);
    const demo = ds.site?.demoAssumption;
    if (demo !== undefined && !assumptions.has(demo)) at('site', ['demoAssumption'], 'demoAssumption', `unknown assumption "${demo}" (content/references.yaml lists ${[...assumptions].join(', ') || 'none'})`);
    for (const [locale, m] of Object.entries(ds.methodology)) m?.sections.forEach((s, si) => check(`methodology:${locale}`, ['sections', si], s.source === undefined ? undefined : { source: s.source }));
  },
};

/** Every cross-file rule, in the order they run. */
export const rules: readonly Rule[] = [
  bodyReferences, schemeFrameworks, cycleReferences, resultRows, ranksAndGrades, indicatorResults, programReview, programRatings, caseAndFollowUpReferences,
  uniqueNames, goalScores, budgetChains, corrections, statementBasis,
];

export function checkIntegrity(ds: LoadedDataset, only: readonly Rule[] = rules): Problem[] {
  const problems: Problem[] = [];
  const report: Report = {
    ds,
    at(key, path, field, reason) {
      const o = ds.origins.get(key);
      problems.push({ file: o?.file ?? key, line: o?.lineOf(path) ?? 1, field, reason });
    },
    row: (r, field, reason) => problems.push({ file: r.file, line: r.line, field, reason }),
    known: (kind, id) => ds.declared[kind].has(id),
    brokenSchemes: new Set(),
  };
  for (const rule of only) rule.check(report);
  return problems;
}
