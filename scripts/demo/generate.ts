// Writes the demo government's generated content (bodies, schemes, cycles, results, indicator
// results, programs, ratings, follow-ups) deterministically from a seed, at any scale, and so that
// it passes every content rule (src/lib/content/integrity.ts): budgets chain from year to year
// unless a published note says why not, goal scores are the share of their indicators achieved,
// names are unique, corrections log every value they change, and the results the source report
// states (scripts/demo/schemes.ts, knownResults) hold. Hand-written content (site.yaml,
// references.yaml, program-review.yaml, cases/, methodology/) is kept, or copied when writing
// elsewhere. Usage:
//   npm run generate                                   # the demo in content/
//   npm run generate -- --scale 10 --out .local/sites/x10
//   npm run generate -- --bodies 500 --years 20 --out /tmp/big --seed other
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intOption, runCli, UsageError } from '../lib/cli.ts';
import { stringify as csv } from 'csv-stringify/sync';
import { parse as parseYaml, stringify as yaml } from 'yaml';
import { competitionRanks, expectedGrades, FLOAT_SLACK, programRatingFor, round, searchSorted, weightedTotal } from '../../src/lib/grading.ts';
import type { BodyKind } from '../../src/schemas/body.ts';
import { programReviewSchema, type ProgramReview } from '../../src/schemas/program.ts';
import type { Framework, Scheme } from '../../src/schemas/scheme.ts';
import { demoBodies, topics, type BodySeed } from './bodies.ts';
import { Random } from './random.ts';
import { demoSchemes, knownResults, T } from './schemes.ts';

export const GENERATED_FOLDERS = ['bodies', 'schemes', 'cycles', 'results', 'indicators', 'programs', 'program-ratings', 'follow-ups'];
const HAND_WRITTEN = ['site.yaml', 'references.yaml', 'program-review.yaml', 'cases', 'methodology'];
const LAST_YEAR = 2024;

export interface GenerateOptions {
  out: string;
  seed: string;
  /** Multiplier on the number of bodies (and so programs and results). */
  scale: number;
  /** Number of evaluation years ending in 2024. */
  years: number;
  /** Where hand-written content is copied from when `out` is another folder. */
  from: string;
  log?: (m: string) => void;
}

type Write = (path: string, text: string) => void;
type Profile = { quality: number; trend: number; achievement: number };
type Row = { body: string; scores: Record<string, number>; bonus: number; total: number; achieved?: Map<string, boolean> };
type FollowUp = { body: string; cycle: string; grade: string; year: number; scheme: string };
interface Context { o: GenerateOptions; years: number[]; write: Write; bodies: BodySeed[]; names: Map<string, BodySeed>; profile: Map<string, Profile> }

export function generate(o: GenerateOptions): { files: number; bodies: number; results: number; indicatorResults: number } {
  const log = o.log ?? (() => {});
  const years = Array.from({ length: o.years }, (_, i) => LAST_YEAR - o.years + 1 + i);
  const tmp = `${resolve(o.out)}.generating`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  const write: Write = (path, text) => {
    const full = join(tmp, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
    files++;
  };
  const bodies = allBodies(o.scale);
  for (const b of bodies) write(`bodies/${b.id}.yaml`, yaml({ name: T(b.zh, b.en, b.ko), kind: b.kind, ...(b.parent ? { parent: b.parent } : {}), ...(b.region ? { region: b.region } : {}), ...(b.generated ? { generated: true } : {}) }));
  log(`bodies: ${bodies.length}`);
  const cx: Context = { o, years, write, bodies, names: new Map(bodies.map((b) => [b.id, b])), profile: profiles(o.seed, bodies) };

  const schemes = demoSchemes(years);
  for (const s of schemes) write(`schemes/${s.id}.yaml`, yaml(stripId(s), { lineWidth: 0 }));
  let results = 0;
  let indicatorResults = 0;
  const followUps: FollowUp[] = [];
  for (const scheme of schemes) {
    for (const year of years) {
      const c = writeCycle(cx, scheme, year);
      results += c.results;
      indicatorResults += c.indicatorResults;
      followUps.push(...c.followUps);
    }
    log(`${scheme.id}: ${years.length} cycles`);
  }
  writeFollowUps(cx, followUps);
  const programs = writePrograms(cx);
  log(`programs: ${programs}, ratings: ${programs * years.length}`);
  swapIn(o, tmp);
  return { files, bodies: bodies.length, results, indicatorResults };
}

/** The named demo government, plus numbered synthetic bodies when scaled up. */
function allBodies(scale: number): BodySeed[] {
  const bodies: BodySeed[] = demoBodies.map((b) => ({ ...b }));
  const extra = (kind: BodyKind, count: number, zh: string, en: string, ko: string, prefix: string, parentOf?: (i: number) => string | undefined) => {
    for (let i = 0; i < count; i++) {
      const n = String(i + 1).padStart(4, '0');
      const parent = parentOf?.(i);
      bodies.push({ id: `${prefix}-${n}`, zh: `${zh} ${n}`, en: `${en} ${n}`, ko: `${ko} ${n}`, kind, generated: true, ...(parent ? { parent } : {}) });
    }
  };
  if (scale > 1) {
    const k = scale - 1;
    const count = (kind: BodyKind) => Math.round(demoBodies.filter((b) => b.kind === kind).length * k);
    extra('central-ministerial', count('central-ministerial'), '示範部會', 'Demo Ministry', '예시 부처', 'demo-ministry');
    extra('central-vice-ministerial', count('central-vice-ministerial'), '示範署', 'Demo Agency', '예시 외청', 'demo-agency', (i) => `demo-ministry-${String((i % Math.max(1, count('central-ministerial'))) + 1).padStart(4, '0')}`);
    extra('local-metropolitan', count('local-metropolitan'), '示範市', 'Demo City', '예시 광역시', 'demo-city');
    extra('local-provincial', count('local-provincial'), '示範道', 'Demo Province', '예시 도', 'demo-province');
    extra('public-enterprise', count('public-enterprise'), '示範公社', 'Demo Corporation', '예시 공사', 'demo-corporation');
    extra('public-quasi-governmental', count('public-quasi-governmental'), '示範公團', 'Demo Service', '예시 공단', 'demo-service');
  }
  for (const b of bodies) if (b.kind.startsWith('local') && !b.region) b.region = b.id;
  return bodies;
}

/** Each body has a latent quality and trend so results move plausibly across years. */
function profiles(seed: string, bodies: BodySeed[]): Map<string, Profile> {
  return new Map(bodies.map((b) => {
    const r = new Random(`${seed}/profile/${b.id}`);
    return [b.id, { quality: r.uniform(58, 92), trend: r.uniform(-2, 3), achievement: r.uniform(0.62, 0.96) }];
  }));
}

/** One body's scores in a cycle: from its indicators (a goal's score is the share achieved) or from its profile. */
function scoreBody(cx: Context, f: Framework, b: BodySeed, year: number, r: Random, indicatorRows: string[][]): Row {
  const p = cx.profile.get(b.id)!;
  const scores: Record<string, number> = {};
  let achievedMap: Map<string, boolean> | undefined;
  if (f.indicators.length > 0) {
    achievedMap = new Map();
    const chance = Math.min(0.99, p.achievement + (year - cx.years[0]!) * 0.01);
    for (const ind of f.indicators) {
      const achieved = r.next() < chance;
      achievedMap.set(ind.code, achieved);
      if (ind.type === 'quantitative') {
        const target = r.int(50, 100);
        const gap = round(r.uniform(0.1, 8), 1);
        indicatorRows.push([b.id, ind.code, String(target), String(achieved ? round(target + gap, 1) : round(target - gap, 1)), achieved ? 'yes' : 'no']);
      } else {
        indicatorRows.push([b.id, ind.code, '', '', achieved ? 'yes' : 'no']);
      }
    }
    for (const d of f.dimensions) scores[d.id] = goalShare(f, d.id, achievedMap);
  } else {
    for (const d of f.dimensions) scores[d.id] = round(Math.max(30, Math.min(99, p.quality + p.trend * (year - cx.years[0]!) + r.normal() * 6)), 1);
  }
  const bonus = f.bonusMax > 0 ? round(r.uniform(0, f.bonusMax), 1) : 0;
  return { body: b.id, scores, bonus, total: round(weightedTotal(f, scores, bonus), 2), ...(achievedMap ? { achieved: achievedMap } : {}) };
}

const goalShare = (f: Framework, goal: string, achieved: Map<string, boolean>) => {
  const inds = f.indicators.filter((i) => i.dimension === goal);
  return round((100 * inds.filter((i) => achieved.get(i.code)).length) / Math.max(1, inds.length), 2);
};

/**
 * A result the source states (knownResults) must hold in the invented scores: move the body's
 * dimension scores together until its total earns the stated grade (absolute scales only).
 */
function fitKnownResult(f: Framework, schemeId: string, year: number, row: Row) {
  const known = knownResults.find((k) => k.scheme === schemeId && k.year === year && k.body === row.body);
  if (!known) return;
  if (f.grading.type !== 'absolute' || f.indicators.length > 0) throw new Error(`knownResults: ${schemeId} ${year} needs an absolute scale without indicators`);
  const i = f.grading.grades.findIndex((g) => g.grade === known.grade);
  const low = f.grading.grades[i]!.min;
  const high = i > 0 ? f.grading.grades[i - 1]!.min : f.total + f.bonusMax;
  const target = round(Math.min(Math.max(row.total, low + 1), high - 1), 2);
  const shift = target - row.total;
  for (const d of f.dimensions) row.scores[d.id] = round(Math.max(0, Math.min(100, row.scores[d.id]! + shift)), 1);
  row.total = round(weightedTotal(f, row.scores, row.bonus), 2);
  if (expectedGrades(f.grading, [row.total])[0] !== known.grade) throw new Error(`knownResults: could not fit ${row.body} ${year} to ${known.grade}`);
}

function writeCycle(cx: Context, scheme: Scheme, year: number): { results: number; indicatorResults: number; followUps: FollowUp[] } {
  const f = scheme.frameworks.find((x) => x.year === year)!;
  const cycleId = `${scheme.id}-${year}`;
  const r = new Random(`${cx.o.seed}/${cycleId}`);
  const indicatorRows: string[][] = [];
  const rows = cx.bodies.filter((b) => scheme.appliesTo.includes(b.kind)).map((b) => scoreBody(cx, f, b, year, r, indicatorRows));
  for (const row of rows) fitKnownResult(f, scheme.id, year, row);
  const totals = rows.map((x) => x.total);
  const ranks = competitionRanks(totals);
  const grades = expectedGrades(f.grading, totals);
  const order = rows.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || rows[a]!.body.localeCompare(rows[b]!.body));
  const dims = f.dimensions.map((d) => d.id);
  const remarks = (body: string) => knownResults.find((k) => k.scheme === scheme.id && k.year === year && k.body === body)?.remarks;
  const header = ['body', 'rank', 'total', 'grade', ...(f.bonusMax > 0 ? ['bonus'] : []), ...dims, 'remarks', 'remarks_en', 'remarks_ko'];
  const table = order.map((i) => {
    const x = rows[i]!;
    const note = remarks(x.body);
    return [x.body, String(ranks[i]), x.total.toFixed(2), grades[i]!, ...(f.bonusMax > 0 ? [x.bonus.toFixed(1)] : []), ...dims.map((d) => String(x.scores[d])), note?.['zh-Hant'] ?? '', note?.en ?? '', note?.ko ?? ''];
  });
  cx.write(`results/${cycleId}.csv`, csv([header, ...table]));
  if (indicatorRows.length > 0) cx.write(`indicators/${cycleId}.csv`, csv([['body', 'indicator', 'target', 'actual', 'achieved'], ...indicatorRows]));
  const worst = f.grading.grades[f.grading.grades.length - 1]!.grade;
  const followUps = order.filter((i) => grades[i] === worst).slice(-3).map((i) => ({ body: rows[i]!.body, cycle: cycleId, grade: worst, year, scheme: scheme.id }));
  // Demo corrections: in the middle year, one result per cycle, every changed value logged.
  const revisions = year === cx.years[Math.floor(cx.years.length / 2)] ? demoCorrection(cx, f, year, rows, order, ranks, grades) : [];
  const published = `${year + 1}-${scheme.id === 'joint-evaluation' ? '04-15' : scheme.id === 'public-institution-evaluation' ? '06-20' : '03-28'}`;
  cx.write(`cycles/${cycleId}.yaml`, yaml({
    scheme: scheme.id, year, status: 'published', published,
    summary: T(`${year} 年${scheme.shortName!['zh-Hant']}，共 ${rows.length} 個受評對象（示範分數）。`, `${year} ${scheme.shortName!.en!.toLowerCase()}: ${rows.length} bodies evaluated (demo scores).`,
      `${year}년 ${scheme.shortName!.ko}: 평가 대상 ${rows.length}곳(예시 점수).`),
    revisions,
  }, { lineWidth: 0 }));
  return { results: table.length, indicatorResults: indicatorRows.length, followUps };
}

/**
 * One correction of a result's last dimension, logged with the total it changed. A body is chosen
 * whose earlier values kept every rank and grade as they are, so the log needs no other entry;
 * in an indicator framework the earlier goal score is one achieved indicator fewer.
 */
function demoCorrection(cx: Context, f: Framework, year: number, rows: Row[], order: number[], ranks: number[], grades: string[]) {
  const d = f.dimensions.at(-1)!;
  const sortedTotals = rows.map((y) => y.total).sort((p, q) => p - q);
  // How many totals lie in [lo, hi]: a quick test before the full check below.
  const within = (lo: number, hi: number) => searchSorted(sortedTotals, hi, 'above') - searchSorted(sortedTotals, lo, 'atLeast');
  for (const i of order.slice(4)) {
    const x = rows[i]!;
    const flipped = x.achieved && f.indicators.find((ind) => ind.dimension === d.id && x.achieved!.get(ind.code));
    if (x.achieved && !flipped) continue;
    const oldScore = flipped ? goalShare(f, d.id, new Map([...x.achieved!, [flipped.code, false]])) : round(Math.max(0, x.scores[d.id]! - 3), 1);
    const oldTotal = round(weightedTotal(f, { ...x.scores, [d.id]: oldScore }, x.bonus), 2);
    // Another total between the old and the new one (within competitionRanks' slack) changes some
    // rank: skip without ranking the whole cycle again, which at ×100 took minutes per cycle.
    if (within(Math.min(oldTotal, x.total) - FLOAT_SLACK, Math.max(oldTotal, x.total) + FLOAT_SLACK) > 1) continue;
    const totals = rows.map((y, j) => (j === i ? oldTotal : y.total));
    const oldRanks = competitionRanks(totals);
    const oldGrades = expectedGrades(f.grading, totals);
    if (oldRanks.some((rk, j) => rk !== ranks[j]) || oldGrades.some((g, j) => g !== grades[j])) continue;
    const b = cx.names.get(x.body)!;
    const why = flipped
      ? T(`第 ${flipped.code} 項指標「${flipped.name['zh-Hant']}」經受評機關申復後查證改判為達成（示範）`, `Indicator ${flipped.code}, "${flipped.name.en}", was found achieved after the body's appeal was verified (demo)`, `피평가기관의 이의신청을 확인한 결과 ${flipped.code} 지표 「${flipped.name.ko}」: 미달성 → 달성으로 변경(예시)`)
      : T('原始資料登錄錯誤，經受評機關申復後查證更正（示範）', 'Data-entry error found after the body\'s appeal and verified (demo)', '원자료 입력 오류: 피평가기관의 이의신청을 받아 확인 후 정정함(예시)');
    const date = `${year + 1}-08-01`;
    return [
      { id: `${d.id}-${x.body}`, date, body: x.body, field: d.id, old: oldScore, new: x.scores[d.id]!, description: T(`更正${b.zh}的「${d.name['zh-Hant']}」得分`, `Corrected ${b.en}'s "${d.name.en}" score`, `${b.ko}의 「${d.name.ko}」 점수 정정`), reason: why },
      { id: `total-${x.body}`, date, body: x.body, field: 'total', old: oldTotal, new: x.total, description: T(`更正${b.zh}的總分（因「${d.name['zh-Hant']}」得分更正）`, `Corrected ${b.en}'s total (after the "${d.name.en}" score was corrected)`, `${b.ko}의 총점 정정(「${d.name.ko}」 점수 정정에 따름)`), reason: why },
    ];
  }
  return [];
}

/** Follow-ups for the bottom grade of each cycle. */
function writeFollowUps(cx: Context, followUps: FollowUp[]) {
  for (const fu of followUps) {
    const consulting = fu.scheme !== 'joint-evaluation';
    const done = fu.year < LAST_YEAR;
    cx.write(`follow-ups/${fu.cycle}-${fu.body}.yaml`, yaml({
      body: fu.body, cycle: fu.cycle, kind: consulting ? 'consulting' : 'improvement-plan',
      title: consulting ? T('績效諮詢輔導', 'Performance consulting', '성과 컨설팅') : T('績效改善計畫', 'Performance improvement plan', '성과 개선계획'),
      description: consulting
        ? T(`評等 ${fu.grade}：由外部專家提供政策診斷與改善建議（示範）。`, `Grade ${fu.grade}: external experts diagnose the policies and advise on improvements (demo).`,
          `${fu.grade} 등급: 외부 전문가가 정책을 진단하고 개선 방안을 자문함(예시).`)
        : T(`評等 ${fu.grade}：提出未達成指標之改善計畫並於次年查核（示範）。`, `Grade ${fu.grade}: an improvement plan for the missed indicators, checked the next year (demo).`,
          `${fu.grade} 등급: 미달성 지표에 대한 개선계획을 수립하고 다음 해에 이행 여부를 점검함(예시).`),
      status: done ? 'completed' : 'in-progress',
      due: `${fu.year + 1}-12-31`,
      ...(done ? { checked: `${fu.year + 2}-02-15`, outcome: T('改善計畫已執行完畢（示範）。', 'The improvement plan was carried out (demo).', '개선계획 이행 완료(예시).') } : { checked: `${fu.year + 1}-09-30` }),
    }));
  }
}

/** Fiscal programs of central agencies: three per body, named by distinct policy topics. */
function writePrograms(cx: Context): number {
  // Criteria and thresholds come from the hand-written review file, so both always agree.
  const review = programReviewSchema.parse(parseYaml(readFileSync(join(cx.o.from, 'program-review.yaml'), 'utf8')));
  const programs: { id: string; body: string }[] = [];
  for (const b of cx.bodies.filter((x) => x.kind.startsWith('central'))) {
    const r = new Random(`${cx.o.seed}/programs/${b.id}`);
    const chosen = new Set<number>();
    while (chosen.size < 3) chosen.add(r.int(0, topics.length - 1));
    for (const t of chosen) {
      const [zh, en, ko] = topics[t]!;
      const id = `${b.id}-${en.replace(/[^a-z]+/gi, '-').toLowerCase().replace(/^-|-$/g, '')}`;
      programs.push({ id, body: b.id });
      cx.write(`programs/${id}.yaml`, yaml({ name: T(`${zh}推動計畫`, `${en[0]!.toUpperCase()}${en.slice(1)} programme`, `${ko} 사업`), body: b.id, sector: T(zh, en, ko) }));
    }
  }
  const byYear = new Map<number, string[][]>(cx.years.map((y) => [y, []]));
  for (const p of programs) programYears(cx, review, p).forEach((row, i) => byYear.get(cx.years[i]!)!.push(row));
  const header = ['program', 'budget', ...review.criteria.map((c) => c.id), 'total', 'rating', 'next_budget', 'budget_note', 'budget_note_en', 'budget_note_ko'];
  for (const [year, rows] of byYear) cx.write(`program-ratings/${year}.csv`, csv([header, ...rows]));
  return programs.length;
}

/**
 * One program's rows, year by year: each year's budget is the next-year budget adopted the year
 * before, except now and then a supplementary budget, which the row's budget_note explains.
 * Programs considered for a cut (ineffective and below) are usually, not always, cut ≥ 10 %.
 */
function programYears(cx: Context, review: ProgramReview, p: { id: string; body: string }): string[][] {
  const r = new Random(`${cx.o.seed}/ratings/${p.id}`);
  const q = cx.profile.get(p.body)!.quality / 100;
  let budget = round(r.uniform(20, 4000), 0);
  let note: ReturnType<typeof T> | undefined;
  return cx.years.map(() => {
    const scores = review.criteria.map(({ max: m }) => round(Math.max(0, Math.min(m, m * (q + r.normal() * 0.12))), 1));
    const total = round(scores.reduce((a, s) => a + s, 0), 1);
    const rating = programRatingFor(review, total);
    const considered = review.ratings.find((x) => x.rating === rating)?.cutConsidered !== undefined;
    const change = rating === 'effective' ? r.uniform(0, 0.1) : rating === 'moderately-effective' ? r.uniform(-0.02, 0.06)
      : rating === 'adequate' ? r.uniform(-0.05, 0.03) : considered && r.next() < 0.75 ? r.uniform(-0.3, -0.1) : r.uniform(-0.08, 0.02);
    const next = round(budget * (1 + change), 0);
    const row = [p.id, String(budget), ...scores.map(String), String(total), rating, String(next), note?.['zh-Hant'] ?? '', note?.en ?? '', note?.ko ?? ''];
    const supplementary = r.next() < 0.04;
    budget = supplementary ? round(next * (1 + r.uniform(0.03, 0.15)), 0) : next;
    note = supplementary ? T('年度中另編追加預算，使本年度預算高於前一年核定的次年預算（示範）。', 'A supplementary budget during the year raised this year\'s budget above the next-year budget adopted a year earlier (demo).', '연중 추가경정예산이 편성되어 올해 예산이 전년도에 확정된 다음 연도 예산보다 많아졌다(예시).') : undefined;
    return row;
  });
}

/** Swap folders in only when everything is written: never a half-generated content folder. */
function swapIn(o: GenerateOptions, tmp: string) {
  const out = resolve(o.out);
  const elsewhere = resolve(o.from) !== out;
  // Hand-written content travels with a generated site written elsewhere.
  if (elsewhere) for (const f of HAND_WRITTEN) if (existsSync(join(o.from, f))) cpSync(join(o.from, f), join(tmp, f), { recursive: true });
  mkdirSync(out, { recursive: true });
  for (const f of [...GENERATED_FOLDERS, ...(elsewhere ? HAND_WRITTEN : [])]) {
    rmSync(join(out, f), { recursive: true, force: true });
    if (existsSync(join(tmp, f))) renameSync(join(tmp, f), join(out, f));
  }
  rmSync(tmp, { recursive: true, force: true });
}

function stripId(s: Scheme): Omit<Scheme, 'id'> {
  const { id: _id, ...rest } = s;
  return rest;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run generate --',
    summary: 'Regenerate the demo government’s content deterministically, or a larger site for benchmarks.',
    usage: ['[--out content] [--seed S] [--scale N | --bodies N] [--years N] [--from content]'],
    options: { out: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' }, bodies: { type: 'string' }, years: { type: 'string' }, from: { type: 'string' } },
    help: [
      '--out     folder to write (default content; replaced only when generation succeeds)',
      '--scale   multiplier on the number of bodies (default 1)   --bodies N  about N bodies',
      '--years   evaluation years ending in 2024 (default 3)',
      '--from    where hand-written content (site.yaml, cases …) is copied from (default content)',
    ],
    run({ values }) {
      const scale = values.bodies ? intOption('bodies', values.bodies) / demoBodies.length : Number(values.scale ?? 1);
      if (!(scale >= 1)) throw new UsageError('--scale/--bodies must give at least the demo size');
      const years = intOption('years', values.years, 3);
      const out = values.out ?? 'content';
      const t0 = performance.now();
      const r = generate({ out, seed: values.seed ?? 'open-results-demo', scale, years, from: values.from ?? 'content', log: (m) => console.log(`generate: ${m}`) });
      console.log(`generate: wrote ${r.files} files to ${out} (${r.bodies} bodies, ${r.results} results, ${r.indicatorResults} indicator results) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    },
  });
}
