// Open-data tables of the fiscal program review: the ratings of every program-year (with the
// page tables their rows appear in), the review's criteria and its rating scale.
import { z } from 'zod';
import { dataScopes, t, text } from '../../i18n/index.ts';
import { programRatings } from '../../schemas/program.ts';
import { allRatedYears } from '../queries.ts';
import { col, columnName, id, int, localized, lookups, num, optNum, type Cell, type ColumnSpec, type Of, type TableSpec } from './columns.ts';

export const programRatingsTable: TableSpec<Of<'programRatings'>> = {
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
      c('currency', z.string().regex(/^[A-Z]{3}$/), () => ds.site.currency),
      c('budget_unit', num().positive(), () => ds.site.budgetScale),
      ...localized<Of<'programRatings'>>('program-ratings', 'budget_note', (r) => r.budgetNote, false),
      ...localized<Of<'programRatings'>>('program-ratings', 'remarks', (r) => r.remarks, false),
    ];
  },
  scopes(ds) {
    const { program } = lookups(ds);
    const latest = new Map<string, number>();
    for (const r of ds.programRatings) latest.set(r.program, Math.max(latest.get(r.program) ?? 0, r.year));
    const cut = new Map(allRatedYears(ds).map((x) => [`${x.program.id}/${x.rating.year}`, x]));
    return (r) => {
      const x = cut.get(`${r.program}/${r.year}`);
      return [
        dataScopes.program(r.program), dataScopes.body(program.get(r.program)!.body), dataScopes.ratings(r.rating),
        ...(latest.get(r.program) === r.year ? [dataScopes.ratings('latest')] : []),
        ...(x?.cutConsidered !== undefined ? [dataScopes.ratings('cut-considered')] : []),
        ...(x?.cutAtLeast === false ? [dataScopes.ratings('cut-considered-under')] : []),
      ];
    };
  },
};

type Criterion = NonNullable<ReturnType<typeof reviewOf>>['criteria'][number];
const reviewOf = (ds: Parameters<TableSpec<unknown>['records']>[0]) => ds.programReview;

export const programCriteria: TableSpec<Criterion> = {
  name: 'program-criteria',
  primaryKey: ['criterion'],
  records: (ds) => reviewOf(ds)?.criteria ?? [],
  order: () => '',
  columns: () => {
    const c = (name: string, schema: z.ZodType, value: (r: Criterion) => Cell) => col('program-criteria', name, schema, value);
    return [
      c('criterion', id(), (k) => k.id),
      ...localized<Criterion>('program-criteria', 'name', (k) => k.name),
      c('max', num().positive(), (k) => k.max),
      ...localized<Criterion>('program-criteria', 'description', (k) => k.description, false),
    ];
  },
};

type RatingStep = NonNullable<ReturnType<typeof reviewOf>>['ratings'][number];
export const programRatingScale: TableSpec<RatingStep> = {
  name: 'program-rating-scale',
  primaryKey: ['rating'],
  records: (ds) => reviewOf(ds)?.ratings ?? [],
  order: () => '',
  columns: (ds) => {
    const c = (name: string, schema: z.ZodType, value: (r: RatingStep) => Cell) => col('program-rating-scale', name, schema, value);
    return [
      c('rating', z.enum(programRatings), (r) => r.rating),
      ...localized<RatingStep>('program-rating-scale', 'label', (r) => r.label),
      c('min_total', num().min(0), (r) => r.min),
      c('cut_considered', optNum(), (r) => r.cutConsidered ?? null),
      c('rated_years', int().min(0), (r) => ds.programRatings.filter((x) => x.rating === r.rating).length),
    ];
  },
};

