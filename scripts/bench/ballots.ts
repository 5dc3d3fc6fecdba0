// Ballots through PostgREST on the real local stack: N members cast and change ballots
// concurrently for a fixed time; report ballots/s and latency, then check in the database that
// no ballot was lost or doubled (one per member, equal to the member's last acknowledged vote).
// A benchmark: it measures and prints; it does not pass or fail on speed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intOption, runCli } from '../lib/cli.ts';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { startStack, type Stack } from '../stack/index.ts';

export interface BallotBench {
  members: number;
  concurrency: number;
  seconds: number;
  ballots: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Rows in `ballots` for the round (must equal members who voted). */
  rows: number;
  /** Members whose stored ballot is not their last acknowledged one (must be 0). */
  mismatched: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const auth = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

async function member(stack: Stack, email: string): Promise<{ token: string; userId: string }> {
  const c = createClient(stack.apiUrl, stack.anonKey, auth);
  const sent = await c.auth.signInWithOtp({ email });
  if (sent.error) throw sent.error;
  const { data, error } = await c.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
  if (error) throw error;
  return { token: data.session!.access_token, userId: data.user!.id };
}

export async function benchBallots(opts: { members?: number; concurrency?: number; seconds?: number; log?: (m: string) => void } = {}): Promise<BallotBench> {
  const members = opts.members ?? 200;
  const concurrency = Math.min(opts.concurrency ?? 50, members);
  const seconds = opts.seconds ?? 10;
  const log = opts.log ?? (() => {});
  const stack = await startStack({ dataDir: mkdtempSync(join(tmpdir(), 'open-results-bench-stack-')), ports: { api: 0, db: 0 }, persistent: false, seed: false });
  try {
    log(`stack up at ${stack.apiUrl}; signing in ${members} members …`);
    const people: { token: string; userId: string; applicant?: string }[] = [];
    for (let i = 0; i < members; i += 20) {
      people.push(...(await Promise.all(Array.from({ length: Math.min(20, members - i) }, (_, j) => member(stack, `bench-${i + j}-${randomUUID().slice(0, 6)}@example.org`)))));
    }
    const regions = ['seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong', 'gyeonggi', 'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju'];
    await Promise.all(people.map(async (p, i) => {
      const c = createClient(stack.apiUrl, stack.anonKey, { ...auth, global: { headers: { Authorization: `Bearer ${p.token}` } } });
      const { data, error } = await c.rpc('submit_application', { p_region: regions[i % regions.length], p_birth_year: 1950 + (i % 50), p_gender: i % 2 ? 'male' : 'female', p_occupation: null, p_consent_version: 'bench' });
      if (error) throw error;
      p.applicant = (data as { id: string }).id;
    }));
    const adminEmail = `bench-admin-${randomUUID().slice(0, 6)}@example.org`;
    const admin = await member(stack, adminEmail);
    const service = createClient(stack.apiUrl, stack.serviceRoleKey, auth);
    await service.auth.admin.updateUserById(admin.userId, { app_metadata: { role: 'admin' } });
    const adminClient = createClient(stack.apiUrl, stack.anonKey, auth);
    await adminClient.auth.signInWithOtp({ email: adminEmail });
    await adminClient.auth.verifyOtp({ email: adminEmail, token: stack.mailbox(adminEmail)!.code, type: 'email' });
    const draw = await adminClient.rpc('record_draw', { p_title: 'bench', p_pool_commitment: '0'.repeat(64), p_seed: 'bench', p_record: {}, p_selected: people.map((p) => p.applicant), p_reserve: [] });
    if (draw.error) throw draw.error;
    const cases = ['seoul-mobile-library', 'busan-barrier-free-coast', 'daegu-smart-bus-shelter', 'gwangju-community-solar'];
    const round = await adminClient.rpc('create_round', {
      p_title: 'bench round', p_method: 'approval', p_opens_at: new Date(Date.now() - 60_000).toISOString(), p_closes_at: new Date(Date.now() + 3_600_000).toISOString(),
      p_draw_id: (draw.data as { id: string }).id, p_case_ids: cases, p_max_approvals: 2,
    });
    if (round.error) throw round.error;
    const roundId = (round.data as { id: string }).id;

    log(`casting for ${seconds} s with ${concurrency} members at a time …`);
    const latencies: number[] = [];
    const lastAck = new Map<string, string>();
    let errors = 0;
    let next = 0;
    const deadline = performance.now() + seconds * 1000;
    const t0 = performance.now();
    // Each worker takes the next member in turn, so every member votes and most change their vote.
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const p = people[next++ % people.length]!;
        const choices = [cases[next % cases.length]!, ...(next % 3 === 0 ? [cases[(next + 1) % cases.length]!] : [])];
        const started = performance.now();
        const res = await fetch(`${stack.apiUrl}/rest/v1/rpc/cast_ballot`, {
          method: 'POST',
          headers: { apikey: stack.anonKey, authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ p_round_id: roundId, p_choices: choices, p_idempotency_key: randomUUID() }),
        });
        const body = await res.text();
        latencies.push(performance.now() - started);
        if (res.ok) lastAck.set(p.userId, JSON.parse(body) as string);
        else errors++;
      }
    }));
    const elapsed = (performance.now() - t0) / 1000;
    // Same member served by two workers at once is possible near the wrap-around; the database
    // decides the order, so compare with the receipt the member's last *completed* call returned.
    const db = new pg.Client({ connectionString: stack.superuserDbUrl });
    await db.connect();
    const rows = (await db.query<{ user_id: string; receipt: string }>('select user_id, receipt from public.ballots where round_id = $1', [roundId])).rows;
    await db.end();
    const stored = new Map(rows.map((r) => [r.user_id, r.receipt]));
    let mismatched = 0;
    for (const [user, receipt] of lastAck) if (stored.get(user) !== receipt) mismatched++;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      members, concurrency, seconds: elapsed, ballots: latencies.length - errors, perSecond: (latencies.length - errors) / elapsed,
      p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), errors, rows: rows.length, mismatched: mismatched + Math.abs(rows.length - lastAck.size),
    };
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  await runCli({
    command: 'npm run bench:ballots --',
    summary: 'Ballots per second through PostgREST on a throwaway local stack (measures and prints).',
    usage: ['[--members 200] [--concurrency 50] [--seconds 10]'],
    options: { members: { type: 'string' }, concurrency: { type: 'string' }, seconds: { type: 'string' } },
    async run({ values }) {
      const r = await benchBallots({ members: intOption('members', values.members, 200), concurrency: intOption('concurrency', values.concurrency, 50), seconds: intOption('seconds', values.seconds, 10), log: (m) => console.error(`bench-ballots: ${m}`) });
      console.log(`ballots: ${r.ballots} in ${r.seconds.toFixed(1)} s = ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, rows ${r.rows}/${r.members}, lost or doubled ${r.mismatched}`);
    },
  });
}
