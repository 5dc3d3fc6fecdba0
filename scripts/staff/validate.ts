// Validate a content folder without building: every problem as `path:line: field: reason`.
//   npm run validate -- [content-dir]
import { existsSync } from 'node:fs';
import { loadContent } from '../../src/lib/load.ts';
import { formatProblem, sortProblems } from '../../src/lib/files/problems.ts';
import { runCli, UserError } from '../lib/cli.ts';

function validate(dir: string): number {
  if (!existsSync(dir)) throw new UserError(`${dir} does not exist`);
  const t0 = performance.now();
  const { dataset: ds, problems } = loadContent(dir, { onProgress: (m) => console.error(`validate: ${m}`) });
  if (problems.length > 0) {
    for (const p of sortProblems(problems)) console.error(formatProblem(p));
    console.error(`validate: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}; nothing may be published until they are fixed`);
    return 1;
  }
  console.log(
    `validate: ${dir} is valid: ${ds.bodies.length} bodies, ${ds.schemes.length} schemes, ${ds.cycles.length} cycles, ${ds.results.length} results, ` +
      `${ds.indicatorResults.length} indicator results, ${ds.programs.length} programs, ${ds.programRatings.length} ratings, ${ds.cases.length} cases, ` +
      `${ds.followUps.length} follow-ups (${((performance.now() - t0) / 1000).toFixed(2)} s)`,
  );
  return 0;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run validate --',
    summary: 'Check a content folder without building; every problem as path:line: field: reason.',
    usage: ['[content-dir]'],
    options: {},
    help: ['content-dir  the folder to check (default CONTENT_DIR, else content)'],
    positionals: { max: 1 },
    run: ({ positionals: [dir] }) => validate(dir ?? process.env.CONTENT_DIR ?? 'content'),
  });
}
