// What the /data/ routes publish, computed once per build from the site's dataset.
import type { Dataset } from '../content/dataset.ts';
import type { SiteData } from '../site.ts';
import { openDataTables, type Table } from './tables.ts';
import { dataPackage, tableCsv, tableJson, tableJsonSchema } from './serialize.ts';

export * from './tables.ts';
export * from './serialize.ts';

const tableCache = new WeakMap<Dataset, Table[]>();
export function tables(ds: Dataset): Table[] {
  let t = tableCache.get(ds);
  if (!t) tableCache.set(ds, (t = openDataTables(ds)));
  return t;
}

/** A stable version for the data package: the latest publication, correction or panel-results export date in the content. */
export function datasetVersion(ds: Dataset): string {
  const dates = [
    ...ds.cycles.flatMap((c) => [c.published, ...c.revisions.map((r) => r.date)]),
    ...ds.panel.rounds.map((r) => r.exportedAt.slice(0, 10)),
  ].filter((d): d is string => !!d);
  return dates.sort().at(-1) ?? '0000-00-00';
}

/** Every file under /data/ with its media type and body. */
export function dataFiles(site: SiteData): { file: string; type: string; body: () => string }[] {
  const list = tables(site);
  const url = (file: string) => new URL(site.routes.dataFile(file), site.url).href;
  return [
    ...list.flatMap((t) => [
      { file: `${t.name}.csv`, type: 'text/csv; charset=utf-8', body: () => tableCsv(t) },
      { file: `${t.name}.json`, type: 'application/json; charset=utf-8', body: () => tableJson(t) },
      { file: `${t.name}.schema.json`, type: 'application/schema+json; charset=utf-8', body: () => tableJsonSchema(t, url(`${t.name}.schema.json`)) },
    ]),
    { file: 'datapackage.json', type: 'application/json; charset=utf-8', body: () => `${JSON.stringify(dataPackage(list, site, datasetVersion(site)), null, 2)}\n` },
  ];
}
