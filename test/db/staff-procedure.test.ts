// docs/supabase.md "Staff procedure" as a test: every ```sh block of that section (except the
// "Set these first" one, whose variables the test provides) runs as written, in order, with bash,
// in a scratch copy of the repository, against a throwaway stack. Between blocks the test plays the
// world: applicants apply, members confirm or decline, the deadline passes, members vote, the round
// closes. At the end the rebuilt site has the draw and the round with the panel switched on, and
// no contact address reached content/ or dist/.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { parse as parseCsv } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startStack, type Stack } from '../../scripts/stack/index.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'supabase.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Staff procedure'), doc.indexOf('\n## ', doc.indexOf('## Staff procedure') + 5));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const settings = blocks.find((b) => b.startsWith('# Set these first'))!;
const steps = blocks.filter((b) => b !== settings);

const tmp = mkdtempSync(join(tmpdir(), 'or-staff-procedure-'));
chmodSync(tmp, 0o711); // PostgreSQL runs as the OS user postgres when tests run as root
const repo = join(tmp, 'repo');
const state = join(tmp, 'env.sh');
let stack: Stack;
let db: pg.Client;
const people: { email: string; client: SupabaseClient; userId: string; pseudonym: string }[] = [];

/**
 * Runs one doc block with bash (-e, -u, pipefail), carrying variables from block to block.
 * Asynchronously: the stack's gateway runs in this process and must keep answering.
 */
function runBlock(block: string, env: Record<string, string>): Promise<{ status: number | null; out: string }> {
  const script = `set -euo pipefail\nset -a\n[ -f '${state}' ] && source '${state}'\n${block}\nexport -p > '${state}'\n`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], {
      cwd: repo, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, CI: 'true', ASTRO_TELEMETRY_DISABLED: '1', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 900_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

async function member(email: string) {
  const c = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  await c.auth.signInWithOtp({ email });
  const { data, error } = await c.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
  if (error) throw error;
  return { client: c, userId: data.user!.id };
}

const env: Record<string, string> = {};

beforeAll(async () => {
  // The repository as a user has it (tracked and untracked files, not ignored ones), its own git repo.
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim().split('\n');
  for (const f of files) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(repo, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  stack = await startStack({ dataDir: join(tmp, 'stack'), ports: { api: 0, db: 0 }, persistent: false, seed: false });
  db = new pg.Client({ connectionString: stack.superuserDbUrl });
  await db.connect();
  // Sixteen applicants, as if they had applied on the site.
  const regions = ['seoul', 'busan', 'gyeonggi', 'jeju'];
  for (let i = 0; i < 16; i++) {
    const email = `staff-procedure-${i}@example.org`;
    const { client, userId } = await member(email);
    const { data, error } = await client.rpc('submit_application', { p_region: regions[i % 4], p_birth_year: 1948 + i * 4, p_gender: i % 3 ? 'female' : 'male', p_consent_version: 'v1' });
    if (error) throw error;
    people.push({ email, client, userId, pseudonym: (data as { application: { pseudonym: string } }).application.pseudonym });
  }
  // The "Set these first" variables, with values for this stack and this moment.
  Object.assign(env, {
    SUPABASE_URL: stack.apiUrl, SUPABASE_SECRET_KEY: stack.serviceRoleKey,
    PUBLIC_SUPABASE_URL: stack.apiUrl, PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack.anonKey, SITE_URL: 'http://127.0.0.1:4321',
    DRAW: 'panel-test', PANEL_SIZE: '12', RESERVES: '4',
    SEED_SOURCE_ZH: '測試樂透第1期', SEED_SOURCE_EN: 'Test lottery draw 1', SEED_SOURCE_KO: '시험 복권 제1회',
    CASES: 'seoul-mobile-library,jeju-zero-waste-market,busan-barrier-free-coast', K: '2',
  });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('docs/supabase.md staff procedure, as written', () => {
  test('the section has the settings block and five command blocks, using only variables it sets', () => {
    expect(steps).toHaveLength(5);
    const set = new Set([...settings.matchAll(/(?:^|\s)([A-Z_]+)=/g)].map((m) => m[1]!));
    for (const name of Object.keys(env)) expect(set.has(name), `${name} is in "Set these first"`).toBe(true);
    const used = new Set(steps.flatMap((b) => [...b.matchAll(/\$\{?([A-Z_]+)/g)].map((m) => m[1]!)));
    const assigned = new Set(steps.flatMap((b) => [...b.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!)));
    expect([...used].filter((v) => !set.has(v) && !assigned.has(v))).toEqual([]);
    for (const b of steps) for (const line of b.split('\n').filter((l) => /^(npm|node) /.test(l))) expect(line).toMatch(/^npm run /);
    // Nothing the test leaves out: the settings block's other variables get values below.
    for (const v of ['SEED', 'SEED_PUBLISHED_AT', 'CONFIRM_BY', 'OPENS', 'CLOSES']) expect(set.has(v), v).toBe(true);
  });

  test('1. pool, quotas, commitment, build', async () => {
    const r = await runBlock(steps[0]!, env);
    expect(r.status, r.out.slice(-3000)).toBe(0);
    expect(readFileSync(join(repo, 'pool.csv'), 'utf8').split('\n')[0]).toBe('id,age,gender,region');
    expect(existsSync(join(repo, 'content', 'panel-commitments', 'panel-test.yaml'))).toBe(true);
    expect(existsSync(join(repo, 'dist', 'panel', 'index.html'))).toBe(true);
  }, 900_000);

  test('2. draw, publish, verify, invitations (members then confirm or decline)', async () => {
    // The seed became public after the commitment; members have until an hour from now.
    Object.assign(env, { SEED: `test seed ${Date.now()}`, SEED_PUBLISHED_AT: new Date().toISOString(), CONFIRM_BY: new Date(Date.now() + 3600e3).toISOString() });
    const r = await runBlock(steps[1]!, env);
    expect(r.status, r.out.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/OK: same pool commitment, same lottery, same panel of 12, all quotas met\./);
    const invitations = parseCsv(readFileSync(join(tmp, 'private', 'invitations.csv'), 'utf8'), { columns: true }) as { pseudonym: string; email: string }[];
    const record = parse(readFileSync(join(repo, 'content', 'panel-draws', 'panel-test.yaml'), 'utf8')) as { panel: string[]; databaseId: string };
    expect(invitations.map((x) => x.pseudonym).sort()).toEqual([...record.panel].sort());
    for (const x of invitations) expect(people.find((p) => p.pseudonym === x.pseudonym)?.email).toBe(x.email);
    // All confirm but two: one declines, one never answers.
    const seated = people.filter((p) => record.panel.includes(p.pseudonym));
    for (const [i, p] of seated.entries()) {
      if (i === seated.length - 1) continue;
      const { error } = await p.client.rpc(i === 0 ? 'decline_seat' : 'confirm_seat', { p_draw_id: record.databaseId });
      expect(error).toBeNull();
    }
  }, 900_000);

  test('3. after the deadline: replacements, appended and verified; the called reserves confirm', async () => {
    await db.query("update public.panel_members set confirm_by = now() - interval '1 second' where status = 'selected'");
    const r = await runBlock(steps[2]!, env);
    expect(r.status, r.out.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/2 seats filled/);
    expect(r.out).toMatch(/2 seat replacements replayed with the published reserve rule/);
    const record = parse(readFileSync(join(repo, 'content', 'panel-draws', 'panel-test.yaml'), 'utf8')) as { databaseId: string; seatChanges: { replacements: { in: string; reason: string }[] } };
    expect(record.seatChanges.replacements.map((x) => x.reason).sort()).toEqual(['declined', 'lapsed']);
    const called = parseCsv(readFileSync(join(tmp, 'private', 'invitations-reserves.csv'), 'utf8'), { columns: true }) as { pseudonym: string }[];
    expect(called.map((x) => x.pseudonym).sort()).toEqual(record.seatChanges.replacements.map((x) => x.in).sort());
    for (const x of called) {
      const { error } = await people.find((p) => p.pseudonym === x.pseudonym)!.client.rpc('confirm_seat', { p_draw_id: record.databaseId });
      expect(error).toBeNull();
    }
  }, 900_000);

  test('4. a round (members vote, some change their vote; then it closes)', async () => {
    Object.assign(env, { OPENS: new Date(Date.now() - 60e3).toISOString(), CLOSES: new Date(Date.now() + 3600e3).toISOString() });
    const r = await runBlock(steps[3]!, env);
    expect(r.status, r.out.slice(-3000)).toBe(0);
    const roundId = /round ([0-9a-f-]{36})/.exec(r.out)![1]!;
    const { rows } = await db.query<{ user_id: string }>(
      "select a.user_id from public.panel_members m join public.applicants a on a.id = m.applicant_id where m.status = 'confirmed'");
    expect(rows).toHaveLength(12);
    const cases = env.CASES!.split(',');
    let n = 0;
    for (const p of people) {
      if (!rows.some((x) => x.user_id === p.userId)) continue;
      for (const choice of n % 3 ? [[cases[n % 3]!]] : [[cases[0]!], [cases[1]!, cases[2]!]]) {
        const { error } = await p.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: choice, p_idempotency_key: crypto.randomUUID() });
        expect(error).toBeNull();
      }
      n++;
    }
    expect(n).toBe(12);
    await db.query("update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1", [roundId]);
  }, 900_000);

  test('5. export, audit, rebuild: the site shows the draw and the round, the panel stays on, no address anywhere', async () => {
    const r = await runBlock(steps[4]!, env);
    expect(r.status, r.out.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/12 ballots, 12 receipts/);
    expect(r.out).toMatch(/the published list matches/);
    const dist = join(repo, 'dist');
    expect(existsSync(join(dist, 'panel', 'draws', 'panel-test', 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'panel', 'rounds', 'panel-test-round-1', 'index.html'))).toBe(true);
    // Built with the Supabase variables: the panel islands know where the API is.
    const js = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? js(join(dir, f)) : f.endsWith('.js') ? [join(dir, f)] : []));
    expect(js(dist).some((f) => readFileSync(f, 'utf8').includes(stack.apiUrl))).toBe(true);
    // No contact address reached content/ or dist/.
    const everything = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? everything(join(dir, f)) : [join(dir, f)]));
    for (const f of [...everything(join(repo, 'content')), ...everything(dist)]) {
      const text = readFileSync(f, 'utf8');
      for (const p of people) expect(text.includes(p.email), `${f} contains ${p.email}`).toBe(false);
    }
  }, 900_000);
});
