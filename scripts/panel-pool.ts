// Staff CLI: export the pseudonymous applicant pool for the panel draw.
//   node scripts/panel-pool.ts export --out pool.csv [--age-year 2026]
// Connects with SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, or to the local stack started with
// `npm run stack` (--stack-dir, default .local/stack). The CSV holds pseudonym, region, age band
// and gender only; prints the pool commitment to publish BEFORE the draw's seed is known.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { exportPool, StaffError, staffClient, staffConfig } from './lib/panel-staff.ts';

const USAGE = 'usage: panel-pool export --out pool.csv [--age-year YYYY] [--stack-dir .local/stack]';

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, 'age-year': { type: 'string' }, 'stack-dir': { type: 'string' } },
  });
  if (positionals[0] !== 'export' || !values.out) {
    console.error(USAGE);
    process.exit(2);
  }
  const year = values['age-year'] ? Number(values['age-year']) : undefined;
  if (year !== undefined && !Number.isInteger(year)) throw new StaffError('--age-year must be a year');
  const client = staffClient(staffConfig(process.env, values['stack-dir']));
  const pool = await exportPool(client, year);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, pool.csv);
  console.error(`${pool.pool.length} applicants written to ${values.out} (age bands as of ${pool.ageReferenceYear}).`);
  console.error('Publish this commitment before the seed is known:');
  console.log(pool.commitment);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}
