// Cross-file rules: every reference resolves, weights add up, totals and grades follow
// from the framework. Each rule names the file and line where a staff member fixes it.
import { bodyGroup } from '../../schemas/body.ts';
import { competitionRanks, describeScale, expectedGrades, programRatingFor, round, totalMatches, TOTAL_TOLERANCE, weightedTotal } from '../grading.ts';
import type { LoadedDataset } from './load.ts';
import type { Problem } from './problems.ts';

const EPS = 1e-9;
const fmt = (n: number) => String(round(n, 4));

export function checkIntegrity(ds: LoadedDataset): Problem[] {
  const problems: Problem[] = [];
  const at = (key: string, path: (string | number)[], field: string, reason: string) => {
    const o = ds.origins.get(key);
    problems.push({ file: o?.file ?? key, line: o?.lineOf(path) ?? 1, field, reason });
  };
  const bodies = new Map(ds.bodies.map((b) => [b.id, b]));
  // References are checked against every file present: an invalid file is reported once, by itself.
  const known = (kind: keyof LoadedDataset['declared'], id: string) => ds.declared[kind].has(id);
  const schemes = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycles = new Map(ds.cycles.map((c) => [c.id, c]));
  const programs = new Map(ds.programs.map((p) => [p.id, p]));

  // Bodies: parent and region resolve.
  for (const b of ds.bodies) {
    if (b.parent && !known('body', b.parent)) at(`body:${b.id}`, ['parent'], 'parent', `unknown body "${b.parent}"`);
    if (b.parent === b.id) at(`body:${b.id}`, ['parent'], 'parent', 'a body cannot be its own parent');
    if (b.region) {
      const r = bodies.get(b.region);
      if (!known('body', b.region)) at(`body:${b.id}`, ['region'], 'region', `unknown region "${b.region}" (a region is a local-government body id)`);
      else if (r && bodyGroup(r.kind) !== 'local') at(`body:${b.id}`, ['region'], 'region', `"${b.region}" is not a local government`);
    }
  }

  // Schemes: one framework per year; weights add up; scales are well formed.
  // Results of a broken framework are not checked against it: the framework is fixed first.
  const brokenSchemes = new Set<string>();
  for (const s of ds.schemes) {
    const before = problems.length;
    const key = `scheme:${s.id}`;
    const years = new Map<number, number>();
    s.frameworks.forEach((f, fi) => {
      const fp = (...p: (string | number)[]) => ['frameworks', fi, ...p];
      const fname = (p: string) => `frameworks[${fi}].${p}`;
      if (years.has(f.year)) at(key, fp('year'), fname('year'), `${f.year} has two frameworks (first is frameworks[${years.get(f.year)}])`);
      years.set(f.year, fi);
      const sum = f.dimensions.reduce((a, d) => a + d.weight, 0);
      if (Math.abs(sum - f.total) > EPS) at(key, fp('dimensions'), fname('dimensions'), `weights sum to ${fmt(sum)}, expected ${f.total} (${f.dimensions.map((d) => `${d.id} ${d.weight}`).join(' + ')})`);
      const dimIds = new Set<string>();
      f.dimensions.forEach((d, di) => {
        if (dimIds.has(d.id)) at(key, fp('dimensions', di, 'id'), fname(`dimensions[${di}].id`), `"${d.id}" appears twice`);
        dimIds.add(d.id);
        if (['body', 'rank', 'total', 'grade', 'bonus', 'remarks', 'remarks_en'].includes(d.id)) at(key, fp('dimensions', di, 'id'), fname(`dimensions[${di}].id`), `"${d.id}" is a reserved results column name`);
        if (d.subCriteria.length > 0) {
          const subSum = d.subCriteria.reduce((a, c) => a + c.weight, 0);
          if (Math.abs(subSum - 100) > EPS) at(key, fp('dimensions', di, 'subCriteria'), fname(`dimensions[${di}].subCriteria`), `sub-criterion weights sum to ${fmt(subSum)}%, expected 100%`);
        }
      });
      const g = f.grading;
      const gradeNames = new Set<string>();
      g.grades.forEach((x, gi) => {
        if (gradeNames.has(x.grade)) at(key, fp('grading', 'grades', gi, 'grade'), fname(`grading.grades[${gi}].grade`), `"${x.grade}" appears twice`);
        gradeNames.add(x.grade);
      });
      if (g.type === 'relative') {
        const shares = g.grades.reduce((a, x) => a + x.share, 0);
        if (Math.abs(shares - 100) > EPS) at(key, fp('grading', 'grades'), fname('grading.grades'), `shares sum to ${fmt(shares)}%, expected 100%`);
      } else {
        g.grades.forEach((x, gi) => {
          if (gi > 0 && x.min >= g.grades[gi - 1]!.min) at(key, fp('grading', 'grades', gi, 'min'), fname(`grading.grades[${gi}].min`), `thresholds must fall from best to worst grade (${g.grades[gi - 1]!.min} then ${x.min})`);
        });
      }
      const codes = new Set<string>();
      f.indicators.forEach((ind, ii) => {
        if (!dimIds.has(ind.dimension)) at(key, fp('indicators', ii, 'dimension'), fname(`indicators[${ii}].dimension`), `unknown dimension "${ind.dimension}"`);
        if (codes.has(ind.code)) at(key, fp('indicators', ii, 'code'), fname(`indicators[${ii}].code`), `"${ind.code}" appears twice`);
        codes.add(ind.code);
      });
    });
    if (problems.length > before) brokenSchemes.add(s.id);
  }

  // Cycles: scheme and framework exist; published cycles have a date; revisions resolve.
  for (const c of ds.cycles) {
    const key = `cycle:${c.id}`;
    const s = schemes.get(c.scheme);
    if (!known('scheme', c.scheme)) at(key, ['scheme'], 'scheme', `unknown scheme "${c.scheme}"`);
    else if (s && !s.frameworks.some((f) => f.year === c.year)) at(key, ['year'], 'year', `scheme "${c.scheme}" has no framework for ${c.year}`);
    if (c.status === 'published' && !c.published) at(key, ['published'], 'published', 'is required once the status is published');
    c.revisions.forEach((r, ri) => {
      if (r.body && !known('body', r.body)) at(key, ['revisions', ri, 'body'], `revisions[${ri}].body`, `unknown body "${r.body}"`);
      if (c.published && r.date < c.published) at(key, ['revisions', ri, 'date'], `revisions[${ri}].date`, `is before the publication date ${c.published}`);
    });
  }

  // Results: references, duplicates, totals, ranks and grades.
  const byCycle = new Map<string, typeof ds.results>();
  for (const r of ds.results) {
    const list = byCycle.get(r.cycle) ?? [];
    list.push(r);
    byCycle.set(r.cycle, list);
  }
  for (const [cycleId, rows] of byCycle) {
    const c = cycles.get(cycleId)!;
    const s = schemes.get(c.scheme)!;
    if (brokenSchemes.has(s.id)) continue;
    const f = s.frameworks.find((x) => x.year === c.year)!;
    const seen = new Map<string, number>();
    const valid: typeof rows = [];
    for (const r of rows) {
      const p = (field: string, reason: string) => problems.push({ file: r.file, line: r.line, field, reason });
      const body = bodies.get(r.body);
      if (!known('body', r.body)) p('body', `unknown body "${r.body}"`);
      if (body && !s.appliesTo.includes(body.kind)) p('body', `"${r.body}" is a ${body.kind} body; scheme "${s.id}" evaluates ${s.appliesTo.join(', ')}`);
      const first = seen.get(r.body);
      if (first !== undefined) { p('body', `duplicate result for "${r.body}" in cycle "${cycleId}" (first on line ${first})`); continue; }
      seen.set(r.body, r.line);
      if (r.bonus > f.bonusMax + EPS) p('bonus', f.bonusMax === 0 ? `the ${f.year} framework has no bonus, got ${r.bonus}` : `must be at most ${f.bonusMax}, got ${r.bonus}`);
      const expected = weightedTotal(f, r.scores, r.bonus);
      if (!totalMatches(r.total, expected)) {
        const terms = f.dimensions.map((d) => `${d.weight}×${r.scores[d.id]}`).join(' + ');
        p('total', `expected ${round(expected).toFixed(2)} (${terms}) / 100${r.bonus ? ` + bonus ${r.bonus}` : ''} ± ${TOTAL_TOLERANCE}, got ${r.total}`);
      }
      valid.push(r);
    }
    // Ranks and grades depend on every row of the cycle; wait until all rows are readable.
    if (ds.incomplete.has(cycleId)) continue;
    const totals = valid.map((r) => r.total);
    const ranks = competitionRanks(totals);
    const grades = expectedGrades(f.grading, totals);
    valid.forEach((r, i) => {
      if (r.rank !== ranks[i]) problems.push({ file: r.file, line: r.line, field: 'rank', reason: `total ${r.total} ranks ${ranks[i]} of ${valid.length}, got ${r.rank}` });
      if (!f.grading.grades.some((g) => g.grade === r.grade)) {
        problems.push({ file: r.file, line: r.line, field: 'grade', reason: `"${r.grade}" is not on the ${f.year} scale (${describeScale(f.grading)})` });
      } else if (r.grade !== grades[i]) {
        const why = f.grading.type === 'absolute' ? `total ${r.total} earns ${grades[i]}` : `rank ${ranks[i]} of ${valid.length} earns ${grades[i]}`;
        problems.push({ file: r.file, line: r.line, field: 'grade', reason: `${why} under the ${f.year} scale (${describeScale(f.grading)}), got ${r.grade}` });
      }
    });
  }

  // Indicator results: references, duplicates, achievement agrees with target and actual.
  const seenIndicator = new Map<string, number>();
  for (const r of ds.indicatorResults) {
    const p = (field: string, reason: string) => problems.push({ file: r.file, line: r.line, field, reason });
    const c = cycles.get(r.cycle)!;
    const f = schemes.get(c.scheme)?.frameworks.find((x) => x.year === c.year);
    if (!known('body', r.body)) p('body', `unknown body "${r.body}"`);
    const ind = f?.indicators.find((i) => i.code === r.indicator);
    if (!ind) { p('indicator', `unknown indicator "${r.indicator}" in the ${c.year} framework of "${c.scheme}"`); continue; }
    const k = `${r.cycle}/${r.body}/${r.indicator}`;
    const first = seenIndicator.get(k);
    if (first !== undefined) { p('indicator', `duplicate result for "${r.body}" on "${r.indicator}" (first on line ${first})`); continue; }
    seenIndicator.set(k, r.line);
    if (ind.type === 'quantitative') {
      if (r.target === undefined) p('target', 'is required for a quantitative indicator');
      else if (r.actual === undefined) p('actual', 'is required for a quantitative indicator');
      else {
        const met = ind.higherIsBetter ? r.actual >= r.target - EPS : r.actual <= r.target + EPS;
        if (met !== r.achieved) p('achieved', `actual ${r.actual} against target ${r.target} (${ind.higherIsBetter ? 'higher' : 'lower'} is better) means ${met ? 'achieved' : 'not achieved'}`);
      }
    }
  }

  // Programs and their ratings.
  for (const pr of ds.programs) if (!known('body', pr.body)) at(`program:${pr.id}`, ['body'], 'body', `unknown body "${pr.body}"`);
  if (ds.programReview) {
    const review = ds.programReview;
    const maxSum = review.criteria.reduce((a, c) => a + c.max, 0);
    if (Math.abs(maxSum - 100) > EPS) at('program-review', ['criteria'], 'criteria', `maximum points sum to ${fmt(maxSum)}, expected 100`);
    review.ratings.forEach((r, i) => {
      if (i > 0 && r.min >= review.ratings[i - 1]!.min) at('program-review', ['ratings', i, 'min'], `ratings[${i}].min`, 'thresholds must fall from the best to the worst rating');
    });
    const seenRating = new Map<string, number>();
    for (const r of ds.programRatings) {
      const p = (field: string, reason: string) => problems.push({ file: r.file, line: r.line, field, reason });
      if (!known('program', r.program)) { p('program', `unknown program "${r.program}" (add content/programs/${r.program}.yaml)`); continue; }
      const k = `${r.program}/${r.year}`;
      const first = seenRating.get(k);
      if (first !== undefined) { p('program', `duplicate rating for "${r.program}" in ${r.year} (first on line ${first})`); continue; }
      seenRating.set(k, r.line);
      if (!programs.has(r.program)) continue;
      const sum = review.criteria.reduce((a, c) => a + (r.scores[c.id] ?? 0), 0);
      if (!totalMatches(r.total, sum)) p('total', `criteria add up to ${round(sum).toFixed(2)}, got ${r.total}`);
      const expected = programRatingFor(review, r.total);
      if (expected !== r.rating) p('rating', `total ${r.total} earns "${expected}", got "${r.rating}"`);
    }
  }

  // Cases and follow-ups.
  for (const c of ds.cases) {
    if (!known('body', c.data.body)) at(`case:${c.id}`, ['body'], 'body', `unknown body "${c.data.body}"`);
    if (c.data.cycle && !known('cycle', c.data.cycle)) at(`case:${c.id}`, ['cycle'], 'cycle', `unknown cycle "${c.data.cycle}"`);
  }
  for (const f of ds.followUps) {
    if (!known('body', f.body)) at(`follow-up:${f.id}`, ['body'], 'body', `unknown body "${f.body}"`);
    if (!known('cycle', f.cycle)) at(`follow-up:${f.id}`, ['cycle'], 'cycle', `unknown cycle "${f.cycle}"`);
  }
  return problems;
}
