// What the /data/ files hold, computed once per build from the site's dataset: every whole table
// (CSV, CSV for Excel, JSON, JSON Schema, the data package) and every page table's own rows.
import { dataFormats, type DataFormat } from '../../i18n/routes.ts';
import type { Dataset } from '../content/dataset.ts';
import type { SiteData } from '../site.ts';
import { cycleResultsDictionary, cycleResultTables, openDataTables, type Row, type Scoped, type Table } from './tables.ts';
import { dataPackage, tableCsv, tableExcelCsv, tableJson, tableJsonSchema } from './serialize.ts';

export * from './tables.ts';
export * from './serialize.ts';

const tableCache = new WeakMap<Dataset, Table[]>();
/** Every whole table, in data-index order. */
export function tables(ds: Dataset): Table[] {
  let t = tableCache.get(ds);
  if (!t) tableCache.set(ds, (t = openDataTables(ds)));
  return t;
}

const cycleCache = new WeakMap<Dataset, Table[]>();
/** Every table a page can offer: the whole tables and each cycle's own results. */
export function allTables(ds: Dataset): Table[] {
  let t = cycleCache.get(ds);
  if (!t) cycleCache.set(ds, (t = [...tables(ds), ...cycleResultTables(ds)]));
  return t;
}

const dictionaryCache = new WeakMap<Dataset, Table[]>();
/** Every table with a data dictionary page: the whole tables and the cycle results (all cycles' columns). */
export function dictionaryTables(ds: Dataset): Table[] {
  let t = dictionaryCache.get(ds);
  if (!t) dictionaryCache.set(ds, (t = [...tables(ds), ...(cycleResultTables(ds).length ? [cycleResultsDictionary(ds)] : [])]));
  return t;
}

/** The rows a page's table shows: a table and, for a page's own subset, its dataScopes path. Throws on an unknown table or scope. */
export function tableView(ds: Dataset, name: string, scope?: readonly string[]): { table: Table; rows: Row[]; scope: string[] } {
  const key = scope?.join('/');
  const candidates = allTables(ds).filter((t) => t.name === name && (key === undefined ? t.whole : t.scopes.some((s) => s.scope.join('/') === key)));
  if (candidates.length === 0) throw new Error(`no open-data table "${name}"${key ? ` with rows under ${key}` : ''}`);
  const table = candidates[0]!;
  const rows = key === undefined ? table.rows : table.scopes.find((s) => s.scope.join('/') === key)!.rows;
  return { table, rows, scope: scope ? [...scope] : [] };
}

/** A stable version for the data package: the latest publication, correction or panel-results export date in the content. */
export function datasetVersion(ds: Dataset): string {
  const dates = [
    ...ds.cycles.flatMap((c) => [c.published, ...c.revisions.map((r) => r.date)]),
    ...ds.panel.rounds.map((r) => r.exportedAt.slice(0, 10)),
  ].filter((d): d is string => !!d);
  return dates.sort().at(-1) ?? '0000-00-00';
}

export interface DataFile {
  /** Site path (from the route table), base path included. */
  path: string;
  type: string;
  body: () => string;
}

const media: Record<DataFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'excel.csv': 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  'schema.json': 'application/schema+json; charset=utf-8',
};

/** The files of one table's rows: CSV, CSV for Excel, JSON and (for whole tables and cycle results) its JSON Schema. */
function filesOf(site: SiteData, t: Table, part: Scoped | undefined, rows: Row[]): DataFile[] {
  const path = (format: DataFormat) => site.routes.dataView(t.name, format, part?.scope);
  const withSchema = part === undefined || (t.schemaScope !== undefined && t.schemaScope.join('/') === part.scope.join('/'));
  return dataFormats.filter((f) => f !== 'schema.json' || withSchema).map((format) => ({
    path: path(format),
    type: media[format],
    body: () => format === 'csv' ? tableCsv(t, rows) : format === 'excel.csv' ? tableExcelCsv(t, rows) : format === 'json' ? tableJson(t, rows) : tableJsonSchema(t, new URL(path(format), site.url).href),
  }));
}

/** The whole-dataset files under /data/ (an Astro route writes them) and the data package. */
export function dataFiles(site: SiteData): DataFile[] {
  return [
    ...tables(site).flatMap((t) => filesOf(site, t, undefined, t.rows)),
    { path: site.routes.dataFile('datapackage.json'), type: 'application/json; charset=utf-8', body: () => `${JSON.stringify(dataPackage(tables(site), site, datasetVersion(site)), null, 2)}\n` },
  ];
}

/** Every page table's own files (/data/<scope>/<table>.*), written after the build (astro.config.mjs) and served by the dev server. */
export function pageDataFiles(site: SiteData): DataFile[] {
  return allTables(site).flatMap((t) => t.scopes.flatMap((s) => filesOf(site, t, s, s.rows)));
}
