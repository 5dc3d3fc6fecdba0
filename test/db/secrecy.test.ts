// Ballot secrecy at small numbers, tried as an attacker would. Rounds with 1, 4, 9, 10 and 12
// ballots run through the real pipeline (commitment, LEXIMIN draw, confirmed seats, votes, close,
// close-export); then an attacker takes EVERYTHING published — the round file (tally, turnout,
// receipts), the draw record, the pseudonymous pool, the commitment — and tries to recover any
// member's choice on any case, both from the published data alone and knowing for certain that
// the member voted (a member who told someone, or showed their receipt).
//
// The attack is exact. Publishing changes nothing if ballots are swapped between voters (tally and
// turnout depend only on who voted and on the multiset of ballots), so a member's choice on a case
// is recovered exactly when (a) the member voted in every world consistent with what is published,
// or the attacker knows it, and (b) every ballot consistent with the published tally agrees on that
// case. Who may have voted is enumerated over every subset of the panel that fits the published
// turnout; for approval rounds the consistent ballot multisets are enumerated in full.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { commitPool, createRound, exportPool, exportRound, publishDraw, staffClient } from '../../scripts/lib/panel-staff.ts';
import { feasibleRange } from '../../src/lib/panel/suppression.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { parsePoolCsv } from '../../src/lib/sortition/io.ts';
import type { PanelRound } from '../../src/schemas/panelRound.ts';
import { apply, closeRound, pool, signIn, stack, type SignedIn } from './helpers.ts';

const CASES = ['busan-barrier-free-coast', 'jeju-zero-waste-market', 'seoul-mobile-library'];
const dir = mkdtempSync(join(tmpdir(), 'or-secrecy-'));
const contentDir = join(dir, 'content');
for (const c of CASES) mkdirSync(join(contentDir, 'cases', c), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let members: (SignedIn & { pseudonym: string })[]; // the panel, in pseudonym order
const staff = () => staffClient({ url: stack().apiUrl, serviceRoleKey: stack().serviceRoleKey });

beforeAll(async () => {
  // 16 applicants in three regions; a panel of 12 (quotas on region, age band and gender).
  const regions = ['seoul', 'busan', 'seoul', 'jeju'];
  const people = await pool(Array.from({ length: 16 }, (_, i) => i), 6, async (i) => {
    const who = await signIn();
    const a = await apply(who, regions[i % 4]!, 1945 + i * 4, i % 3 ? 'female' : 'male');
    return { ...who, pseudonym: a.pseudonym };
  });
  const mine = new Set(people.map((p) => p.pseudonym));
  const { pool: all } = await exportPool(staff(), { ageReferenceYear: 2026, categories: ['region', 'age', 'gender'] });
  const subPool = all.filter((m) => mine.has(m.id));
  const quotas = proportionalQuotas(subPool, 12);
  commitPool({ contentDir, id: 'secrecy', pool: subPool, quotas, panelSize: 12, seedSource: { 'zh-Hant': '測試' }, publishedAt: new Date(Date.now() - 60_000) });
  const { record } = await runDraw({ pool: subPool, quotas, panelSize: 12, seed: randomUUID() });
  const { databaseId } = await publishDraw(staff(), {
    contentDir, id: 'secrecy', title: { 'zh-Hant': '秘密測試' }, record, pool: subPool, reserveCount: 0, ageReferenceYear: 2026,
    seedPublishedAt: new Date(), confirmBy: new Date(Date.now() + 86400e3),
  });
  members = people.filter((p) => record.panel.includes(p.pseudonym)).sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1));
  for (const m of members) {
    const { error } = await m.client.rpc('confirm_seat', { p_draw_id: databaseId });
    if (error) throw error;
  }
});

/** Runs a round where members[i] casts ballots[i] (undefined: abstains); exports it after close. */
async function round(id: string, method: 'approval' | 'score', ballots: (string[] | Record<string, number> | undefined)[]): Promise<PanelRound> {
  const { id: roundId } = await createRound(staff(), {
    contentDir, draw: 'secrecy', title: id, method, maxApprovals: method === 'approval' ? 2 : undefined, cases: CASES,
    opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000),
  });
  for (const [i, choices] of ballots.entries()) {
    if (!choices) continue;
    const { error } = await members[i]!.client.rpc('cast_ballot', { p_round_id: roundId, p_choices: choices, p_idempotency_key: randomUUID() });
    if (error) throw error;
  }
  await closeRound(roundId);
  const { file } = await exportRound(staff(), { contentDir, roundId, id, title: { 'zh-Hant': id } });
  return parse(readFileSync(file, 'utf8')) as PanelRound;
}

// ---------------------------------------------------------------------------------------------
// The attacker: only files under content/ (what the site publishes, and /data/ is built from).

interface Published {
  round: PanelRound;
  panel: string[];
  strata: Map<string, Record<string, string>>;
}

function published(id: string): Published {
  const round = parse(readFileSync(join(contentDir, 'panel-rounds', `${id}.yaml`), 'utf8')) as PanelRound;
  const draw = parse(readFileSync(join(contentDir, 'panel-draws', 'secrecy.yaml'), 'utf8')) as { panel: string[]; poolFile: string };
  const poolFile = join(contentDir, 'panel-draws', draw.poolFile);
  const pool = parsePoolCsv(readFileSync(poolFile, 'utf8'), poolFile);
  return { round, panel: draw.panel, strata: new Map(pool.map((m) => [m.id, m.features])) };
}

function subsets<T>(xs: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [h, ...t] = xs;
  return [...subsets(t, k - 1).map((s) => [h!, ...s]), ...subsets(t, k)];
}

/** Every set of panel members that could be the voters, given the ballot count and the published turnout. */
function possibleVoters(p: Published): string[][] {
  return subsets(p.panel, p.round.ballots).filter((voters) =>
    p.round.turnout.every((cell) => cell.voters === null || voters.filter((v) => p.strata.get(v)?.[cell.category] === cell.value).length === cell.voters),
  );
}

/** The values a ballot can give one case: approved or not; a score 1–5 or none. */
const valuesOf = (method: string) => (method === 'approval' ? ['yes', 'no'] : ['none', '1', '2', '3', '4', '5']);

/**
 * For each case, the values some consistent ballot gives it. Approval rounds: every multiset of
 * ballots (1–k cases each) with the published approvals, enumerated. Score rounds: the published
 * per-case distribution is exact, so the values present in it. Withheld: anything.
 */
function possibleValues(p: Published): Map<string, Set<string>> {
  const out = new Map(CASES.map((c) => [c, new Set<string>()]));
  const { round } = p;
  if (round.withheld || round.results.length === 0) {
    for (const c of CASES) for (const v of valuesOf(round.method)) out.get(c)!.add(v);
    return out;
  }
  if (round.method === 'approval') {
    const k = round.maxApprovals!;
    const types = [1, 2, 3].flatMap((size) => (size <= k ? subsets(CASES, size) : []));
    const want = CASES.map((c) => round.results.find((r) => r.case === c)!.approvals!);
    // Multisets of `ballots` ballot types whose approvals per case are `want`.
    const walk = (from: number, left: number, got: number[], used: number[]) => {
      if (left === 0) {
        if (got.every((g, i) => g === want[i])) for (const t of used) for (const c of CASES) out.get(c)!.add(types[t]!.includes(c) ? 'yes' : 'no');
        return;
      }
      for (let t = from; t < types.length; t++) {
        const next = got.map((g, i) => g + (types[t]!.includes(CASES[i]!) ? 1 : 0));
        if (next.every((g, i) => g <= want[i]!)) walk(t, left - 1, next, [...used, t]);
      }
    };
    walk(0, round.ballots, CASES.map(() => 0), []);
  } else {
    for (const r of round.results) {
      if (r.count! < round.ballots) out.get(r.case)!.add('none');
      for (const s of ['1', '2', '3', '4', '5'] as const) if (r.distribution![s] > 0) out.get(r.case)!.add(s);
    }
  }
  return out;
}

/** Everything the attacker recovers: "member case=value", alone and knowing the member voted. */
function attack(p: Published): { alone: string[]; knowingTheyVoted: string[]; surelyVoted: string[] } {
  const worlds = possibleVoters(p);
  const values = possibleValues(p);
  const surelyVoted = p.panel.filter((m) => worlds.length > 0 && worlds.every((w) => w.includes(m)));
  const pinned = CASES.filter((c) => values.get(c)!.size === 1).map((c) => `${c}=${[...values.get(c)!][0]}`);
  return {
    surelyVoted,
    alone: surelyVoted.flatMap((m) => pinned.map((x) => `${m} ${x}`)),
    knowingTheyVoted: p.round.ballots > 0 ? pinned.map((x) => `(any voter) ${x}`) : [],
  };
}

// ---------------------------------------------------------------------------------------------

describe('small rounds, attacked with everything published', () => {
  test('one ballot (the case that leaked before): nothing but the count and the receipt is published; nothing is recovered', async () => {
    const r = await round('one-ballot', 'approval', [['busan-barrier-free-coast', 'seoul-mobile-library']]);
    expect(r).toMatchObject({ ballots: 1, withheld: true, results: [], turnout: [] });
    expect(r.receipts).toHaveLength(1);
    const p = published('one-ballot');
    expect(attack(p)).toEqual({ alone: [], knowingTheyVoted: [], surelyVoted: [] });
    expect(possibleVoters(p)).toHaveLength(12); // any member could be the one
    // Control: had the tally been published (as before), the voter's choices were plain to anyone who knew who voted.
    const leaked = attack({ ...p, round: { ...p.round, withheld: false, results: CASES.map((c) => ({ case: c, approvals: c === 'jeju-zero-waste-market' ? 0 : 1 })) } });
    expect(leaked.knowingTheyVoted).toEqual(CASES.map((c) => `(any voter) ${c}=${c === 'jeju-zero-waste-market' ? 'no' : 'yes'}`));
  });

  test('4 and 9 ballots: withheld; nothing is recovered', async () => {
    const four = await round('four-ballots', 'approval', [['busan-barrier-free-coast'], ['busan-barrier-free-coast'], ['seoul-mobile-library'], ['busan-barrier-free-coast']]);
    const nine = await round('nine-ballots', 'score', Array.from({ length: 9 }, (_, i) => ({ 'seoul-mobile-library': 1 + (i % 5), 'jeju-zero-waste-market': 5 })));
    for (const [r, n] of [[four, 4], [nine, 9]] as const) {
      expect(r).toMatchObject({ ballots: n, withheld: true, results: [], turnout: [] });
      expect(attack(published(r.id))).toEqual({ alone: [], knowingTheyVoted: [], surelyVoted: [] });
    }
    // Control: nine's published scores would have shown every voter gave Jeju 5.
    const leaked = attack({ ...published('nine-ballots'), round: { ...nine, withheld: false, results: [
      { case: 'busan-barrier-free-coast', count: 0, mean: null, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      { case: 'jeju-zero-waste-market', count: 9, mean: 5, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 9 } },
      { case: 'seoul-mobile-library', count: 9, mean: 2.8, distribution: { '1': 2, '2': 2, '3': 2, '4': 2, '5': 1 } },
    ] } });
    expect(leaked.knowingTheyVoted).toEqual(['(any voter) busan-barrier-free-coast=none', '(any voter) jeju-zero-waste-market=5']);
  });

  test('10 ballots (the minimum), approval: tally published, small turnout cells suppressed; no choice is recovered', async () => {
    const ballots = [
      ['busan-barrier-free-coast'], ['seoul-mobile-library'], ['busan-barrier-free-coast', 'jeju-zero-waste-market'], ['jeju-zero-waste-market'],
      ['busan-barrier-free-coast', 'seoul-mobile-library'], ['seoul-mobile-library'], ['jeju-zero-waste-market', 'seoul-mobile-library'],
      ['busan-barrier-free-coast'], undefined, ['seoul-mobile-library', 'jeju-zero-waste-market'], undefined, ['busan-barrier-free-coast'],
    ];
    const r = await round('ten-ballots', 'approval', ballots);
    expect(r.withheld).toBeUndefined();
    expect(r.ballots).toBe(10);
    const p = published('ten-ballots');
    expect(r.turnout.filter((t) => t.voters === null).length).toBeGreaterThan(1);
    // No small cell is published, and none can be worked out from the others, the total and the panel sizes.
    for (const category of new Set(r.turnout.map((t) => t.category))) {
      const cells = r.turnout.filter((t) => t.category === category);
      cells.forEach((t, i) => {
        if (t.voters !== null) expect(t.voters, `${category} ${t.value}`).toBeGreaterThanOrEqual(5);
        else {
          const [lo, hi] = feasibleRange(cells, r.ballots, i);
          expect(hi, `${category} ${t.value} is pinned to ${lo}`).toBeGreaterThan(lo);
        }
      });
    }
    const a = attack(p);
    expect(a.alone).toEqual([]);
    expect(a.knowingTheyVoted).toEqual([]);
    expect(possibleVoters(p).length).toBeGreaterThan(1);
  });

  test('12 ballots (everyone voted), score: everyone is known to have voted, yet no choice is recovered', async () => {
    const r = await round('twelve-ballots', 'score', Array.from({ length: 12 }, (_, i) => ({
      'busan-barrier-free-coast': 1 + (i % 5), ...(i % 3 ? { 'jeju-zero-waste-market': 5 - (i % 4) } : {}), 'seoul-mobile-library': 2 + (i % 4),
    })));
    const a = attack(published(r.id));
    expect(a.surelyVoted).toHaveLength(12);
    expect(a.alone).toEqual([]);
    expect(a.knowingTheyVoted).toEqual([]);
  });

  test('receipts are bare codes in code order: none is linked to a choice, a time or a member', () => {
    for (const id of ['one-ballot', 'four-ballots', 'nine-ballots', 'ten-ballots', 'twelve-ballots']) {
      const text = readFileSync(join(contentDir, 'panel-rounds', `${id}.yaml`), 'utf8');
      const r = parse(text) as PanelRound;
      expect([...r.receipts].sort()).toEqual(r.receipts);
      expect(text).not.toMatch(/choices|voter_|user_id|birth|@example\.org/);
      for (const m of members) expect(text).not.toContain(m.pseudonym);
    }
  });

  test('the pool publishes only the strata the quotas use, as the consent text says', () => {
    const draw = parse(readFileSync(join(contentDir, 'panel-draws', 'secrecy.yaml'), 'utf8')) as { quotas: Record<string, unknown>; poolFile: string };
    const header = readFileSync(join(contentDir, 'panel-draws', draw.poolFile), 'utf8').split('\n')[0];
    expect(header).toBe(['id', ...Object.keys(draw.quotas).sort()].join(','));
  });
});
