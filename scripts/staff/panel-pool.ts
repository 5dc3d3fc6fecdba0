// Staff CLI: the pseudonymous applicant pool, its quotas, and the commitment published before the
// draw's seed is known.
//   npm run panel:pool -- export --categories region,age,gender --out pool.csv [--age-year 2026]
//   npm run panel:pool -- quotas --pool pool.csv --size 12 --out quotas.yaml
//   npm run panel:pool -- commit --pool pool.csv --quotas quotas.yaml --size 12 --id panel-2026 \
//     --seed-source-zh "…" --seed-source-en "…" --seed-source-ko "…"
// Connects with SUPABASE_URL + SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY), or to the local stack started with
// `npm run stack` (--stack-dir, default .local/stack). The pool holds pseudonyms and only the
// strata the quotas use; `commit` writes content/panel-commitments/<id>.yaml, which must be
// published (build and deploy) before the seed is known.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { intOption, required, runCli, UsageError, UserError } from '../lib/cli.ts';
import { commitPool, exportPool, quotaCategories, StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';
import { POOL_CATEGORIES, type PoolCategory } from '../../src/lib/panel/strata.ts';
import { formatQuotasYaml, InputFileError, parsePoolCsv, parseQuotasYaml } from '../../src/lib/sortition/io.ts';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot be read`);
  }
}

function write(file: string, text: string) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const options = {
  out: { type: 'string' }, 'age-year': { type: 'string' }, 'stack-dir': { type: 'string' }, categories: { type: 'string' },
  quotas: { type: 'string' }, pool: { type: 'string' }, size: { type: 'string' }, id: { type: 'string' }, slack: { type: 'string' },
  'seed-source-zh': { type: 'string' }, 'seed-source-en': { type: 'string' }, 'seed-source-ko': { type: 'string' },
  'content-dir': { type: 'string' },
} as const;

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:pool --',
    summary: 'Export the pseudonymous applicant pool, propose quotas, and commit to the pool before the seed is known.',
    usage: [
      'export (--categories region,age,gender | --quotas quotas.yaml) --out pool.csv [--age-year YYYY] [--stack-dir .local/stack]',
      'quotas --pool pool.csv --size N --out quotas.yaml [--slack 0.5]',
      'commit --pool pool.csv --quotas quotas.yaml --size N --id <draw id> --seed-source-zh <text> [--seed-source-en <text>] [--seed-source-ko <text>] [--content-dir content]',
    ],
    options,
    help: [
      'export      applicants with status "applied": pseudonym and the strata the quotas use (region, age band, gender)',
      'quotas      a proposal: each stratum about its share of the pool (± slack); edit it before committing',
      'commit      write content/panel-commitments/<id>.yaml (pool hash, quotas hash, panel size, seed source); publish it before the seed is known',
      '--age-year  year the age bands are computed for (default: this year)',
      '--stack-dir the local stack to use when SUPABASE_URL is not set (default .local/stack)',
      'Quotas YAML: per category, each value → { min: N, max: N } seats (docs/supabase.md)',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [StaffError, InputFileError],
    async run({ values, positionals: [command] }) {
      if (command === 'export') {
        const out = required('out', values.out);
        let categories: PoolCategory[];
        if (values.quotas) categories = quotaCategories(parseQuotasYaml(read(values.quotas), values.quotas));
        else {
          const list = required('categories', values.categories).split(',').map((c) => c.trim()).filter(Boolean);
          const bad = list.filter((c) => !(POOL_CATEGORIES as readonly string[]).includes(c));
          if (bad.length || list.length === 0) throw new UsageError(`--categories must be among ${POOL_CATEGORIES.join(', ')}, got "${values.categories}"`);
          categories = list as PoolCategory[];
        }
        const year = values['age-year'] === undefined ? undefined : intOption('age-year', values['age-year']);
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const pool = await exportPool(client, { ageReferenceYear: year, categories });
        write(out, pool.csv);
        console.error(`${pool.pool.length} applicants written to ${out} (${pool.categories.join(', ')}; age bands as of ${pool.ageReferenceYear}).`);
        console.error('Their commitment (publish it with `commit` before the seed is known):');
        console.log(pool.commitment);
      } else if (command === 'quotas') {
        const poolFile = required('pool', values.pool);
        const size = intOption('size', values.size);
        const slack = values.slack === undefined ? 0.5 : Number(values.slack);
        if (!(slack >= 0 && slack <= 1)) throw new UsageError(`--slack must be between 0 and 1, got "${values.slack}"`);
        const out = required('out', values.out);
        write(out, formatQuotasYaml(proportionalQuotas(parsePoolCsv(read(poolFile), poolFile), size, slack)));
        console.log(`wrote ${out}`);
      } else if (command === 'commit') {
        const poolFile = required('pool', values.pool);
        const quotasFile = required('quotas', values.quotas);
        const { file, commitment } = commitPool({
          contentDir: values['content-dir'] ?? 'content',
          id: required('id', values.id),
          pool: parsePoolCsv(read(poolFile), poolFile),
          quotas: parseQuotasYaml(read(quotasFile), quotasFile),
          panelSize: intOption('size', values.size),
          seedSource: {
            'zh-Hant': required('seed-source-zh', values['seed-source-zh']),
            ...(values['seed-source-en'] ? { en: values['seed-source-en'] } : {}),
            ...(values['seed-source-ko'] ? { ko: values['seed-source-ko'] } : {}),
          },
        });
        console.log(`wrote ${file}: pool ${commitment.poolCommitment} (${commitment.poolSize} applicants), quotas ${commitment.quotasSha256}, published at ${commitment.publishedAt}`);
        console.error('Publish it now (build and deploy), before the seed is known.');
      } else {
        throw new UsageError(`unknown command "${command}" (export, quotas or commit)`);
      }
    },
  });
}
