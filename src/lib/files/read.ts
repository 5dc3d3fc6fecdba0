// Reading content files with positions, so every problem can name its line.
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems.ts';

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Decode a file as strict UTF-8. Empty files, a byte-order mark and invalid byte
 * sequences are problems: content files are canonical UTF-8 (the import CLI normalises
 * spreadsheet exports).
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text?: string; problems: Problem[] } {
  if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
    return { problems: [{ file, line: 1, field: 'file', reason: 'starts with a byte-order mark (BOM); save as UTF-8 without BOM, or run `npm run import`, which removes it' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problems: [{ file, line: firstInvalidUtf8Line(bytes), field: 'file', reason: 'is not valid UTF-8 (save the file as UTF-8; Big5 or other encodings are not accepted)' }] };
  }
  if (text.trim() === '') return { problems: [{ file, line: 1, field: 'file', reason: 'is empty' }] };
  return { text, problems: [] };
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/** A parsed YAML file that can say on which line any value (or its nearest parent) sits. */
export interface YamlFile {
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number;
}

export function readYaml(file: string, text: string, lineOffset = 0): { yaml?: YamlFile; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: lineOffset + (e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line),
        field: 'yaml',
        reason: e.message.split('\n')[0]!,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]) => lineOffset + nodeLine(doc, lineCounter, path);
  return { yaml: { value: doc.toJS(), lineOf }, problems: [] };
}

function nodeLine(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number {
  // Walk down as far as the path exists; a missing key is reported at its parent.
  let node: unknown = doc.contents;
  let line = node && typeof node === 'object' && 'range' in node ? lc.linePos((node as { range: number[] }).range[0]!).line : 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as { range?: number[] };
      if (keyNode?.range) line = lc.linePos(keyNode.range[0]!).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const r = (node as { range?: number[] } | undefined)?.range;
      if (r) line = lc.linePos(r[0]!).line;
    } else break;
  }
  return line;
}

/** A row of a CSV file with its spreadsheet row number. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** Parse a CSV with a header row; row numbers are the spreadsheet's (header = row 1). */
export function readCsv(file: string, text: string): { header?: string[]; rows: CsvRow[]; problems: Problem[] } {
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: false, relax_column_count: true, trim: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { rows: [], problems: [{ file, line: err.lines ?? 1, field: 'csv', reason: err.message.replace(/^Invalid [^:]*: /, '') }] };
  }
  const problems: Problem[] = [];
  const [head, ...body] = records;
  if (!head) return { rows: [], problems: [{ file, line: 1, field: 'file', reason: 'is empty' }] };
  const header = head.record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') problems.push({ file, line: 1, field: 'header', reason: 'has an empty column name' });
    else if (seen.has(h)) problems.push({ file, line: 1, field: h, reason: 'column appears twice' });
    seen.add(h);
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.every((c) => c.trim() === '')) continue; // blank spreadsheet rows
    if (record.length !== header.length) {
      problems.push({ file, line: info.records, field: 'row', reason: `has ${record.length} cells, the header has ${header.length}` });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = record[i]!));
    rows.push({ line: info.records, cells });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ file, line: 1, field: 'file', reason: 'has a header but no rows' });
  return { header, rows, problems };
}

/** Split Markdown into YAML front matter (with its line offset) and body. */
export function splitFrontmatter(file: string, text: string): { frontmatter?: string; offset: number; body: string; problems: Problem[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { offset: 0, body: text, problems: [{ file, line: 1, field: 'front matter', reason: 'is missing (the file must start with a --- block)' }] };
  return { frontmatter: m[1]!, offset: 1, body: text.slice(m[0].length), problems: [] };
}

/** Turn zod issues into problems, each at the line of the field it concerns. */
export function zodProblems(file: string, error: z.ZodError, lineOf: (path: readonly PropertyKey[]) => number, fieldPrefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const field = path.length ? (fieldPrefix ? `${fieldPrefix}.` : '') + formatPath(path) : fieldPrefix || 'file';
    return { file, line: lineOf(path), field, reason: reasonOf(issue) };
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'is required';
  // Messages written in our schemas (src/schemas/csv.ts) already speak the reader's language.
  if (!/^(Invalid|Unrecognized)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field (allowed fields are listed in src/schemas)`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'invalid_union':
      return issue.message.startsWith('Invalid input') ? `is not valid here (${issue.message})` : issue.message;
    default:
      return issue.message;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * Read one YAML entity file (`<id>.yaml`): strict UTF-8, a mapping, its `id` equal to the file
 * name (filled in when absent, with `idFrom`), then the schema. Every problem names its line.
 */
export function readYamlEntity<S extends z.ZodType>(
  file: string,
  bytes: Uint8Array,
  schema: S,
  idFrom?: string,
): { data?: z.output<S>; yaml?: YamlFile; problems: Problem[] } {
  const decoded = decodeUtf8(file, bytes);
  if (decoded.text === undefined) return { problems: decoded.problems };
  const { yaml, problems } = readYaml(file, decoded.text);
  if (!yaml) return { problems };
  let value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ file, line: 1, field: 'file', reason: 'must be a YAML mapping of fields' }] };
  }
  if (idFrom !== undefined) {
    const v = value as Record<string, unknown>;
    if (v.id === undefined) value = { id: idFrom, ...v };
    else if (v.id !== idFrom) return { problems: [{ file, line: yaml.lineOf(['id']), field: 'id', reason: `must equal the file name "${idFrom}"` }] };
  }
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { yaml, problems: zodProblems(file, parsed.error, yaml.lineOf) };
  return { data: parsed.data, yaml, problems: [] };
}
