// Ballots through PostgREST on the real local stack, with the seat rules: 200 members apply, are
// drawn, confirm their seats; then, per run, members cast and change ballots concurrently for a
// fixed time in a round of their own. Each run is driven two ways:
//   node  Node's fetch from this process (client and server share the 2 cores), and
//   wrk   Debian `wrk` with a Lua script holding each member's token (a lighter client, to tell
//         server cost from client cost); skipped with a note when wrk is not installed.
// After each run the database is checked: no acknowledged ballot lost, none doubled (one ballot per
// member, equal to the member's last accepted submission). Each run also prints where a ballot's CPU
// went (database, PostgREST, this Node process, wrk), read from /proc on Linux, so server cost and
// client cost are told apart by measurement. A benchmark: it measures and prints.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intOption, runCli } from '../lib/cli.ts';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { startStack, type Stack } from '../stack/index.ts';

export interface BallotRun {
  /** wrk-direct: wrk to PostgREST's own port, past the gateway (shows what the gateway costs). */
  client: 'node' | 'wrk' | 'wrk-direct';
  members: number;
  concurrency: number;
  seconds: number;
  /** Accepted ballots (2xx). */
  ballots: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Refused or failed requests. */
  errors: number;
  /** Rows in `ballots` for the round (one per member who got a ballot accepted). */
  rows: number;
  /** Acknowledged ballots missing from the database, plus members whose stored ballot is not their last accepted one (must be 0). */
  lostOrDoubled: number;
  /** CPU milliseconds per accepted ballot, by process, over the run (Linux only: read from /proc). */
  cpu?: CpuPerBallot;
}

/**
 * Where a ballot's CPU goes: the database (postmaster and every backend), PostgREST, this Node
 * process (the stack's gateway and auth service, plus the client in the node runs) and wrk.
 */
export interface CpuPerBallot {
  database: number;
  postgrest: number;
  node: number;
  wrk: number;
}

export interface BallotBench {
  runs: BallotRun[];
  /** Why the wrk runs are missing, when they are. */
  wrkNote?: string;
}

/** A process's /proc stat fields from the third on (the command name may hold spaces), or undefined once it has gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // a backend that ended between the listing and the read
  }
}
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU seconds so far: the process's own utime + stime (fields 14, 15) and its reaped children's (16, 17). */
function procCpu(pid: number | string): { own: number; children: number } {
  const f = statFields(pid);
  if (!f) return { own: 0, children: 0 };
  return { own: (Number(f[11]) + Number(f[12])) / CLK_TCK, children: (Number(f[13]) + Number(f[14])) / CLK_TCK };
}

/**
 * The stack's CPU seconds so far. The database is the postmaster and its children (PostgREST's pooled
 * backends live through a run); wrk, once reaped, is counted in this process's children's time.
 */
function cpuSnapshot(stack: Stack): CpuPerBallot | undefined {
  if (process.platform !== 'linux') return undefined;
  const { postgres, postgrest } = stack.pids();
  let database = 0;
  if (postgres) {
    database = procCpu(postgres).own;
    for (const pid of readdirSync('/proc')) if (/^\d+$/.test(pid) && Number(statFields(pid)?.[1]) === postgres) database += procCpu(pid).own;
  }
  const self = procCpu('self');
  return { database, postgrest: postgrest ? procCpu(postgrest).own : 0, node: self.own, wrk: self.children };
}

function cpuPerBallot(before: CpuPerBallot | undefined, after: CpuPerBallot | undefined, ballots: number): CpuPerBallot | undefined {
  if (!before || !after || ballots === 0) return undefined;
  const per = (k: keyof CpuPerBallot) => ((after[k] - before[k]) * 1000) / ballots;
  return { database: per('database'), postgrest: per('postgrest'), node: per('node'), wrk: per('wrk') };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const auth = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const CASES = ['seoul-mobile-library', 'busan-barrier-free-coast', 'daegu-smart-bus-shelter', 'gwangju-community-solar'];
const REGIONS = ['seoul', 'busan', 'daegu', 'incheon', 'gwangju', 'daejeon', 'ulsan', 'sejong', 'gyeonggi', 'gangwon', 'chungbuk', 'chungnam', 'jeonbuk', 'jeonnam', 'gyeongbuk', 'gyeongnam', 'jeju'];

async function member(stack: Stack, email: string): Promise<{ token: string; userId: string }> {
  const c = createClient(stack.apiUrl, stack.anonKey, auth);
  const sent = await c.auth.signInWithOtp({ email });
  if (sent.error) throw sent.error;
  const { data, error } = await c.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
  if (error) throw error;
  return { token: data.session!.access_token, userId: data.user!.id };
}

const rpc = (stack: Stack, token: string, fn: string, args: unknown) =>
  fetch(`${stack.apiUrl}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });

/**
 * No acknowledged ballot lost, none doubled: the database against what the clients were told.
 * wrk stops with requests still in flight, and the server finishes them after wrk has gone: the
 * check first waits until the round's requests stop moving, then reads ballots and requests in one
 * snapshot (three reads at different moments would catch a late request between them and call it doubled).
 */
async function check(db: pg.Client, roundId: string, acknowledged: number, lastAck?: Map<string, string>) {
  const count = async () => ((await db.query<{ n: number }>('select count(*)::int as n from public.ballot_requests where round_id = $1', [roundId])).rows[0]!.n);
  for (let last = -1, n = await count(), tries = 0; n !== last && tries < 20; tries++) {
    last = n;
    await new Promise((r) => setTimeout(r, 500));
    n = await count();
  }
  await db.query('begin isolation level repeatable read read only');
  try {
    const rows = (await db.query<{ user_id: string; receipt: string }>('select user_id, receipt from public.ballots where round_id = $1', [roundId])).rows;
    const requests = (await db.query<{ user_id: string; receipt: string }>(
      `select distinct on (user_id) user_id, receipt from public.ballot_requests where round_id = $1 order by user_id, created_at desc`, [roundId])).rows;
    const n = await count();
    const latest = new Map(requests.map((r) => [r.user_id, r.receipt]));
    // Every acknowledged submission is recorded. More records than acknowledgements are requests the
    // client stopped waiting for at the end of the run (at most one per connection): not lost.
    let bad = Math.max(0, acknowledged - n);
    for (const r of rows) if (latest.get(r.user_id) !== r.receipt) bad++; // the stored ballot is the member's last one
    if (rows.length !== latest.size) bad += Math.abs(rows.length - latest.size); // one ballot per member who voted
    if (lastAck) for (const [user, receipt] of lastAck) if (rows.find((r) => r.user_id === user)?.receipt !== receipt) bad++;
    return { rows: rows.length, lostOrDoubled: bad };
  } finally {
    await db.query('commit');
  }
}

function wrkScript(stack: Stack, roundId: string, tokens: string[], threads: number, path: string): string {
  const nonce = randomUUID().slice(0, 8);
  return `-- Generated by scripts/bench/ballots.ts: cast_ballot with one member per request, in rotation.
local tokens = { ${tokens.map((t) => `"${t}"`).join(', ')} }
local cases = { '["${CASES[0]}"]', '["${CASES[1]}"]', '["${CASES[2]}","${CASES[3]}"]' }
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function request()
  counter = counter + 1
  -- Threads take turns through the members, so no member is in flight twice at once.
  local n = ((counter - 1) * ${threads} + tid) % #tokens + 1
  -- Unique per run: a key reused in another round is refused (ORV06), as it should be.
  local key = string.format("${nonce}-%04x-4000-8000-%012x", tid, counter)
  local body = '{"p_round_id":"${roundId}","p_choices":' .. cases[counter % 3 + 1] .. ',"p_idempotency_key":"' .. key .. '"}'
  return wrk.format("POST", "${path}",
    { ["apikey"] = "${stack.anonKey}", ["authorization"] = "Bearer " .. tokens[n], ["content-type"] = "application/json" }, body)
end
-- Failed answers by status, and the first one's body, so a failure can be told apart from a refusal.
failed = ""
local counts = {}
function response(status, headers, body)
  if status >= 300 then
    counts[status] = (counts[status] or 0) + 1
    failed = ""
    for s, n in pairs(counts) do failed = failed .. s .. "x" .. n .. " " end
    if not first then first = status .. " " .. string.sub(body or "", 1, 160) end
  end
end
function done(summary, latency, requests)
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
  for _, t in ipairs(threads) do
    local f = t:get("failed")
    if f and f ~= "" then io.write("WRK_FAILED " .. f .. "| first: " .. tostring(t:get("first")) .. "\\n") end
  end
end
`;
}

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

type Person = { token: string; userId: string; pseudonym?: string; region?: string };

/** `members` people sign in, apply, are drawn onto one panel and confirm their seats. */
async function seatedPanel(stack: Stack, members: number): Promise<{ people: Person[]; drawId: string }> {
  const people: Person[] = [];
  for (let i = 0; i < members; i += 20) {
    people.push(...(await Promise.all(Array.from({ length: Math.min(20, members - i) }, (_, j) => member(stack, `bench-${i + j}-${randomUUID().slice(0, 6)}@example.org`)))));
  }
  await Promise.all(people.map(async (p, i) => {
    p.region = REGIONS[i % REGIONS.length]!;
    const r = await rpc(stack, p.token, 'submit_application', { p_region: p.region, p_birth_year: 1950 + (i % 50), p_gender: i % 2 ? 'male' : 'female', p_occupation: null, p_consent_version: 'bench' });
    if (!r.ok) throw new Error(`submit_application: ${r.status} ${await r.text()}`);
    p.pseudonym = ((await r.json()) as { application: { pseudonym: string } }).application.pseudonym;
  }));
  const record = {
    panel: people.map((p) => p.pseudonym!).sort(), reserve: [], quotas: { region: Object.fromEntries(REGIONS.map((r) => [r, { min: 0, max: members }])) },
    poolCommitment: '0'.repeat(64), seed: 'bench',
  };
  const draw = await rpc(stack, stack.serviceRoleKey, 'record_draw', {
    p_title: 'bench', p_record: record, p_strata: Object.fromEntries(people.map((p) => [p.pseudonym!, { region: p.region }])),
    p_reserve_count: 0, p_confirm_by: new Date(Date.now() + 86400e3).toISOString(),
  });
  if (!draw.ok) throw new Error(`record_draw: ${draw.status} ${await draw.text()}`);
  const drawId = ((await draw.json()) as { id: string }).id;
  await Promise.all(people.map(async (p) => {
    const r = await rpc(stack, p.token, 'confirm_seat', { p_draw_id: drawId });
    if (!r.ok) throw new Error(`confirm_seat: ${r.status} ${await r.text()}`);
  }));
  return { people, drawId };
}

async function newRound(stack: Stack, drawId: string): Promise<string> {
  const r = await rpc(stack, stack.serviceRoleKey, 'create_round', {
    p_title: 'bench round', p_method: 'approval', p_opens_at: new Date(Date.now() - 60_000).toISOString(), p_closes_at: new Date(Date.now() + 3_600_000).toISOString(),
    p_draw_id: drawId, p_case_ids: CASES, p_max_approvals: 2, p_min_ballots: 10,
  });
  if (!r.ok) throw new Error(`create_round: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** Node's fetch from this process: each worker takes the next member in turn, so most members change their vote. */
async function nodeRun(stack: Stack, db: pg.Client, people: Person[], roundId: string, concurrency: number, seconds: number): Promise<BallotRun> {
  const latencies: number[] = [];
  const lastAck = new Map<string, string>();
  let errors = 0;
  let next = 0;
  const cpuBefore = cpuSnapshot(stack);
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const k = next++;
      const p = people[k % people.length]!;
      const choices = [CASES[k % CASES.length]!, ...(k % 3 === 0 ? [CASES[(k + 1) % CASES.length]!] : [])];
      const started = performance.now();
      const res = await rpc(stack, p.token, 'cast_ballot', { p_round_id: roundId, p_choices: choices, p_idempotency_key: randomUUID() });
      const body = await res.text();
      latencies.push(performance.now() - started);
      if (res.ok) lastAck.set(p.userId, JSON.parse(body) as string);
      else errors++;
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  const ok = latencies.length - errors;
  const cpu = cpuPerBallot(cpuBefore, cpuSnapshot(stack), ok);
  const sorted = [...latencies].sort((a, b) => a - b);
  return { client: 'node', members: people.length, concurrency, seconds: elapsed, ballots: ok, perSecond: ok / elapsed, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), errors, cpu, ...(await check(db, roundId, ok, lastAck)) };
}

/** Debian wrk with a generated Lua script (not spawnSync: the stack's gateway runs in this process and must keep answering). */
async function wrkRun(stack: Stack, db: pg.Client, people: Person[], roundId: string, concurrency: number, seconds: number, tmp: string, log: (m: string) => void, direct = false): Promise<BallotRun> {
  const threads = Math.min(2, concurrency);
  const script = join(tmp, `ballots-${concurrency}${direct ? '-direct' : ''}.lua`);
  const path = direct ? '/rpc/cast_ballot' : '/rest/v1/rpc/cast_ballot';
  const base = direct ? `http://127.0.0.1:${stack.ports.postgrest}` : stack.apiUrl;
  writeFileSync(script, wrkScript(stack, roundId, people.map((p) => p.token), threads, path));
  const cpuBefore = cpuSnapshot(stack);
  const r = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('wrk', ['-t', String(threads), '-c', String(concurrency), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, `${base}${path}`]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.on('error', reject);
    child.on('close', () => { clearTimeout(timer); resolve({ stdout, stderr }); });
  });
  const cpuAfter = cpuSnapshot(stack);
  const m = /WRK_RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(r.stdout ?? '');
  if (!m) throw new Error(`wrk gave no result:\n${r.stdout}\n${r.stderr}`);
  if (r.stderr?.trim()) log(`wrk said: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  const [requests, durationUs, non2xx, connect, read, write, timeout, p50us, p99us] = m.slice(1).map(Number) as number[];
  const errors = non2xx! + connect! + read! + write! + timeout!;
  if (errors) log(`wrk errors: ${non2xx} non-2xx, ${connect} connect, ${read} read, ${write} write, ${timeout} timeout`);
  for (const line of r.stdout.matchAll(/^WRK_FAILED (.*)$/gm)) log(`wrk failed answers (status x count): ${line[1]}`);
  const ok = requests! - errors;
  const elapsed = durationUs! / 1e6;
  const cpu = cpuPerBallot(cpuBefore, cpuAfter, requests! - errors);
  return { client: direct ? 'wrk-direct' : 'wrk', members: people.length, concurrency, seconds: elapsed, ballots: ok, perSecond: ok / elapsed, p50: p50us! / 1000, p99: p99us! / 1000, errors, cpu, ...(await check(db, roundId, ok)) };
}

export async function benchBallots(opts: { members?: number; concurrency?: number[]; seconds?: number; log?: (m: string) => void } = {}): Promise<BallotBench> {
  const members = opts.members ?? 200;
  const levels = opts.concurrency ?? [10, 50];
  const seconds = opts.seconds ?? 10;
  const log = opts.log ?? (() => {});
  const tmp = mkdtempSync(join(tmpdir(), 'open-results-bench-ballots-'));
  // Every member signs in from 127.0.0.1: the auth stand-in's per-client limits are lifted here.
  const stack = await startStack({
    dataDir: join(tmp, 'stack'), ports: { api: 0, db: 0 }, persistent: false, seed: false,
    authLimits: { maxSendsPerClient: 1e6, maxFailuresPerClient: 1e6, maxSendsPerClientAndAddress: 1e6 },
  });
  const db = new pg.Client({ connectionString: stack.superuserDbUrl });
  try {
    await db.connect();
    log(`stack up at ${stack.apiUrl}; ${members} members sign in, apply, are drawn and confirm their seats …`);
    const { people, drawId } = await seatedPanel(stack, members);
    const runs: BallotRun[] = [];
    for (const concurrency of levels) {
      log(`node: ${seconds} s with ${concurrency} members at a time …`);
      runs.push(await nodeRun(stack, db, people, await newRound(stack, drawId), concurrency, seconds));
    }
    if (!wrkAvailable()) {
      const wrkNote = 'wrk not installed (Debian: apt-get install -y wrk): the wrk runs were skipped';
      log(wrkNote);
      return { runs, wrkNote };
    }
    for (const concurrency of levels) {
      log(`wrk: ${seconds} s with ${concurrency} connections …`);
      runs.push(await wrkRun(stack, db, people, await newRound(stack, drawId), concurrency, seconds, tmp, log));
    }
    const top = Math.max(...levels);
    log(`wrk-direct: ${seconds} s with ${top} connections to PostgREST's own port (past the gateway) …`);
    runs.push(await wrkRun(stack, db, people, await newRound(stack, drawId), top, seconds, tmp, log, true));
    return { runs };
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function formatBallotTable(r: BallotBench): string[] {
  const lines = [
    '| client | members | concurrent | ballots | ballots/s | p50 | p99 | errors | rows | lost or doubled | CPU ms per ballot: database / PostgREST / Node / wrk |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.runs.map((x) => `| ${x.client} | ${x.members} | ${x.concurrency} | ${x.ballots} | ${x.perSecond.toFixed(0)} | ${x.p50.toFixed(1)} ms | ${x.p99.toFixed(1)} ms | ${x.errors} | ${x.rows} | ${x.lostOrDoubled} | ${x.cpu ? [x.cpu.database, x.cpu.postgrest, x.cpu.node, x.cpu.wrk].map((v) => v.toFixed(2)).join(' / ') : 'n/a (not Linux)'} |`),
  ];
  if (r.wrkNote) lines.push('', r.wrkNote);
  return lines;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run bench:ballots --',
    summary: 'Ballots per second through PostgREST on a throwaway local stack, driven from Node and from wrk (measures and prints).',
    usage: ['[--members 200] [--concurrency 10,50] [--seconds 10]'],
    options: { members: { type: 'string' }, concurrency: { type: 'string' }, seconds: { type: 'string' } },
    help: ['--members      panel members who vote (default 200)', '--concurrency  members voting at a time, one run each (default 10,50)', '--seconds      length of each run (default 10)'],
    async run({ values }) {
      const concurrency = (values.concurrency ?? '10,50').split(',').map((c) => intOption('concurrency', c.trim()));
      const r = await benchBallots({ members: intOption('members', values.members, 200), concurrency, seconds: intOption('seconds', values.seconds, 10), log: (m) => console.error(`bench-ballots: ${m}`) });
      for (const l of formatBallotTable(r)) console.log(l);
    },
  });
}
