// Open-data tables of evaluation results: cycles, results, dimension scores, indicators, changes
// from the previous cycle, frameworks, bodies and corrections, each with the page tables
// (dataScopes) its rows appear in.
import { z } from 'zod';
import { dataScopes, t, text } from '../../i18n/index.ts';
import { bodyGroup, bodyKinds } from '../../schemas/body.ts';
import type { Dataset } from '../content/dataset.ts';
import { describeScale } from '../grading.ts';
import { fieldName } from '../labels.ts';
import { compareWithPrevious, cycleSize, highlights, latestResult } from '../queries.ts';
import {
  col, columnName, cycleColumns, date, id, int, localized, lookups, num, optInt, optNum, optWords, pad, perLocale, words,
  type Cell, type ColumnSpec, type Of, type TableSpec,
} from './columns.ts';

export const results: TableSpec<Of<'results'>> = {
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
  scopes: () => (r) => [dataScopes.body(r.body)],
};

/**
 * One cycle's results as its page shows them: rank, body, total, grade, bonus and one column per
 * dimension of the cycle's framework, so its columns (and JSON Schema) are the cycle's own.
 */
export function cycleResultsSpec(ds: Dataset, cycleId: string): TableSpec<Of<'results'>> {
  const f = lookups(ds).framework(cycleId);
  return {
    name: 'cycle-results',
    primaryKey: ['body'],
    records: (d) => d.results.filter((r) => r.cycle === cycleId),
    order: results.order,
    columns(d) {
      const { body } = lookups(d);
      const c = (name: string, schema: z.ZodType, value: (r: Of<'results'>) => Cell) => col('cycle-results', name, schema, value);
      return [
        c('rank', int().min(1), (r) => r.rank),
        c('body', id(), (r) => r.body),
        ...localized<Of<'results'>>('cycle-results', 'body_name', (r) => body.get(r.body)!.name),
        c('total', num(), (r) => r.total),
        c('grade', words(), (r) => r.grade),
        ...f.dimensions.map((dim): ColumnSpec<Of<'results'>> => ({
          name: `score_${columnName(dim.id)}`,
          schema: num().min(0).max(100),
          value: (r) => r.scores[dim.id]!,
          about: (l) => t(l, 'data.col.cycle-results.score', { dimension: text(dim.name, l), weight: dim.weight }),
        })),
        c('bonus', num(), (r) => r.bonus),
        ...localized<Of<'results'>>('cycle-results', 'remarks', (r) => r.remarks, false),
      ];
    },
    scopes: () => () => [dataScopes.cycle(cycleId)],
  };
}

type DimensionScore = { result: Of<'results'>; dimension: Of<'schemes'>['frameworks'][number]['dimensions'][number]; cycle: string };
export const dimensionScores: TableSpec<DimensionScore> = {
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
  scopes: (ds) => {
    const { cycle } = lookups(ds);
    return (r) => [dataScopes.bodyIn(r.result.body, cycle.get(r.cycle)!.scheme)];
  },
};

export const indicators: TableSpec<Of<'indicatorResults'>> = {
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
  scopes: () => (r) => [dataScopes.bodyIn(r.body, r.cycle), ...(r.achieved ? [] : [dataScopes.bodyMissed(r.body, r.cycle)])],
};

type Change = { cycle: string; previous: string; row: NonNullable<ReturnType<typeof compareWithPrevious>>['rows'][number] };
/** Each result beside the same body's result in the previous cycle of the scheme (cycle page comparison, home highlights). */
export const resultChanges: TableSpec<Change> = {
  name: 'result-changes',
  primaryKey: ['cycle', 'body'],
  records: (ds) => ds.cycles.flatMap((c) => {
    const cmp = compareWithPrevious(ds, c.id);
    return cmp ? cmp.rows.map((row) => ({ cycle: c.id, previous: cmp.previous.id, row })) : [];
  }),
  order: (r) => `${r.cycle}\u0000${pad(r.row.current.rank)}\u0000${r.row.body}`,
  columns(ds) {
    const { body } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: Change) => Cell) => col('result-changes', name, schema, value);
    return [
      ...cycleColumns<Change>('result-changes', ds),
      c('body', id(), (r) => r.row.body),
      ...localized<Change>('result-changes', 'body_name', (r) => body.get(r.row.body)!.name),
      c('previous_cycle', id(), (r) => r.previous),
      c('previous_rank', optInt(), (r) => r.row.previous?.rank ?? null),
      c('previous_total', optNum(), (r) => r.row.previous?.total ?? null),
      c('previous_grade', optWords(), (r) => r.row.previous?.grade ?? null),
      c('rank', int().min(1), (r) => r.row.current.rank),
      c('total', num(), (r) => r.row.current.total),
      c('grade', words(), (r) => r.row.current.grade),
      c('change', optNum(), (r) => (r.row.delta === undefined ? null : Math.round(r.row.delta * 100) / 100)),
    ];
  },
  scopes: (ds) => {
    const moved = new Map<string, string[][]>();
    for (const m of highlights(ds, 3)) for (const dir of ['up', 'down'] as const) for (const r of m[dir]) moved.set(`${m.to.id}/${r.body}`, [...(moved.get(`${m.to.id}/${r.body}`) ?? []), dataScopes.highlights(`${m.scheme.id}-${dir}`)]);
    return (r) => [dataScopes.cycle(r.cycle), ...(moved.get(`${r.cycle}/${r.row.body}`) ?? [])];
  },
};

/** Every cycle with its dates: the cycles list, and what citations date a cycle by. */
export const cycles: TableSpec<Of<'cycles'>> = {
  name: 'cycles',
  primaryKey: ['cycle'],
  records: (ds) => ds.cycles,
  order: (c) => `${9999 - c.year}\u0000${c.scheme}`,
  columns(ds) {
    const { scheme, framework } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: Of<'cycles'>) => Cell) => col('cycles', name, schema, value);
    return [
      c('cycle', id(), (x) => x.id),
      c('scheme', id(), (x) => x.scheme),
      ...localized<Of<'cycles'>>('cycles', 'scheme_name', (x) => scheme.get(x.scheme)!.shortName ?? scheme.get(x.scheme)!.name),
      c('year', int(), (x) => x.year),
      c('status', z.enum(['planned', 'in-progress', 'published']), (x) => x.status),
      c('published', date().nullable(), (x) => x.published ?? null),
      c('last_corrected', date().nullable(), (x) => x.revisions.map((r) => r.date).sort().at(-1) ?? null),
      c('bodies', int().min(0), (x) => cycleSize(ds, x.id)),
      c('grade_scale', words(), (x) => describeScale(framework(x.id).grading)),
      c('corrections', int().min(0), (x) => x.revisions.length),
    ];
  },
};

type FrameworkDimension = { scheme: Of<'schemes'>; framework: Of<'schemes'>['frameworks'][number]; dimension: DimensionScore['dimension'] };
export const schemes: TableSpec<FrameworkDimension> = {
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
  scopes: () => (r) => [dataScopes.framework(r.scheme.id, r.framework.year)],
};

export const bodies: TableSpec<Of<'bodies'>> = {
  name: 'bodies',
  primaryKey: ['id'],
  records: (ds) => ds.bodies,
  order: (b) => b.id,
  columns: (ds) => {
    const c = (name: string, schema: z.ZodType, value: (b: Of<'bodies'>) => Cell) => col('bodies', name, schema, value);
    const latest = (b: Of<'bodies'>) => latestResult(ds, b.id)?.result;
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
      c('latest_cycle', id().nullable(), (b) => latest(b)?.cycle ?? null),
      c('latest_total', optNum(), (b) => latest(b)?.total ?? null),
      c('latest_grade', optWords(), (b) => latest(b)?.grade ?? null),
    ];
  },
  scopes: () => (b) => [dataScopes.kind(b.kind)],
};

type CorrectionRecord = { cycle: Of<'cycles'>; revision: Of<'cycles'>['revisions'][number] };
export const corrections: TableSpec<CorrectionRecord> = {
  name: 'corrections',
  primaryKey: ['cycle', 'id'],
  records: (ds) => ds.cycles.flatMap((cycle) => cycle.revisions.map((revision) => ({ cycle, revision }))),
  // Newest first, as the corrections page lists them.
  order: (r) => `${99999999 - Number(r.revision.date.replaceAll('-', ''))}\u0000${r.cycle.id}\u0000${r.revision.id}`,
  columns: (ds) => {
    const { body } = lookups(ds);
    const c = (name: string, schema: z.ZodType, value: (r: CorrectionRecord) => Cell) => col('corrections', name, schema, value);
    return [
      c('cycle', id(), (r) => r.cycle.id),
      c('scheme', id(), (r) => r.cycle.scheme),
      c('year', int(), (r) => r.cycle.year),
      c('id', id(), (r) => r.revision.id),
      c('date', date(), (r) => r.revision.date),
      c('body', id().nullable(), (r) => r.revision.body ?? null),
      ...perLocale<CorrectionRecord>('corrections', 'body_name', (r, l) => (r.revision.body ? text(body.get(r.revision.body)?.name, l) : null), false),
      c('field', words(), (r) => r.revision.field),
      ...perLocale<CorrectionRecord>('corrections', 'field_name', (r, l) => fieldName(ds, r.cycle, r.revision.field, l)),
      c('old_value', z.string(), (r) => String(r.revision.old)),
      c('new_value', z.string(), (r) => String(r.revision.new)),
      ...localized<CorrectionRecord>('corrections', 'description', (r) => r.revision.description),
      ...localized<CorrectionRecord>('corrections', 'reason', (r) => r.revision.reason),
    ];
  },
  scopes: () => (r) => [dataScopes.cycle(r.cycle.id), ...(r.revision.body ? [dataScopes.body(r.revision.body)] : [])],
};
