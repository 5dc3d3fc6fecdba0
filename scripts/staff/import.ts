// Import a staff spreadsheet (CSV export) into content/, validating it together with
// everything already published. Nothing is written unless the whole content folder is valid.
//   npm run import -- results sheet.csv --cycle specific-evaluation-2024 [--dry-run]
//   npm run import -- indicators sheet.csv --cycle joint-evaluation-2024
//   npm run import -- program-ratings sheet.csv --year 2024
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { runCli, UsageError, UserError, type CliArgs } from '../lib/cli.ts';
import { convertSheet, type SheetKind } from '../../src/lib/content/importSheet.ts';
import { loadContent } from '../../src/lib/load.ts';
import { formatProblem, sortProblems, type Problem } from '../../src/lib/files/problems.ts';

const options = { cycle: { type: 'string' }, year: { type: 'string' }, content: { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;

class ImportFailed extends UserError {}

function importSheet({ values, positionals }: CliArgs<typeof options>): void {
  const [kind, sheet] = positionals as [SheetKind, string];
  if (!['results', 'indicators', 'program-ratings'].includes(kind)) throw new UsageError(`unknown sheet kind "${kind}" (results, indicators or program-ratings)`);
  const key = kind === 'program-ratings' ? values.year : values.cycle;
  if (!key || (kind === 'program-ratings' && !/^\d{4}$/.test(key))) {
    throw new UsageError(kind === 'program-ratings' ? '--year <yyyy> is required for program ratings' : `--cycle <cycle id> is required for ${kind}`);
  }
  const contentDir = resolve(values.content ?? process.env.CONTENT_DIR ?? 'content');
  const sheetPath = resolve(sheet);
  const sheetName = relative(process.cwd(), sheetPath);
  if (!existsSync(sheetPath)) throw new UserError(`${sheetName} does not exist`, 2);

  const fail = (problems: Problem[]): never => {
    for (const p of sortProblems(problems)) console.error(formatProblem(p));
    throw new ImportFailed(`${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`);
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
}

if (import.meta.main) {
  await runCli({
    command: 'npm run import --',
    summary: 'Import a staff spreadsheet (CSV) into content/, validated with everything already published; nothing is written unless all is valid.',
    usage: ['<results|indicators|program-ratings> <sheet.csv> (--cycle <id> | --year <yyyy>) [--content content] [--dry-run]'],
    options,
    help: [
      '--cycle    the cycle the sheet belongs to (results, indicators)',
      '--year     the rated year (program-ratings)',
      '--content  content folder (default content, or CONTENT_DIR)',
      '--dry-run  only report problems; write nothing',
    ],
    positionals: { min: 2, max: 2 },
    run: importSheet,
  });
}
