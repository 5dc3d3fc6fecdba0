// Verify the panel database's audit log (staff and auditors, service-role key).
//   npm run audit -- verify [--round <round uuid> [--file content/panel-rounds/<id>.yaml]] [--stack-dir .local/stack]
// Recomputes every row's hash here and compares with the database's verify_audit_log(); with
// --round, checks that the round's published counted receipts (from the database, or from the
// published content file with --file) are exactly the receipts the log saw issued and not replaced
// or withdrawn. Exit 0 when everything holds, 1 when something does not, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { auditPassed, formatAuditReport, verifyAudit } from '../lib/audit.ts';
import { StaffError, staffClient, staffConfig } from '../lib/panel-staff.ts';
import { runCli, UsageError } from '../lib/cli.ts';

/** Receipt codes from a published round file (entries are codes, or objects with a receipt). */
function receiptsOfFile(file: string): { roundId?: string; receipts: string[] } {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { databaseId?: string; receipts?: unknown[] } | null;
  if (!doc || !Array.isArray(doc.receipts)) throw new StaffError(`${file}: no receipts list`);
  const receipts = doc.receipts.map((x) => (typeof x === 'string' ? x : String((x as { receipt?: unknown }).receipt)));
  return { roundId: doc.databaseId, receipts };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run audit --',
    summary: 'Recompute the panel database’s hash-chained audit log and check a closed round’s published receipts.',
    usage: ['verify [--round <round uuid> [--file content/panel-rounds/<id>.yaml]] [--stack-dir .local/stack]'],
    options: { round: { type: 'string' }, file: { type: 'string' }, 'stack-dir': { type: 'string' } },
    help: [
      '--round  also check this round’s counted receipts = issued − replaced − withdrawn',
      '--file   take the counted receipts from the published content file instead of the database',
      'exit 0 when everything holds, 1 when something does not',
    ],
    positionals: { min: 1, max: 1 },
    userErrors: [StaffError],
    async run({ values, positionals: [command] }) {
      if (command !== 'verify') throw new UsageError(`unknown command "${command}" (verify)`);
      if (values.file && !values.round) throw new UsageError('--file needs --round');
      const client = staffClient(staffConfig(process.env, values['stack-dir']));
      let rounds: { roundId: string; receipts?: string[] }[] = [];
      if (values.round) {
        const fromFile = values.file ? receiptsOfFile(values.file) : undefined;
        if (fromFile?.roundId && fromFile.roundId !== values.round) {
          throw new StaffError(`${values.file} is round ${fromFile.roundId}, not ${values.round}`);
        }
        rounds = [{ roundId: values.round, receipts: fromFile?.receipts }];
      }
      const report = await verifyAudit(client, { rounds, log: (l) => process.stderr.write(l + '\n') });
      for (const line of formatAuditReport(report)) console.log(line);
      return auditPassed(report) ? 0 : 1;
    },
  });
}
