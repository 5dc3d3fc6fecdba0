// Staff CLI: record a finished draw in the panel database and publish it on the site.
//   npm run panel:publish-draw -- --record draw.yaml --pool pool.csv --id panel-2026 \
//     --title-zh "2026 年國民評鑑團抽選" --title-en "2026 citizen panel draw" [--reserve 10] [--age-year 2026] [--demo]
// Calls record_draw (service role = admin), marks the selected and the first --reserve reserves,
// then writes content/panel-draws/<id>.yaml (the draw record + site fields) and <id>.pool.csv.
import { readFileSync } from 'node:fs';
import { intOption, required, runCli, UserError } from '../lib/cli.ts';
import { InputFileError, parseDrawRecordYaml, parsePoolCsv } from '../../src/lib/sortition/io.ts';
import { publishDraw, StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot be read`);
  }
}

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:publish-draw --',
    summary: 'Record a finished draw in the panel database and write it into content/panel-draws/.',
    usage: ['--record draw.yaml --pool pool.csv --id <id> --title-zh <title> [--title-en <title>] [--reserve N] [--age-year YYYY] [--content-dir content] [--stack-dir .local/stack] [--demo]'],
    options: {
      record: { type: 'string' }, pool: { type: 'string' }, id: { type: 'string' },
      'title-zh': { type: 'string' }, 'title-en': { type: 'string' }, reserve: { type: 'string' },
      'age-year': { type: 'string' }, 'content-dir': { type: 'string' }, 'stack-dir': { type: 'string' },
      demo: { type: 'boolean' },
    },
    help: [
      '--record, --pool   the draw record from `npm run draw -- draw` and the pool it was drawn from',
      '--id               content id of the published draw (content/panel-draws/<id>.yaml)',
      '--reserve N        how many reserves in published order (default 0)',
      '--demo             mark the published draw as demo data',
    ],
    userErrors: [StaffError, InputFileError],
    async run({ values }) {
      const recordFile = required('record', values.record);
      const poolFile = required('pool', values.pool);
      const record = parseDrawRecordYaml(read(recordFile), recordFile);
      const pool = parsePoolCsv(read(poolFile), poolFile);
      const reserveCount = intOption('reserve', values.reserve, 0, 0);
      const ageReferenceYear = values['age-year'] ? intOption('age-year', values['age-year']) : new Date(record.createdAt ?? Date.now()).getUTCFullYear();
      const client = staffClient(staffConfig(process.env, values['stack-dir']));
      const res = await publishDraw(client, {
        contentDir: values['content-dir'] ?? 'content',
        id: required('id', values.id),
        title: { 'zh-Hant': required('title-zh', values['title-zh']), ...(values['title-en'] ? { en: values['title-en'] } : {}) },
        record, pool, reserveCount, ageReferenceYear, demo: values.demo ?? false,
      });
      console.log(`recorded draw ${res.databaseId}: ${record.panel.length} selected, ${Math.min(reserveCount, record.reserve.length)} reserve`);
      console.log(`wrote ${res.file}\nwrote ${res.poolFile}`);
    },
  });
}
