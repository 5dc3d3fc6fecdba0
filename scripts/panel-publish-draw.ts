// Staff CLI: record a finished draw in the panel database and publish it on the site.
//   node scripts/panel-publish-draw.ts --record draw.yaml --pool pool.csv --id panel-2026 \
//     --title-zh "2026 年國民評鑑團抽選" --title-en "2026 citizen panel draw" [--reserve 10] [--age-year 2026] [--demo]
// Calls record_draw (service role = admin), marks the selected and the first --reserve reserves,
// then writes content/panel-draws/<id>.yaml (the draw record + site fields) and <id>.pool.csv.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDrawRecordYaml, parsePoolCsv } from '../src/lib/sortition/io.ts';
import { publishDraw, StaffError, staffClient, staffConfig } from './lib/panel-staff.ts';

const USAGE = `usage: panel-publish-draw --record draw.yaml --pool pool.csv --id <id> --title-zh <title> [--title-en <title>]
       [--reserve N] [--age-year YYYY] [--content-dir content] [--stack-dir .local/stack] [--demo]`;

try {
  const { values } = parseArgs({
    options: {
      record: { type: 'string' }, pool: { type: 'string' }, id: { type: 'string' },
      'title-zh': { type: 'string' }, 'title-en': { type: 'string' }, reserve: { type: 'string', default: '0' },
      'age-year': { type: 'string' }, 'content-dir': { type: 'string', default: 'content' }, 'stack-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  if (!values.record || !values.pool || !values.id || !values['title-zh']) {
    console.error(USAGE);
    process.exit(2);
  }
  const record = parseDrawRecordYaml(readFileSync(values.record, 'utf8'), values.record);
  const pool = parsePoolCsv(readFileSync(values.pool, 'utf8'), values.pool);
  const reserveCount = Number(values.reserve);
  if (!Number.isInteger(reserveCount) || reserveCount < 0) throw new StaffError('--reserve must be a whole number');
  const ageReferenceYear = values['age-year'] ? Number(values['age-year']) : new Date(record.createdAt ?? Date.now()).getUTCFullYear();
  const client = staffClient(staffConfig(process.env, values['stack-dir']));
  const res = await publishDraw(client, {
    contentDir: values['content-dir']!,
    id: values.id,
    title: { 'zh-Hant': values['title-zh'], ...(values['title-en'] ? { en: values['title-en'] } : {}) },
    record, pool, reserveCount, ageReferenceYear, demo: values.demo,
  });
  console.log(`recorded draw ${res.databaseId}: ${record.panel.length} selected, ${Math.min(reserveCount, record.reserve.length)} reserve`);
  console.log(`wrote ${res.file}\nwrote ${res.poolFile}`);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}
