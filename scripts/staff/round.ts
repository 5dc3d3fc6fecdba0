// Staff CLI for panel voting rounds.
//   npm run round -- create --draw <draw id> --title "…" --method approval --k 2 \
//     --cases seoul-mobile-library,busan-barrier-free-coast --opens 2026-03-01T09:00:00+09:00 --closes 2026-03-15T18:00:00+09:00 [--min-ballots 10]
//   npm run round -- close-export --round <round uuid> --id <content id> --title-zh "…" [--title-en "…"] [--title-ko "…"] [--demo]
// create: create_round as the service role (staff); prints the round's database id.
// close-export: after close, writes content/panel-rounds/<id>.yaml from published_receipts and —
// when at least --min-ballots were counted — round_tally, round_score_distribution and
// round_turnout with small cells suppressed (aggregates and bare receipt codes, never a ballot's
// choices; refused by the database while the round is open).
import { intOption, required, runCli, UsageError } from '../lib/cli.ts';
import { createRound, exportRound, StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';

const options = {
  draw: { type: 'string' }, title: { type: 'string' }, method: { type: 'string' }, k: { type: 'string' },
  cases: { type: 'string' }, opens: { type: 'string' }, closes: { type: 'string' }, round: { type: 'string' },
  id: { type: 'string' }, 'title-zh': { type: 'string' }, 'title-en': { type: 'string' }, 'title-ko': { type: 'string' },
  'min-ballots': { type: 'string' }, demo: { type: 'boolean' },
  'content-dir': { type: 'string' }, 'stack-dir': { type: 'string' },
} as const;

if (import.meta.main) {
  await runCli({
    command: 'npm run round --',
    summary: 'Open a citizen-panel voting round, or export a closed round’s results into content/panel-rounds/.',
    usage: [
      'create --draw <draw id> --title <title> --method approval|score [--k N] --cases a,b,c --opens <ISO> --closes <ISO> [--min-ballots 10]',
      'close-export --round <round uuid> --id <content id> --title-zh <title> [--title-en <title>] [--title-ko <title>] [--demo]',
    ],
    options,
    help: [
      'create        create_round as the service role; prints the round id',
      'close-export  after the close, write the tally, turnout and counted receipts',
      '--k N         approval rounds: choose up to N cases (at most the number of cases)',
      '--min-ballots results are published only with at least this many ballots (default 10)',
      '--content-dir content folder (default content); --stack-dir local stack (default .local/stack)',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [StaffError],
    async run({ values, positionals: [command] }) {
      const contentDir = values['content-dir'] ?? 'content';
      const time = (name: 'opens' | 'closes') => {
        const d = new Date(required(name, values[name]));
        if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be a date-time such as 2026-03-01T09:00:00+08:00`);
        return d;
      };
      if (command === 'create') {
        const method = required('method', values.method);
        if (method !== 'approval' && method !== 'score') throw new UsageError('--method must be approval or score');
        const cases = required('cases', values.cases).split(',').map((s) => s.trim()).filter(Boolean);
        const request = {
          contentDir, draw: required('draw', values.draw), title: required('title', values.title), method,
          maxApprovals: values.k === undefined ? undefined : intOption('k', values.k),
          minBallots: intOption('min-ballots', values['min-ballots'], 10),
          cases, opensAt: time('opens'), closesAt: time('closes'),
        } as const;
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const r = await createRound(client, request);
        console.error(`created round, closes ${r.closesAt}; after that run: npm run round -- close-export --round ${r.id} --id <content id> --title-zh "…"`);
        console.log(r.id);
      } else if (command === 'close-export') {
        const roundId = required('round', values.round);
        const id = required('id', values.id);
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const title = values['title-zh']
          ? { 'zh-Hant': values['title-zh'], ...(values['title-en'] ? { en: values['title-en'] } : {}), ...(values['title-ko'] ? { ko: values['title-ko'] } : {}) }
          : undefined;
        const { file, round } = await exportRound(client, { contentDir, roundId, id, title, demo: values.demo ?? false });
        console.log(`wrote ${file}: ${round.ballots} ballots, ${round.receipts.length} receipts${round.withheld ? `; results withheld (fewer than ${round.minBallots} ballots)` : ''}`);
      } else {
        throw new UsageError(`unknown command "${command}" (create or close-export)`);
      }
    },
  });
}
