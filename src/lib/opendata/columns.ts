// The pieces table specs are made of: cells, column types, localized columns and the spec shape.
// What a column means lives in the dictionaries (`data.col.<table>.<column>`).
import { z } from 'zod';
import { LOCALE_FACTS, LOCALES, SOURCE_LOCALE, t, type Locale, type LocalizedText, type MessageKey } from '../../i18n/index.ts';
import { frameworkOf, type Dataset } from '../content/dataset.ts';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** One column: its name, its zod type (for JSON Schema and validation) and what it means in each locale. */
export interface Column {
  name: string;
  schema: z.ZodType;
  about(locale: Locale): string;
}

/** A column spec over records of type R. */
export interface ColumnSpec<R> extends Column {
  value(record: R): Cell;
}

/** A table spec: which records, in which order, its columns, and which pages show which of its rows. */
export interface TableSpec<R> {
  name: string;
  primaryKey: string[];
  records(ds: Dataset): R[];
  /** Sort key of a record (records are listed in its order). */
  order(record: R): string;
  columns(ds: Dataset): ColumnSpec<R>[];
  /** The page tables (dataScopes paths, src/i18n/routes.ts) a record is a row of, besides the whole table. */
  scopes?(ds: Dataset): (record: R) => string[][];
}

// Column types. Optional values are `null` in JSON and an empty cell in CSV, so every row
// has every column (stable shape for spreadsheets and scripts).
export const id = () => z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
export const words = () => z.string().min(1);
export const optWords = () => z.string().min(1).nullable();
export const int = () => z.number().int();
export const num = () => z.number();
export const optNum = () => z.number().nullable();
export const optInt = () => z.number().int().nullable();
export const optCount = () => z.number().int().min(0).nullable();
export const date = () => z.iso.date();

/** Column names are snake_case; content ids use hyphens. */
export const columnName = (s: string) => s.replace(/-/g, '_');

/** A column whose meaning is the dictionary entry `data.col.<table>.<name>`. */
export const col = <R>(table: string, name: string, schema: z.ZodType, value: (r: R) => Cell): ColumnSpec<R> => ({
  name, schema, value, about: (l) => t(l, `data.col.${table}.${name}` as MessageKey),
});

const languageName = (of: Locale, inLocale: Locale) => new Intl.DisplayNames(LOCALE_FACTS[inLocale].intl, { type: 'language' }).of(of) ?? of;

/**
 * One column per locale (`name_zh_hant`, `name_en`, `name_ko`): the source locale's is required
 * unless `required` is false; the others are empty until translated.
 */
export function perLocale<R>(table: string, prefix: string, get: (r: R, l: Locale) => string | null | undefined, required = true): ColumnSpec<R>[] {
  return LOCALES.map((l) => ({
    name: `${prefix}_${LOCALE_FACTS[l].column}`,
    schema: l === SOURCE_LOCALE && required ? words() : optWords(),
    value: (r: R) => get(r, l) || null,
    about: (reader: Locale) =>
      t(reader, l === SOURCE_LOCALE ? 'data.localizedSource' : 'data.localizedTranslation', { what: t(reader, `data.col.${table}.${prefix}` as MessageKey), language: languageName(l, reader) }),
  }));
}

/** The per-locale columns of a localized content text. */
export const localized = <R>(table: string, prefix: string, get: (r: R) => LocalizedText | undefined, required = true) => perLocale<R>(table, prefix, (r, l) => get(r)?.[l], required);

/** Lookups every table shares. */
export function lookups(ds: Dataset) {
  const body = new Map(ds.bodies.map((b) => [b.id, b]));
  const scheme = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycle = new Map(ds.cycles.map((c) => [c.id, c]));
  const program = new Map(ds.programs.map((p) => [p.id, p]));
  const cases = new Map(ds.cases.map((c) => [c.id, c]));
  return { body, scheme, cycle, program, cases, framework: (cycleId: string) => { const c = cycle.get(cycleId)!; return frameworkOf(scheme.get(c.scheme), c)!; } };
}

/** cycle, scheme and year columns of a record that belongs to a cycle. */
export function cycleColumns<R extends { cycle: string }>(table: string, ds: Dataset): ColumnSpec<R>[] {
  const { cycle } = lookups(ds);
  return [
    col<R>(table, 'cycle', id(), (r) => r.cycle),
    col<R>(table, 'scheme', id(), (r) => cycle.get(r.cycle)!.scheme),
    col<R>(table, 'year', int(), (r) => cycle.get(r.cycle)!.year),
  ];
}

export const pad = (n: number) => String(n).padStart(6, '0');
export type Of<K extends keyof Dataset> = Dataset[K] extends (infer X)[] ? X : never;
