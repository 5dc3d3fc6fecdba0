// Load every file under a content folder, validate each against its zod schema, then check
// that the files agree with each other. All problems are collected; callers refuse to publish
// anything when there is even one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { bodySchema, type Body } from '../../schemas/body.ts';
import { caseSchema, caseTranslationSchema, type CaseFrontmatter, type CaseTranslation } from '../../schemas/exemplaryCase.ts';
import { cycleSchema, type Cycle } from '../../schemas/cycle.ts';
import { followUpSchema, type FollowUp } from '../../schemas/followUp.ts';
import { programReviewSchema, programRatingRow, programSchema, type Program, type ProgramRating, type ProgramReview } from '../../schemas/program.ts';
import { dimensionScore, indicatorResultRow, resultRow, type IndicatorResult, type Result } from '../../schemas/result.ts';
import { schemeSchema, type Scheme } from '../../schemas/scheme.ts';
import { siteSchema, type Site } from '../../schemas/site.ts';
import { csvNumber } from '../../schemas/csv.ts';
import { checkIntegrity } from './integrity.ts';
import { loadPanelContent, type PanelContent } from '../panel/content.ts';
import type { Problem } from './problems.ts';
import { decodeUtf8, readCsv, readYaml, readYamlEntity, splitFrontmatter, zodProblems, type CsvRow } from './read.ts';

/** An exemplary case with its text in each locale present. */
export interface ExemplaryCase {
  id: string;
  /** Facts and zh-Hant words (from `zh-Hant.md`). */
  data: CaseFrontmatter;
  /** Markdown body per locale; a missing locale is shown as "not yet translated". */
  bodies: Partial<Record<'zh-Hant' | 'en', string>>;
  /** Translated words per locale (zh-Hant is `data` itself). */
  translations: Partial<Record<'en', CaseTranslation>>;
  /** Where each locale file lives (for error messages). */
  files: Partial<Record<'zh-Hant' | 'en', string>>;
}

/** Everything published, validated. */
export interface Dataset {
  site: Site;
  bodies: Body[];
  schemes: Scheme[];
  cycles: Cycle[];
  results: Result[];
  indicatorResults: IndicatorResult[];
  programReview?: ProgramReview;
  programs: Program[];
  programRatings: ProgramRating[];
  cases: ExemplaryCase[];
  followUps: FollowUp[];
  /** Citizen-panel draws and closed voting rounds published back into content/. */
  panel: PanelContent;
}

/** A dataset as the loader produced it, with what validation needs to point at files. */
export interface LoadedDataset extends Dataset {
  /** Ids of every entity file present, valid or not, so one bad file does not cascade into "unknown id" elsewhere. */
  declared: Record<'body' | 'scheme' | 'cycle' | 'program', Set<string>>;
  /** Cycles whose results or ratings files had row problems: their rank and grade checks wait until those are fixed. */
  incomplete: Set<string>;
  /** Where each entity came from: `kind:id` → file and line, for integrity messages. */
  origins: Map<string, Origin>;
}

/** Where an entity came from, able to point at the line of any of its fields. */
export interface Origin {
  file: string;
  lineOf(path: readonly PropertyKey[]): number;
}

export interface LoadResult {
  dataset: LoadedDataset;
  problems: Problem[];
}

export interface LoadOptions {
  /** Paths in messages are relative to this folder (default: the current directory). */
  relativeTo?: string;
  /** Called with progress messages for large folders. */
  onProgress?: (message: string) => void;
}

export function loadContent(contentDir: string, options: LoadOptions = {}): LoadResult {
  const root = options.relativeTo ?? process.cwd();
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const problems: Problem[] = [];
  const origins = new Map<string, Origin>();
  const ds: LoadedDataset = {
    site: undefined as unknown as Site,
    bodies: [], schemes: [], cycles: [], results: [], indicatorResults: [],
    programs: [], programRatings: [], cases: [], followUps: [], panel: { commitments: [], draws: [], rounds: [] }, origins,
    declared: { body: new Set(), scheme: new Set(), cycle: new Set(), program: new Set() }, incomplete: new Set(),
  };

  const read = (path: string) => {
    const file = rel(path);
    const decoded = decodeUtf8(file, readFileSync(path));
    problems.push(...decoded.problems);
    return { file, text: decoded.text };
  };

  /** Parse one YAML entity file against a schema; the id defaults to the file name. */
  function yamlEntity<S extends z.ZodType>(path: string, schema: S, kind: string, withId: boolean): z.output<S> | undefined {
    const stem = basename(path).replace(/\.ya?ml$/, '');
    if (kind in ds.declared) ds.declared[kind as keyof LoadedDataset['declared']].add(stem);
    const file = rel(path);
    const r = readYamlEntity(file, readFileSync(path), schema, withId ? stem : undefined);
    problems.push(...r.problems);
    if (r.data === undefined) return undefined;
    origins.set(withId ? `${kind}:${stem}` : kind, { file, lineOf: r.yaml!.lineOf });
    return r.data;
  }

  const yamlFiles = (dir: string) => listFiles(join(contentDir, dir), /\.ya?ml$/);

  // Single files.
  const sitePath = join(contentDir, 'site.yaml');
  if (!existsSync(sitePath)) problems.push({ file: rel(sitePath), line: 1, field: 'file', reason: 'is missing (site settings: name, publisher, demoData, budgetUnit, license)' });
  else ds.site = yamlEntity(sitePath, siteSchema, 'site', false)!;
  const reviewPath = join(contentDir, 'program-review.yaml');
  if (existsSync(reviewPath)) ds.programReview = yamlEntity(reviewPath, programReviewSchema, 'program-review', false);

  // Entities, one YAML file each.
  for (const p of yamlFiles('bodies')) pushDefined(ds.bodies, yamlEntity(p, bodySchema, 'body', true));
  for (const p of yamlFiles('schemes')) pushDefined(ds.schemes, yamlEntity(p, schemeSchema, 'scheme', true));
  for (const p of yamlFiles('cycles')) pushDefined(ds.cycles, yamlEntity(p, cycleSchema, 'cycle', true));
  for (const p of yamlFiles('programs')) pushDefined(ds.programs, yamlEntity(p, programSchema, 'program', true));
  for (const p of yamlFiles('follow-ups')) pushDefined(ds.followUps, yamlEntity(p, followUpSchema, 'follow-up', true));
  options.onProgress?.(`read ${ds.bodies.length} bodies, ${ds.schemes.length} schemes, ${ds.cycles.length} cycles, ${ds.programs.length} programs`);

  const schemeById = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycleById = new Map(ds.cycles.map((c) => [c.id, c]));
  const frameworkOf = (cycleId: string) => {
    const c = cycleById.get(cycleId);
    return c && schemeById.get(c.scheme)?.frameworks.find((f) => f.year === c.year);
  };

  // Results: one CSV per cycle, columns body, rank, total, grade, [bonus], one per dimension.
  for (const path of listFiles(join(contentDir, 'results'), /\.csv$/)) {
    const cycleId = basename(path, '.csv');
    const { file, text } = read(path);
    if (text === undefined) continue;
    const csv = readCsv(file, text);
    problems.push(...csv.problems);
    if (!csv.header) continue;
    const framework = frameworkOf(cycleId);
    if (!framework) {
      // A cycle or scheme that failed its own validation is reported there; only a truly unknown cycle is reported here.
      if (!ds.declared.cycle.has(cycleId)) problems.push({ file, line: 1, field: 'file', reason: `unknown cycle "${cycleId}" (the file name must be a cycle id from content/cycles)` });
      continue;
    }
    const dims = framework.dimensions.map((d) => d.id);
    const required = ['body', 'rank', 'total', 'grade', ...(framework.bonusMax > 0 ? ['bonus'] : []), ...dims];
    const allowed = new Set([...required, 'bonus', 'remarks', 'remarks_en']);
    if (!checkColumns(file, csv.header, required, allowed, `the ${framework.year} framework`)) continue;
    for (const row of csv.rows) {
      const base = parseRow(file, row, resultRow);
      const scores: Record<string, number> = {};
      let ok = base !== undefined;
      for (const d of dims) {
        const s = dimensionScore.safeParse(row.cells[d], { reportInput: true });
        if (s.success) scores[d] = s.data;
        else { ok = false; problems.push(...zodProblems(file, s.error, () => row.line, d)); }
      }
      if (!ok || !base) { ds.incomplete.add(cycleId); continue; }
      ds.results.push({
        cycle: cycleId, body: base.body, rank: base.rank, total: base.total, grade: base.grade, bonus: base.bonus, scores,
        remarks: base.remarks ? { 'zh-Hant': base.remarks, ...(base.remarks_en ? { en: base.remarks_en } : {}) } : undefined,
        file, line: row.line,
      });
      origins.set(`result:${cycleId}/${base.body}`, { file, lineOf: () => row.line });
    }
  }
  options.onProgress?.(`read ${ds.results.length} results`);

  // Indicator results: one CSV per cycle.
  for (const path of listFiles(join(contentDir, 'indicators'), /\.csv$/)) {
    const cycleId = basename(path, '.csv');
    const { file, text } = read(path);
    if (text === undefined) continue;
    const csv = readCsv(file, text);
    problems.push(...csv.problems);
    if (!csv.header) continue;
    if (!cycleById.has(cycleId)) {
      if (!ds.declared.cycle.has(cycleId)) problems.push({ file, line: 1, field: 'file', reason: `unknown cycle "${cycleId}" (the file name must be a cycle id from content/cycles)` });
      continue;
    }
    const required = ['body', 'indicator', 'achieved'];
    if (!checkColumns(file, csv.header, required, new Set([...required, 'target', 'actual', 'note', 'note_en']), 'indicator results')) continue;
    for (const row of csv.rows) {
      const r = parseRow(file, row, indicatorResultRow);
      if (r) ds.indicatorResults.push({ ...r, cycle: cycleId, line: row.line, file });
    }
  }
  options.onProgress?.(`read ${ds.indicatorResults.length} indicator results`);

  // Program ratings: one CSV per year, one column per review criterion.
  const ratingFiles = listFiles(join(contentDir, 'program-ratings'), /\.csv$/);
  if (ratingFiles.length > 0 && !ds.programReview && !existsSync(reviewPath)) {
    problems.push({ file: rel(reviewPath), line: 1, field: 'file', reason: 'is missing: program ratings need the review criteria and thresholds' });
  }
  for (const path of ratingFiles) {
    const { file, text } = read(path);
    if (text === undefined || !ds.programReview) continue;
    const yearMatch = /^(\d{4})\.csv$/.exec(basename(path));
    if (!yearMatch) { problems.push({ file, line: 1, field: 'file', reason: 'name must be the rated year, e.g. 2023.csv' }); continue; }
    const csv = readCsv(file, text);
    problems.push(...csv.problems);
    if (!csv.header) continue;
    const criteria = ds.programReview.criteria;
    const required = ['program', 'budget', ...criteria.map((c) => c.id), 'total', 'rating'];
    if (!checkColumns(file, csv.header, required, new Set([...required, 'next_budget', 'remarks', 'remarks_en']), 'program ratings')) continue;
    for (const row of csv.rows) {
      const base = parseRow(file, row, programRatingRow);
      const scores: Record<string, number> = {};
      let ok = base !== undefined;
      for (const c of criteria) {
        const s = csvNumberRange(c.max).safeParse(row.cells[c.id], { reportInput: true });
        if (s.success) scores[c.id] = s.data;
        else { ok = false; problems.push(...zodProblems(file, s.error, () => row.line, c.id)); }
      }
      if (!ok || !base) continue;
      ds.programRatings.push({
        program: base.program, year: Number(yearMatch[1]), budget: base.budget, scores, total: base.total, rating: base.rating,
        nextBudget: base.next_budget,
        remarks: base.remarks ? { 'zh-Hant': base.remarks, ...(base.remarks_en ? { en: base.remarks_en } : {}) } : undefined,
        file, line: row.line,
      });
      origins.set(`program-rating:${base.program}/${yearMatch[1]}`, { file, lineOf: () => row.line });
    }
  }

  // Exemplary cases: a folder per case with zh-Hant.md (facts + words) and en.md (words).
  const casesDir = join(contentDir, 'cases');
  for (const dir of listDirs(casesDir)) {
    const id = basename(dir);
    const zhPath = join(dir, 'zh-Hant.md');
    if (!existsSync(zhPath)) { problems.push({ file: rel(dir), line: 1, field: 'file', reason: 'has no zh-Hant.md (the source text with the facts)' }); continue; }
    const zh = readMarkdown(zhPath, caseSchema);
    const item: ExemplaryCase | undefined = zh && { id, data: zh.data, bodies: { 'zh-Hant': zh.body }, translations: {}, files: { 'zh-Hant': rel(zhPath) } };
    const enPath = join(dir, 'en.md');
    if (existsSync(enPath)) {
      const en = readMarkdown(enPath, caseTranslationSchema);
      if (en && item) { item.translations.en = en.data; item.bodies.en = en.body; item.files.en = rel(enPath); }
    }
    for (const f of readdirSync(dir)) {
      if (!['zh-Hant.md', 'en.md', 'ko.md'].includes(f)) problems.push({ file: rel(join(dir, f)), line: 1, field: 'file', reason: 'unexpected file: a case folder holds zh-Hant.md and en.md' });
    }
    if (item) { ds.cases.push(item); origins.set(`case:${id}`, { file: rel(zhPath), lineOf: zh!.lineOf }); }
  }

  function readMarkdown<S extends z.ZodType>(path: string, schema: S): { data: z.output<S>; body: string; lineOf: (p: readonly PropertyKey[]) => number } | undefined {
    const { file, text } = read(path);
    if (text === undefined) return undefined;
    const fm = splitFrontmatter(file, text);
    problems.push(...fm.problems);
    if (fm.frontmatter === undefined) return undefined;
    const { yaml, problems: p } = readYaml(file, fm.frontmatter, fm.offset);
    problems.push(...p);
    if (!yaml) return undefined;
    const parsed = schema.safeParse(yaml.value ?? {}, { reportInput: true });
    if (!parsed.success) { problems.push(...zodProblems(file, parsed.error, yaml.lineOf)); return undefined; }
    if (fm.body.trim() === '') { problems.push({ file, line: 1, field: 'body', reason: 'is empty: write the case text below the front matter' }); return undefined; }
    return { data: parsed.data, body: fm.body, lineOf: yaml.lineOf };
  }

  function checkColumns(file: string, header: string[], required: string[], allowed: Set<string>, what: string): boolean {
    let ok = true;
    for (const c of required) if (!header.includes(c)) { problems.push({ file, line: 1, field: c, reason: `missing column (required by ${what})` }); ok = false; }
    for (const c of header) if (c && !allowed.has(c)) { problems.push({ file, line: 1, field: c, reason: `unknown column (expected ${[...allowed].join(', ')})` }); ok = false; }
    return ok;
  }

  function parseRow<S extends z.ZodType>(file: string, row: CsvRow, schema: S): z.output<S> | undefined {
    const parsed = schema.safeParse(row.cells, { reportInput: true });
    if (parsed.success) return parsed.data;
    problems.push(...zodProblems(file, parsed.error, () => row.line));
    return undefined;
  }

  // Panel draws and round results (written by the staff CLIs) are validated with everything else.
  const panel = loadPanelContent(contentDir, { relativeTo: root });
  ds.panel = panel.content;
  problems.push(...panel.problems);

  if (ds.site) problems.push(...checkIntegrity(ds));
  return { dataset: ds, problems };
}

function csvNumberRange(max: number) {
  return csvNumber.refine((n) => n >= 0 && n <= max, { message: `must be between 0 and ${max}` });
}

function pushDefined<T>(list: T[], v: T | undefined) {
  if (v !== undefined) list.push(v);
}

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => join(dir, f)).filter((p) => statSync(p).isFile());
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((f) => join(dir, f)).filter((p) => statSync(p).isDirectory());
}
