// Staff CLI: seats after the draw.
//   npm run panel:seats -- invitations --draw panel-2026 --out invitations.csv
//   npm run panel:seats -- replace --draw panel-2026 [--confirm-within-hours 168]
//   npm run panel:seats -- status --draw panel-2026
// invitations: the contact addresses of members whose seat awaits confirmation (the service role
//   only; refused inside content/, dist/ or public/, which are published).
// replace: after the deadline, seats not confirmed lapse and every empty seat (declined, lapsed,
//   withdrawn) is filled from the published reserve order; the replacements are appended to
//   content/panel-draws/<id>.yaml, where `npm run draw -- verify` replays them.
// status: seats per state, and the published seat changes brought up to date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { intOption, required, runCli, UsageError } from '../lib/cli.ts';
import { checkPrivateOutput, findDraw, replaceSeats, seatInvitations, StaffError, staffClient, staffConfig, syncSeatChanges } from '../lib/panel-staff.ts';

const options = {
  draw: { type: 'string' }, out: { type: 'string' }, 'confirm-within-hours': { type: 'string' },
  'content-dir': { type: 'string' }, 'stack-dir': { type: 'string' },
} as const;

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:seats --',
    summary: 'Invite the members drawn, fill empty seats from the published reserve order, and publish the seat changes.',
    usage: [
      'invitations --draw <draw id> --out invitations.csv',
      'replace --draw <draw id> [--confirm-within-hours 168]',
      'status --draw <draw id>',
    ],
    options,
    help: [
      'invitations  pseudonym,email,confirm_by,replaces of seats awaiting confirmation (contact data: keep it private)',
      'replace      lapse unconfirmed seats past their deadline, call reserves in published order, append to the draw record',
      'status       seats per state; brings the published seat changes up to date',
      '--confirm-within-hours  how long a called reserve has to confirm (default 168 = 7 days)',
      '--content-dir content folder (default content); --stack-dir local stack (default .local/stack)',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [StaffError],
    async run({ values, positionals: [command] }) {
      const contentDir = values['content-dir'] ?? 'content';
      const draw = required('draw', values.draw);
      if (command === 'invitations') {
        const out = required('out', values.out);
        checkPrivateOutput(out, contentDir);
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const rows = await seatInvitations(client, { contentDir, draw });
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, stringifyCsv([['pseudonym', 'email', 'confirm_by', 'replaces'], ...rows.map((r) => [r.pseudonym, r.email, r.confirm_by, r.replaces ?? ''])]), { mode: 0o600 });
        console.log(`${rows.length} invitation${rows.length === 1 ? '' : 's'} written to ${out} (personal data: do not publish or commit it)`);
      } else if (command === 'replace') {
        const hours = intOption('confirm-within-hours', values['confirm-within-hours'], 168);
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const r = await replaceSeats(client, { contentDir, draw, confirmWithinHours: hours });
        if (r.lapsed.length) console.log(`lapsed (not confirmed in time): ${r.lapsed.join(', ')}`);
        for (const x of r.replacements) console.log(`${x.out} (${x.reason}) → ${x.in}`);
        if (r.unfilled.length) console.log(`left empty (no available reserve keeps the quotas): ${r.unfilled.join(', ')}`);
        console.log(`${r.replacements.length} seat${r.replacements.length === 1 ? '' : 's'} filled; wrote ${r.file}`);
      } else if (command === 'status') {
        const client = staffClient(staffConfig(process.env, values['stack-dir']));
        const file = await syncSeatChanges(client, { contentDir, draw });
        const { data, error } = await client.rpc('draw_seat_changes', { p_draw_id: findDraw(contentDir, draw)!.databaseId });
        if (error) throw new StaffError(error.message);
        const counts = (data as { counts: Record<string, number> }).counts;
        console.log(Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', '));
        console.log(`wrote ${file}`);
      } else {
        throw new UsageError(`unknown command "${command}" (invitations, replace or status)`);
      }
    },
  });
}
