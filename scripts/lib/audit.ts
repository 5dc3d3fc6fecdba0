// Staff/auditor side of the audit log: read every row with the service-role key, recompute the
// chain here (not trusting the database's own verify_audit_log), and, for a closed voting round,
// check the published counted receipts against the receipts the log saw issued.
import type { SupabaseClient } from '@supabase/supabase-js';
import { checkRoundReceipts, verifyAuditChain, type AuditRow, type ChainCheck, type ReceiptCheck } from '../../src/lib/panel/audit.ts';
import { all, StaffError } from './panel-staff.ts';

/** Every audit_log row in seq order, with detail as PostgreSQL's jsonb text. */
export async function readAuditLog(client: SupabaseClient, onPage?: (rows: number) => void): Promise<AuditRow[]> {
  let seen = 0;
  return all<AuditRow>(async (from, to) => {
    const res = await client
      .from('audit_log')
      .select('seq,at,actor,action,subject,detail:detail::text,prev_hash,hash')
      .order('seq')
      .range(from, to);
    seen += res.data?.length ?? 0;
    onPage?.(seen);
    return res as { data: AuditRow[] | null; error: { message: string; code?: string } | null };
  });
}

/** What verifyAudit found. */
export interface AuditReport {
  /** The chain as recomputed here. */
  chain: ChainCheck;
  /** The database's own verify_audit_log(), which must agree. */
  database: { ok: boolean; rows_checked: number; first_bad_seq: number | null };
  /** Per requested round: the published receipts against the log. */
  rounds: { roundId: string; check: ReceiptCheck }[];
}

/** Read the log, verify the chain two ways, and check each round's published receipts. */
export async function verifyAudit(
  client: SupabaseClient,
  o: { rounds?: { roundId: string; receipts?: string[] }[]; log?: (line: string) => void } = {},
): Promise<AuditReport> {
  // Ballot receipts wait in the outbox until something chains them; chain them first.
  const flushed = await client.rpc('audit_flush_pending');
  if (flushed.error) throw new StaffError(`audit_flush_pending: ${flushed.error.message}`);
  if (flushed.data) o.log?.(`  chained ${flushed.data} receipt rows that were waiting in the outbox`);
  const rows = await readAuditLog(client, (n) => o.log?.(`  read ${n} audit rows`));
  const chain = verifyAuditChain(rows);
  const db = await client.rpc('verify_audit_log');
  if (db.error) throw new StaffError(db.error.message);
  const database = (db.data as AuditReport['database'][])[0]!;
  const rounds: AuditReport['rounds'] = [];
  for (const r of o.rounds ?? []) {
    let receipts = r.receipts;
    if (!receipts) {
      const published = await all<{ receipt: string }>((from, to) => client.rpc('published_receipts', { p_round_id: r.roundId }).range(from, to));
      receipts = published.map((x) => x.receipt);
    }
    rounds.push({ roundId: r.roundId, check: checkRoundReceipts(rows, r.roundId, receipts) });
  }
  return { chain, database, rounds };
}

/** True when everything checked out. */
export const auditPassed = (r: AuditReport) =>
  r.chain.ok && r.database.ok && r.database.rows_checked === r.chain.rowsChecked && r.rounds.every((x) => x.check.ok);

/** Report lines for people. */
export function formatAuditReport(r: AuditReport): string[] {
  const lines: string[] = [];
  lines.push(
    r.chain.ok
      ? `audit log: ${r.chain.rowsChecked} rows, hash chain intact (recomputed here); last hash ${r.chain.lastHash}`
      : `audit log: BROKEN at seq ${r.chain.firstBadSeq}: ${r.chain.reason} (${r.chain.rowsChecked} rows before it are intact)`,
  );
  lines.push(
    r.database.ok
      ? `database verify_audit_log(): intact, ${r.database.rows_checked} rows${r.database.rows_checked === r.chain.rowsChecked ? '' : ' (DISAGREES with the rows read here)'}`
      : `database verify_audit_log(): BROKEN at seq ${r.database.first_bad_seq}`,
  );
  for (const { roundId, check: c } of r.rounds) {
    lines.push(
      `round ${roundId}: ${c.issued} receipts issued, ${c.replaced} replaced, ${c.withdrawn} withdrawn → ${c.standing} to count; ` +
        (c.ok ? 'the published list matches' : 'the published list DOES NOT match'),
    );
    for (const h of c.missing) lines.push(`  missing from the published list: receipt with sha256 ${h}`);
    for (const p of c.unexpected) lines.push(`  published but not issued by cast_ballot (or replaced/withdrawn): ${p}`);
  }
  return lines;
}
