// Import a staff spreadsheet (CSV export) into content/, validating it together with
// everything already published. Nothing is written unless the whole content folder is valid.
//   npm run import -- results sheet.csv --cycle specific-evaluation-2024 [--dry-run]
//   npm run import -- indicators sheet.csv --cycle joint-evaluation-2024
//   npm run import -- program-ratings sheet.csv --year 2024
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertSheet, type SheetKind } from '../src/lib/content/importSheet.ts';
import { loadContent } from '../src/lib/content/load.ts';
import { formatProblem, sortProblems, type Problem } from '../src/lib/content/problems.ts';

const usage = `usage: npm run import -- <results|indicators|program-ratings> <sheet.csv> (--cycle <id> | --year <yyyy>) [--content content] [--dry-run]`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { cycle: { type: 'string' }, year: { type: 'string' }, content: { type: 'string', default: process.env.CONTENT_DIR ?? 'content' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
const [kind, sheet] = positionals as [SheetKind | undefined, string | undefined];
if (values.help || !kind || !sheet || !['results', 'indicators', 'program-ratings'].includes(kind)) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const key = kind === 'program-ratings' ? values.year : values.cycle;
if (!key || (kind === 'program-ratings' && !/^\d{4}$/.test(key))) {
  console.error(kind === 'program-ratings' ? 'import: --year <yyyy> is required for program ratings' : `import: --cycle <cycle id> is required for ${kind}`);
  process.exit(2);
}
const contentDir = resolve(values.content!);
const sheetPath = resolve(sheet);
const sheetName = relative(process.cwd(), sheetPath);
if (!existsSync(sheetPath)) {
  console.error(`import: ${sheetName} does not exist`);
  process.exit(2);
}

const fail = (problems: Problem[]) => {
  for (const p of sortProblems(problems)) console.error(formatProblem(p));
  console.error(`import: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`);
  process.exit(1);
};

console.error(`import: reading ${contentDir} …`);
const current = loadContent(contentDir);
if (current.problems.length > 0) {
  console.error('import: the content folder already has problems; fix them first:');
  fail(current.problems);
}
const converted = convertSheet(sheetName, readFileSync(sheetPath), { kind, key }, current.dataset, (n) => console.error(`import: converted ${n} rows …`));
if (!converted.csv) fail(converted.problems);
console.error(`import: converted ${converted.rows} rows; validating with the rest of the content …`);

// Validate the new file in place, in a copy of the content folder, then map problems in it
// back to the spreadsheet's own rows.
const targetRel = join(kind, `${key}.csv`);
const scratch = mkdtempSync(join(tmpdir(), 'open-results-import-'));
try {
  cpSync(contentDir, scratch, { recursive: true });
  writeFileSync(join(scratch, targetRel), converted.csv!);
  const checked = loadContent(scratch, { relativeTo: scratch });
  const targetName = targetRel.split('\\').join('/');
  const problems = checked.problems.map((p) =>
    p.file === targetName ? { ...p, file: sheetName, line: converted.rowMap.get(p.line) ?? p.line } : { ...p, file: join(relative(process.cwd(), contentDir), p.file) },
  );
  if (problems.length > 0) fail(problems);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const dest = join(contentDir, targetRel);
if (values['dry-run']) {
  console.log(`import: dry run: ${sheetName} is valid (${converted.rows} rows); it would ${existsSync(dest) ? 'replace' : 'create'} ${relative(process.cwd(), dest)}`);
} else {
  writeFileSync(`${dest}.tmp`, converted.csv!);
  renameSync(`${dest}.tmp`, dest); // atomic: readers never see half a file
  console.log(`import: wrote ${relative(process.cwd(), dest)} (${converted.rows} rows)`);
}
