// Synthetic pseudonymous pool + matching quotas, for tests and benchmarks.
//   node scripts/generate-pool.ts --size 2000 --seed x [--panel 200] [--out-dir .local/pool]
// Writes <out-dir>/pool.csv (id,age,gender,region) and <out-dir>/quotas.yaml.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatPoolCsv, formatQuotasYaml } from '../src/lib/sortition/io.ts';
import { generatePool } from '../src/lib/sortition/synthetic.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '2000' },
    seed: { type: 'string', default: 'synthetic' },
    panel: { type: 'string' },
    'out-dir': { type: 'string', default: '.' },
  },
});
const size = Number(values.size);
const panel = values.panel === undefined ? Math.max(1, Math.round(size / 10)) : Number(values.panel);
if (!Number.isInteger(size) || size <= 0 || !Number.isInteger(panel) || panel <= 0 || panel > size) {
  console.error('--size and --panel must be positive integers with panel ≤ size');
  process.exit(2);
}
const { pool, quotas } = generatePool(size, values.seed, panel);
const dir = values['out-dir'];
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'pool.csv'), formatPoolCsv(pool, ['age', 'gender', 'region']));
writeFileSync(join(dir, 'quotas.yaml'), formatQuotasYaml(quotas));
console.log(`wrote ${join(dir, 'pool.csv')} (${size} members) and ${join(dir, 'quotas.yaml')} (panel ${panel})`);
