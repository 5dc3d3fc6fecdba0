// Open-data tables: the validated dataset flattened into rows with stable, snake_case column
// names. Each table is described once (columns with a zod type and a description in both
// languages); CSV, JSON, JSON Schema, the Frictionless Table Schema and the data-dictionary
// pages are all derived from that one description, so they cannot drift apart.
import { z } from 'zod';
import type { Dataset } from '../content/load.ts';
import { bodyKinds, bodyGroup } from '../../schemas/body.ts';
import { programRatings } from '../../schemas/program.ts';
import { receiptCode } from '../../schemas/panelRound.ts';
import { describeScale } from '../grading.ts';
import type { LocalizedText } from '../../schemas/common.ts';

export type Lang = 'zh-Hant' | 'en';
export type Bilingual = Record<Lang, string>;

/** One column: its name, its zod type (for JSON Schema and validation) and what it means. */
export interface Column {
  name: string;
  schema: z.ZodType;
  description: Bilingual;
}

export interface Table {
  /** File stem and resource name, e.g. `results` → /data/results.csv. */
  name: string;
  title: Bilingual;
  description: Bilingual;
  columns: Column[];
  /** Columns that identify a row (Frictionless primaryKey). */
  primaryKey: string[];
  rows: Row[];
}

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

// Column types. Optional values are `null` in JSON and an empty cell in CSV, so every row
// has every column (stable shape for spreadsheets and scripts).
const id = () => z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const text = () => z.string().min(1);
const optText = () => z.string().min(1).nullable();
const int = () => z.number().int();
const num = () => z.number();
const optNum = () => z.number().nullable();
const optInt = () => z.number().int().nullable();
const optCount = () => z.number().int().min(0).nullable();
const date = () => z.iso.date();

const col = (name: string, schema: z.ZodType, en: string, zh: string): Column => ({ name, schema, description: { en, 'zh-Hant': zh } });
const zhOf = (t: LocalizedText | undefined) => t?.['zh-Hant'] ?? null;
const enOf = (t: LocalizedText | undefined) => t?.en ?? null;
/** Column names are snake_case; content ids use hyphens. */
export const columnName = (s: string) => s.replace(/-/g, '_');

/** The common pair of name columns for a localized text. */
function names(prefix: string, en: string, zh: string, required = true): Column[] {
  return [
    col(`${prefix}_zh_hant`, required ? text() : optText(), `${en} in Traditional Chinese.`, `${zh}（正體中文）。`),
    col(`${prefix}_en`, optText(), `${en} in English (empty when not yet translated).`, `${zh}（英文；尚未翻譯時為空）。`),
  ];
}

const byKey = <T>(key: (x: T) => string | number) => (a: T, b: T) => {
  const x = key(a), y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Every published table, in the order the data index lists them. */
export function openDataTables(ds: Dataset): Table[] {
  const bodyById = new Map(ds.bodies.map((b) => [b.id, b]));
  const schemeById = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycleById = new Map(ds.cycles.map((c) => [c.id, c]));
  const programById = new Map(ds.programs.map((p) => [p.id, p]));
  const frameworkOf = (cycleId: string) => {
    const c = cycleById.get(cycleId)!;
    return schemeById.get(c.scheme)!.frameworks.find((f) => f.year === c.year)!;
  };
  const cycleCols = [
    col('cycle', id(), 'Cycle id (scheme and year); see /data/schemes.', '評估週期代碼（制度與年度）。'),
    col('scheme', id(), 'Scheme id.', '評估制度代碼。'),
    col('year', int(), 'Evaluation year.', '評估年度。'),
  ];
  const cycleCells = (cycleId: string) => {
    const c = cycleById.get(cycleId)!;
    return { cycle: c.id, scheme: c.scheme, year: c.year };
  };

  const sortedResults = [...ds.results].sort(byKey((r) => `${r.cycle}\u0000${String(r.rank).padStart(6, '0')}\u0000${r.body}`));
  const results: Table = {
    name: 'results',
    title: { 'zh-Hant': '評估結果', en: 'Results' },
    description: {
      'zh-Hant': '每個受評對象在每個評估週期的結果：排名、總分、加分與等第。',
      en: 'Each evaluated body’s result in each cycle: rank, total, bonus and grade.',
    },
    primaryKey: ['cycle', 'body'],
    columns: [
      ...cycleCols,
      col('body', id(), 'Body id; see /data/bodies.', '受評對象代碼。'),
      ...names('body_name', 'Official name of the body', '受評對象名稱'),
      col('body_kind', z.enum(bodyKinds), 'Kind of body.', '受評對象類型。'),
      col('rank', int().min(1), 'Rank in the cycle (1 = best; ties share a rank).', '該週期排名（1 為最佳，同分同名次）。'),
      col('total', num(), 'Total as published: weighted dimension scores plus bonus.', '公布之總分：各項目加權分數加上加分。'),
      col('bonus', num(), 'Bonus points included in the total (0 when none).', '總分中的加分（無則為 0）。'),
      col('grade', text(), 'Grade as published.', '公布之等第。'),
      ...names('remarks', 'Remarks', '備註', false),
    ],
    rows: sortedResults.map((r) => {
      const b = bodyById.get(r.body)!;
      return {
        ...cycleCells(r.cycle), body: r.body, body_name_zh_hant: b.name['zh-Hant'], body_name_en: enOf(b.name), body_kind: b.kind,
        rank: r.rank, total: r.total, bonus: r.bonus, grade: r.grade,
        remarks_zh_hant: r.remarks?.['zh-Hant'] || null, remarks_en: r.remarks?.en ?? null,
      };
    }),
  };

  const dimensionScores: Table = {
    name: 'dimension-scores',
    title: { 'zh-Hant': '評估項目分數', en: 'Dimension scores' },
    description: {
      'zh-Hant': '每個結果的各評估項目分數（長表格式：一列一個項目），含該年度配分。',
      en: 'Every result’s score on each weighted dimension (long format: one row per dimension), with the year’s weight.',
    },
    primaryKey: ['cycle', 'body', 'dimension'],
    columns: [
      ...cycleCols,
      col('body', id(), 'Body id.', '受評對象代碼。'),
      col('dimension', id(), 'Dimension id from the year’s framework.', '該年度架構之評估項目代碼。'),
      ...names('dimension_name', 'Dimension name', '評估項目名稱'),
      col('weight', num(), 'Points the dimension contributes to the total.', '該項目占總分之配分。'),
      col('score', num().min(0).max(100), 'Score on the dimension, 0–100.', '該項目得分（0–100）。'),
    ],
    rows: sortedResults.flatMap((r) => {
      return frameworkOf(r.cycle).dimensions.map((d) => ({
        ...cycleCells(r.cycle), body: r.body, dimension: d.id, dimension_name_zh_hant: d.name['zh-Hant'], dimension_name_en: enOf(d.name),
        weight: d.weight, score: r.scores[d.id]!,
      }));
    }),
  };

  const indicators: Table = {
    name: 'indicators',
    title: { 'zh-Hant': '指標達成情形', en: 'Indicator results' },
    description: {
      'zh-Hant': '聯合評估中每個地方政府在每項指標的目標、實績與是否達成，並附指標名稱與類型。',
      en: 'Each local government’s target, actual value and achievement on each indicator of the joint evaluation, with the indicator’s name and type.',
    },
    primaryKey: ['cycle', 'body', 'indicator'],
    columns: [
      ...cycleCols,
      col('body', id(), 'Body id.', '受評對象代碼。'),
      col('indicator', text(), 'Indicator code as published.', '公布之指標代碼。'),
      ...names('indicator_name', 'Indicator name', '指標名稱'),
      col('dimension', id(), 'Dimension (goal) the indicator belongs to.', '指標所屬評估項目（目標）。'),
      col('type', z.enum(['quantitative', 'qualitative']), 'Quantitative (numeric target) or qualitative (assessed by a panel).', '定量（數值目標）或定性（由評審判定）。'),
      ...names('unit', 'Unit of target and actual', '目標值與實績之單位', false),
      col('higher_is_better', z.boolean(), 'Whether a higher actual value is better.', '實績是否越高越好。'),
      col('target', optNum(), 'Target value (quantitative indicators).', '目標值（定量指標）。'),
      col('actual', optNum(), 'Actual value (quantitative indicators).', '實績值（定量指標）。'),
      col('achieved', z.boolean(), 'Whether the target was achieved.', '是否達成目標。'),
      ...names('note', 'Note', '說明', false),
    ],
    rows: [...ds.indicatorResults].sort(byKey((r) => `${r.cycle}\u0000${r.body}\u0000${r.indicator}`)).map((r) => {
      const ind = frameworkOf(r.cycle).indicators.find((i) => i.code === r.indicator)!;
      return {
        ...cycleCells(r.cycle), body: r.body, indicator: r.indicator, indicator_name_zh_hant: ind.name['zh-Hant'], indicator_name_en: enOf(ind.name),
        dimension: ind.dimension, type: ind.type, unit_zh_hant: zhOf(ind.unit), unit_en: enOf(ind.unit), higher_is_better: ind.higherIsBetter,
        target: r.target ?? null, actual: r.actual ?? null, achieved: r.achieved, note_zh_hant: r.note ?? null, note_en: r.note_en ?? null,
      };
    }),
  };

  const criteria = ds.programReview?.criteria ?? [];
  const programRatingsTable: Table = {
    name: 'program-ratings',
    title: { 'zh-Hant': '財政計畫評等', en: 'Fiscal program ratings' },
    description: {
      'zh-Hant': '每項財政計畫每年的各評分項目得分、總分、評等與預算（百萬元）。',
      en: 'Each fiscal program’s criterion scores, total, rating and budget (millions) per year.',
    },
    primaryKey: ['program', 'year'],
    columns: [
      col('year', int(), 'Rated year.', '評等年度。'),
      col('program', id(), 'Program id.', '計畫代碼。'),
      ...names('program_name', 'Program name', '計畫名稱'),
      col('body', id(), 'Body that owns the program.', '主管機關代碼。'),
      col('budget', num().min(0), 'Budget of the rated year, in millions.', '評等年度預算（百萬元）。'),
      ...criteria.map((c) =>
        col(`score_${columnName(c.id)}`, num().min(0).max(c.max), `Points for “${c.name.en ?? c.id}” (0–${c.max}).`, `「${c.name['zh-Hant']}」得分（0–${c.max}）。`),
      ),
      col('total', num(), 'Total of the criterion scores.', '各項得分合計。'),
      col('rating', z.enum(programRatings), 'Rating on the five-step scale.', '五級評等。'),
      col('next_budget', optNum(), 'Budget adopted for the next year, in millions (empty until adopted).', '次年度核定預算（百萬元；未核定時為空）。'),
      ...names('remarks', 'Remarks', '備註', false),
    ],
    rows: [...ds.programRatings].sort(byKey((r) => `${r.year}\u0000${r.program}`)).map((r) => {
      const p = programById.get(r.program)!;
      return {
        year: r.year, program: r.program, program_name_zh_hant: p.name['zh-Hant'], program_name_en: enOf(p.name), body: p.body, budget: r.budget,
        ...Object.fromEntries(criteria.map((c) => [`score_${columnName(c.id)}`, r.scores[c.id]!])),
        total: r.total, rating: r.rating, next_budget: r.nextBudget ?? null,
        remarks_zh_hant: r.remarks?.['zh-Hant'] || null, remarks_en: r.remarks?.en ?? null,
      };
    }),
  };

  const bodies: Table = {
    name: 'bodies',
    title: { 'zh-Hant': '受評對象', en: 'Bodies' },
    description: { 'zh-Hant': '所有受評對象（中央機關、地方政府、公共機構）。', en: 'Every evaluated body (central agencies, local governments, public institutions).' },
    primaryKey: ['id'],
    columns: [
      col('id', id(), 'Stable body id used in URLs and every other table.', '穩定代碼，用於網址及其他表格。'),
      ...names('name', 'Official name', '正式名稱'),
      ...names('short_name', 'Short name', '簡稱', false),
      col('kind', z.enum(bodyKinds), 'Kind of organisation.', '機關類型。'),
      col('group', z.enum(['central', 'local', 'public']), 'Group of kinds: central agency, local government or public institution.', '類型群組：中央機關、地方政府或公共機構。'),
      col('parent', id().nullable(), 'Supervising body id.', '上級機關代碼。'),
      col('region', id().nullable(), 'Region id.', '所在區域代碼。'),
      col('website', z.url().nullable(), 'Official website.', '官方網站。'),
      col('established', optInt(), 'Year established.', '成立年份。'),
      col('abolished', optInt(), 'Year abolished or merged.', '裁撤或合併年份。'),
    ],
    rows: [...ds.bodies].sort(byKey((b) => b.id)).map((b) => ({
      id: b.id, name_zh_hant: b.name['zh-Hant'], name_en: enOf(b.name), short_name_zh_hant: zhOf(b.shortName), short_name_en: enOf(b.shortName),
      kind: b.kind, group: bodyGroup(b.kind), parent: b.parent ?? null, region: b.region ?? null, website: b.website ?? null,
      established: b.established ?? null, abolished: b.abolished ?? null,
    })),
  };

  const schemes: Table = {
    name: 'schemes',
    title: { 'zh-Hant': '評估制度與年度架構', en: 'Schemes and yearly frameworks' },
    description: {
      'zh-Hant': '每個評估制度每年的架構，一列一個評估項目：配分、加分上限、等第方式與次項目。',
      en: 'Each scheme’s framework per year, one row per dimension: weight, bonus maximum, grade scale and sub-criteria.',
    },
    primaryKey: ['scheme', 'year', 'dimension'],
    columns: [
      col('scheme', id(), 'Scheme id.', '評估制度代碼。'),
      ...names('scheme_name', 'Scheme name', '評估制度名稱'),
      ...names('run_by', 'Who runs the evaluation', '評估主辦單位'),
      col('year', int(), 'Year the framework applies to.', '架構適用年度。'),
      col('framework_total', num(), 'Sum of the dimension weights before bonus.', '各項目配分合計（不含加分）。'),
      col('bonus_max', num(), 'Maximum bonus points (0 when none).', '加分上限（無則為 0）。'),
      col('grading_type', z.enum(['absolute', 'relative']), 'Absolute (thresholds) or relative (quotas) grading.', '絕對（門檻）或相對（比例）評等。'),
      col('grade_scale', text(), 'Grades best first, with thresholds (≥) or quotas (%).', '等第由高至低，附門檻（≥）或比例（%）。'),
      col('dimension', id(), 'Dimension id (column name in the source results file).', '評估項目代碼。'),
      ...names('dimension_name', 'Dimension name', '評估項目名稱'),
      col('weight', num(), 'Points the dimension contributes to the total.', '該項目配分。'),
      col('sub_criteria', z.string().nullable(), 'Sub-criteria as “id weight%”, separated by “; ”.', '次項目，格式為「代碼 權重%」，以「; 」分隔。'),
    ],
    rows: [...ds.schemes].sort(byKey((s) => s.id)).flatMap((s) =>
      [...s.frameworks].sort(byKey((f) => f.year)).flatMap((f) =>
        f.dimensions.map((d) => ({
          scheme: s.id, scheme_name_zh_hant: s.name['zh-Hant'], scheme_name_en: enOf(s.name), run_by_zh_hant: s.runBy['zh-Hant'], run_by_en: enOf(s.runBy),
          year: f.year, framework_total: f.total, bonus_max: f.bonusMax, grading_type: f.grading.type, grade_scale: describeScale(f.grading),
          dimension: d.id, dimension_name_zh_hant: d.name['zh-Hant'], dimension_name_en: enOf(d.name), weight: d.weight,
          sub_criteria: d.subCriteria.length ? d.subCriteria.map((c) => `${c.id} ${c.weight}%`).join('; ') : null,
        })),
      ),
    ),
  };

  const corrections: Table = {
    name: 'corrections',
    title: { 'zh-Hant': '更正紀錄', en: 'Corrections' },
    description: {
      'zh-Hant': '結果公布後的所有更正：日期、更正欄位、原值與新值、說明與原因。',
      en: 'Every correction made after results were published: date, field, old and new value, what and why.',
    },
    primaryKey: ['cycle', 'id'],
    columns: [
      ...cycleCols,
      col('id', id(), 'Correction id, unique within the cycle.', '更正代碼（週期內唯一）。'),
      col('date', date(), 'Date the correction was published (YYYY-MM-DD).', '更正公布日期（YYYY-MM-DD）。'),
      col('body', id().nullable(), 'Body whose result changed, if one.', '結果變動之受評對象代碼。'),
      col('field', text(), 'Field that changed (e.g. total, grade, a dimension id).', '變動欄位（如總分、等第或評估項目代碼）。'),
      col('old_value', z.string(), 'Value before the correction, as text.', '更正前之值（文字）。'),
      col('new_value', z.string(), 'Value after the correction, as text.', '更正後之值（文字）。'),
      ...names('description', 'What was corrected', '更正內容'),
      ...names('reason', 'Why it was corrected', '更正原因'),
    ],
    rows: [...ds.cycles].sort(byKey((c) => c.id)).flatMap((c) =>
      c.revisions.map((rv) => ({
        ...cycleCells(c.id), id: rv.id, date: rv.date, body: rv.body ?? null, field: rv.field, old_value: String(rv.old), new_value: String(rv.new),
        description_zh_hant: rv.description['zh-Hant'], description_en: enOf(rv.description), reason_zh_hant: rv.reason['zh-Hant'], reason_en: enOf(rv.reason),
      })),
    ),
  };

  // Closed citizen-panel rounds (content/panel-rounds): aggregates and bare receipt codes only,
  // exactly what the round pages show; ballots themselves are never published.
  const rounds = [...ds.panel.rounds].sort(byKey((r) => r.id));
  const caseById = new Map(ds.cases.map((c) => [c.id, c]));
  const roundCol = col('round', id(), 'Round id; the results page is /panel/rounds/<round>/.', '投票代碼；結果頁為 /panel/rounds/<代碼>/。');
  const roundResults: Table = {
    name: 'panel-round-results',
    title: { 'zh-Hant': '國民評鑑團投票結果', en: 'Citizen panel vote results' },
    description: {
      'zh-Hant': '每次已截止的國民評鑑團投票中，每個候選優秀案例的計票結果：認可票數，或評分人數、平均分與 1–5 分的分布。',
      en: 'The tally of every candidate exemplary case in each closed citizen-panel round: approvals, or how many scored it, the mean score and the 1–5 distribution.',
    },
    primaryKey: ['round', 'case'],
    columns: [
      roundCol,
      ...names('round_title', 'Name of the round', '投票名稱'),
      col('method', z.enum(['approval', 'score']), 'Voting method: approval (up to max_approvals cases per ballot) or score (1–5 per case).', '投票方式：approval 為認可投票（每張選票最多選 max_approvals 案），score 為每案評 1–5 分。'),
      col('max_approvals', z.number().int().min(1).nullable(), 'Approval rounds: most cases one ballot may approve (empty for score rounds).', '認可投票：每張選票最多可選案數（評分投票為空）。'),
      col('closed_on', date(), 'Day voting closed (UTC, YYYY-MM-DD).', '投票截止日期（UTC，YYYY-MM-DD）。'),
      col('ballots', int().min(0), 'Ballots counted in the round (each member’s last ballot).', '該次投票計入的選票數（每位委員最後送出的選票）。'),
      col('case', id(), 'Exemplary case id; the case page is /cases/<case>/.', '優秀案例代碼；案例頁為 /cases/<代碼>/。'),
      ...names('case_title', 'Title of the case', '案例名稱'),
      col('approvals', optCount(), 'Approval rounds: ballots approving the case (empty for score rounds).', '認可投票：認可此案的選票數（評分投票為空）。'),
      col('count', optCount(), 'Score rounds: ballots that scored the case (empty for approval rounds).', '評分投票：為此案評分的選票數（認可投票為空）。'),
      col('mean', z.number().min(1).max(5).nullable(), 'Score rounds: mean score, rounded to 3 decimals (empty when nobody scored the case, and for approval rounds).', '評分投票：平均分，四捨五入至小數第 3 位（無人評分或認可投票時為空）。'),
      ...(['1', '2', '3', '4', '5'] as const).map((s) =>
        col(`score_${s}`, optCount(), `Score rounds: ballots giving the case ${s} (empty for approval rounds).`, `評分投票：給此案 ${s} 分的選票數（認可投票為空）。`),
      ),
    ],
    rows: rounds.flatMap((r) =>
      r.results.map((x) => {
        const k = caseById.get(x.case);
        return {
          round: r.id, round_title_zh_hant: r.title['zh-Hant'], round_title_en: enOf(r.title), method: r.method, max_approvals: r.maxApprovals ?? null,
          closed_on: r.closesAt.slice(0, 10), ballots: r.ballots,
          case: x.case, case_title_zh_hant: k?.data.title ?? x.case, case_title_en: k?.translations.en?.title ?? null,
          approvals: x.approvals ?? null, count: x.count ?? null, mean: x.mean ?? null,
          ...Object.fromEntries((['1', '2', '3', '4', '5'] as const).map((s) => [`score_${s}`, x.distribution?.[s] ?? null])),
        };
      }),
    ),
  };

  const roundTurnout: Table = {
    name: 'panel-round-turnout',
    title: { 'zh-Hant': '國民評鑑團投票：各群體投票情形', en: 'Citizen panel vote turnout by stratum' },
    description: {
      'zh-Hant': '每次已截止且達最低票數的投票中，抽選所用各群體（縣市、年齡層、性別）計入的選票數，並列評鑑團在該群體的人數（依抽選時凍結的資料）；少於 5 票的格子不公開。',
      en: 'Counted ballots per stratum the draw used (region, age band, gender) in each closed round that reached its minimum of ballots, beside the panel’s size in that stratum (as frozen at the draw); cells under 5 are suppressed.',
    },
    primaryKey: ['round', 'category', 'value'],
    columns: [
      roundCol,
      col('category', z.enum(['region', 'age', 'gender']), 'Stratum category: region, age (band reached in the closing year) or gender.', '群體類別：region 縣市、age 年齡層（以截止年度計）或 gender 性別。'),
      col('value', text(), 'Value within the category (region id, age band, gender).', '類別中的值（縣市代碼、年齡層、性別）。'),
      col('voters', optCount(), 'Counted ballots from this stratum; empty when suppressed (fewer than 5, or hidden too so that no small cell can be worked out from the others). Each category adds up to the round’s ballots.', '該群體計入的選票數；少於 5 票（或為避免由其他數字推算出小數字而一併隱藏）時為空。每個類別合計等於該次投票的選票數。'),
      col('panel', optCount(), 'Panel members in this stratum, from the published draw record (empty when the draw has no such stratum).', '評鑑團在該群體的人數，取自公開的抽選紀錄（抽選紀錄無此群體時為空）。'),
    ],
    rows: rounds.flatMap((r) => r.turnout.map((t) => ({ round: r.id, category: t.category, value: t.value, voters: t.voters, panel: t.panel ?? null }))),
  };

  const roundReceipts: Table = {
    name: 'panel-round-receipts',
    title: { 'zh-Hant': '國民評鑑團投票：計入的收據代碼', en: 'Citizen panel vote: counted receipts' },
    description: {
      'zh-Hant': '每次已截止的投票中所有計入選票的收據代碼（只有代碼，不含選擇內容），委員可據以確認自己的選票已被計入。',
      en: 'The receipt code of every counted ballot in each closed round (codes only, never the choices), so each member can check that their ballot was counted.',
    },
    primaryKey: ['round', 'receipt'],
    columns: [
      roundCol,
      col('receipt', receiptCode, 'Receipt code of a counted ballot (10 characters; a member’s last ballot only).', '計入選票的收據代碼（10 個字元；僅列委員最後送出的選票）。'),
    ],
    rows: rounds.flatMap((r) => r.receipts.map((receipt) => ({ round: r.id, receipt }))),
  };

  return [results, dimensionScores, indicators, programRatingsTable, bodies, schemes, corrections, roundResults, roundTurnout, roundReceipts];
}

/** The zod schema of one row: the columns in order, each described (English; zh in the dictionary). */
export function rowSchema(t: Table) {
  return z.strictObject(Object.fromEntries(t.columns.map((c) => [c.name, c.schema.describe(c.description.en)])));
}

/** JSON Schema (draft 2020-12) of the table's JSON file: an array of rows. */
export function jsonSchema(t: Table, siteUrl: string): Record<string, unknown> {
  const schema = z.toJSONSchema(z.array(rowSchema(t)).describe(t.description.en)) as Record<string, unknown>;
  return { ...schema, $id: new URL(`/data/${t.name}.schema.json`, siteUrl).href, title: t.title.en };
}

