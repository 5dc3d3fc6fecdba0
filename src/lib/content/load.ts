// Read every results file under a content folder and validate each against its zod schema.
// All problems are collected (never the first only); cross-file rules run afterwards
// (./integrity.ts), and callers publish nothing while there is even one problem.
// The citizen-panel files are read by their own peer reader (src/lib/panel/content.ts); the
// whole folder is assembled in src/lib/load.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { LOCALES, SOURCE_LOCALE } from '../../i18n/locales.ts';
import { textOfCells } from '../../i18n/text.ts';
import { bodySchema } from '../../schemas/body.ts';
import { caseSchema, caseTranslationSchema } from '../../schemas/exemplaryCase.ts';
import { csvNumber } from '../../schemas/csv.ts';
import { cycleSchema } from '../../schemas/cycle.ts';
import { followUpSchema } from '../../schemas/followUp.ts';
import { methodologySchema } from '../../schemas/methodology.ts';
import { programRatingRow, programReviewSchema, programSchema } from '../../schemas/program.ts';
import { dimensionScore, indicatorResultRow, resultRow } from '../../schemas/result.ts';
import { schemeSchema } from '../../schemas/scheme.ts';
import { referencesSchema } from '../../schemas/references.ts';
import { siteSchema, type Site } from '../../schemas/site.ts';
import type { Problem } from '../files/problems.ts';
import { decodeUtf8, readCsv, readYaml, readYamlEntity, splitFrontmatter, zodProblems, type CsvRow } from '../files/read.ts';
import { frameworkOf, type ExemplaryCase, type LoadedDataset } from './dataset.ts';

export interface LoadOptions {
  /** Paths in messages are relative to this folder (default: the current directory). */
  relativeTo?: string;
  /** Called with progress messages for large folders. */
  onProgress?: (message: string) => void;
}

type Declared = keyof LoadedDataset['declared'];

/** What every reader below shares: where problems go, how paths are shown, where entities came from. */
class Reader {
  readonly problems: Problem[] = [];
  readonly ds: LoadedDataset = {
    site: undefined as unknown as Site,
    bodies: [], schemes: [], cycles: [], results: [], indicatorResults: [], programs: [], programRatings: [], cases: [], followUps: [],
    references: { sources: [], assumptions: [] }, methodology: {}, panel: { commitments: [], draws: [], rounds: [] }, origins: new Map(),
    declared: { body: new Set(), scheme: new Set(), cycle: new Set(), program: new Set() }, incomplete: new Set(),
  };
  readonly dir: string;
  readonly #root: string;

  constructor(dir: string, options: LoadOptions) {
    this.dir = dir;
    this.#root = options.relativeTo ?? process.cwd();
  }

  rel = (p: string) => relative(this.#root, p).split('\\').join('/');
  path = (...parts: string[]) => join(this.dir, ...parts);
  problem = (file: string, line: number, field: string, reason: string) => this.problems.push({ file, line, field, reason });

  /** A text file, strictly UTF-8; undefined (with the problem recorded) when it cannot be read as such. */
  text(path: string): { file: string; text?: string } {
    const file = this.rel(path);
    const decoded = decodeUtf8(file, readFileSync(path));
    this.problems.push(...decoded.problems);
    return { file, text: decoded.text };
  }

  /** One YAML entity file against a schema; the id defaults to the file name when `kind` is an entity kind. */
  yamlEntity<S extends z.ZodType>(path: string, schema: S, kind: string, withId: boolean): z.output<S> | undefined {
    const stem = basename(path).replace(/\.ya?ml$/, '');
    if (kind in this.ds.declared) this.ds.declared[kind as Declared].add(stem);
    const file = this.rel(path);
    const r = readYamlEntity(file, readFileSync(path), schema, withId ? stem : undefined);
    this.problems.push(...r.problems);
    if (r.data === undefined) return undefined;
    this.ds.origins.set(withId ? `${kind}:${stem}` : kind, { file, lineOf: r.yaml!.lineOf });
    return r.data;
  }

  /** A CSV file with a header, its columns checked against what the schema needs and allows. */
  csv(path: string, required: string[], optional: string[], what: string): { file: string; rows: CsvRow[] } | undefined {
    const { file, text } = this.text(path);
    if (text === undefined) return undefined;
    const csv = readCsv(file, text);
    this.problems.push(...csv.problems);
    if (!csv.header) return undefined;
    const allowed = new Set([...required, ...optional]);
    let ok = true;
    for (const c of required) if (!csv.header.includes(c)) { this.problem(file, 1, c, `missing column (required by ${what})`); ok = false; }
    for (const c of csv.header) if (c && !allowed.has(c)) { this.problem(file, 1, c, `unknown column (expected ${[...allowed].join(', ')})`); ok = false; }
    return ok ? { file, rows: csv.rows } : undefined;
  }

  /** One CSV row against a schema, problems at the row's spreadsheet line. */
  row<S extends z.ZodType>(file: string, row: CsvRow, schema: S): z.output<S> | undefined {
    const parsed = schema.safeParse(row.cells, { reportInput: true });
    if (parsed.success) return parsed.data;
    this.problems.push(...zodProblems(file, parsed.error, () => row.line));
    return undefined;
  }

  /** Numeric cells named by `ids` (dimension or criterion ids), each checked by `cellOf(id)`. */
  scores(file: string, row: CsvRow, ids: string[], cellOf: (id: string) => z.ZodType<number>): Record<string, number> | undefined {
    const scores: Record<string, number> = {};
    let ok = true;
    for (const id of ids) {
      const s = cellOf(id).safeParse(row.cells[id], { reportInput: true });
      if (s.success) scores[id] = s.data;
      else { ok = false; this.problems.push(...zodProblems(file, s.error, () => row.line, id)); }
    }
    return ok ? scores : undefined;
  }

  /** Markdown with YAML front matter against a schema. */
  markdown<S extends z.ZodType>(path: string, schema: S, what: string): { data: z.output<S>; body: string; file: string; lineOf: (p: readonly PropertyKey[]) => number } | undefined {
    const { file, text } = this.text(path);
    if (text === undefined) return undefined;
    const fm = splitFrontmatter(file, text);
    this.problems.push(...fm.problems);
    if (fm.frontmatter === undefined) return undefined;
    const { yaml, problems } = readYaml(file, fm.frontmatter, fm.offset);
    this.problems.push(...problems);
    if (!yaml) return undefined;
    const parsed = schema.safeParse(yaml.value ?? {}, { reportInput: true });
    if (!parsed.success) { this.problems.push(...zodProblems(file, parsed.error, yaml.lineOf)); return undefined; }
    if (fm.body.trim() === '') { this.problem(file, 1, 'body', `is empty: write the ${what} below the front matter`); return undefined; }
    return { data: parsed.data, body: fm.body, file, lineOf: yaml.lineOf };
  }
}

/** Read and validate every results file of a content folder (not yet the cross-file rules). */
export function readContent(contentDir: string, options: LoadOptions = {}): { dataset: LoadedDataset; problems: Problem[] } {
  const r = new Reader(contentDir, options);
  readSettings(r);
  readEntities(r);
  options.onProgress?.(`read ${r.ds.bodies.length} bodies, ${r.ds.schemes.length} schemes, ${r.ds.cycles.length} cycles, ${r.ds.programs.length} programs`);
  readResults(r);
  options.onProgress?.(`read ${r.ds.results.length} results`);
  readIndicatorResults(r);
  options.onProgress?.(`read ${r.ds.indicatorResults.length} indicator results`);
  readProgramRatings(r);
  readCases(r);
  readMethodology(r);
  return { dataset: r.ds, problems: r.problems };
}

function readSettings(r: Reader) {
  const sitePath = r.path('site.yaml');
  if (!existsSync(sitePath)) r.problem(r.rel(sitePath), 1, 'file', 'is missing (site settings: name, publisher, locales, demoData, currency, license)');
  else r.ds.site = r.yamlEntity(sitePath, siteSchema, 'site', false)!;
  const reviewPath = r.path('program-review.yaml');
  if (existsSync(reviewPath)) r.ds.programReview = r.yamlEntity(reviewPath, programReviewSchema, 'program-review', false);
  const referencesPath = r.path('references.yaml');
  if (existsSync(referencesPath)) r.ds.references = r.yamlEntity(referencesPath, referencesSchema, 'references', false) ?? r.ds.references;
}

function readEntities(r: Reader) {
  const each = <S extends z.ZodType>(folder: string, schema: S, kind: string, into: z.output<S>[]) => {
    for (const p of listFiles(r.path(folder), /\.ya?ml$/)) {
      const v = r.yamlEntity(p, schema, kind, true);
      if (v !== undefined) into.push(v);
    }
  };
  each('bodies', bodySchema, 'body', r.ds.bodies);
  each('schemes', schemeSchema, 'scheme', r.ds.schemes);
  each('cycles', cycleSchema, 'cycle', r.ds.cycles);
  each('programs', programSchema, 'program', r.ds.programs);
  each('follow-ups', followUpSchema, 'follow-up', r.ds.followUps);
}

/** The CSV files of a per-cycle folder (results/, indicators/), each with its cycle's id. */
function perCycleFiles(r: Reader, folder: string): { path: string; cycleId: string }[] {
  const out: { path: string; cycleId: string }[] = [];
  for (const path of listFiles(r.path(folder), /\.csv$/)) {
    const cycleId = basename(path, '.csv');
    if (!r.ds.cycles.some((c) => c.id === cycleId)) {
      // A cycle that failed its own validation is reported there; only a truly unknown cycle is reported here.
      if (!r.ds.declared.cycle.has(cycleId)) r.problem(r.rel(path), 1, 'file', `unknown cycle "${cycleId}" (the file name must be a cycle id from content/cycles)`);
      continue;
    }
    out.push({ path, cycleId });
  }
  return out;
}

function readResults(r: Reader) {
  const schemes = new Map(r.ds.schemes.map((s) => [s.id, s]));
  for (const { path, cycleId } of perCycleFiles(r, 'results')) {
    const cycle = r.ds.cycles.find((c) => c.id === cycleId)!;
    const framework = frameworkOf(schemes.get(cycle.scheme), cycle);
    if (!framework) {
      if (schemes.has(cycle.scheme)) r.problem(r.rel(path), 1, 'file', `scheme "${cycle.scheme}" has no ${cycle.year} framework for these results`);
      continue;
    }
    const dims = framework.dimensions.map((d) => d.id);
    const required = ['body', 'rank', 'total', 'grade', ...(framework.bonusMax > 0 ? ['bonus'] : []), ...dims];
    const table = r.csv(path, required, ['bonus', ...Object.keys(resultRow.shape).filter((c) => c.startsWith('remarks'))], `the ${framework.year} framework`);
    if (!table) continue;
    for (const row of table.rows) {
      const base = r.row(table.file, row, resultRow);
      const scores = r.scores(table.file, row, dims, () => dimensionScore);
      if (!base || !scores) { r.ds.incomplete.add(cycleId); continue; }
      r.ds.results.push({
        cycle: cycleId, body: base.body, rank: base.rank, total: base.total, grade: base.grade, bonus: base.bonus, scores,
        remarks: textOfCells('remarks', base), file: table.file, line: row.line,
      });
      r.ds.origins.set(`result:${cycleId}/${base.body}`, { file: table.file, lineOf: () => row.line });
    }
  }
}

function readIndicatorResults(r: Reader) {
  const optional = Object.keys(indicatorResultRow.shape).filter((c) => !['body', 'indicator', 'achieved'].includes(c));
  for (const { path, cycleId } of perCycleFiles(r, 'indicators')) {
    const table = r.csv(path, ['body', 'indicator', 'achieved'], optional, 'indicator results');
    if (!table) { r.ds.incomplete.add(`indicators/${cycleId}`); continue; }
    for (const row of table.rows) {
      const v = r.row(table.file, row, indicatorResultRow);
      if (!v) r.ds.incomplete.add(`indicators/${cycleId}`);
      if (v) r.ds.indicatorResults.push({ cycle: cycleId, body: v.body, indicator: v.indicator, target: v.target, actual: v.actual, achieved: v.achieved, note: textOfCells('note', v), line: row.line, file: table.file });
    }
  }
}

function readProgramRatings(r: Reader) {
  const files = listFiles(r.path('program-ratings'), /\.csv$/);
  const review = r.ds.programReview;
  if (files.length > 0 && !review && !existsSync(r.path('program-review.yaml'))) {
    r.problem(r.rel(r.path('program-review.yaml')), 1, 'file', 'is missing: program ratings need the review criteria and thresholds');
  }
  if (!review) return;
  const criteria = review.criteria;
  const required = ['program', 'budget', ...criteria.map((c) => c.id), 'total', 'rating'];
  const optional = Object.keys(programRatingRow.shape).filter((c) => !required.includes(c));
  for (const path of files) {
    const yearMatch = /^(\d{4})\.csv$/.exec(basename(path));
    if (!yearMatch) { r.problem(r.rel(path), 1, 'file', 'name must be the rated year, e.g. 2023.csv'); continue; }
    const table = r.csv(path, required, optional, 'program ratings');
    if (!table) { r.ds.incomplete.add('program-ratings'); continue; }
    for (const row of table.rows) {
      const base = r.row(table.file, row, programRatingRow);
      const scores = r.scores(table.file, row, criteria.map((c) => c.id), (id) => criterionCell(criteria.find((c) => c.id === id)!.max));
      if (!base || !scores) { r.ds.incomplete.add('program-ratings'); continue; }
      r.ds.programRatings.push({
        program: base.program, year: Number(yearMatch[1]), budget: base.budget, scores, total: base.total, rating: base.rating,
        nextBudget: base.next_budget, budgetNote: textOfCells('budget_note', base), remarks: textOfCells('remarks', base), file: table.file, line: row.line,
      });
      r.ds.origins.set(`program-rating:${base.program}/${yearMatch[1]}`, { file: table.file, lineOf: () => row.line });
    }
  }
}

/** Exemplary cases: a folder per case, `<locale>.md` per locale; the source locale's file holds the facts. */
function readCases(r: Reader) {
  const fileNames = LOCALES.map((l) => `${l}.md`);
  for (const dir of listDirs(r.path('cases'))) {
    const id = basename(dir);
    for (const f of readdirSync(dir)) {
      if (!fileNames.includes(f)) r.problem(r.rel(join(dir, f)), 1, 'file', `unexpected file: a case folder holds ${fileNames.join(', ')}`);
    }
    const sourcePath = join(dir, `${SOURCE_LOCALE}.md`);
    if (!existsSync(sourcePath)) { r.problem(r.rel(dir), 1, 'file', `has no ${SOURCE_LOCALE}.md (the source text with the facts)`); continue; }
    const source = r.markdown(sourcePath, caseSchema, 'case text');
    if (!source) continue;
    const item: ExemplaryCase = { id, data: source.data, bodies: { [SOURCE_LOCALE]: source.body }, translations: {}, files: { [SOURCE_LOCALE]: source.file } };
    for (const locale of LOCALES) {
      const path = join(dir, `${locale}.md`);
      if (locale === SOURCE_LOCALE || !existsSync(path)) continue;
      const words = r.markdown(path, caseTranslationSchema, 'case text');
      if (words) { item.translations[locale] = words.data; item.bodies[locale] = words.body; item.files[locale] = words.file; }
    }
    r.ds.cases.push(item);
    r.ds.origins.set(`case:${id}`, { file: source.file, lineOf: source.lineOf });
  }
}

/** The methodology page's prose: `content/methodology/<locale>.md`, its `##` headings named in front matter. */
function readMethodology(r: Reader) {
  for (const locale of LOCALES) {
    const path = r.path('methodology', `${locale}.md`);
    if (!existsSync(path)) continue;
    const m = r.markdown(path, methodologySchema, 'methodology text');
    if (!m) continue;
    const headings = [...m.body.matchAll(/^## +(.+?)\s*$/gm)].map((x) => x[1]!);
    const titles = m.data.sections.map((s) => s.title);
    if (headings.join('\n') !== titles.join('\n')) {
      r.problem(m.file, m.lineOf(['sections']), 'sections', `must list the ## headings in order (${headings.length} headings: ${headings.join(' / ')})`);
      continue;
    }
    r.ds.methodology[locale] = { sections: m.data.sections, body: m.body, file: m.file };
    r.ds.origins.set(`methodology:${locale}`, { file: m.file, lineOf: m.lineOf });
  }
}

const criterionCell = (max: number) => csvNumber.refine((n) => n >= 0 && n <= max, { message: `must be between 0 and ${max}` });

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => join(dir, f)).filter((p) => statSync(p).isFile());
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((f) => join(dir, f)).filter((p) => statSync(p).isDirectory());
}
