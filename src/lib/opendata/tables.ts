// Open-data tables as declarative specs: each table says which records it lists, in which order,
// and for each column its name, zod type and how a record fills it. What a table and a column
// mean lives in the dictionaries (`data.table.<table>.*`, `data.col.<table>.<column>`), so the
// data pages speak every locale; CSV, JSON, JSON Schema, the Frictionless descriptor and the data
// dictionary pages are all derived from the one spec, so they cannot drift apart.
import { z } from 'zod';
import { LOCALE_FACTS, LOCALES, METADATA_LOCALE, SOURCE_LOCALE, t, text, type Locale, type LocalizedText, type MessageKey } from '../../i18n/index.ts';
import { bodyGroup, bodyKinds } from '../../schemas/body.ts';
import { programRatings } from '../../schemas/program.ts';
import { receiptCode } from '../../schemas/panelRound.ts';
import { frameworkOf, type Dataset } from '../content/dataset.ts';
import { describeScale } from '../grading.ts';
import { caseTitle } from '../labels.ts';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** One column: its name, its zod type (for JSON Schema and validation) and what it means in each locale. */
export interface Column {
  name: string;
  schema: z.ZodType;
  about(locale: Locale): string;
}

export interface Table {
  /** File stem and resource name, e.g. `results` → /data/results.csv. */
  name: string;
  title(locale: Locale): string;
  description(locale: Locale): string;
  columns: Column[];
  /** Columns that identify a row (Frictionless primaryKey). */
  primaryKey: string[];
  rows: Row[];
}

/** A column spec over records of type R. */
interface ColumnSpec<R> extends Column {
  value(record: R): Cell;
}

/** A table spec: which records, in which order, and its columns. */
interface TableSpec<R> {
  name: string;
  primaryKey: string[];
  records(ds: Dataset): R[];
  /** Sort key of a record (records are listed in its order). */
  order(record: R): string;
  columns(ds: Dataset): ColumnSpec<R>[];
}

// Column types. Optional values are `null` in JSON and an empty cell in CSV, so every row
// has every column (stable shape for spreadsheets and scripts).
const id = () => z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const words = () => z.string().min(1);
const optWords = () => z.string().min(1).nullable();
const int = () => z.number().int();
const num = () => z.number();
const optNum = () => z.number().nullable();
const optInt = () => z.number().int().nullable();
const optCount = () => z.number().int().min(0).nullable();
const date = () => z.iso.date();

/** Column names are snake_case; content ids use hyphens. */
export const columnName = (s: string) => s.replace(/-/g, '_');

/** A column whose meaning is the dictionary entry `data.col.<table>.<name>`. */
const col = <R>(table: string, name: string, schema: z.ZodType, value: (r: R) => Cell): ColumnSpec<R> => ({
  name, schema, value, about: (l) => t(l, `data.col.${table}.${name}` as MessageKey),
});

const languageName = (of: Locale, inLocale: Locale) => new Intl.DisplayNames(LOCALE_FACTS[inLocale].intl, { type: 'language' }).of(of) ?? of;

/**
 * One column per locale (`name_zh_hant`, `name_en`, `name_ko`): the source locale's is required
 * unless `required` is false; the others are empty until translated.
 */
function perLocale<R>(table: string, prefix: string, get: (r: R, l: Locale) => string | null | undefined, required = true): ColumnSpec<R>[] {
  return LOCALES.map((l) => ({
    name: `${prefix}_${LOCALE_FACTS[l].column}`,
    schema: l === SOURCE_LOCALE && required ? words() : optWords(),
    value: (r: R) => get(r, l) || null,
    about: (reader: Locale) =>
      t(reader, l === SOURCE_LOCALE ? 'data.localizedSource' : 'data.localizedTranslation', { what: t(reader, `data.col.${table}.${prefix}` as MessageKey), language: languageName(l, reader) }),
  }));
}

/** The per-locale columns of a localized content text. */
const localized = <R>(table: string, prefix: string, get: (r: R) => LocalizedText | undefined, required = true) => perLocale<R>(table, prefix, (r, l) => get(r)?.[l], required);

/** Lookups every table shares. */
function lookups(ds: Dataset) {
  const body = new Map(ds.bodies.map((b) => [b.id, b]));
  const scheme = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycle = new Map(ds.cycles.map((c) => [c.id, c]));
  const program = new Map(ds.programs.map((p) => [p.id, p]));
  const cases = new Map(ds.cases.map((c) => [c.id, c]));
  return { body, scheme, cycle, program, cases, framework: (cycleId: string) => { const c = cycle.get(cycleId)!; return frameworkOf(scheme.get(c.scheme), c)!; } };
}

/** cycle, scheme and year columns of a record that belongs to a cycle. */
function cycleColumns<R extends { cycle: string }>(table: string, ds: Dataset): ColumnSpec<R>[] {
  const { cycle } = lookups(ds);
  return [
    col<R>(table, 'cycle', id(), (r) => r.cycle),
    col<R>(table, 'scheme', id(), (r) => cycle.get(r.cycle)!.scheme),
    col<R>(table, 'year', int(), (r) => cycle.get(r.cycle)!.year),
  ];
}

const pad = (n: number) => String(n).padStart(6, '0');
type Of<K extends keyof Dataset> = Dataset[K] extends (infer X)[] ? X : never;

const results: TableSpec<Of<'results'>> = {
  name: 'results',
  primaryKey: ['cycle', 'body'],
  records: (ds) => ds.results,
  order: (r) => `${r.cycle}\u0000${pad(r.rank)}\u0000${r.body}`,
  columns(ds) {
    const { body } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: Of<'results'>) => Cell) => col('results', name, schema, value);
    return [
      ...cycleColumns('results', ds),
      c('body', id(), (r) => r.body),
      ...localized<Of<'results'>>('results', 'body_name', (r) => body.get(r.body)!.name),
      c('body_kind', z.enum(bodyKinds), (r) => body.get(r.body)!.kind),
      c('rank', int().min(1), (r) => r.rank),
      c('total', num(), (r) => r.total),
      c('bonus', num(), (r) => r.bonus),
      c('grade', words(), (r) => r.grade),
      ...localized<Of<'results'>>('results', 'remarks', (r) => r.remarks, false),
    ];
  },
};

type DimensionScore = { result: Of<'results'>; dimension: Of<'schemes'>['frameworks'][number]['dimensions'][number]; cycle: string };
const dimensionScores: TableSpec<DimensionScore> = {
  name: 'dimension-scores',
  primaryKey: ['cycle', 'body', 'dimension'],
  records: (ds) => {
    const { framework } = lookups(ds);
    return [...ds.results].sort((a, b) => (results.order(a) < results.order(b) ? -1 : 1)).flatMap((result) => framework(result.cycle).dimensions.map((dimension) => ({ result, dimension, cycle: result.cycle })));
  },
  order: () => '', // records already come in results order, dimensions in framework order
  columns: (ds) => [
    ...cycleColumns<DimensionScore>('dimension-scores', ds),
    col('dimension-scores', 'body', id(), (r) => r.result.body),
    col('dimension-scores', 'dimension', id(), (r) => r.dimension.id),
    ...localized<DimensionScore>('dimension-scores', 'dimension_name', (r) => r.dimension.name),
    col('dimension-scores', 'weight', num(), (r) => r.dimension.weight),
    col('dimension-scores', 'score', num().min(0).max(100), (r) => r.result.scores[r.dimension.id]!),
  ],
};

const indicators: TableSpec<Of<'indicatorResults'>> = {
  name: 'indicators',
  primaryKey: ['cycle', 'body', 'indicator'],
  records: (ds) => ds.indicatorResults,
  order: (r) => `${r.cycle}\u0000${r.body}\u0000${r.indicator}`,
  columns(ds) {
    const { framework } = lookups(ds);
    const ind = (r: Of<'indicatorResults'>) => framework(r.cycle).indicators.find((i) => i.code === r.indicator)!;
    const c = (name: string, schema: z.ZodType, value: (r: Of<'indicatorResults'>) => Cell) => col('indicators', name, schema, value);
    return [
      ...cycleColumns('indicators', ds),
      c('body', id(), (r) => r.body),
      c('indicator', words(), (r) => r.indicator),
      ...localized<Of<'indicatorResults'>>('indicators', 'indicator_name', (r) => ind(r).name),
      c('dimension', id(), (r) => ind(r).dimension),
      c('type', z.enum(['quantitative', 'qualitative']), (r) => ind(r).type),
      ...localized<Of<'indicatorResults'>>('indicators', 'unit', (r) => ind(r).unit, false),
      c('higher_is_better', z.boolean(), (r) => ind(r).higherIsBetter),
      c('target', optNum(), (r) => r.target ?? null),
      c('actual', optNum(), (r) => r.actual ?? null),
      c('achieved', z.boolean(), (r) => r.achieved),
      ...localized<Of<'indicatorResults'>>('indicators', 'note', (r) => r.note, false),
    ];
  },
};

const programRatingsTable: TableSpec<Of<'programRatings'>> = {
  name: 'program-ratings',
  primaryKey: ['program', 'year'],
  records: (ds) => ds.programRatings,
  order: (r) => `${r.year}\u0000${r.program}`,
  columns(ds) {
    const { program } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: Of<'programRatings'>) => Cell) => col('program-ratings', name, schema, value);
    return [
      c('year', int(), (r) => r.year),
      c('program', id(), (r) => r.program),
      ...localized<Of<'programRatings'>>('program-ratings', 'program_name', (r) => program.get(r.program)!.name),
      c('body', id(), (r) => program.get(r.program)!.body),
      c('budget', num().min(0), (r) => r.budget),
      ...(ds.programReview?.criteria ?? []).map((k): ColumnSpec<Of<'programRatings'>> => ({
        name: `score_${columnName(k.id)}`,
        schema: num().min(0).max(k.max),
        value: (r) => r.scores[k.id]!,
        about: (l) => t(l, 'data.col.program-ratings.score', { criterion: text(k.name, l), max: k.max }),
      })),
      c('total', num(), (r) => r.total),
      c('rating', z.enum(programRatings), (r) => r.rating),
      c('next_budget', optNum(), (r) => r.nextBudget ?? null),
      ...localized<Of<'programRatings'>>('program-ratings', 'remarks', (r) => r.remarks, false),
    ];
  },
};

const bodies: TableSpec<Of<'bodies'>> = {
  name: 'bodies',
  primaryKey: ['id'],
  records: (ds) => ds.bodies,
  order: (b) => b.id,
  columns: () => {
    const c = (name: string, schema: z.ZodType, value: (b: Of<'bodies'>) => Cell) => col('bodies', name, schema, value);
    return [
      c('id', id(), (b) => b.id),
      ...localized<Of<'bodies'>>('bodies', 'name', (b) => b.name),
      ...localized<Of<'bodies'>>('bodies', 'short_name', (b) => b.shortName, false),
      c('kind', z.enum(bodyKinds), (b) => b.kind),
      c('group', z.enum(['central', 'local', 'public']), (b) => bodyGroup(b.kind)),
      c('parent', id().nullable(), (b) => b.parent ?? null),
      c('region', id().nullable(), (b) => b.region ?? null),
      c('website', z.url().nullable(), (b) => b.website ?? null),
      c('established', optInt(), (b) => b.established ?? null),
      c('abolished', optInt(), (b) => b.abolished ?? null),
    ];
  },
};

type FrameworkDimension = { scheme: Of<'schemes'>; framework: Of<'schemes'>['frameworks'][number]; dimension: DimensionScore['dimension'] };
const schemes: TableSpec<FrameworkDimension> = {
  name: 'schemes',
  primaryKey: ['scheme', 'year', 'dimension'],
  records: (ds) => ds.schemes.flatMap((scheme) => [...scheme.frameworks].sort((a, b) => a.year - b.year).flatMap((framework) => framework.dimensions.map((dimension) => ({ scheme, framework, dimension })))),
  order: (r) => r.scheme.id, // stable sort: years, then dimensions keep their order
  columns: () => {
    const c = (name: string, schema: z.ZodType, value: (r: FrameworkDimension) => Cell) => col('schemes', name, schema, value);
    return [
      c('scheme', id(), (r) => r.scheme.id),
      ...localized<FrameworkDimension>('schemes', 'scheme_name', (r) => r.scheme.name),
      ...localized<FrameworkDimension>('schemes', 'run_by', (r) => r.scheme.runBy),
      c('year', int(), (r) => r.framework.year),
      c('framework_total', num(), (r) => r.framework.total),
      c('bonus_max', num(), (r) => r.framework.bonusMax),
      c('grading_type', z.enum(['absolute', 'relative']), (r) => r.framework.grading.type),
      c('grade_scale', words(), (r) => describeScale(r.framework.grading)),
      c('dimension', id(), (r) => r.dimension.id),
      ...localized<FrameworkDimension>('schemes', 'dimension_name', (r) => r.dimension.name),
      c('weight', num(), (r) => r.dimension.weight),
      c('sub_criteria', z.string().nullable(), (r) => (r.dimension.subCriteria.length ? r.dimension.subCriteria.map((s) => `${s.id} ${s.weight}%`).join('; ') : null)),
    ];
  },
};

type CorrectionRecord = { cycle: string; revision: Of<'cycles'>['revisions'][number] };
const corrections: TableSpec<CorrectionRecord> = {
  name: 'corrections',
  primaryKey: ['cycle', 'id'],
  records: (ds) => ds.cycles.flatMap((c) => c.revisions.map((revision) => ({ cycle: c.id, revision }))),
  order: (r) => r.cycle,
  columns: (ds) => {
    const c = (name: string, schema: z.ZodType, value: (r: CorrectionRecord) => Cell) => col('corrections', name, schema, value);
    return [
      ...cycleColumns<CorrectionRecord>('corrections', ds),
      c('id', id(), (r) => r.revision.id),
      c('date', date(), (r) => r.revision.date),
      c('body', id().nullable(), (r) => r.revision.body ?? null),
      c('field', words(), (r) => r.revision.field),
      c('old_value', z.string(), (r) => String(r.revision.old)),
      c('new_value', z.string(), (r) => String(r.revision.new)),
      ...localized<CorrectionRecord>('corrections', 'description', (r) => r.revision.description),
      ...localized<CorrectionRecord>('corrections', 'reason', (r) => r.revision.reason),
    ];
  },
};

// Closed citizen-panel rounds (content/panel-rounds): aggregates and bare receipt codes only,
// exactly what the round pages show; ballots themselves are never published.
type Round = Dataset['panel']['rounds'][number];
type RoundResult = { round: Round; result: Round['results'][number] };
const scores = ['1', '2', '3', '4', '5'] as const;
const roundResults: TableSpec<RoundResult> = {
  name: 'panel-round-results',
  primaryKey: ['round', 'case'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.results.map((result) => ({ round, result }))),
  order: (r) => r.round.id,
  columns(ds) {
    const { cases } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: RoundResult) => Cell) => col('panel-round-results', name, schema, value);
    return [
      c('round', id(), (r) => r.round.id),
      ...localized<RoundResult>('panel-round-results', 'round_title', (r) => r.round.title),
      c('method', z.enum(['approval', 'score']), (r) => r.round.method),
      c('max_approvals', z.number().int().min(1).nullable(), (r) => r.round.maxApprovals ?? null),
      c('closed_on', date(), (r) => r.round.closesAt.slice(0, 10)),
      c('ballots', int().min(0), (r) => r.round.ballots),
      c('case', id(), (r) => r.result.case),
      ...perLocale<RoundResult>('panel-round-results', 'case_title', (r, l) => {
        const k = cases.get(r.result.case);
        return k ? caseTitle(k, l) : l === SOURCE_LOCALE ? r.result.case : null;
      }),
      c('approvals', optCount(), (r) => r.result.approvals ?? null),
      c('count', optCount(), (r) => r.result.count ?? null),
      c('mean', z.number().min(1).max(5).nullable(), (r) => r.result.mean ?? null),
      ...scores.map((s): ColumnSpec<RoundResult> => ({
        name: `score_${s}`,
        schema: optCount(),
        value: (r) => r.result.distribution?.[s] ?? null,
        about: (l) => t(l, 'data.col.panel-round-results.score', { score: s }),
      })),
    ];
  },
};

type Turnout = { round: Round; turnout: Round['turnout'][number] };
const roundTurnout: TableSpec<Turnout> = {
  name: 'panel-round-turnout',
  primaryKey: ['round', 'category', 'value'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.turnout.map((turnout) => ({ round, turnout }))),
  order: (r) => r.round.id,
  columns: () => {
    const c = (name: string, schema: z.ZodType, value: (r: Turnout) => Cell) => col('panel-round-turnout', name, schema, value);
    return [
      c('round', id(), (r) => r.round.id),
      c('category', z.enum(['region', 'age', 'gender']), (r) => r.turnout.category),
      c('value', words(), (r) => r.turnout.value),
      c('voters', optCount(), (r) => r.turnout.voters),
      c('panel', optCount(), (r) => r.turnout.panel ?? null),
    ];
  },
};

type Receipt = { round: Round; receipt: string };
const roundReceipts: TableSpec<Receipt> = {
  name: 'panel-round-receipts',
  primaryKey: ['round', 'receipt'],
  records: (ds) => ds.panel.rounds.flatMap((round) => round.receipts.map((receipt) => ({ round, receipt }))),
  order: (r) => r.round.id,
  columns: () => [
    col<Receipt>('panel-round-receipts', 'round', id(), (r) => r.round.id),
    col<Receipt>('panel-round-receipts', 'receipt', receiptCode, (r) => r.receipt),
  ],
};

/** Every published table, in the order the data index lists them. */
const specs = [results, dimensionScores, indicators, programRatingsTable, bodies, schemes, corrections, roundResults, roundTurnout, roundReceipts] as TableSpec<unknown>[];

/** A spec applied to a dataset: its rows, in order, with every column filled. */
function build<R>(spec: TableSpec<R>, ds: Dataset): Table {
  const columns = spec.columns(ds);
  const records = spec.records(ds).map((r, i) => ({ r, key: spec.order(r), i }));
  // Stable: equal keys keep the records' own order.
  records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return {
    name: spec.name,
    title: (l) => t(l, `data.table.${spec.name}.title` as MessageKey),
    description: (l) => t(l, `data.table.${spec.name}.description` as MessageKey),
    primaryKey: spec.primaryKey,
    columns: columns.map(({ name, schema, about }) => ({ name, schema, about })),
    rows: records.map(({ r }) => Object.fromEntries(columns.map((c) => [c.name, c.value(r)]))),
  };
}

export function openDataTables(ds: Dataset): Table[] {
  return specs.map((s) => build(s, ds));
}

/** The zod schema of one row: the columns in order, each described in the metadata locale. */
export function rowSchema(tb: Table) {
  return z.strictObject(Object.fromEntries(tb.columns.map((c) => [c.name, c.schema.describe(c.about(METADATA_LOCALE))])));
}

/** JSON Schema (draft 2020-12) of the table's JSON file: an array of rows. */
export function jsonSchema(tb: Table, schemaUrl: string): Record<string, unknown> {
  const schema = z.toJSONSchema(z.array(rowSchema(tb)).describe(tb.description(METADATA_LOCALE))) as Record<string, unknown>;
  return { ...schema, $id: schemaUrl, title: tb.title(METADATA_LOCALE) };
}
