// Voting rules, enforced by the database and exercised through supabase-js.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  anonClient, apply, closeRound, createRound, pool, recordDraw, serviceClient, signIn, signInAdmin, sql, stack, type SignedIn,
} from './helpers.ts';

const REGIONS = ['seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'jeju'];
let admin: SignedIn;
let members: SignedIn[];
let outsider: SignedIn; // applied, not selected
let otherPanelist: SignedIn; // selected for another draw only
let drawId: string;
let otherDrawId: string;

const cast = (who: SignedIn, roundId: string, choices: unknown, key: string = randomUUID()) =>
  who.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: choices, p_idempotency_key: key });

beforeAll(async () => {
  admin = await signInAdmin();
  members = await pool(Array.from({ length: 50 }), 8, () => signIn());
  const ids = await pool(members, 8, (m, i) => apply(m, REGIONS[i % REGIONS.length], 1950 + i, i % 2 ? 'male' : 'female'));
  outsider = await signIn();
  await apply(outsider);
  otherPanelist = await signIn();
  const other = await apply(otherPanelist, 'jeju');
  drawId = (await recordDraw(admin, ids, [], { confirm: members })).id;
  otherDrawId = (await recordDraw(admin, [other], [], { confirm: [otherPanelist] })).id;
});

describe('who may vote, and when', () => {
  test('before opens_at and after closes_at are refused by the database clock', async () => {
    const early = await createRound(admin, drawId, { opensInSec: 3600, closesInSec: 7200 });
    const late = await createRound(admin, drawId, { opensInSec: -7200, closesInSec: -3600 });
    const r1 = await cast(members[0]!, early.id, ['case-a']);
    expect(r1.error?.code).toBe('ORV01');
    const r2 = await cast(members[0]!, late.id, ['case-a']);
    expect(r2.error?.code).toBe('ORV02');
    const open = await createRound(admin, drawId);
    expect((await cast(members[0]!, open.id, ['case-a'])).error).toBeNull();
  });

  test('non-members, members of another panel, and anon are refused', async () => {
    const round = await createRound(admin, drawId);
    const otherRound = await createRound(admin, otherDrawId);
    expect((await cast(outsider, round.id, ['case-a'])).error?.code).toBe('42501');
    expect((await cast(otherPanelist, round.id, ['case-a'])).error?.code).toBe('42501');
    expect((await cast(members[1]!, otherRound.id, ['case-a'])).error?.code).toBe('42501');
    const anon = await anonClient().rpc('cast_ballot', { p_round_id: round.id, p_choices: ['case-a'], p_idempotency_key: randomUUID() });
    expect(anon.error).not.toBeNull();
    // The other panel's member can vote in their own round.
    expect((await cast(otherPanelist, otherRound.id, ['case-b'])).error).toBeNull();
    expect(await sql('select 1 from public.ballots where round_id = $1', [round.id])).toHaveLength(0);
  });

  test('choices are validated: candidates of the round, at most k approvals, scores 1-5', async () => {
    const approval = await createRound(admin, drawId, { k: 2 });
    const score = await createRound(admin, drawId, { method: 'score' });
    const m = members[2]!;
    for (const bad of [['case-x'], ['case-a', 'case-b', 'case-c'], [], ['case-a', 'case-a'], { 'case-a': 1 }, 'case-a']) {
      expect([bad, (await cast(m, approval.id, bad)).error?.code]).toEqual([bad, 'ORV03']);
    }
    for (const bad of [{ 'case-a': 6 }, { 'case-a': 0 }, { 'case-a': 2.5 }, { 'case-x': 3 }, {}, ['case-a'], { 'case-a': '3' }]) {
      expect([bad, (await cast(m, score.id, bad)).error?.code]).toEqual([bad, 'ORV03']);
    }
    expect((await cast(m, approval.id, ['case-a', 'case-c'])).error).toBeNull();
    expect((await cast(m, score.id, { 'case-a': 5, 'case-b': 1 })).error).toBeNull();
  });

  test('a seat must be confirmed to vote; a withdrawn member\'s open-round ballot is withdrawn and they cannot vote again', async () => {
    const m = await signIn();
    const a = await apply(m, 'ulsan');
    const d = await recordDraw(admin, [a]);
    const round = await createRound(admin, d.id);
    expect((await cast(m, round.id, ['case-a'])).error?.code).toBe('42501'); // selected, not yet confirmed
    expect((await m.client.rpc('confirm_seat', { p_draw_id: d.id })).error).toBeNull();
    expect((await cast(m, round.id, ['case-a'])).error).toBeNull();
    expect((await m.client.rpc('withdraw_application')).error).toBeNull();
    expect(await sql('select 1 from public.ballots where round_id = $1', [round.id])).toHaveLength(0);
    expect((await cast(m, round.id, ['case-b'])).error?.code).toBe('42501');
    // Applying again is a new application for a later draw: it gives back neither the seat nor the vote.
    expect((await m.client.rpc('submit_application', { p_region: 'jeju', p_birth_year: 1990, p_gender: 'male', p_consent_version: 'v' })).error).toBeNull();
    expect((await m.client.rpc('confirm_seat', { p_draw_id: d.id })).error?.code).toBe('ORS03');
    expect((await cast(m, round.id, ['case-b'])).error?.code).toBe('42501');
    const [seat] = await sql<{ status: string; strata: Record<string, string> }>('select status, strata from public.panel_members where draw_id = $1', [d.id]);
    expect(seat).toEqual({ status: 'withdrawn', strata: { region: 'ulsan' } });
  });
});

describe('secrecy', () => {
  test('nobody reads ballots directly, not even admins or the service role; members see only their own', async () => {
    const round = await createRound(admin, drawId);
    const receipt = (await cast(members[3]!, round.id, ['case-b'])).data as string;
    expect(receipt).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    for (const client of [admin.client, serviceClient(), members[3]!.client, anonClient()]) {
      const { error } = await client.from('ballots').select('*');
      expect(error?.code).toBe('42501');
    }
    const mine = (r: { data: unknown }) => (r.data as { round_id: string; choices: unknown; receipt: string | null }[]).find((x) => x.round_id === round.id);
    expect(mine(await members[3]!.client.rpc('my_rounds'))).toMatchObject({ choices: ['case-b'], receipt });
    expect(mine(await members[4]!.client.rpc('my_rounds'))).toMatchObject({ choices: null, receipt: null });
    expect(mine(await admin.client.rpc('my_rounds'))).toBeUndefined();
    expect(mine(await outsider.client.rpc('my_rounds'))).toBeUndefined();
  });

  test('tallies and receipts are refused until the round closes, for admins too', async () => {
    const round = await createRound(admin, drawId);
    await cast(members[5]!, round.id, ['case-a']);
    for (const client of [admin.client, anonClient(), serviceClient(), members[5]!.client]) {
      expect((await client.rpc('round_tally', { p_round_id: round.id })).error?.code).toBe('ORV04');
      expect((await client.rpc('published_receipts', { p_round_id: round.id })).error?.code).toBe('ORV04');
      expect((await client.rpc('round_score_distribution', { p_round_id: round.id })).error?.code).toBe('ORV04');
    }
    expect((await serviceClient().rpc('round_turnout', { p_round_id: round.id })).error?.code).toBe('ORV04');
  });

  test('after close, a round with fewer ballots than its minimum withholds tally and turnout but lists its receipts', async () => {
    const round = await createRound(admin, drawId, { minBallots: 3 });
    const receipts = [];
    for (const m of members.slice(10, 12)) receipts.push((await cast(m, round.id, ['case-a'])).data as string);
    await closeRound(round.id);
    for (const client of [anonClient(), admin.client, serviceClient()]) {
      expect((await client.rpc('round_tally', { p_round_id: round.id })).error?.code).toBe('ORV05');
      expect((await client.rpc('round_score_distribution', { p_round_id: round.id })).error?.code).toBe('ORV05');
    }
    expect((await serviceClient().rpc('round_turnout', { p_round_id: round.id })).error?.code).toBe('ORV05');
    expect((await anonClient().rpc('round_turnout', { p_round_id: round.id })).error?.code).toBe('42501'); // unsuppressed: staff only
    expect((await anonClient().rpc('published_receipts', { p_round_id: round.id })).data).toEqual(receipts.sort().map((receipt) => ({ receipt })));
  });

  test('admin-only RPCs refuse everyone else', async () => {
    const m = members[6]!;
    const r = await m.client.rpc('create_round', {
      p_title: 'x', p_method: 'approval', p_opens_at: new Date().toISOString(),
      p_closes_at: new Date(Date.now() + 1e6).toISOString(), p_draw_id: drawId, p_case_ids: ['a'], p_max_approvals: 1,
    });
    expect(r.error?.code).toBe('42501');
    const d = await m.client.rpc('record_draw', {
      p_title: 'x', p_record: {}, p_strata: {}, p_reserve_count: 0, p_confirm_by: new Date(Date.now() + 1e6).toISOString(),
    });
    expect(d.error?.code).toBe('42501');
    for (const rpc of ['replace_vacant_seats', 'draw_seat_changes']) {
      const r = await m.client.rpc(rpc, rpc === 'replace_vacant_seats' ? { p_draw_id: drawId, p_confirm_within: '7 days' } : { p_draw_id: drawId });
      expect([rpc, r.error?.code]).toEqual([rpc, '42501']);
    }
    // Contact addresses: the service role only, not even a signed-in admin.
    expect((await admin.client.rpc('seat_invitations', { p_draw_id: drawId })).error?.code).toBe('42501');
    expect((await serviceClient().rpc('seat_invitations', { p_draw_id: drawId })).error).toBeNull();
  });
});

describe('one ballot per member, last one counts', () => {
  test('200 concurrent submissions from 50 members leave exactly 50 ballots with the right last choices', async () => {
    const round = await createRound(admin, drawId, { k: 2 });
    const options = [['case-a'], ['case-b'], ['case-c'], ['case-a', 'case-b']];
    // Phase 1: all 200 at once; per member the ballot must be the submission recorded last.
    const jobs = members.flatMap((m, i) => options.map((_, j) => ({ m, i, choices: options[(i + j) % 4]! })));
    const results = await Promise.all(jobs.map(async (j) => ({ ...j, r: await cast(j.m, round.id, j.choices) })));
    expect(results.filter((x) => x.r.error)).toEqual([]);
    let ballots = await sql<{ user_id: string; choices: string[]; receipt: string }>(
      'select user_id, choices, receipt from public.ballots where round_id = $1', [round.id]);
    expect(ballots).toHaveLength(50);
    const lastRequest = new Map((await sql<{ user_id: string; receipt: string }>(
      `select distinct on (user_id) user_id, receipt from public.ballot_requests where round_id = $1 order by user_id, created_at desc`,
      [round.id])).map((r) => [r.user_id, r.receipt]));
    for (const b of ballots) {
      const mine = results.filter((x) => x.m.userId === b.user_id);
      const winner = mine.find((x) => x.r.data === b.receipt);
      expect(winner, 'ballot receipt is one of the member\'s own submissions').toBeTruthy();
      expect(b.choices).toEqual(winner!.choices);
      expect(b.receipt, 'the standing ballot is the member\'s last recorded submission').toBe(lastRequest.get(b.user_id));
    }
    // Phase 2: members in parallel, each member's 4 submissions in order: the 4th must count.
    await Promise.all(members.map(async (m, i) => {
      for (let j = 0; j < 4; j++) {
        const { error } = await cast(m, round.id, options[(i + j + 1) % 4]);
        expect(error).toBeNull();
      }
    }));
    ballots = await sql('select user_id, choices, receipt from public.ballots where round_id = $1', [round.id]);
    expect(ballots).toHaveLength(50);
    const expected = new Map(members.map((m, i) => [m.userId, options[(i + 4) % 4]]));
    for (const b of ballots) expect(b.choices).toEqual(expected.get(b.user_id));
  });

  test('a ballot reads only its voter\'s seat, not the whole panel (its cost does not grow with the panel)', async () => {
    const round = await createRound(admin, drawId);
    const c = new pg.Client({ connectionString: stack().superuserDbUrl });
    await c.connect();
    try {
      // One session over several ballots, as PostgREST keeps one (PL/pgSQL may switch to a generic
      // plan after five calls): the join this lookup replaced read 16-49 of the 50 seats per ballot.
      // Rows of panel_members read: heap fetches are counted on the table by a bitmap scan and on
      // the index by an index scan (pending counts carry over between transactions, hence the difference).
      const read = async () => Number((await c.query<{ n: string }>(
        `select coalesce(sum(pg_stat_get_xact_tuples_fetched(oid)), 0) as n from pg_class
          where oid = 'public.panel_members'::regclass
             or oid in (select indexrelid from pg_index where indrelid = 'public.panel_members'::regclass)`)).rows[0]!.n);
      const fetched: number[] = [];
      for (const m of members.slice(0, 8)) {
        await c.query('begin');
        await c.query('set local role authenticated');
        await c.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: m.userId, role: 'authenticated' })]);
        const before = await read();
        const { rows: [ballot] } = await c.query<{ receipt: string }>('select public.cast_ballot($1, $2, $3) as receipt', [round.id, JSON.stringify(['case-a']), randomUUID()]);
        expect(ballot!.receipt).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
        fetched.push((await read()) - before);
        await c.query('commit');
      }
      expect(fetched).toEqual(Array(8).fill(1));
    } finally {
      await c.end();
    }
  });

  test('retrying with the same idempotency key returns the same receipt and has no second effect', async () => {
    const round = await createRound(admin, drawId);
    const m = members[7]!;
    const k1 = randomUUID();
    const r1 = await cast(m, round.id, ['case-a'], k1);
    const r2 = await cast(m, round.id, ['case-b']);
    expect(r2.data).not.toBe(r1.data);
    // A late retry of the first request must not undo the later choice.
    const retry = await cast(m, round.id, ['case-c'], k1);
    expect(retry.data).toBe(r1.data);
    const mine = ((await m.client.rpc('my_rounds')).data as { round_id: string; choices: string[]; receipt: string }[]).find((x) => x.round_id === round.id);
    expect(mine).toMatchObject({ choices: ['case-b'], receipt: r2.data });
    // Concurrent duplicates: one effect, one receipt.
    const k3 = randomUUID();
    const dup = await Promise.all(Array.from({ length: 10 }, () => cast(m, round.id, ['case-c'], k3)));
    expect(dup.filter((d) => d.error)).toEqual([]);
    expect(new Set(dup.map((d) => d.data)).size).toBe(1);
    const rows = await sql('select 1 from public.ballot_requests where user_id = $1 and idempotency_key = $2', [m.userId, k3]);
    expect(rows).toHaveLength(1);
    const key = await cast(m, (await createRound(admin, drawId)).id, ['case-a'], k1);
    expect(key.error?.code).toBe('ORV06'); // a key belongs to one round
  });

  test('a vote racing the close never lands after close; the tally then counts exactly the landed ballots', async () => {
    const round = await createRound(admin, drawId, { closesInSec: 2.5, k: 1 });
    const closesAt = new Date(round.closes_at).getTime();
    const voters = members.slice(0, 30);
    type Attempt = { userId: string; sentAt: number; ok: boolean; receipt?: string; choice: string; code?: string };
    const attempts: Attempt[] = [];
    await Promise.all(voters.map(async (m, i) => {
      for (let n = 0; ; n++) {
        const choice = ['case-a', 'case-b', 'case-c'][(i + n) % 3]!;
        const sentAt = Date.now();
        const { data, error } = await cast(m, round.id, [choice]);
        attempts.push({ userId: m.userId, sentAt, ok: !error, receipt: data ?? undefined, choice, code: error?.code });
        if (error) break;
      }
    }));
    const ok = attempts.filter((a) => a.ok);
    const refused = attempts.filter((a) => !a.ok);
    expect(ok.length).toBeGreaterThan(30);
    expect(refused.map((a) => a.code)).toEqual(voters.map(() => 'ORV02'));
    // The database decides after the request arrives, so any accepted vote was sent before close.
    for (const a of ok) expect(a.sentAt).toBeLessThan(closesAt);
    const [{ late }] = await sql<{ late: number }>(
      'select count(*)::int as late from public.ballots where round_id = $1 and updated_at >= $2', [round.id, round.closes_at]);
    expect(late).toBe(0);
    // Each member's ballot is their last accepted vote: nothing landed after it.
    const ballots = await sql<{ user_id: string; receipt: string; choices: string[] }>(
      'select user_id, receipt, choices from public.ballots where round_id = $1', [round.id]);
    expect(ballots).toHaveLength(voters.length);
    const lastOk = new Map<string, Attempt>();
    for (const a of ok) lastOk.set(a.userId, a);
    for (const b of ballots) {
      expect(b.receipt).toBe(lastOk.get(b.user_id)!.receipt);
      expect(b.choices).toEqual([lastOk.get(b.user_id)!.choice]);
    }
    // After close: the tally and the published receipts match the landed ballots.
    const tally = (await anonClient().rpc('round_tally', { p_round_id: round.id })).data as { case_id: string; approvals: number; ballots: number }[];
    for (const t of tally) {
      expect(t.ballots).toBe(voters.length);
      expect(t.approvals).toBe(ballots.filter((b) => b.choices.includes(t.case_id)).length);
    }
    // Receipts alone, in code order: nothing pairs a receipt with the choices of its ballot.
    const receipts = (await anonClient().rpc('published_receipts', { p_round_id: round.id })).data as Record<string, unknown>[];
    expect(receipts).toEqual(ballots.map((b) => b.receipt).sort().map((receipt) => ({ receipt })));
    // A receipt replaced by a later vote of the same member is not counted, so not listed.
    const replaced = ok.filter((a) => a.receipt !== lastOk.get(a.userId)!.receipt).map((a) => a.receipt);
    expect(replaced.length).toBeGreaterThan(0);
    for (const r of replaced) expect(receipts).not.toContainEqual({ receipt: r });
  });
});

describe('personal data', () => {
  test('delete_my_data withdraws open-round ballots, anonymises closed-round ones, and removes the account', async () => {
    const m = await signIn();
    const a = await apply(m, 'sejong');
    const d = await recordDraw(admin, [a], [], { confirm: [m] });
    const open = await createRound(admin, d.id);
    const closing = await createRound(admin, d.id, { closesInSec: 1 });
    expect((await cast(m, open.id, ['case-a'])).error).toBeNull();
    expect((await cast(m, closing.id, ['case-b'])).error).toBeNull();
    await new Promise((r) => setTimeout(r, 1200));
    const { data, error } = await m.client.rpc('delete_my_data');
    expect(error).toBeNull();
    expect(data).toMatchObject({ open_ballots_withdrawn: 1, closed_ballots_anonymised: 1 });
    expect(await sql('select 1 from public.ballots where round_id = $1', [open.id])).toHaveLength(0);
    // Unlinked from the person; the seat strata stay (they are in the published pool, and the
    // published turnout must not change).
    expect(await sql('select user_id, voter_strata from public.ballots where round_id = $1', [closing.id]))
      .toEqual([{ user_id: null, voter_strata: { region: 'sejong' } }]);
    expect(await sql('select 1 from public.applicants where id = $1', [a.id])).toHaveLength(0);
    expect(await sql('select pseudonym, applicant_id, status from public.panel_members where draw_id = $1', [d.id]))
      .toEqual([{ pseudonym: a.pseudonym, applicant_id: null, status: 'withdrawn' }]);
    expect(await sql('select 1 from auth.users where id = $1', [m.userId])).toHaveLength(0);
    const tally = (await anonClient().rpc('round_tally', { p_round_id: closing.id })).data as { case_id: string; approvals: number }[];
    expect(tally.find((t) => t.case_id === 'case-b')?.approvals).toBe(1);
  });
});

describe('audit log', () => {
  test('admin actions are chained; the chain verifies, detects tampering, and refuses changes', async () => {
    // Its length moves with every ballot: staff only.
    expect((await anonClient().rpc('verify_audit_log')).error?.code).toBe('42501');
    expect((await members[0]!.client.rpc('verify_audit_log')).error?.code).toBe('42501');
    const ok = (await serviceClient().rpc('verify_audit_log')).data as { ok: boolean; rows_checked: number }[];
    expect(ok[0]).toMatchObject({ ok: true });
    expect(ok[0]!.rows_checked).toBeGreaterThan(2);
    await expect(sql(`update public.audit_log set detail = '{}' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql('delete from public.audit_log where seq = 1')).rejects.toThrow(/append-only/);
    // Tamper as the superuser with triggers off (what an attacker with disk access could do).
    await sql(`begin; set local session_replication_role = replica;
               update public.audit_log set detail = detail || '{"x":1}' where seq = 2; commit;`);
    const bad = (await serviceClient().rpc('verify_audit_log')).data as { ok: boolean; first_bad_seq: number }[];
    expect(bad[0]).toMatchObject({ ok: false, first_bad_seq: 2 });
    await sql(`begin; set local session_replication_role = replica;
               update public.audit_log set detail = detail - 'x' where seq = 2; commit;`);
    expect(((await serviceClient().rpc('verify_audit_log')).data as { ok: boolean }[])[0]!.ok).toBe(true);
  });
});
