// Staff CLI for the citizen-panel draw (docs/supabase.md, "Staff procedure"):
//   npm run draw -- commit --pool pool.csv
//   npm run draw -- draw   --pool pool.csv --quotas quotas.yaml --size 200 --seed "<public number>" --out content/panel-draws/<id>.yaml
//   npm run draw -- verify --record content/panel-draws/<id>.yaml --pool pool.csv
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { required, runCli, UsageError, type CliArgs } from '../lib/cli.ts';
import { poolCommitment } from '../../src/lib/sortition/commitment.ts';
import { runDraw, verifyDraw } from '../../src/lib/sortition/draw.ts';
import { formatDrawRecordYaml, InputFileError, parseDrawRecordYaml, parsePoolCsv, parseQuotasYaml } from '../../src/lib/sortition/io.ts';
import type { LeximinProgress } from '../../src/lib/sortition/leximin.ts';
import { InfeasibleQuotasError, PoolInputError } from '../../src/lib/sortition/schema.ts';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputFileError(`${file}:0: file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message}`);
  }
}

/** Progress on stderr, at most about once a second (plus every new stage). */
function progressPrinter(): (p: LeximinProgress) => void {
  let last = 0;
  let lastStage = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 1000 && p.stage === lastStage) return;
    last = now;
    lastStage = p.stage;
    process.stderr.write(
      `  stage ${p.stage}, iteration ${p.iteration}: min probability ${p.minProbability.toFixed(6)}, ` +
        `${p.panels} panel compositions, ${p.fixedTypes}/${p.totalTypes} member types fixed\n`,
    );
  };
}

const options = {
  pool: { type: 'string' },
  quotas: { type: 'string' },
  size: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  record: { type: 'string' },
} as const;

async function main({ values, positionals: [command] }: CliArgs<typeof options>): Promise<number> {
  const need = (name: keyof typeof values): string => required(name, values[name]);

  switch (command) {
    case 'commit': {
      const file = need('pool');
      const pool = parsePoolCsv(read(file), file);
      console.log(poolCommitment(pool));
      return 0;
    }
    case 'draw': {
      const poolFile = need('pool');
      const quotasFile = need('quotas');
      const size = Number(need('size'));
      if (!Number.isInteger(size) || size <= 0) throw new UsageError(`--size must be a positive integer, got "${values.size}"`);
      const seed = need('seed');
      const out = need('out');
      const pool = parsePoolCsv(read(poolFile), poolFile);
      const quotas = parseQuotasYaml(read(quotasFile), quotasFile);
      process.stderr.write(`pool ${pool.length} (commitment ${poolCommitment(pool)}), panel ${size}, seed ${JSON.stringify(seed)}\nsolving LEXIMIN…\n`);
      const started = performance.now();
      const { record, lottery } = await runDraw({ pool, quotas, panelSize: size, seed }, { onProgress: progressPrinter() });
      record.createdAt = new Date().toISOString();
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, formatDrawRecordYaml(record));
      const p = record.selectionProbability;
      console.log(
        `solved in ${((performance.now() - started) / 1000).toFixed(1)} s (${lottery.stats.stages} stages, ${lottery.stats.iterations} iterations, ` +
          `${record.distributionSize} panel compositions)\n` +
          `selection probability min ${p.min.toFixed(4)} mean ${p.mean.toFixed(4)} max ${p.max.toFixed(4)}; ` +
          `for reference, a draw stratified on ${record.baseline.category} alone (other quotas ignored) min ${record.baseline.minProbability.toFixed(4)}\n` +
          `panel of ${record.panel.length} written to ${out}`,
      );
      return 0;
    }
    case 'verify': {
      const recordFile = need('record');
      const poolFile = need('pool');
      const record = parseDrawRecordYaml(read(recordFile), recordFile);
      const pool = parsePoolCsv(read(poolFile), poolFile);
      process.stderr.write(`re-running the draw (seed ${JSON.stringify(record.seed)})…\n`);
      const res = await verifyDraw(record, pool, { onProgress: progressPrinter() });
      if (res.ok) {
        const n = record.seatChanges?.replacements.length ?? 0;
        console.log(`OK: same pool commitment, same lottery, same panel of ${record.panel.length}, all quotas met` +
          (record.seatChanges ? `; ${n} seat replacement${n === 1 ? '' : 's'} replayed with the published reserve rule.` : '.'));
        return 0;
      }
      console.error(`VERIFICATION FAILED:\n${res.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    default:
      throw new UsageError(`unknown command "${command}" (commit, draw or verify)`);
  }
}

if (import.meta.main) {
  await runCli({
    command: 'npm run draw --',
    summary: 'Draw the citizen panel from the pseudonymous pool (LEXIMIN stratified lottery, seeded, verifiable).',
    usage: [
      'commit --pool pool.csv',
      'draw --pool pool.csv --quotas quotas.yaml --size N --seed "<public seed>" --out record.yaml',
      'verify --record record.yaml --pool pool.csv',
    ],
    options,
    help: [
      'commit   print the pool commitment (sha256) to publish before the seed is known',
      'draw     solve LEXIMIN and draw with the seed; writes the draw record',
      'verify   re-run a published draw and check it matches the record, replaying every seat replacement',
      '--quotas YAML: per category, the value → {min, max} seats (docs/supabase.md)',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [InputFileError, InfeasibleQuotasError, PoolInputError],
    run: main,
  });
}
