// The staff pipeline against the real stack: pool export (CLI) → commitment → LEXIMIN draw →
// record_draw + published record → seats confirmed → round → ballots (some changed) → close →
// close-export (CLI) → the exported tally equals one recomputed from the raw ballots read as the
// database owner, turnout is the raw turnout with small cells suppressed, and the exported
// receipts are bare codes (each voter's last one), never paired with choices.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { commitPool, createRound, exportRound, publishDraw, staffClient } from '../../scripts/lib/panel-staff.ts';
import { suppressTurnout } from '../../src/lib/panel/suppression.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';
import { loadPanelContent } from '../../src/lib/panel/content.ts';
import { formatProblem } from '../../src/lib/files/problems.ts';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { parsePoolCsv } from '../../src/lib/sortition/io.ts';
import { ageBand } from '../../src/lib/panel/strata.ts';
import { anonClient, apply, pool, signIn, stack, staffCli, type SignedIn } from './helpers.ts';

const REGIONS = ['seoul', 'busan', 'jeju', 'gyeonggi'];
const CASES = ['busan-barrier-free-coast', 'jeju-zero-waste-market', 'seoul-mobile-library'];
const YEAR = 2026;
const dir = mkdtempSync(join(tmpdir(), 'or-panel-staff-'));
const contentDir = join(dir, 'content');
for (const c of CASES) mkdirSync(join(contentDir, 'cases', c), { recursive: true });

const cli = staffCli;

async function owner<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: stack().dbUrl });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

let people: (SignedIn & { pseudonym: string; birthYear: number; region: string })[];
let poolCsv: string;

beforeAll(async () => {
  people = await pool(Array.from({ length: 16 }, (_, i) => i), 6, async (i) => {
    const who = await signIn();
    const birthYear = 1950 + i * 3;
    const a = await apply(who, REGIONS[i % REGIONS.length], birthYear, i % 2 ? 'male' : 'female');
    return { ...who, pseudonym: a.pseudonym, birthYear, region: REGIONS[i % REGIONS.length]! };
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pool export', () => {
  test('the CLI writes the pseudonym and the strata asked for (region, age band, gender), and prints the commitment', async () => {
    const narrow = join(dir, 'pool-narrow.csv');
    const n = cli('panel-pool.ts', ['export', '--categories', 'age,region', '--out', narrow, '--age-year', String(YEAR)]);
    expect(n.status).toBe(0);
    expect(readFileSync(narrow, 'utf8').split('\n')[0]).toBe('id,age,region'); // only what the quotas need
    const out = join(dir, 'pool.csv');
    const r = cli('panel-pool.ts', ['export', '--categories', 'region,age,gender', '--out', out, '--age-year', String(YEAR)]);
    expect(r.stderr).toContain('applicants written');
    expect(r.status).toBe(0);
    poolCsv = readFileSync(out, 'utf8');
    const parsed = parsePoolCsv(poolCsv, out);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    const applied = await owner<{ pseudonym: string }>("select pseudonym from public.applicants where status = 'applied'");
    expect(parsed.map((m) => m.id).sort()).toEqual(applied.map((a) => a.pseudonym).sort());
    for (const p of people) {
      const m = parsed.find((x) => x.id === p.pseudonym)!;
      expect(m.features).toEqual({ region: p.region, age: ageBand(p.birthYear, YEAR), gender: expect.any(String) });
    }
  });

  test('contains no email, birth year or user id of anyone', async () => {
    const all = await owner<{ email: string; user_id: string; birth_year: number; id: string }>('select email, user_id, birth_year, id from public.applicants');
    expect(all.length).toBeGreaterThan(people.length);
    for (const a of all) {
      expect(poolCsv).not.toContain(a.email);
      expect(poolCsv).not.toContain(a.user_id);
      expect(poolCsv).not.toContain(a.id);
      expect(poolCsv).not.toMatch(new RegExp(`(^|[^0-9])${a.birth_year}([^0-9]|$)`));
    }
    expect(poolCsv.split('\n')[0]).toBe('id,age,gender,region');
  });
});

describe('draw, round, ballots, close, export', () => {
  let drawDbId: string;
  let roundId: string;
  const receipts = new Map<string, { receipt: string; choices: string[] }>();
  const replaced: string[] = [];

  test('draw from the exported pool and record it with the service role', async () => {
    // Draw among this file's applicants only (a pool of its own, with its own commitment).
    const mine = new Set(people.map((p) => p.pseudonym));
    const subPool = parsePoolCsv(poolCsv, 'pool.csv').filter((m) => mine.has(m.id));
    const quotas = proportionalQuotas(subPool, 8);
    // Published a minute ago; the seed became known after that.
    commitPool({ contentDir, id: 'test-draw', pool: subPool, quotas, panelSize: 8, seedSource: { 'zh-Hant': '測試種子' }, publishedAt: new Date(Date.now() - 60_000) });
    const { record } = await runDraw({ pool: subPool, quotas, panelSize: 8, seed: randomUUID() });
    const staff = staffClient({ url: stack().apiUrl, serviceRoleKey: stack().serviceRoleKey });
    const publish = (seedPublishedAt: Date) => publishDraw(staff, {
      contentDir, id: 'test-draw', title: { 'zh-Hant': '測試抽選', en: 'Test draw' }, record, pool: subPool, reserveCount: 3, ageReferenceYear: YEAR,
      seedPublishedAt, confirmBy: new Date(Date.now() + 86400e3),
    });
    // A seed known before the commitment was published proves nothing: refused.
    await expect(publish(new Date(Date.now() - 3600e3))).rejects.toThrow(/not after the commitment/);
    await expect(publish(new Date(Date.now() + 3600e3))).rejects.toThrow(/in the future/);
    const res = await publish(new Date());
    drawDbId = res.databaseId;
    const statuses = await owner<{ pseudonym: string; status: string }>('select pseudonym, status from public.applicants where pseudonym = any($1)', [[...mine]]);
    const drawn = statuses.filter((s) => s.status === 'drawn').map((s) => s.pseudonym).sort();
    expect(drawn).toEqual([...record.panel, ...record.reserve.slice(0, 3)].sort());
    const members = await owner<{ pseudonym: string; status: string; strata: Record<string, string> }>('select pseudonym, status, strata from public.panel_members where draw_id = $1', [drawDbId]);
    expect(members).toHaveLength(11);
    // Seats hold the pool's strata, frozen; the drawn members must confirm.
    const poolById = new Map(subPool.map((m) => [m.id, m.features]));
    for (const m of members) expect(m.strata).toEqual(poolById.get(m.pseudonym));
    expect(members.filter((m) => m.status === 'selected').map((m) => m.pseudonym).sort()).toEqual([...record.panel].sort());
    for (const p of people.filter((x) => record.panel.includes(x.pseudonym))) {
      const { error } = await p.client.rpc('confirm_seat', { p_draw_id: drawDbId });
      expect(error).toBeNull();
    }
    // A user-level client still cannot record draws or create rounds.
    const plain = await anonClient().rpc('create_round', {
      p_title: 'x', p_method: 'score', p_opens_at: new Date().toISOString(), p_closes_at: new Date(Date.now() + 1e6).toISOString(),
      p_draw_id: drawDbId, p_case_ids: CASES,
    });
    expect(plain.error).not.toBeNull();
  });

  test('create a round, members vote and change votes; export is refused until close', async () => {
    const staff = staffClient({ url: stack().apiUrl, serviceRoleKey: stack().serviceRoleKey });
    const r = await createRound(staff, {
      contentDir, draw: 'test-draw', title: 'Test round', method: 'approval', maxApprovals: 2, cases: CASES, minBallots: 6,
      opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000),
    });
    roundId = r.id;
    const record = parse(readFileSync(join(contentDir, 'panel-draws', 'test-draw.yaml'), 'utf8')) as { panel: string[] };
    const voters = people.filter((p) => record.panel.includes(p.pseudonym)).slice(0, 6);
    for (const [i, v] of voters.entries()) {
      const first = [CASES[i % 3]!];
      const { data, error } = await v.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: first, p_idempotency_key: randomUUID() });
      expect(error).toBeNull();
      receipts.set(v.userId, { receipt: data as string, choices: first });
      if (i % 2 === 0) {
        const second = [CASES[(i + 1) % 3]!, CASES[(i + 2) % 3]!].sort();
        const again = await v.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: second, p_idempotency_key: randomUUID() });
        expect(again.error).toBeNull();
        replaced.push(data as string);
        receipts.set(v.userId, { receipt: again.data as string, choices: second });
      }
    }
    await expect(exportRound(staff, { contentDir, roundId, id: 'test-round' })).rejects.toThrow(/still open/);
    for (const rpc of ['round_tally', 'published_receipts', 'round_score_distribution']) {
      const sealed = await anonClient().rpc(rpc, { p_round_id: roundId });
      expect([rpc, sealed.error?.code]).toEqual([rpc, 'ORV04']);
    }
    expect((await staff.rpc('round_turnout', { p_round_id: roundId })).error?.code).toBe('ORV04');
  });

  test('after close the exported file equals the tally recomputed from the raw ballots', async () => {
    await owner("update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1", [roundId]);
    const r = cli('round.ts', ['close-export', '--round', roundId, '--id', 'test-round', '--title-zh', '測試投票', '--title-en', 'Test round', '--content-dir', contentDir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const file = parse(readFileSync(join(contentDir, 'panel-rounds', 'test-round.yaml'), 'utf8'));

    const raw = await owner<{ choices: string[]; receipt: string; voter_strata: Record<string, string> }>(
      'select choices, receipt, voter_strata from public.ballots where round_id = $1', [roundId]);
    expect(raw).toHaveLength(6);
    expect(file.ballots).toBe(raw.length);
    expect(file.results).toEqual(CASES.map((c) => ({ case: c, approvals: raw.filter((b) => b.choices.includes(c)).length })));
    // Turnout: recomputed from the raw ballots and the voters' own applications, then suppressed.
    const voterOf = new Map(people.map((p) => [p.pseudonym, p]));
    const seats = await owner<{ pseudonym: string; user_id: string }>(
      'select m.pseudonym, a.user_id from public.panel_members m join public.applicants a on a.id = m.applicant_id where m.draw_id = $1', [drawDbId]);
    const record = parse(readFileSync(join(contentDir, 'panel-draws', 'test-draw.yaml'), 'utf8')) as { panel: string[] };
    const panelPeople = record.panel.map((p) => voterOf.get(p)!);
    const votedUsers = new Set((await owner<{ user_id: string }>('select user_id from public.ballots where round_id = $1', [roundId])).map((b) => b.user_id));
    const strataOf = (p: (typeof people)[number]) => ({ region: p.region, age: ageBand(p.birthYear, YEAR), gender: people.indexOf(p) % 2 ? 'male' : 'female' });
    const cells = (['region', 'age', 'gender'] as const).flatMap((category) =>
      [...new Set(panelPeople.map((p) => strataOf(p)[category]))].sort().map((value) => ({
        category, value,
        voters: panelPeople.filter((p) => votedUsers.has(p.userId) && strataOf(p)[category] === value).length,
        panel: panelPeople.filter((p) => strataOf(p)[category] === value).length,
      })));
    expect(seats.length).toBe(11);
    expect(file.turnout).toEqual(suppressTurnout(cells, raw.length));
    expect((file.turnout as { voters: number | null }[]).some((t) => t.voters === null)).toBe(true);
    // Every voter's last receipt is counted; replaced receipts are not. The list is bare codes in
    // code order: nothing in it pairs a receipt with choices.
    const listed = file.receipts as unknown[];
    for (const x of listed) expect(x).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(listed).toEqual(raw.map((b) => b.receipt).sort());
    for (const { receipt } of receipts.values()) expect(listed).toContain(receipt);
    expect(replaced.length).toBeGreaterThan(0);
    for (const receipt of replaced) expect(listed).not.toContain(receipt);
    expect(readFileSync(join(contentDir, 'panel-rounds', 'test-round.yaml'), 'utf8')).not.toMatch(/choices/);
    // The database hands out receipt codes alone, and no score distribution for an approval round.
    const published = await anonClient().rpc('published_receipts', { p_round_id: roundId });
    expect(published.error).toBeNull();
    expect((published.data as Record<string, unknown>[]).map((x) => Object.keys(x))).toEqual(raw.map(() => ['receipt']));
    expect((await anonClient().rpc('round_score_distribution', { p_round_id: roundId })).data).toEqual([]);
    // And the written content passes the site's loader (the tally must add up).
    const { problems } = loadPanelContent(contentDir, { relativeTo: contentDir });
    expect(problems.map(formatProblem)).toEqual([]);
    // The published file's receipts are exactly those the audit log saw issued and not replaced.
    const audit = cli('audit.ts', ['verify', '--round', roundId, '--file', join(contentDir, 'panel-rounds', 'test-round.yaml')]);
    expect(audit.stdout).toContain(`round ${roundId}: ${raw.length + replaced.length} receipts issued, ${replaced.length} replaced, 0 withdrawn → ${raw.length} to count; the published list matches`);
    expect(audit.status).toBe(0);
  });

  test('a score round: the exported count, mean and distribution equal those recomputed from the raw ballots', async () => {
    const staff = staffClient({ url: stack().apiUrl, serviceRoleKey: stack().serviceRoleKey });
    const { id } = await createRound(staff, {
      contentDir, draw: 'test-draw', title: 'Test score round', method: 'score', cases: CASES, minBallots: 7,
      opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000),
    });
    const record = parse(readFileSync(join(contentDir, 'panel-draws', 'test-draw.yaml'), 'utf8')) as { panel: string[] };
    const voters = people.filter((p) => record.panel.includes(p.pseudonym)).slice(0, 7);
    const last: string[] = [];
    const old: string[] = [];
    for (const [i, v] of voters.entries()) {
      // Not every ballot scores every case, so counts differ; the last ballot counts.
      const scores: Record<string, number> = {};
      CASES.forEach((c, j) => { if ((i + j) % 3 !== 2) scores[c] = 1 + ((i * 2 + j) % 5); });
      const first = await v.client.rpc('cast_ballot', { p_round_id: id, p_choices: { [CASES[0]!]: 1 }, p_idempotency_key: randomUUID() });
      expect(first.error).toBeNull();
      const final = await v.client.rpc('cast_ballot', { p_round_id: id, p_choices: scores, p_idempotency_key: randomUUID() });
      expect(final.error).toBeNull();
      old.push(first.data as string);
      last.push(final.data as string);
    }
    const early = await anonClient().rpc('round_score_distribution', { p_round_id: id });
    expect(early.error?.code).toBe('ORV04');
    await owner("update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1", [id]);
    await exportRound(staff, { contentDir, roundId: id, id: 'test-score-round', title: { 'zh-Hant': '測試評分', en: 'Test score round' } });
    const file = parse(readFileSync(join(contentDir, 'panel-rounds', 'test-score-round.yaml'), 'utf8'));

    const raw = await owner<{ choices: Record<string, number>; receipt: string }>('select choices, receipt from public.ballots where round_id = $1', [id]);
    expect(raw).toHaveLength(voters.length);
    expect(file.ballots).toBe(raw.length);
    expect(file.results).toEqual(CASES.map((c) => {
      const scores = raw.map((b) => b.choices[c]).filter((x): x is number => x !== undefined);
      const distribution = Object.fromEntries([1, 2, 3, 4, 5].map((s) => [String(s), scores.filter((x) => x === s).length]));
      const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 1000) / 1000 : null;
      return { case: c, count: scores.length, mean, distribution };
    }));
    expect(file.results.some((x: { count: number }) => x.count < voters.length)).toBe(true);
    expect(file.receipts).toEqual([...last].sort());
    for (const receipt of old) expect(file.receipts).not.toContain(receipt);
    expect(readFileSync(join(contentDir, 'panel-rounds', 'test-score-round.yaml'), 'utf8')).not.toMatch(/choices/);
    // The aggregate RPC agrees with the raw ballots for anyone after close, one row per case × score.
    const dist = (await anonClient().rpc('round_score_distribution', { p_round_id: id })).data as { case_id: string; score: number; ballots: number }[];
    expect(dist).toHaveLength(CASES.length * 5);
    for (const d of dist) expect(d.ballots, `${d.case_id} ${d.score}`).toBe(raw.filter((b) => b.choices[d.case_id] === d.score).length);
    const { problems } = loadPanelContent(contentDir, { relativeTo: contentDir });
    expect(problems.map(formatProblem)).toEqual([]);
  });
});
