// Text formats for the CLI (string in, objects out; the caller does the file I/O).
// Every error reads "file:line: field: reason" so staff can fix the input directly.
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { LineCounter, parseDocument, stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import { DrawRecordSchema, QuotasSchema, type DrawRecord, type Pool, type Quotas } from './schema.ts';

/** Bad input file; `message` is "file:line: field: reason" (one line per problem). */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** Parse a pool CSV: header `id,<category>,<category>…`, one row per pseudonymous member. */
export function parsePoolCsv(text: string, file: string): Pool {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { info: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as unknown as typeof rows;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw new InputFileError(`${file}:${line}: csv: ${(e as Error).message}`);
  }
  if (rows.length === 0) throw new InputFileError(`${file}:1: header: file is empty`);
  const header = rows[0]!.record;
  const errors: string[] = [];
  if (header[0] !== 'id') errors.push(`${file}:1: header: first column must be "id", found "${header[0] ?? ''}"`);
  if (header.length < 2) errors.push(`${file}:1: header: needs at least one category column after "id"`);
  header.forEach((h, i) => {
    if (!h) errors.push(`${file}:1: header: column ${i + 1} has no name`);
    else if (header.indexOf(h) !== i) errors.push(`${file}:1: header: column "${h}" appears twice`);
  });
  if (errors.length) throw new InputFileError(errors.join('\n'));
  const categories = header.slice(1);
  const seen = new Map<string, number>();
  const pool: Pool = [];
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push(`${file}:${line}: row: expected ${header.length} fields, found ${record.length}`);
      continue;
    }
    const id = record[0]!;
    if (!id) errors.push(`${file}:${line}: id: must not be empty`);
    else if (seen.has(id)) errors.push(`${file}:${line}: id: duplicate "${id}" (first on line ${seen.get(id)})`);
    else seen.set(id, line);
    const features: Record<string, string> = {};
    categories.forEach((c, i) => {
      const v = record[i + 1]!;
      if (!v) errors.push(`${file}:${line}: ${c}: must not be empty`);
      features[c] = v;
    });
    pool.push({ id, features });
  }
  if (errors.length) throw new InputFileError(errors.slice(0, 50).join('\n') + (errors.length > 50 ? `\n… and ${errors.length - 50} more` : ''));
  if (pool.length === 0) throw new InputFileError(`${file}:2: row: the pool has no members`);
  return pool;
}

/** Serialise a pool as CSV (`id` then categories in the given order). */
export function formatPoolCsv(pool: Pool, categories: readonly string[]): string {
  return stringifyCsv([['id', ...categories], ...pool.map((m) => [m.id, ...categories.map((c) => m.features[c] ?? '')])]);
}

/** Parse YAML and validate it with `schema`, reporting the line of each failing field. */
function parseYamlWith<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new InputFileError(
      doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: yaml: ${e.message.split('\n')[0]}`).join('\n'),
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  throw new InputFileError(
    result.error.issues
      .slice(0, 50)
      .map((issue) => {
        // Point at the deepest node that exists on the issue's path.
        let line = 1;
        for (let n = issue.path.length; n >= 0; n--) {
          const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
          if (node?.range) {
            line = lineCounter.linePos(node.range[0]).line;
            break;
          }
        }
        return `${file}:${line}: ${issue.path.join('.') || '(root)'}: ${issue.message}`;
      })
      .join('\n'),
  );
}

/** Parse a quotas YAML file: `category: { value: { min, max }, … }, …`. */
export function parseQuotasYaml(text: string, file: string): Quotas {
  return parseYamlWith(text, file, QuotasSchema);
}

/** Serialise quotas as YAML with one flow mapping per value (`r01: { min: 20, max: 26 }`). */
export function formatQuotasYaml(quotas: Quotas): string {
  const lines: string[] = [];
  for (const [c, values] of Object.entries(quotas)) {
    lines.push(`${c}:`);
    for (const [v, q] of Object.entries(values)) lines.push(`  ${JSON.stringify(v)}: { min: ${q.min}, max: ${q.max} }`);
  }
  return lines.join('\n') + '\n';
}

/** Parse and validate a published draw record (YAML). */
export function parseDrawRecordYaml(text: string, file: string): DrawRecord {
  return parseYamlWith(text, file, DrawRecordSchema);
}

/** Serialise a draw record as YAML. */
export function formatDrawRecordYaml(record: DrawRecord): string {
  return stringifyYaml(record, { lineWidth: 0 });
}
