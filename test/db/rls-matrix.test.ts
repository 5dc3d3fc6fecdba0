// The RLS / grant matrix: every table x role x select/insert/update/delete, measured through
// supabase-js against the real stack and compared with the reviewed expectation in
// rls-matrix.expected.json. Legend:
//   select: denied (no privilege) | none (0 rows visible) | own (only the caller's rows) | all
//   insert/update/delete: denied (no privilege) | blocked (refused by a policy or trigger)
//                         | none (allowed, 0 rows affected) | allowed
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, expect, test } from 'vitest';
import { anonClient, apply, createRound, recordDraw, signIn, signInAdmin, sql, type SignedIn } from './helpers.ts';

const expected = JSON.parse(readFileSync(join(import.meta.dirname, 'rls-matrix.expected.json'), 'utf8')) as Record<
  string,
  unknown
>;

type Ctx = { userId: string | null; drawId: string; roundId: string; applicantId: string };

interface TableSpec {
  /** Superuser SQL returning the owner user id of each row (null where rows have no owner). */
  ownerSql: string;
  /** Column(s) identifying a row in API results, matched against ownerSql's `key`. */
  key: (row: Record<string, unknown>) => string;
  sample: (c: Ctx) => Record<string, unknown>;
  update: Record<string, unknown>;
  /** A text column for a filter that matches every row. */
  anyRow: string;
}

const TABLES: Record<string, TableSpec> = {
  applicants: {
    ownerSql: 'select id::text as key, user_id as owner from public.applicants',
    key: (r) => String(r.id),
    sample: (c) => ({ user_id: c.userId ?? randomUUID(), email: 'x@example.org', region: 'seoul', birth_year: 1980,
      gender: 'female', consent_version: 'v', consented_at: new Date().toISOString() }),
    update: { occupation: 'changed' },
    anyRow: 'email',
  },
  panel_draws: {
    ownerSql: 'select id::text as key, null::uuid as owner from public.panel_draws',
    key: (r) => String(r.id),
    sample: () => ({ title: 't', record: {}, pool_commitment: 'b'.repeat(64), seed: 's' }),
    update: { title: 'changed' },
    anyRow: 'title',
  },
  panel_members: {
    ownerSql: `select m.draw_id || '/' || m.pseudonym as key, a.user_id as owner
                 from public.panel_members m left join public.applicants a on a.id = m.applicant_id`,
    key: (r) => `${r.draw_id}/${r.pseudonym}`,
    sample: (c) => ({ draw_id: c.drawId, pseudonym: 'MATRIXSEAT', applicant_id: c.applicantId, strata: { region: 'seoul' }, seat: true,
      status: 'confirmed' }),
    update: { status: 'confirmed' },
    anyRow: 'status',
  },
  voting_rounds: {
    ownerSql: 'select id::text as key, null::uuid as owner from public.voting_rounds',
    key: (r) => String(r.id),
    sample: (c) => ({ title: 't', method: 'approval', max_approvals: 1, opens_at: new Date().toISOString(),
      closes_at: new Date(Date.now() + 3600e3).toISOString(), draw_id: c.drawId }),
    update: { title: 'changed' },
    anyRow: 'title',
  },
  round_candidates: {
    ownerSql: `select round_id || '/' || case_id as key, null::uuid as owner from public.round_candidates`,
    key: (r) => `${r.round_id}/${r.case_id}`,
    sample: (c) => ({ round_id: c.roundId, case_id: 'matrix-case' }),
    update: { case_id: 'changed-case' },
    anyRow: 'case_id',
  },
  ballots: {
    ownerSql: 'select id::text as key, user_id as owner from public.ballots',
    key: (r) => String(r.id),
    sample: (c) => ({ round_id: c.roundId, user_id: c.userId ?? randomUUID(), choices: ['case-a'], receipt: 'MATRIX0001',
      idempotency_key: randomUUID(), voter_strata: { region: 'seoul' } }),
    update: { choices: ['case-b'] },
    anyRow: 'receipt',
  },
  ballot_requests: {
    ownerSql: `select user_id || '/' || idempotency_key as key, user_id as owner from public.ballot_requests`,
    key: (r) => `${r.user_id}/${r.idempotency_key}`,
    sample: (c) => ({ user_id: c.userId ?? randomUUID(), idempotency_key: randomUUID(), round_id: c.roundId, receipt: 'X' }),
    update: { receipt: 'changed' },
    anyRow: 'receipt',
  },
  audit_log: {
    ownerSql: 'select seq::text as key, null::uuid as owner from public.audit_log',
    key: (r) => String(r.seq),
    sample: () => ({ seq: 999999, action: 'forged.entry', detail: {}, prev_hash: '', hash: '' }),
    update: { action: 'changed.entry' },
    anyRow: 'action',
  },
  audit_outbox: {
    ownerSql: 'select id::text as key, null::uuid as owner from public.audit_outbox',
    key: (r) => String(r.id),
    sample: () => ({ action: 'ballot.receipt', subject: 'round:forged', detail: {} }),
    update: { action: 'changed.entry' },
    anyRow: 'action',
  },
};

type Outcome = string;
type Err = { code?: string; message?: string } | null;

function writeOutcome(error: Err, count: number | null): Outcome {
  if (error) {
    if (error.code === '42501' && /permission denied for (table|relation)/.test(error.message ?? '')) return 'denied';
    if (error.code === '42501') return 'blocked';
    return `error ${error.code}: ${error.message}`;
  }
  return count ? 'allowed' : 'none';
}

async function selectOutcome(client: SupabaseClient, table: string, spec: TableSpec, userId: string | null): Promise<Outcome> {
  // Page through: PostgREST returns at most 1,000 rows per request, and the audit log grows past that.
  const rows: Record<string, unknown>[] = [];
  for (let from = 0; ; from += 1000) {
    const { data, error } = await client.from(table).select('*').range(from, from + 999);
    if (error) return writeOutcome(error, null);
    rows.push(...(data ?? []));
    if (!data || data.length < 1000) break;
  }
  const owners = new Map((await sql<{ key: string; owner: string | null }>(spec.ownerSql)).map((r) => [r.key, r.owner]));
  if (rows.length === 0) return 'none';
  if (rows.length === owners.size) return 'all';
  if (userId && rows.every((r) => owners.get(spec.key(r)) === userId)) return 'own';
  return `some (${rows.length} of ${owners.size})`;
}

let roles: Record<string, { client: SupabaseClient; userId: string | null }>;
let ctx: Omit<Ctx, 'userId'>;

beforeAll(async () => {
  const admin = await signInAdmin();
  const a = await signIn();
  const b = await signIn();
  const member: SignedIn = await signIn();
  await apply(a, 'busan');
  await apply(b, 'jeju', 1990, 'male');
  const m = await apply(member, 'daegu', 1975, 'other');
  const draw = await recordDraw(admin, [m], [], { confirm: [member] });
  const round = await createRound(admin, draw.id);
  const { error } = await member.client.rpc('cast_ballot', {
    p_round_id: round.id,
    p_choices: ['case-a'],
    p_idempotency_key: randomUUID(),
  });
  if (error) throw error;
  roles = {
    anon: { client: anonClient(), userId: null },
    applicant_a: { client: a.client, userId: a.userId },
    applicant_b: { client: b.client, userId: b.userId },
    member: { client: member.client, userId: member.userId },
    admin: { client: admin.client, userId: admin.userId },
  };
  ctx = { drawId: draw.id, roundId: round.id, applicantId: m.id };
  // Other people's ballots must exist for "own" to be distinguishable from "all".
  const [{ n }] = await sql<{ n: number }>('select count(*)::int as n from public.ballots');
  expect(n).toBeGreaterThan(0);
});

test('every table x role x operation matches the reviewed matrix', async () => {
  const actual: Record<string, Record<string, Record<string, Outcome>>> = {};
  for (const [table, spec] of Object.entries(TABLES)) {
    actual[table] = {};
    for (const [role, { client, userId }] of Object.entries(roles)) {
      const c: Ctx = { ...ctx, userId };
      const select = await selectOutcome(client, table, spec, userId);
      const ins = await client.from(table).insert(spec.sample(c), { count: 'exact' });
      const upd = await client.from(table).update(spec.update, { count: 'exact' }).neq(spec.anyRow, '\u0000never');
      const del = await client.from(table).delete({ count: 'exact' }).neq(spec.anyRow, '\u0000never');
      actual[table][role] = {
        select,
        insert: writeOutcome(ins.error, ins.count ?? (ins.error ? null : 1)),
        update: writeOutcome(upd.error, upd.count),
        delete: writeOutcome(del.error, del.count),
      };
    }
  }
  // Kept for review when the expectation changes on purpose.
  mkdirSync(join(import.meta.dirname, '..', '.tmp'), { recursive: true });
  writeFileSync(join(import.meta.dirname, '..', '.tmp', 'rls-matrix.actual.json'), JSON.stringify(actual, null, 2) + '\n');
  const { _legend, _functions, ...expectedTables } = expected;
  void _legend;
  void _functions;
  expect(actual).toEqual(expectedTables);
});

test('the matrix covers every table in public, and every one has RLS enabled', async () => {
  const rows = await sql<{ name: string; rls: boolean }>(
    `select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
  );
  expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(TABLES).sort());
  expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual([]);
});

// Functions: which API roles may EXECUTE each one in public (anon and authenticated reach them
// through PostgREST; service_role is the staff CLIs' key). A new or regranted function changes this.
test('every function in public x API role EXECUTE grant matches the reviewed matrix', async () => {
  const rows = await sql<{ name: string; roles: string[] }>(
    `select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name,
            array(select r from unnest(array['anon', 'authenticated', 'service_role']) r
                   where has_function_privilege(r, p.oid, 'execute')) as roles
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' order by 1`,
  );
  const actual = Object.fromEntries(rows.map((r) => [r.name, r.roles.join(' ') || 'none']));
  writeFileSync(join(import.meta.dirname, '..', '.tmp', 'rls-functions.actual.json'), JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(expected._functions);
});
