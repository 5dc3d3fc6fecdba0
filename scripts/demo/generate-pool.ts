// Synthetic pseudonymous pool + matching quotas, for tests and benchmarks.
//   npm run generate:pool -- --size 2000 --seed x [--panel 200] [--out-dir .local/pool]
// Writes <out-dir>/pool.csv (id,age,gender,region) and <out-dir>/quotas.yaml.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intOption, runCli, UsageError } from '../lib/cli.ts';
import { formatPoolCsv, formatQuotasYaml } from '../../src/lib/sortition/io.ts';
import { generatePool } from '../../src/lib/sortition/synthetic.ts';

if (import.meta.main) {
  await runCli({
    command: 'npm run generate:pool --',
    summary: 'Write a synthetic pseudonymous pool and matching quotas (tests and benchmarks).',
    usage: ['[--size 2000] [--seed synthetic] [--panel N] [--out-dir .]'],
    options: { size: { type: 'string' }, seed: { type: 'string' }, panel: { type: 'string' }, 'out-dir': { type: 'string' } },
    help: ['--size     pool size (default 2000)', '--panel    panel size (default size / 10)', '--out-dir  writes pool.csv and quotas.yaml there (default .)'],
    run({ values }) {
      const size = intOption('size', values.size, 2000);
      const panel = intOption('panel', values.panel, Math.max(1, Math.round(size / 10)));
      if (panel > size) throw new UsageError('--panel must be at most --size');
      const { pool, quotas } = generatePool(size, values.seed ?? 'synthetic', panel);
      const dir = values['out-dir'] ?? '.';
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'pool.csv'), formatPoolCsv(pool, ['age', 'gender', 'region']));
      writeFileSync(join(dir, 'quotas.yaml'), formatQuotasYaml(quotas));
      console.log(`wrote ${join(dir, 'pool.csv')} (${size} members) and ${join(dir, 'quotas.yaml')} (panel ${panel})`);
    },
  });
}
