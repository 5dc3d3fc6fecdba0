// The audit log holds ballot receipts (hashed, no voter, no choices) beside admin actions, and the
// verify command recomputes the whole chain outside the database and checks a closed round's
// published receipts against it — catching a dropped or a stuffed ballot.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { receiptHash } from '../../src/lib/panel/audit.ts';
import { auditPassed, readAuditLog, verifyAudit } from '../../scripts/lib/audit.ts';
import { anonClient, apply, createRound, pool, recordDraw, serviceClient, signIn, signInAdmin, sql, staffCli, type SignedIn } from './helpers.ts';

let admin: SignedIn;
let members: SignedIn[];
let roundId: string;
const receipts: Record<string, string> = {};

const cast = (who: SignedIn, choices: string[], key: string = randomUUID()) =>
  who.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: choices, p_idempotency_key: key });

// Ballots only write the outbox; chain it first, as the verify command does.
const roundRows = async () => {
  await serviceClient().rpc('audit_flush_pending');
  return (await readAuditLog(serviceClient())).filter((r) => r.subject === `round:${roundId}` && r.action.startsWith('ballot.'));
};

const cli = (args: string[]) => staffCli('audit.ts', args);

beforeAll(async () => {
  admin = await signInAdmin();
  members = [await signIn(), await signIn(), await signIn(), await signIn()];
  const applied = [];
  for (const m of members) applied.push(await apply(m, 'busan', 1970, 'male'));
  const draw = await recordDraw(admin, applied, [], { confirm: members });
  roundId = (await createRound(admin, draw.id)).id;
});

describe('ballot receipts in the audit log', () => {
  test('each issued receipt appends one row: hashed, without voter or choices; retries and reads add none', async () => {
    const [a, b, c] = members as [SignedIn, SignedIn, SignedIn];
    const key = randomUUID();
    receipts.a1 = (await cast(a, ['case-a'])).data as string;
    receipts.a2 = (await cast(a, ['case-b'], key)).data as string;
    expect((await cast(a, ['case-b'], key)).data).toBe(receipts.a2); // a retry: same receipt
    receipts.b = (await cast(b, ['case-a', 'case-c'])).data as string;
    receipts.c = (await cast(c, ['case-c'])).data as string;
    await a.client.rpc('my_rounds');
    await a.client.rpc('my_receipts');

    const rows = await roundRows();
    expect(rows.map((r) => [r.action, JSON.parse(r.detail)])).toEqual([
      ['ballot.receipt', { receipt_sha256: receiptHash(receipts.a1) }],
      ['ballot.receipt', { receipt_sha256: receiptHash(receipts.a2), replaces_sha256: receiptHash(receipts.a1) }],
      ['ballot.receipt', { receipt_sha256: receiptHash(receipts.b) }],
      ['ballot.receipt', { receipt_sha256: receiptHash(receipts.c) }],
    ]);
    for (const r of rows) {
      expect(r.actor).toBeNull();
      for (const secret of [a.userId, b.userId, c.userId, 'case-', receipts.a2, receipts.b]) expect(r.detail).not.toContain(secret);
    }
  });

  test('a ballot withdrawn while the round is open (the voter deleted their data) is logged as withdrawn', async () => {
    const c = members[2]!;
    expect((await c.client.rpc('delete_my_data')).error).toBeNull();
    const last = (await roundRows()).at(-1)!;
    expect([last.action, JSON.parse(last.detail)]).toEqual(['ballot.withdrawn', { receipt_sha256: receiptHash(receipts.c!) }]);
  });

  test('only admins read the log through the API; anon is refused and members see no row', async () => {
    await serviceClient().rpc('audit_flush_pending');
    const seen = (await admin.client.from('audit_log').select('action').eq('subject', `round:${roundId}`)).data as { action: string }[];
    expect(seen.map((r) => r.action).sort()).toEqual(['ballot.receipt', 'ballot.receipt', 'ballot.receipt', 'ballot.receipt', 'ballot.withdrawn', 'round.created']);
    expect((await anonClient().from('audit_log').select('seq')).error?.code).toBe('42501'); // no grant at all
    expect((await members[0]!.client.from('audit_log').select('seq')).data).toEqual([]); // RLS: admins only
  });
});

describe('receipts under load', () => {
  test('concurrent ballots never touch the chain, and every receipt reaches it by the close', async () => {
    const voters = await pool(Array.from({ length: 24 }), 8, () => signIn());
    const applied = await pool(voters, 8, (v) => apply(v, 'jeju', 1985, 'female'));
    const draw = await recordDraw(admin, applied, [], { confirm: voters });
    const round = (await createRound(admin, draw.id)).id;
    // Three ballots each, 24 voters, 12 in flight.
    const issued = await pool(Array.from({ length: 72 }), 12, async (_, i) => {
      const { data, error } = await voters[i % 24]!.client.rpc('cast_ballot', { p_round_id: round, p_choices: [i % 2 ? 'case-a' : 'case-b'], p_idempotency_key: randomUUID() });
      if (error) throw error;
      return data as string;
    });
    expect(new Set(issued).size).toBe(72);
    await sql(`update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1`, [round]);
    // Reading the closed round's results chains whatever was still waiting.
    expect((await anonClient().rpc('round_tally', { p_round_id: round })).error).toBeNull();
    expect(await sql(`select 1 from public.audit_outbox where subject = $1`, [`round:${round}`])).toHaveLength(0);
    const report = await verifyAudit(serviceClient(), { rounds: [{ roundId: round }] });
    expect(report.chain.ok).toBe(true);
    expect(report.rounds[0]!.check).toEqual({ ok: true, issued: 72, replaced: 48, withdrawn: 0, standing: 24, missing: [], unexpected: [] });
  });

  test('outbox rows cannot be changed or removed except by moving them into the chain', async () => {
    await sql(`begin; set local session_replication_role = replica;
               insert into public.audit_outbox (action, subject, detail) values ('ballot.receipt', 'round:test', '{}'); commit;`);
    await expect(sql(`update public.audit_outbox set detail = '{"x":1}'`)).rejects.toThrow(/move only into audit_log: UPDATE/);
    await expect(sql(`delete from public.audit_outbox`)).rejects.toThrow(/move only into audit_log: DELETE/);
    await expect(sql(`truncate public.audit_outbox`)).rejects.toThrow(/move only into audit_log: TRUNCATE/);
    expect((await serviceClient().rpc('audit_flush_pending')).data).toBe(1);
    expect(await sql(`select 1 from public.audit_outbox`)).toHaveLength(0);
    expect((await anonClient().rpc('audit_flush_pending')).error?.code).toBe('42501');
    expect((await admin.client.rpc('audit_flush_pending')).error?.code).toBe('42501');
  });
});

describe('verify command', () => {
  test('recomputes every row’s hash outside the database, agreeing with verify_audit_log()', async () => {
    const report = await verifyAudit(serviceClient());
    expect(report.chain).toMatchObject({ ok: true });
    expect(report.database).toMatchObject({ ok: true, rows_checked: report.chain.rowsChecked });
    expect(report.chain.rowsChecked).toBeGreaterThanOrEqual(7); // draw, round, 4 receipts, 1 withdrawal at least
    const run = cli(['verify']);
    expect(run.stderr).toMatch(/read \d+ audit rows/);
    expect(run.stdout).toMatch(/^audit log: \d+ rows, hash chain intact/m);
    expect(run.status).toBe(0);
  });

  test('before the close the round’s receipts cannot be checked: they are sealed', async () => {
    const run = cli(['verify', '--round', roundId]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/sealed until it closes/);
  });

  test('after the close the published receipts are exactly those issued, minus replaced and withdrawn', async () => {
    await sql(`update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1`, [roundId]);
    const report = await verifyAudit(serviceClient(), { rounds: [{ roundId }] });
    expect(report.rounds[0]!.check).toEqual({ ok: true, issued: 4, replaced: 1, withdrawn: 1, standing: 2, missing: [], unexpected: [] });
    const run = cli(['verify', '--round', roundId]);
    expect(run.stdout).toContain(`round ${roundId}: 4 receipts issued, 1 replaced, 1 withdrawn → 2 to count; the published list matches`);
    expect(run.status).toBe(0);
  });

  test('a published file that drops a receipt or lists a replaced one fails, naming it', async () => {
    const report = await verifyAudit(serviceClient(), { rounds: [{ roundId, receipts: [receipts.a1!, receipts.b!] }] });
    expect(auditPassed(report)).toBe(false);
    expect(report.rounds[0]!.check).toMatchObject({ ok: false, missing: [receiptHash(receipts.a2!)], unexpected: [receipts.a1] });
  });

  test('a ballot dropped or stuffed behind cast_ballot’s back (triggers off) is caught', async () => {
    // As the superuser with triggers disabled: what someone with database access could do.
    await sql(`begin; set local session_replication_role = replica;
               delete from public.ballots where receipt = '${receipts.b}';
               insert into public.ballots (round_id, user_id, choices, receipt, idempotency_key, voter_strata)
               values ('${roundId}', null, '["case-a"]', 'ZZZZZZZZZZ', gen_random_uuid(), '{"region":"busan"}');
               commit;`);
    const report = await verifyAudit(serviceClient(), { rounds: [{ roundId }] });
    expect(report.chain.ok).toBe(true); // the log itself is intact…
    expect(report.rounds[0]!.check).toMatchObject({ ok: false, missing: [receiptHash(receipts.b!)], unexpected: ['ZZZZZZZZZZ'] });
    const run = cli(['verify', '--round', roundId]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`missing from the published list: receipt with sha256 ${receiptHash(receipts.b!)}`);
    expect(run.stdout).toContain('published but not issued by cast_ballot (or replaced/withdrawn): ZZZZZZZZZZ');
  });

  test('a changed row is found at the same place by this command and by the database', async () => {
    const [{ seq }] = await sql<{ seq: string }>(`select max(seq) as seq from public.audit_log`);
    await sql(`begin; set local session_replication_role = replica;
               update public.audit_log set detail = detail || '{"x":1}' where seq = ${seq}; commit;`);
    try {
      const report = await verifyAudit(serviceClient());
      expect(report.chain).toMatchObject({ ok: false, firstBadSeq: Number(seq) });
      expect(report.database).toMatchObject({ ok: false, first_bad_seq: Number(seq) });
      const run = cli(['verify']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`audit log: BROKEN at seq ${seq}: hash does not match the row’s content`);
    } finally {
      await sql(`begin; set local session_replication_role = replica;
                 update public.audit_log set detail = detail - 'x' where seq = ${seq}; commit;`);
    }
    expect((await verifyAudit(serviceClient())).chain.ok).toBe(true);
  });
});
