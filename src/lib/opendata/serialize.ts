// Files published under /data/: CSV, JSON, JSON Schema and the Frictionless Data Package.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { METADATA_LOCALE, text } from '../../i18n/index.ts';
import type { SiteData } from '../site.ts';
import { jsonSchema, type Cell, type Row, type Table } from './tables.ts';

/** CSV text of a table (or of the rows one page shows): header of column names, UTF-8 (no BOM), CRLF, RFC 4180 quoting; null → empty cell. */
export function tableCsv(t: Table, rows: Row[] = t.rows): string {
  const cell = (v: Cell) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
  return stringify([t.columns.map((c) => c.name), ...rows.map((r) => t.columns.map((c) => cell(r[c.name] ?? null)))], {
    record_delimiter: 'windows', // RFC 4180 says CRLF; every CSV reader accepts it.
    quoted_match: /^[\s=+\-@]/, // never let a spreadsheet read a leading = + - @ as a formula.
  });
}

/**
 * The same CSV for Excel: a UTF-8 byte-order mark first, which is how Excel (Windows and Mac) decides
 * a CSV is UTF-8 when opened by double-click, so Chinese and Korean are not garbled. No `sep=` line:
 * with one, Excel ignores the mark.
 */
export function tableExcelCsv(t: Table, rows: Row[] = t.rows): string {
  return `\uFEFF${tableCsv(t, rows)}`;
}

/** JSON text: an array of row objects with every column present (null when empty). */
export function tableJson(t: Table, rows: Row[] = t.rows): string {
  return `${JSON.stringify(rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.name, r[c.name] ?? null]))), null, 1)}\n`;
}

export function tableJsonSchema(t: Table, schemaUrl: string): string {
  return `${JSON.stringify(jsonSchema(t, schemaUrl), null, 2)}\n`;
}

/** A Frictionless Table Schema field, derived from the column's zod type. */
export interface Field {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'date';
  description: string;
  format?: string;
  constraints?: { required?: boolean; enum?: (string | number)[]; minimum?: number; maximum?: number; pattern?: string };
}

type JS = { type?: string | string[]; format?: string; anyOf?: JS[]; enum?: (string | number)[]; minimum?: number; maximum?: number; pattern?: string };

export function tableFields(t: Table): Field[] {
  return t.columns.map((c) => {
    const js = z.toJSONSchema(c.schema) as JS;
    // zod writes a nullable as `anyOf: [T, null]`, or as `type: [t, "null"]` for plain types.
    const alternatives: JS[] = js.anyOf ?? (Array.isArray(js.type) ? js.type.map((type) => ({ ...js, type })) : [js]);
    const nullable = alternatives.some((a) => a.type === 'null');
    const s = alternatives.find((a) => a.type !== 'null')!;
    const type: Field['type'] = s.type === 'integer' ? 'integer' : s.type === 'number' ? 'number' : s.type === 'boolean' ? 'boolean' : s.format === 'date' ? 'date' : 'string';
    const constraints: NonNullable<Field['constraints']> = {};
    if (!nullable) constraints.required = true;
    if (s.enum) constraints.enum = s.enum;
    // zod writes the safe-integer range for every int; only real bounds are worth publishing.
    if (s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER) constraints.minimum = s.minimum;
    if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) constraints.maximum = s.maximum;
    if (type === 'string' && s.pattern && !s.format) constraints.pattern = s.pattern;
    return { name: c.name, type, description: c.about(METADATA_LOCALE), ...(s.format === 'uri' ? { format: 'uri' } : {}), ...(Object.keys(constraints).length ? { constraints } : {}) };
  });
}

/** Licence id as Open Definition spells it ("CC BY 4.0" → "CC-BY-4.0"). */
export const licenseId = (name: string) => name.trim().replace(/\s+/g, '-');

/** The Frictionless Data Package (v2) describing every file under /data/. */
export function dataPackage(tables: Table[], site: SiteData, version: string): Record<string, unknown> {
  const settings = site.site;
  const license = { name: licenseId(settings.license.name), path: settings.license.url, title: settings.license.name };
  const publisher = text(settings.publisher, METADATA_LOCALE);
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'open-results',
    title: text(settings.name, METADATA_LOCALE),
    description: settings.demoData ? (settings.demoNotice ? text(settings.demoNotice, METADATA_LOCALE) : 'Demo data.') : `Performance-evaluation results published by ${publisher}.`,
    homepage: new URL(site.routes.in(site.routes.defaultLocale).data(), site.url).href,
    version,
    licenses: [license],
    contributors: [{ title: publisher, roles: ['publisher'] }],
    resources: tables.filter((t) => t.whole).flatMap((t) => {
      const schema = { fields: tableFields(t), primaryKey: t.primaryKey, missingValues: [''] };
      const common = { type: 'table', title: t.title(METADATA_LOCALE), description: t.description(METADATA_LOCALE), encoding: 'utf-8', licenses: [license], schema };
      return [
        { name: t.name, path: `${t.name}.csv`, format: 'csv', mediatype: 'text/csv', ...common, dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true } },
        { name: `${t.name}-json`, path: `${t.name}.json`, format: 'json', mediatype: 'application/json', ...common, jsonSchema: `${t.name}.schema.json` },
      ];
    }),
  };
}
