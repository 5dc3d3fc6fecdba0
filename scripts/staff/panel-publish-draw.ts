// Staff CLI: record a finished draw in the panel database and publish it on the site.
//   npm run panel:publish-draw -- --record draw.yaml --pool pool.csv --id panel-2026 \
//     --title-zh "2026 年國民評鑑團抽選" --title-en "2026 citizen panel draw" --title-ko "2026년 국민평가단 추첨" \
//     --reserve 6 --seed-published-at <ISO> --confirm-by <ISO> [--age-year 2026] [--demo]
// Checks the record against content/panel-commitments/<id>.yaml (same pool, quotas and panel size;
// seed published after the commitment), calls record_draw (the service role is staff): the panel's
// seats await confirmation until --confirm-by, the first --reserve of the reserve order become
// reserves. Then writes content/panel-draws/<id>.yaml (the draw record + site fields) and
// <id>.pool.csv.
import { readFileSync } from 'node:fs';
import { intOption, required, runCli, UsageError, UserError } from '../lib/cli.ts';
import { InputFileError, parseDrawRecordYaml, parsePoolCsv } from '../../src/lib/sortition/io.ts';
import { publishDraw, StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot be read`);
  }
}

function time(name: string, value: string | undefined): Date {
  const d = new Date(required(name, value));
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be a date-time such as 2026-03-01T09:00:00+09:00`);
  return d;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:publish-draw --',
    summary: 'Record a finished draw in the panel database and write it into content/panel-draws/.',
    usage: ['--record draw.yaml --pool pool.csv --id <id> --title-zh <title> [--title-en <title>] [--title-ko <title>] --seed-published-at <ISO> --confirm-by <ISO> [--reserve N] [--age-year YYYY] [--content-dir content] [--stack-dir .local/stack] [--demo]'],
    options: {
      record: { type: 'string' }, pool: { type: 'string' }, id: { type: 'string' },
      'title-zh': { type: 'string' }, 'title-en': { type: 'string' }, 'title-ko': { type: 'string' }, reserve: { type: 'string' },
      'age-year': { type: 'string' }, 'content-dir': { type: 'string' }, 'stack-dir': { type: 'string' },
      'seed-published-at': { type: 'string' }, 'confirm-by': { type: 'string' },
      demo: { type: 'boolean' },
    },
    help: [
      '--record, --pool     the draw record from `npm run draw -- draw` and the pool it was drawn from',
      '--id                 the id of the commitment (content/panel-commitments/<id>.yaml) and of the published draw',
      '--seed-published-at  when the seed became public (must be after the commitment was published)',
      '--confirm-by         members drawn onto the panel must confirm their seat before this',
      '--reserve N          how many of the reserve order get reserve seats (default 0: no replacements)',
      '--demo               mark the published draw as demo data',
    ],
    userErrors: [StaffError, InputFileError],
    async run({ values }) {
      const recordFile = required('record', values.record);
      const poolFile = required('pool', values.pool);
      const record = parseDrawRecordYaml(read(recordFile), recordFile);
      const pool = parsePoolCsv(read(poolFile), poolFile);
      const reserveCount = intOption('reserve', values.reserve, 0, 0);
      const ageReferenceYear = values['age-year'] ? intOption('age-year', values['age-year']) : new Date(record.createdAt ?? Date.now()).getUTCFullYear();
      const seedPublishedAt = time('seed-published-at', values['seed-published-at']);
      const confirmBy = time('confirm-by', values['confirm-by']);
      const client = staffClient(staffConfig(process.env, values['stack-dir']));
      const res = await publishDraw(client, {
        contentDir: values['content-dir'] ?? 'content',
        id: required('id', values.id),
        title: {
          'zh-Hant': required('title-zh', values['title-zh']),
          ...(values['title-en'] ? { en: values['title-en'] } : {}),
          ...(values['title-ko'] ? { ko: values['title-ko'] } : {}),
        },
        record, pool, reserveCount, ageReferenceYear, seedPublishedAt, confirmBy, demo: values.demo ?? false,
      });
      console.log(`recorded draw ${res.databaseId}: ${record.panel.length} seats to confirm by ${confirmBy.toISOString()}, ${Math.min(reserveCount, record.reserve.length)} reserves`);
      console.log(`wrote ${res.file}\nwrote ${res.poolFile}`);
    },
  });
}
