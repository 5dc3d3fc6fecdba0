// Staff CLI for panel voting rounds.
//   node scripts/round.ts create --draw <draw id> --title "…" --method approval --k 2 \
//     --cases seoul-mobile-library,busan-barrier-free-coast --opens 2026-03-01T09:00:00+08:00 --closes 2026-03-15T18:00:00+08:00
//   node scripts/round.ts close-export --round <round uuid> --id <content id> --title-zh "…" [--title-en "…"] [--demo]
// create: create_round as the service role (admin); prints the round's database id.
// close-export: after close, writes content/panel-rounds/<id>.yaml from round_tally,
// round_score_distribution, round_turnout and published_receipts (aggregates and bare receipt
// codes, never a ballot's choices; refused by the database while the round is open).
import { parseArgs } from 'node:util';
import { createRound, exportRound, StaffError, staffClient, staffConfig } from './lib/panel-staff.ts';

const USAGE = `usage:
  round create --draw <draw id> --title <title> --method approval|score [--k N] --cases a,b,c --opens <ISO> --closes <ISO>
  round close-export --round <round uuid> --id <content id> --title-zh <title> [--title-en <title>] [--demo]
  common: [--content-dir content] [--stack-dir .local/stack]`;

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      draw: { type: 'string' }, title: { type: 'string' }, method: { type: 'string' }, k: { type: 'string' },
      cases: { type: 'string' }, opens: { type: 'string' }, closes: { type: 'string' }, round: { type: 'string' },
      id: { type: 'string' }, 'title-zh': { type: 'string' }, 'title-en': { type: 'string' }, demo: { type: 'boolean', default: false },
      'content-dir': { type: 'string', default: 'content' }, 'stack-dir': { type: 'string' },
    },
  });
  const contentDir = values['content-dir']!;
  const time = (name: 'opens' | 'closes') => {
    const d = new Date(values[name] ?? '');
    if (Number.isNaN(d.getTime())) throw new StaffError(`--${name} must be a date-time such as 2026-03-01T09:00:00+08:00`);
    return d;
  };
  if (positionals[0] === 'create') {
    if (!values.draw || !values.title || !values.method || !values.cases) throw new StaffError(USAGE);
    if (values.method !== 'approval' && values.method !== 'score') throw new StaffError('--method must be approval or score');
    const client = staffClient(staffConfig(process.env, values['stack-dir']));
    const r = await createRound(client, {
      contentDir, draw: values.draw, title: values.title, method: values.method,
      maxApprovals: values.k ? Number(values.k) : undefined,
      cases: values.cases.split(',').map((s) => s.trim()).filter(Boolean),
      opensAt: time('opens'), closesAt: time('closes'),
    });
    console.error(`created round, closes ${r.closesAt}; after that run: node scripts/round.ts close-export --round ${r.id} --id <content id> --title-zh "…"`);
    console.log(r.id);
  } else if (positionals[0] === 'close-export') {
    if (!values.round || !values.id) throw new StaffError(USAGE);
    const client = staffClient(staffConfig(process.env, values['stack-dir']));
    const title = values['title-zh'] ? { 'zh-Hant': values['title-zh'], ...(values['title-en'] ? { en: values['title-en'] } : {}) } : undefined;
    const { file, round } = await exportRound(client, { contentDir, roundId: values.round, id: values.id, title, demo: values.demo });
    console.log(`wrote ${file}: ${round.ballots} ballots, ${round.receipts.length} receipts`);
  } else {
    console.error(USAGE);
    process.exit(2);
  }
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}
