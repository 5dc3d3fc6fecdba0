// Turn a staff spreadsheet export (headers in zh-Hant or English, bodies by name or id, ratings
// in Chinese or English) into the canonical CSV of `content/`. Pure: text in, text out, with a
// map from output rows back to the spreadsheet's rows so validation errors point at the sheet.
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { frameworkOf, type Dataset } from './dataset.ts';
import { allTexts } from '../../i18n/text.ts';
import type { Problem } from '../files/problems.ts';
import { decodeUtf8 } from '../files/read.ts';

export type SheetKind = 'results' | 'indicators' | 'program-ratings';

export interface ImportTarget {
  kind: SheetKind;
  /** Cycle id for results and indicators; the year for program ratings. */
  key: string;
}

export interface Converted {
  /** Canonical CSV text (UTF-8, no BOM, LF line ends). */
  csv?: string;
  /** Output spreadsheet row → input spreadsheet row. */
  rowMap: Map<number, number>;
  problems: Problem[];
  rows: number;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_（）()]+/g, '');

/** Header aliases per canonical column (compared after normalisation). */
const common: Record<string, string[]> = {
  body: ['body', 'bodyid', '機關', '受評機關', '機關代碼', '單位'],
  remarks: ['remarks', '備註', '說明'],
  remarks_en: ['remarksen', 'remarks英文', '備註英文', '英文備註'],
};
const aliases: Record<SheetKind, Record<string, string[]>> = {
  results: {
    ...common,
    rank: ['rank', '排名', '名次'],
    total: ['total', '總分', '合計'],
    grade: ['grade', '等第', '等級', '評等'],
    bonus: ['bonus', '加分'],
  },
  indicators: {
    body: common.body!,
    indicator: ['indicator', 'indicatorcode', '指標', '指標代碼', '指標編號'],
    target: ['target', '目標', '目標值'],
    actual: ['actual', '實際', '實際值', '實績'],
    achieved: ['achieved', '達成', '是否達成', '達成與否'],
    note: ['note', '說明', '備註'],
    note_en: ['noteen', '英文說明'],
  },
  'program-ratings': {
    program: ['program', 'programid', '計畫', '計畫代碼', '計畫編號'],
    budget: ['budget', '預算', '當年度預算'],
    total: ['total', '總分', '合計'],
    rating: ['rating', '評等', '等級'],
    next_budget: ['nextbudget', '次年預算', '次年度預算', '下年度預算'],
    remarks: common.remarks!,
    remarks_en: common.remarks_en!,
  },
};

const ratingAliases: Record<string, string> = {
  有效: 'effective', 中等有效: 'moderately-effective', 足夠: 'adequate', 無效: 'ineffective', 非常無效: 'very-ineffective',
  effective: 'effective', moderatelyeffective: 'moderately-effective', adequate: 'adequate', ineffective: 'ineffective', veryineffective: 'very-ineffective',
};

export function convertSheet(file: string, bytes: Uint8Array, target: ImportTarget, ds: Dataset, onProgress?: (rows: number) => void): Converted {
  const rowMap = new Map<number, number>();
  // Spreadsheet apps write a BOM and CRLF: both are normal here, unlike in content/.
  const stripped = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const decoded = decodeUtf8(file, stripped);
  if (decoded.text === undefined) {
    return { rowMap, rows: 0, problems: decoded.problems.map((p) => (p.reason.startsWith('is not valid UTF-8') ? { ...p, reason: 'is not valid UTF-8: in Excel choose "CSV UTF-8", in LibreOffice choose character set "Unicode (UTF-8)"' } : p)) };
  }
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parseCsv(decoded.text, { info: true, skip_empty_lines: false, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { rowMap, rows: 0, problems: [{ file, line: err.lines ?? 1, field: 'csv', reason: err.message }] };
  }
  const [head, ...body] = records;
  if (!head) return { rowMap, rows: 0, problems: [{ file, line: 1, field: 'file', reason: 'is empty' }] };

  // Columns that depend on the framework or the review: dimension / criterion ids and names.
  const table: Record<string, string[]> = { ...aliases[target.kind] };
  if (target.kind === 'results') {
    const cycle = ds.cycles.find((c) => c.id === target.key);
    const f = frameworkOf(ds.schemes.find((s) => s.id === cycle?.scheme), cycle);
    if (!f) return { rowMap, rows: 0, problems: [{ file, line: 1, field: 'cycle', reason: `unknown cycle "${target.key}", or its scheme has no framework for its year` }] };
    for (const d of f.dimensions) table[d.id] = [d.id, ...allTexts(d.name)];
  }
  if (target.kind === 'program-ratings') {
    for (const c of ds.programReview?.criteria ?? []) table[c.id] = [c.id, ...allTexts(c.name)];
  }
  const lookup = new Map<string, string>();
  for (const [canonical, names] of Object.entries(table)) for (const n of names) lookup.set(norm(n), canonical);

  const problems: Problem[] = [];
  const header = head.record.map((h) => {
    const c = lookup.get(norm(h));
    if (!c) problems.push({ file, line: 1, field: h || '(empty)', reason: `unknown column; expected one of: ${Object.entries(table).map(([k, v]) => `${k} (${v.filter((x) => x !== k).join('/')})`).join(', ')}` });
    return c ?? h;
  });
  if (problems.length > 0) return { rowMap, rows: 0, problems };

  // Bodies may be written by id or by name; programs by id or name.
  const bodyByName = new Map<string, string>();
  for (const b of ds.bodies) for (const n of [b.id, ...allTexts(b.name), ...allTexts(b.shortName)]) if (n) bodyByName.set(norm(n), b.id);
  const programByName = new Map<string, string>();
  for (const p of ds.programs) for (const n of [p.id, ...allTexts(p.name)]) if (n) programByName.set(norm(n), p.id);

  const out: string[][] = [header];
  let n = 0;
  for (const { record, info } of body) {
    if (record.every((c) => c.trim() === '')) continue;
    const cells = record.map((c) => c.trim());
    header.forEach((h, i) => {
      const v = cells[i] ?? '';
      if (h === 'body') cells[i] = bodyByName.get(norm(v)) ?? v;
      if (h === 'program') cells[i] = programByName.get(norm(v)) ?? v;
      if (h === 'rating') cells[i] = ratingAliases[norm(v).replace(/-/g, '')] ?? v;
    });
    out.push(cells);
    rowMap.set(out.length, info.records);
    n++;
    if (onProgress && n % 10_000 === 0) onProgress(n);
  }
  return { csv: stringify(out), rowMap, rows: n, problems };
}
