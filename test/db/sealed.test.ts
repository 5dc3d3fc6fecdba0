// While a round is open its results are sealed, and that must hold for side channels too:
//  - no anonymous (or member) call takes a lock that the round's ballots wait on;
//  - nothing anyone but staff can observe through the API changes when a ballot is cast or changed.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { anonClient, apply, closeRound, createRound, recordDraw, serviceClient, signIn, signInAdmin, stack, type SignedIn } from './helpers.ts';

let voter: SignedIn;
let watcher: SignedIn; // a confirmed member of the same panel who does not vote
let roundId: string;

beforeAll(async () => {
  const admin = await signInAdmin();
  voter = await signIn();
  watcher = await signIn();
  const applied = [await apply(voter, 'ulsan', 1960, 'male'), await apply(watcher, 'ulsan', 1961, 'male')];
  const draw = await recordDraw(admin, applied, [], { confirm: [voter, watcher] });
  roundId = (await createRound(admin, draw.id)).id;
});

/** A database session holding the round's lock as a ballot in flight does (shared), until released. */
async function ballotInFlight(round: string) {
  const c = new pg.Client({ connectionString: stack().superuserDbUrl });
  await c.connect();
  await c.query('begin');
  await c.query('select pg_advisory_xact_lock_shared(public.round_lock_key($1))', [round]);
  return { release: async () => { await c.query('commit'); await c.end(); } };
}

const timed = async <T>(fn: () => PromiseLike<T>) => {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
};

describe('locks', () => {
  test('reading an open round\'s results takes no lock: answered at once while a ballot is in flight', async () => {
    const flight = await ballotInFlight(roundId);
    try {
      for (const rpc of ['round_tally', 'published_receipts', 'round_score_distribution']) {
        for (const client of [anonClient(), watcher.client]) {
          const { value, ms } = await timed(() => client.rpc(rpc, { p_round_id: roundId }));
          expect([rpc, value.error?.code]).toEqual([rpc, 'ORV04']);
          expect(ms, rpc).toBeLessThan(1000); // would wait for the ballot (then time out: a 5xx) if it took the lock
        }
      }
    } finally {
      await flight.release();
    }
  });

  test('after the close, reading waits for a ballot that passed the time check just before it', async () => {
    const admin = await signInAdmin();
    const m = await signIn();
    const draw = await recordDraw(admin, [await apply(m, 'jeju')], [], { confirm: [m] });
    const round = (await createRound(admin, draw.id)).id;
    const flight = await ballotInFlight(round);
    await closeRound(round);
    let answered = false;
    const read = anonClient().rpc('published_receipts', { p_round_id: round }).then((r) => { answered = true; return r; });
    await new Promise((r) => setTimeout(r, 400));
    expect(answered).toBe(false);
    await flight.release();
    expect((await read).error).toBeNull();
  });
});

describe('nothing observable moves with a ballot while the round is sealed', () => {
  /** Everything a role can read through the API: every table it may select, every read-only RPC it may call. */
  async function snapshot(bearer: string, rpcs: Record<string, Record<string, unknown>>) {
    const headers = { apikey: stack().anonKey, authorization: `Bearer ${bearer}`, prefer: 'count=exact' };
    const api = (await (await fetch(`${stack().apiUrl}/rest/v1/`, { headers: { ...headers, accept: 'application/openapi+json' } })).json()) as { paths: Record<string, unknown> };
    const tables = Object.keys(api.paths).filter((p) => /^\/[a-z_]+$/.test(p));
    const out: Record<string, unknown> = {};
    for (const t of tables) {
      const r = await fetch(`${stack().apiUrl}/rest/v1${t}?select=*`, { headers });
      out[t] = { status: r.status, range: r.headers.get('content-range'), body: await r.text() };
    }
    for (const [rpc, args] of Object.entries(rpcs)) {
      const r = await fetch(`${stack().apiUrl}/rest/v1/rpc/${rpc}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(args) });
      out[`rpc ${rpc}`] = { status: r.status, body: await r.text() };
    }
    return out;
  }

  test('anon and a member who does not vote see exactly the same before and after ballots; staff see the change', async () => {
    const reads = { round_tally: { p_round_id: roundId }, published_receipts: { p_round_id: roundId }, round_score_distribution: { p_round_id: roundId } };
    const memberReads = { ...reads, my_panel: {}, my_rounds: {}, my_receipts: {}, verify_audit_log: {}, round_turnout: { p_round_id: roundId } };
    const staffCount = async () => {
      await serviceClient().rpc('audit_flush_pending');
      return ((await serviceClient().rpc('verify_audit_log')).data as { rows_checked: number }[])[0]!.rows_checked;
    };
    const beforeAnon = await snapshot(stack().anonKey, reads);
    const beforeMember = await snapshot(watcher.accessToken, memberReads);
    const beforeStaff = await staffCount();
    // A first ballot, and a change of it.
    for (const choices of [['case-a'], ['case-b', 'case-c']]) {
      const { error } = await voter.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: choices, p_idempotency_key: randomUUID() });
      expect(error).toBeNull();
    }
    expect(await snapshot(stack().anonKey, reads)).toEqual(beforeAnon);
    expect(await snapshot(watcher.accessToken, memberReads)).toEqual(beforeMember);
    expect(Object.keys(beforeMember).length).toBeGreaterThan(10);
    // Staff can see the receipts enter the audit log (once the outbox is chained), so the snapshots above
    // would have seen a change had one leaked.
    expect(await staffCount()).toBe(beforeStaff + 2);
  });
});
