// Shared helpers: supabase-js clients as anon / signed-in users / admin, and superuser SQL for
// arranging facts the API must not allow (expiring a code, moving a clock edge).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { inject } from 'vitest';

export const stack = () => inject('stack');

const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

export function anonClient(): SupabaseClient {
  const s = stack();
  return createClient(s.apiUrl, s.anonKey, clientOptions);
}

export function serviceClient(): SupabaseClient {
  const s = stack();
  return createClient(s.apiUrl, s.serviceRoleKey, clientOptions);
}

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

export async function latestCode(email: string): Promise<string> {
  const res = await fetch(`${stack().apiUrl}/mailbox.json?email=${encodeURIComponent(email)}`);
  const mails = (await res.json()) as { code: string }[];
  if (!mails[0]) throw new Error(`no code in the mailbox for ${email}`);
  return mails[0].code;
}

export interface SignedIn {
  client: SupabaseClient;
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs in the way the site does: /otp, read the code from the dev mailbox, verifyOtp. */
export async function signIn(email = uniqueEmail('user')): Promise<SignedIn> {
  const client = anonClient();
  const sent = await client.auth.signInWithOtp({ email });
  if (sent.error) throw sent.error;
  const { data, error } = await client.auth.verifyOtp({ email, token: await latestCode(email), type: 'email' });
  if (error) throw error;
  return {
    client,
    email,
    userId: data.user!.id,
    accessToken: data.session!.access_token,
    refreshToken: data.session!.refresh_token,
  };
}

/** app_metadata.role = 'admin' through the service-role admin API, then a refreshed JWT. */
export async function signInAdmin(): Promise<SignedIn> {
  const who = await signIn(uniqueEmail('admin'));
  const { error } = await serviceClient().auth.admin.updateUserById(who.userId, { app_metadata: { role: 'admin' } });
  if (error) throw error;
  const { data, error: e2 } = await who.client.auth.refreshSession();
  if (e2) throw e2;
  return { ...who, accessToken: data.session!.access_token, refreshToken: data.session!.refresh_token };
}

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: stack().superuserDbUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** What a test needs to know about an application it made. */
export interface Applied {
  id: string;
  pseudonym: string;
  region: string;
  birthYear: number;
  gender: string;
}

export async function apply(who: SignedIn, region = 'seoul', birthYear = 1980, gender = 'female'): Promise<Applied> {
  const { data, error } = await who.client.rpc('submit_application', {
    p_region: region,
    p_birth_year: birthYear,
    p_gender: gender,
    p_consent_version: 'test-1',
  });
  if (error) throw error;
  const application = (data as { application: { pseudonym: string } }).application;
  const [row] = await sql<{ id: string }>('select id from public.applicants where pseudonym = $1', [application.pseudonym]);
  return { id: row!.id, pseudonym: application.pseudonym, region, birthYear, gender };
}

/** A draw record stratified on region only, with wide quotas, for tests that need any draw. */
export function testRecord(selected: Applied[], reserve: Applied[] = [], quotas?: Record<string, Record<string, { min: number; max: number }>>) {
  const all = [...selected, ...reserve];
  return {
    panel: selected.map((a) => a.pseudonym).sort(),
    reserve: reserve.map((a) => a.pseudonym),
    quotas: quotas ?? { region: Object.fromEntries([...new Set(all.map((a) => a.region))].map((r) => [r, { min: 0, max: 1000 }])) },
    poolCommitment: 'a'.repeat(64),
    seed: randomUUID(),
    test: true,
  };
}

/**
 * Records a draw through record_draw (staff). `confirm`: members who then confirm their seat
 * through the API (only confirmed members vote).
 */
export async function recordDraw(
  admin: SignedIn,
  selected: Applied[],
  reserve: Applied[] = [],
  opts: { confirm?: SignedIn[]; confirmBy?: Date; quotas?: Parameters<typeof testRecord>[2] } = {},
) {
  const record = testRecord(selected, reserve, opts.quotas);
  const categories = Object.keys(record.quotas);
  const strata = Object.fromEntries([...selected, ...reserve].map((a) => [a.pseudonym, Object.fromEntries(categories.map((c) => [c, c === 'region' ? a.region : c === 'gender' ? a.gender : String(a.birthYear)]))]));
  const { data, error } = await admin.client.rpc('record_draw', {
    p_title: 'test draw',
    p_record: record,
    p_strata: strata,
    p_reserve_count: reserve.length,
    p_confirm_by: (opts.confirmBy ?? new Date(Date.now() + 7 * 86400e3)).toISOString(),
  });
  if (error) throw error;
  const draw = data as { id: string };
  for (const who of opts.confirm ?? []) await confirmSeat(who, draw.id);
  return draw;
}

export async function confirmSeat(who: SignedIn, drawId: string) {
  const { error } = await who.client.rpc('confirm_seat', { p_draw_id: drawId });
  if (error) throw error;
}

export async function createRound(
  admin: SignedIn,
  drawId: string,
  opts: { opensInSec?: number; closesInSec?: number; method?: 'approval' | 'score'; k?: number; cases?: string[]; minBallots?: number } = {},
) {
  const now = Date.now();
  const { data, error } = await admin.client.rpc('create_round', {
    p_title: 'test round',
    p_method: opts.method ?? 'approval',
    p_opens_at: new Date(now + (opts.opensInSec ?? -60) * 1000).toISOString(),
    p_closes_at: new Date(now + (opts.closesInSec ?? 3600) * 1000).toISOString(),
    p_draw_id: drawId,
    p_case_ids: opts.cases ?? ['case-a', 'case-b', 'case-c'],
    p_max_approvals: (opts.method ?? 'approval') === 'approval' ? (opts.k ?? 2) : null,
    p_min_ballots: opts.minBallots ?? 1,
  });
  if (error) throw error;
  return data as { id: string; closes_at: string };
}

/** Closes a round now (as the database owner: no API can move a round's clock). */
export async function closeRound(roundId: string) {
  await sql("update public.voting_rounds set closes_at = now() - interval '1 millisecond', opens_at = least(opens_at, now() - interval '1 second') where id = $1", [roundId]);
}

/** Runs `fn` over items with at most `n` in flight. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Runs a staff CLI (scripts/staff/<script>) against the test stack with the service-role key. */
export const staffCli = (script: string, args: string[]) =>
  spawnSync(process.execPath, [join('scripts', 'staff', script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SUPABASE_URL: stack().apiUrl, SUPABASE_SERVICE_ROLE_KEY: stack().serviceRoleKey },
  });
