// Writes the demo government's generated content (bodies, schemes, cycles, results, indicator
// results, programs, ratings, follow-ups) deterministically from a seed, at any scale.
// Hand-written content (site.yaml, program-review.yaml, cases/, methodology/) is kept, or copied when
// writing elsewhere. Usage:
//   npm run generate                                   # the demo in content/
//   npm run generate -- --scale 10 --out .local/sites/x10
//   npm run generate -- --bodies 500 --years 20 --out /tmp/big --seed other
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intOption, runCli, UsageError } from '../lib/cli.ts';
import { stringify as csv } from 'csv-stringify/sync';
import { parse as parseYaml, stringify as yaml } from 'yaml';
import { competitionRanks, expectedGrades, programRatingFor, round, weightedTotal } from '../../src/lib/grading.ts';
import type { BodyKind } from '../../src/schemas/body.ts';
import { programReviewSchema } from '../../src/schemas/program.ts';
import type { Framework, Scheme } from '../../src/schemas/scheme.ts';
import { demoBodies, topics, type BodySeed } from './bodies.ts';
import { Random } from './random.ts';
import { demoSchemes } from './schemes.ts';

export const GENERATED_FOLDERS = ['bodies', 'schemes', 'cycles', 'results', 'indicators', 'programs', 'program-ratings', 'follow-ups'];
const HAND_WRITTEN = ['site.yaml', 'program-review.yaml', 'cases', 'methodology'];
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

export function generate(o: GenerateOptions): { files: number; bodies: number; results: number; indicatorResults: number } {
  const log = o.log ?? (() => {});
  const years = Array.from({ length: o.years }, (_, i) => LAST_YEAR - o.years + 1 + i);
  const tmp = `${resolve(o.out)}.generating`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let files = 0;
  const write = (path: string, text: string) => {
    const full = join(tmp, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
    files++;
  };
  // Every generated text is written in all three locales; invented data says 示範 / demo / 예시.
  const T = (zh: string, en: string, ko: string) => ({ 'zh-Hant': zh, en, ko });

  // Bodies: the named demo government, plus numbered synthetic ones when scaled up.
  const bodies: BodySeed[] = [...demoBodies];
  const extra = (kind: BodyKind, count: number, zh: string, en: string, ko: string, prefix: string, parentOf?: (i: number) => string | undefined) => {
    for (let i = 0; i < count; i++) {
      const n = String(i + 1).padStart(4, '0');
      const parent = parentOf?.(i);
      bodies.push({ id: `${prefix}-${n}`, zh: `${zh} ${n}`, en: `${en} ${n}`, ko: `${ko} ${n}`, kind, ...(parent ? { parent } : {}) });
    }
  };
  if (o.scale > 1) {
    const k = o.scale - 1;
    const count = (kind: BodyKind) => Math.round(demoBodies.filter((b) => b.kind === kind).length * k);
    extra('central-ministerial', count('central-ministerial'), '示範部會', 'Demo Ministry', '예시 부처', 'demo-ministry');
    extra('central-vice-ministerial', count('central-vice-ministerial'), '示範署', 'Demo Agency', '예시 외청', 'demo-agency', (i) => `demo-ministry-${String((i % Math.max(1, count('central-ministerial'))) + 1).padStart(4, '0')}`);
    extra('local-metropolitan', count('local-metropolitan'), '示範市', 'Demo City', '예시 광역시', 'demo-city');
    extra('local-provincial', count('local-provincial'), '示範道', 'Demo Province', '예시 도', 'demo-province');
    extra('public-enterprise', count('public-enterprise'), '示範公社', 'Demo Corporation', '예시 공사', 'demo-corporation');
    extra('public-quasi-governmental', count('public-quasi-governmental'), '示範公團', 'Demo Service', '예시 공단', 'demo-service');
  }
  for (const b of bodies) {
    if (b.kind.startsWith('local') && !b.region) b.region = b.id;
    write(`bodies/${b.id}.yaml`, yaml({ name: T(b.zh, b.en, b.ko), kind: b.kind, ...(b.parent ? { parent: b.parent } : {}), ...(b.region ? { region: b.region } : {}) }));
  }
  log(`bodies: ${bodies.length}`);
  // Korean correction notes name the body (the zh-Hant and English ones keep the id they always had).
  const koName = new Map(bodies.map((b) => [b.id, b.ko]));

  const schemes = demoSchemes(years);
  for (const s of schemes) write(`schemes/${s.id}.yaml`, yaml(stripId(s), { lineWidth: 0 }));

  // Each body has a latent quality and trend so results move plausibly across years.
  const profile = new Map(bodies.map((b) => {
    const r = new Random(`${o.seed}/profile/${b.id}`);
    return [b.id, { quality: r.uniform(58, 92), trend: r.uniform(-2, 3), achievement: r.uniform(0.62, 0.96) }];
  }));
  const source = {
    title: T('韓國政府績效管理制度及推動實務考察報告', 'Study-tour report on Korea\'s government performance management', '한국 정부 성과관리 제도 및 추진 실무 시찰 보고서'),
    publisher: T('國家發展委員會', 'National Development Council', '대만 국가발전위원회'),
    date: '2024-11-05',
  };
  let resultCount = 0;
  let indicatorCount = 0;
  const followUps: { body: string; cycle: string; grade: string; year: number; scheme: string }[] = [];

  for (const scheme of schemes) {
    const members = bodies.filter((b) => scheme.appliesTo.includes(b.kind));
    for (const year of years) {
      const f = scheme.frameworks.find((x) => x.year === year)!;
      const cycleId = `${scheme.id}-${year}`;
      const r = new Random(`${o.seed}/${cycleId}`);
      const rows: { body: string; scores: Record<string, number>; bonus: number; total: number }[] = [];
      const indicatorRows: string[][] = [];
      for (const b of members) {
        const p = profile.get(b.id)!;
        const scores: Record<string, number> = {};
        if (f.indicators.length > 0) {
          // Indicator-based: a goal's score is the share of its indicators achieved.
          const achievedByGoal = new Map<string, [number, number]>();
          const chance = Math.min(0.99, p.achievement + (year - years[0]!) * 0.01);
          for (const ind of f.indicators) {
            const achieved = r.next() < chance;
            const [a, n] = achievedByGoal.get(ind.dimension) ?? [0, 0];
            achievedByGoal.set(ind.dimension, [a + (achieved ? 1 : 0), n + 1]);
            if (ind.type === 'quantitative') {
              const target = r.int(50, 100);
              const gap = round(r.uniform(0.1, 8), 1);
              const actual = achieved ? round(target + gap, 1) : round(target - gap, 1);
              indicatorRows.push([b.id, ind.code, String(target), String(actual), achieved ? 'yes' : 'no']);
            } else {
              indicatorRows.push([b.id, ind.code, '', '', achieved ? 'yes' : 'no']);
            }
          }
          for (const d of f.dimensions) {
            const [a, n] = achievedByGoal.get(d.id) ?? [0, 1];
            scores[d.id] = round((100 * a) / n, 2);
          }
        } else {
          for (const d of f.dimensions) {
            scores[d.id] = round(Math.max(30, Math.min(99, p.quality + p.trend * (year - years[0]!) + r.normal() * 6)), 1);
          }
        }
        const bonus = f.bonusMax > 0 ? round(r.uniform(0, f.bonusMax), 1) : 0;
        rows.push({ body: b.id, scores, bonus, total: round(weightedTotal(f, scores, bonus), 2) });
      }
      const totals = rows.map((x) => x.total);
      const ranks = competitionRanks(totals);
      const grades = expectedGrades(f.grading, totals);
      const order = rows.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || rows[a]!.body.localeCompare(rows[b]!.body));
      const dims = f.dimensions.map((d) => d.id);
      const header = ['body', 'rank', 'total', 'grade', ...(f.bonusMax > 0 ? ['bonus'] : []), ...dims];
      const table = order.map((i) => {
        const x = rows[i]!;
        return [x.body, String(ranks[i]), x.total.toFixed(2), grades[i]!, ...(f.bonusMax > 0 ? [x.bonus.toFixed(1)] : []), ...dims.map((d) => String(x.scores[d]))];
      });
      write(`results/${cycleId}.csv`, csv([header, ...table]));
      resultCount += table.length;
      if (indicatorRows.length > 0) {
        write(`indicators/${cycleId}.csv`, csv([['body', 'indicator', 'target', 'actual', 'achieved'], ...indicatorRows]));
        indicatorCount += indicatorRows.length;
      }
      const worst = f.grading.grades[f.grading.grades.length - 1]!.grade;
      order.filter((i) => grades[i] === worst).slice(-3).forEach((i) => followUps.push({ body: rows[i]!.body, cycle: cycleId, grade: worst, year, scheme: scheme.id }));

      // Demo corrections: one per cycle in the middle year, with the old value kept in the log.
      const revisions = [];
      if (year === years[Math.floor(years.length / 2)] && order.length > 5) {
        const x = rows[order[4]!]!;
        const d = dims[dims.length - 1]!;
        const oldScore = round(Math.max(0, x.scores[d]! - 3), 2);
        const oldTotal = round(weightedTotal(f, { ...x.scores, [d]: oldScore }, x.bonus), 2);
        revisions.push({
          id: `${d}-${x.body}`, date: `${year + 1}-08-01`, body: x.body, field: d, old: oldScore, new: x.scores[d],
          description: T(`更正${x.body}之「${f.dimensions.at(-1)!.name['zh-Hant']}」得分（總分由 ${oldTotal.toFixed(2)} 更正為 ${x.total.toFixed(2)}）`, `Corrected ${x.body}'s "${f.dimensions.at(-1)!.name.en}" score (total ${oldTotal.toFixed(2)} → ${x.total.toFixed(2)})`,
            `${koName.get(x.body)} 「${f.dimensions.at(-1)!.name.ko}」 점수 정정(총점 ${oldTotal.toFixed(2)} → ${x.total.toFixed(2)})`),
          reason: T('原始資料登錄錯誤，經受評機關申復後查證更正（示範）', 'Data-entry error found after the body\'s appeal and verified (demo)', '원자료 입력 오류: 피평가기관의 이의신청을 받아 확인 후 정정함(예시)'),
        });
      }
      const published = `${year + 1}-${scheme.id === 'joint-evaluation' ? '04-15' : scheme.id === 'public-institution-evaluation' ? '06-20' : '03-28'}`;
      write(`cycles/${cycleId}.yaml`, yaml({
        scheme: scheme.id, year, status: 'published', published,
        summary: T(`${year} 年${scheme.shortName!['zh-Hant']}，共 ${rows.length} 個受評對象（示範分數）。`, `${year} ${scheme.shortName!.en!.toLowerCase()}: ${rows.length} bodies evaluated (demo scores).`,
          `${year}년 ${scheme.shortName!.ko}: 평가 대상 ${rows.length}곳(예시 점수).`),
        sources: [source], revisions,
      }, { lineWidth: 0 }));
    }
    log(`${scheme.id}: ${years.length} cycles`);
  }

  // Follow-ups for the bottom grade of each cycle.
  for (const fu of followUps) {
    const consulting = fu.scheme !== 'joint-evaluation';
    const done = fu.year < LAST_YEAR;
    write(`follow-ups/${fu.cycle}-${fu.body}.yaml`, yaml({
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

  // Fiscal programs of central agencies and their yearly ratings.
  // Criteria and thresholds come from the hand-written review file, so both always agree.
  const review = programReviewSchema.parse(parseYaml(readFileSync(join(o.from, 'program-review.yaml'), 'utf8')));
  const programs: { id: string; body: string }[] = [];
  for (const b of bodies.filter((x) => x.kind.startsWith('central'))) {
    const r = new Random(`${o.seed}/programs/${b.id}`);
    const chosen = new Set<number>();
    while (chosen.size < 3) chosen.add(r.int(0, topics.length - 1));
    for (const t of chosen) {
      const [zh, en, ko] = topics[t]!;
      const id = `${b.id}-${en.replace(/[^a-z]+/gi, '-').toLowerCase().replace(/^-|-$/g, '')}`;
      programs.push({ id, body: b.id });
      write(`programs/${id}.yaml`, yaml({ name: T(`${zh}推動計畫`, `${en[0]!.toUpperCase()}${en.slice(1)} programme`, `${ko} 사업`), body: b.id, sector: T(zh, en, ko) }));
    }
  }
  for (const year of years) {
    const r = new Random(`${o.seed}/ratings/${year}`);
    const rows = programs.map((p) => {
      const q = profile.get(p.body)!.quality / 100;
      const scores = review.criteria.map(({ max: m }) => round(Math.max(0, Math.min(m, m * (q + r.normal() * 0.12))), 1));
      const total = round(scores.reduce((a, s) => a + s, 0), 1);
      const rating = programRatingFor(review, total);
      const budget = round(r.uniform(20, 4000), 0);
      // Ineffective programs are usually cut ≥10 %, but not always: the site flags those.
      const change = rating === 'effective' ? r.uniform(0, 0.1) : rating === 'moderately-effective' ? r.uniform(-0.02, 0.06)
        : rating === 'adequate' ? r.uniform(-0.05, 0.03) : r.next() < 0.75 ? r.uniform(-0.3, -0.1) : r.uniform(-0.08, 0.02);
      return [p.id, String(budget), ...scores.map(String), String(total), rating, String(round(budget * (1 + change), 0))];
    });
    write(`program-ratings/${year}.csv`, csv([['program', 'budget', ...review.criteria.map((c) => c.id), 'total', 'rating', 'next_budget'], ...rows]));
  }
  log(`programs: ${programs.length}, ratings: ${programs.length * years.length}`);

  // Hand-written content travels with a generated site written elsewhere.
  const out = resolve(o.out);
  if (resolve(o.from) !== out) for (const f of HAND_WRITTEN) if (existsSync(join(o.from, f))) cpSync(join(o.from, f), join(tmp, f), { recursive: true });

  // Swap folders in only when everything is written: never a half-generated content folder.
  mkdirSync(out, { recursive: true });
  for (const f of [...GENERATED_FOLDERS, ...(resolve(o.from) !== out ? HAND_WRITTEN : [])]) {
    rmSync(join(out, f), { recursive: true, force: true });
    if (existsSync(join(tmp, f))) renameSync(join(tmp, f), join(out, f));
  }
  rmSync(tmp, { recursive: true, force: true });
  return { files, bodies: bodies.length, results: resultCount, indicatorResults: indicatorCount };
}

function stripId(s: Scheme): Omit<Scheme, 'id'> {
  const { id: _id, ...rest } = s;
  return { ...rest, frameworks: rest.frameworks.map((f: Framework) => f) };
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
