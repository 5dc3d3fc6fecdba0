// Staff CLI for the citizen-panel draw (see DESIGN.md "Citizen panel and voting").
//   node scripts/panel-draw.ts commit --pool pool.csv
//   node scripts/panel-draw.ts draw   --pool pool.csv --quotas quotas.yaml --size 200 --seed "<public number>" --out content/panel-draws/<id>.yaml
//   node scripts/panel-draw.ts verify --record content/panel-draws/<id>.yaml --pool pool.csv
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { poolCommitment } from '../src/lib/sortition/commitment.ts';
import { runDraw, verifyDraw } from '../src/lib/sortition/draw.ts';
import { formatDrawRecordYaml, InputFileError, parseDrawRecordYaml, parsePoolCsv, parseQuotasYaml } from '../src/lib/sortition/io.ts';
import type { LeximinProgress } from '../src/lib/sortition/leximin.ts';
import { InfeasibleQuotasError, PoolInputError } from '../src/lib/sortition/schema.ts';

const USAGE = `usage:
  panel-draw commit --pool pool.csv
  panel-draw draw --pool pool.csv --quotas quotas.yaml --size N --seed "<public seed>" --out record.yaml
  panel-draw verify --record record.yaml --pool pool.csv`;

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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      pool: { type: 'string' },
      quotas: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      record: { type: 'string' },
    },
    strict: true,
  });
  const need = (name: keyof typeof values): string => {
    const v = values[name];
    if (!v) throw new UsageError(`missing --${name}`);
    return v;
  };

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
        console.log(`OK: same pool commitment, same lottery, same panel of ${record.panel.length}, all quotas met.`);
        return 0;
      }
      console.error(`VERIFICATION FAILED:\n${res.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    if (e instanceof InputFileError || e instanceof InfeasibleQuotasError || e instanceof PoolInputError) {
      console.error(`error: ${e.message}`);
      process.exit(1);
    }
    console.error(e);
    process.exit(1);
  },
);
