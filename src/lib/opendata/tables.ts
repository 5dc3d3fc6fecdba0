// Open-data tables as declarative specs (./columns.ts, ./*-tables.ts): each table says which
// records it lists, in which order, its columns, and which page tables show which of its rows.
// What a table and a column mean lives in the dictionaries (`data.table.<table>.*`,
// `data.col.<table>.<column>`), so the data pages speak every locale; CSV, JSON, JSON Schema, the
// Frictionless descriptor, the data dictionary pages and every page's own downloads are all derived
// from the one spec, so they cannot drift apart. While the site shows demo data, every row of
// every table says so in a `demo` column.
import { z } from 'zod';
import { METADATA_LOCALE, dataScopes, t, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Dataset } from '../content/dataset.ts';
import type { Cell, Column, ColumnSpec, Row, TableSpec } from './columns.ts';
import { programCriteria, programRatingScale, programRatingsTable } from './program-tables.ts';
import { roundReceipts, roundResults, roundTurnout } from './panel-tables.ts';
import { bodies, corrections, cycleResultsSpec, cycles, dimensionScores, indicators, results, resultChanges, schemes } from './results-tables.ts';

export type { Cell, Column, Row } from './columns.ts';
export { columnName } from './columns.ts';

/** The rows of one page's table: a dataScopes path (src/i18n/routes.ts) and the rows under it. */
export interface Scoped {
  scope: string[];
  rows: Row[];
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
  /** The rows each page table shows, by scope, in table order. */
  scopes: Scoped[];
  /** Whether /data/<name>.* holds the whole table; false for tables published per page only (a cycle's results). */
  whole: boolean;
  /** Where the table's JSON Schema lives when it is not the whole table's (the cycle of a cycle's results). */
  schemaScope?: string[];
}

/** Every whole table, in the order the data index lists them. */
const specs = [
  results, resultChanges, dimensionScores, indicators, programRatingsTable, programCriteria, programRatingScale, bodies, cycles, schemes, corrections,
  roundResults, roundTurnout, roundReceipts,
] as TableSpec<unknown>[];

/** The `demo` column every row carries while the site publishes demo data. */
const demoColumn = <R>(): ColumnSpec<R> => ({ name: 'demo', schema: z.boolean(), value: () => true, about: (l) => t(l, 'data.demoColumn') });

/** A spec applied to a dataset: its rows, in order, with every column filled, grouped by the page tables that show them. */
function build<R>(spec: TableSpec<R>, ds: Dataset, whole = true, schemaScope?: string[]): Table {
  const columns = [...spec.columns(ds), ...(ds.site.demoData ? [demoColumn<R>()] : [])];
  const records = spec.records(ds).map((r, i) => ({ r, key: spec.order(r), i }));
  // Stable: equal keys keep the records' own order.
  records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const scopesOf = spec.scopes?.(ds);
  const scoped = new Map<string, Scoped>();
  const rows = records.map(({ r }) => {
    const row: Row = Object.fromEntries(columns.map((c) => [c.name, c.value(r) as Cell]));
    for (const scope of scopesOf?.(r) ?? []) {
      const k = scope.join('/');
      const entry = scoped.get(k) ?? scoped.set(k, { scope, rows: [] }).get(k)!;
      entry.rows.push(row);
    }
    return row;
  });
  return {
    name: spec.name,
    title: (l) => t(l, `data.table.${spec.name}.title` as MessageKey),
    description: (l) => t(l, `data.table.${spec.name}.description` as MessageKey),
    primaryKey: spec.primaryKey,
    columns: columns.map(({ name, schema, about }) => ({ name, schema, about })),
    rows,
    scopes: [...scoped.values()],
    whole,
    schemaScope,
  };
}

export function openDataTables(ds: Dataset): Table[] {
  return specs.map((s) => build(s, ds));
}

/** Each cycle's results as its page shows them, with that cycle's dimension columns (published per cycle only). */
export function cycleResultTables(ds: Dataset): Table[] {
  return ds.cycles.filter((c) => ds.results.some((r) => r.cycle === c.id)).map((c) => build(cycleResultsSpec(ds, c.id), ds, false, dataScopes.cycle(c.id)));
}

/**
 * The data dictionary of every cycle's results at once: the shared columns and every dimension
 * column any cycle has (each cycle's own JSON Schema lists exactly its columns).
 */
export function cycleResultsDictionary(ds: Dataset): Table {
  const list = cycleResultTables(ds);
  const columns = new Map<string, Column>();
  for (const tb of list) for (const c of tb.columns) if (!columns.has(c.name)) columns.set(c.name, c);
  const order = (name: string) => (name.startsWith('score_') ? 1 : ['bonus', 'demo'].includes(name) || name.startsWith('remarks') ? 2 : 0);
  const base = list[0] ?? build(cycleResultsSpec(ds, ds.cycles[0]!.id), ds, false);
  return { ...base, columns: [...columns.values()].sort((a, b) => order(a.name) - order(b.name)), rows: list.flatMap((x) => x.rows), scopes: list.flatMap((x) => x.scopes) };
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
