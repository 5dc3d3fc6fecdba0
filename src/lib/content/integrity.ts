// Cross-file rules, one named function each: every reference resolves, weights add up, totals,
// ranks and grades follow from the framework. A rule reports through a Report, which names the
// file and line where a staff member fixes it. Rules run in order; a rule that needs a sound
// framework (results against it) skips the schemes an earlier rule found broken.
import { bodyGroup } from '../../schemas/body.ts';
import type { Framework } from '../../schemas/scheme.ts';
import { competitionRanks, describeScale, expectedGrades, programRatingFor, round, totalMatches, TOTAL_TOLERANCE, weightedTotal } from '../grading.ts';
import type { Problem } from '../files/problems.ts';
import { frameworkOf, type LoadedDataset } from './dataset.ts';

const EPS = 1e-9;
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

/** Every cross-file rule, in the order they run. */
export const rules: readonly Rule[] = [
  bodyReferences, schemeFrameworks, cycleReferences, resultRows, ranksAndGrades, indicatorResults, programReview, programRatings, caseAndFollowUpReferences,
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
