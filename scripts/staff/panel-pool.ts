// Staff CLI: export the pseudonymous applicant pool for the panel draw.
//   npm run panel:pool -- export --out pool.csv [--age-year 2026]
// Connects with SUPABASE_URL + SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY), or to the local stack started with
// `npm run stack` (--stack-dir, default .local/stack). The CSV holds pseudonym, region, age band
// and gender only; prints the pool commitment to publish BEFORE the draw's seed is known.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { intOption, required, runCli, UsageError } from '../lib/cli.ts';
import { exportPool, StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:pool --',
    summary: 'Export the pseudonymous applicant pool (pseudonym, region, age band, gender) and print its commitment.',
    usage: ['export --out pool.csv [--age-year YYYY] [--stack-dir .local/stack]'],
    options: { out: { type: 'string' }, 'age-year': { type: 'string' }, 'stack-dir': { type: 'string' } },
    help: [
      '--out        where to write the pool CSV',
      '--age-year   year the age bands are computed for (default: this year)',
      '--stack-dir  the local stack to use when SUPABASE_URL is not set (default .local/stack)',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [StaffError],
    async run({ values, positionals: [command] }) {
      if (command !== 'export') throw new UsageError(`unknown command "${command}" (export)`);
      const out = required('out', values.out);
      const year = values['age-year'] === undefined ? undefined : intOption('age-year', values['age-year']);
      const client = staffClient(staffConfig(process.env, values['stack-dir']));
      const pool = await exportPool(client, year);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, pool.csv);
      console.error(`${pool.pool.length} applicants written to ${out} (age bands as of ${pool.ageReferenceYear}).`);
      console.error('Publish this commitment before the seed is known:');
      console.log(pool.commitment);
    },
  });
}
