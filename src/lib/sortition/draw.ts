import { createHash } from 'node:crypto';
import { singleCategoryBaseline } from './baseline.ts';
import { compareStrings, poolCommitment } from './commitment.ts';
import { buildInstance, type Instance } from './instance.ts';
import { LEXIMIN_VERSION, solveLeximin, type LeximinOptions, type LeximinResult } from './leximin.ts';
import { SeededRng } from './rng.ts';
import type { DrawRecord, Pool, Quotas, StratumCount } from './schema.ts';
import { PoolInputError } from './schema.ts';
import { solverVersion } from './solver.ts';

/** One panel drawn from a LEXIMIN lottery. */
export interface DrawnPanel {
  /** Index into `LeximinResult.compositions` of the composition drawn. */
  compositionIndex: number;
  /** Selected ids, ascending. */
  panel: string[];
  /** Everyone else, in seeded random order (the reserve list). */
  reserve: string[];
}

/**
 * Draw one panel from the lottery with the public seed. Deterministic:
 *  1. stream "composition": u = nextFloat(); pick the first composition (canonical order) whose
 *     cumulative probability exceeds u;
 *  2. stream "members": for each type in canonical order, choose that composition's count of
 *     members uniformly from the type's ids (ascending) by partial Fisher–Yates;
 *  3. stream "reserve": Fisher–Yates shuffle of the unselected ids (ascending) = reserve order.
 * Each member of type t is then selected with probability Σ_P p_P·c_{P,t}/n_t, the leximin value.
 */
export function drawFromLottery(inst: Instance, lottery: LeximinResult, seed: string): DrawnPanel {
  const u = new SeededRng(seed, 'composition').nextFloat();
  let acc = 0;
  let index = lottery.compositions.length - 1; // guards against the sum being 1 - ε
  for (let j = 0; j < lottery.compositions.length; j++) {
    acc += (lottery.compositions[j] as { probability: number }).probability;
    if (u < acc) {
      index = j;
      break;
    }
  }
  const counts = (lottery.compositions[index] as { counts: number[] }).counts;
  const rng = new SeededRng(seed, 'members');
  const selected: string[] = [];
  inst.types.forEach((t, i) => selected.push(...rng.sample(t.ids, counts[i] as number)));
  const chosen = new Set(selected);
  const rest = inst.types.flatMap((t) => t.ids).filter((id) => !chosen.has(id)).sort(compareStrings);
  return {
    compositionIndex: index,
    panel: selected.sort(compareStrings),
    reserve: new SeededRng(seed, 'reserve').shuffle(rest),
  };
}

/** SHA-256 of the canonical lottery (types, compositions, probabilities), pinning what was drawn from. */
export function lotteryHash(inst: Instance, lottery: LeximinResult): string {
  const canonical = JSON.stringify({
    categories: inst.categories,
    types: inst.types.map((t) => [t.values, t.ids.length]),
    compositions: lottery.compositions.map((c) => [c.counts, c.probability]),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Achieved count per stratum for a panel. */
export function stratumCounts(inst: Instance, panel: readonly string[]): StratumCount[] {
  const typeOf = new Map<string, number>();
  inst.types.forEach((t, i) => t.ids.forEach((id) => typeOf.set(id, i)));
  const perType = new Array<number>(inst.types.length).fill(0);
  for (const id of panel) {
    const t = typeOf.get(id);
    if (t === undefined) throw new PoolInputError(`panel id "${id}" is not in the pool`);
    perType[t] = (perType[t] as number) + 1;
  }
  return inst.rows.map((r) => ({
    category: r.category,
    value: r.value,
    pool: r.available,
    selected: r.types.reduce((s, t) => s + (perType[t] as number), 0),
    min: r.min,
    max: r.max,
  }));
}

/** Inputs of a draw. */
export interface DrawInput {
  /** Pseudonymised pool. */
  pool: Pool;
  /** Quotas per category value. */
  quotas: Quotas;
  /** Panel size k. */
  panelSize: number;
  /** Public seed. */
  seed: string;
}

/** Everything a draw produces: the record to publish and the full lottery behind it. */
export interface DrawOutcome {
  /** The record to publish. */
  record: DrawRecord;
  /** The canonical instance. */
  instance: Instance;
  /** The LEXIMIN lottery. */
  lottery: LeximinResult;
  /** Selection probability per pool id. */
  marginals: Map<string, number>;
}

/** Solve LEXIMIN, draw with the seed, and build the publishable draw record. */
export async function runDraw(input: DrawInput, opts: LeximinOptions = {}): Promise<DrawOutcome> {
  const instance = buildInstance(input.pool, input.quotas, input.panelSize);
  const lottery = await solveLeximin(instance, opts);
  const drawn = drawFromLottery(instance, lottery, input.seed);
  const marginals = new Map<string, number>();
  instance.types.forEach((t, i) => t.ids.forEach((id) => marginals.set(id, lottery.typeProbabilities[i] as number)));
  const probs = [...marginals.values()];
  const baseline = singleCategoryBaseline(instance).best;
  const record: DrawRecord = {
    format: 'open-results/panel-draw/v1',
    algorithm: { name: 'leximin', version: LEXIMIN_VERSION, solver: await solverVersion() },
    panelSize: input.panelSize,
    quotas: input.quotas,
    poolSize: instance.n,
    poolCommitment: poolCommitment(input.pool),
    seed: input.seed,
    selectionProbability: {
      min: Math.min(...probs),
      max: Math.max(...probs),
      mean: probs.reduce((a, b) => a + b, 0) / probs.length,
    },
    baseline: { category: baseline.category, minProbability: baseline.minProbability },
    distributionSize: lottery.compositions.length,
    distributionHash: lotteryHash(instance, lottery),
    strata: stratumCounts(instance, drawn.panel),
    panel: drawn.panel,
    reserve: drawn.reserve,
  };
  return { record, instance, lottery, marginals };
}

/** Result of re-checking a published record. */
export interface VerifyResult {
  /** True when every check passed. */
  ok: boolean;
  /** Human-readable description of each failed check. */
  problems: string[];
}

/** Re-run the draw from the published pool and record, and compare everything that must match. */
export async function verifyDraw(record: DrawRecord, pool: Pool, opts: LeximinOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const commitment = poolCommitment(pool);
  if (commitment !== record.poolCommitment) {
    problems.push(`pool commitment mismatch: record ${record.poolCommitment}, pool file ${commitment}`);
    return { ok: false, problems };
  }
  if (record.algorithm.version !== LEXIMIN_VERSION) {
    problems.push(`record was made with algorithm version ${record.algorithm.version}, this is ${LEXIMIN_VERSION}`);
  }
  const again = await runDraw({ pool, quotas: record.quotas, panelSize: record.panelSize, seed: record.seed }, opts);
  const r = again.record;
  if (r.distributionHash !== record.distributionHash) {
    problems.push(`lottery differs (hash ${r.distributionHash} vs ${record.distributionHash}); solver build: ${r.algorithm.solver} vs ${record.algorithm.solver}`);
  }
  if (JSON.stringify(r.panel) !== JSON.stringify(record.panel)) {
    const mine = new Set(r.panel);
    const diff = record.panel.filter((id) => !mine.has(id));
    problems.push(`panel differs: ${diff.length} recorded member(s) not re-drawn (e.g. ${diff.slice(0, 5).join(', ')})`);
  }
  if (JSON.stringify(r.reserve) !== JSON.stringify(record.reserve)) problems.push('reserve order differs');
  if (JSON.stringify(r.strata) !== JSON.stringify(record.strata)) problems.push('stratum counts differ');
  for (const s of record.strata) {
    if (s.selected < s.min || s.selected > s.max) problems.push(`quota not met: ${s.category}=${s.value} has ${s.selected}, quota ${s.min}–${s.max}`);
  }
  problems.push(...verifySeatChanges(record, pool).problems);
  return { ok: problems.length === 0, problems };
}

/**
 * Fill dropouts from the reserve list, keeping every quota. For each dropout in the order given,
 * take the first reserve member (in published order) who is not on the panel and whose swap for
 * the dropout keeps all quotas met (other dropouts still counted until replaced). Because the
 * reserve order is fixed by the seed, anyone can check a replacement. Returns the new panel and
 * dropouts that no reserve could replace without breaking a quota (removed, seat left empty).
 */
export function replaceDropouts(
  record: DrawRecord,
  pool: Pool,
  dropouts: readonly string[],
): { panel: string[]; replacements: { out: string; in: string }[]; unfilled: string[] } {
  const inst = buildInstance(pool, record.quotas, record.panelSize);
  const features = new Map(pool.map((m) => [m.id, m.features]));
  const panel = new Set(record.panel);
  const used = new Set<string>([...record.panel, ...dropouts]);
  const count = new Map<string, number>();
  const key = (c: string, v: string) => JSON.stringify([c, v]);
  const bump = (c: string, v: string, d: number) => count.set(key(c, v), (count.get(key(c, v)) ?? 0) + d);
  for (const id of panel) for (const c of inst.categories) bump(c, features.get(id)?.[c] ?? '', 1);
  const quota = (c: string, v: string) => record.quotas[c]?.[v] ?? { min: 0, max: 0 };
  const replacements: { out: string; in: string }[] = [];
  const unfilled: string[] = [];
  for (const out of dropouts) {
    if (!panel.has(out)) throw new PoolInputError(`dropout "${out}" is not on the panel`);
    const fo = features.get(out) ?? {};
    const candidate = record.reserve.find((id) => {
      if (used.has(id)) return false;
      const fi = features.get(id) ?? {};
      return inst.categories.every((c) => {
        const vo = fo[c] as string;
        const vi = fi[c] as string;
        if (vo === vi) return true;
        return (count.get(key(c, vo)) ?? 0) - 1 >= quota(c, vo).min && (count.get(key(c, vi)) ?? 0) + 1 <= quota(c, vi).max;
      });
    });
    if (!candidate) {
      unfilled.push(out);
      continue;
    }
    const fi = features.get(candidate) ?? {};
    for (const c of inst.categories) {
      bump(c, fo[c] as string, -1);
      bump(c, fi[c] as string, 1);
    }
    panel.delete(out);
    panel.add(candidate);
    used.add(candidate);
    replacements.push({ out, in: candidate });
  }
  for (const id of unfilled) panel.delete(id);
  return { panel: [...panel].sort(compareStrings), replacements, unfilled };
}

/**
 * Replay the seat changes appended to a record and check every replacement: the seat it fills
 * was on the panel at that point, and the reserve called is the first in the published order —
 * among the `reserveRecorded` given reserve seats — who was neither already called nor listed as
 * unavailable and whose swap keeps every quota, counting seats still empty as taken until filled.
 * This is `replaceDropouts`' rule, one replacement at a time, as the database applies it
 * (replace_vacant_seats in supabase/migrations/…_panel_draws.sql).
 */
export function verifySeatChanges(record: DrawRecord, pool: Pool): VerifyResult & { panel: string[] } {
  const problems: string[] = [];
  const changes = record.seatChanges;
  const panel = new Set(record.panel);
  if (!changes) return { ok: true, problems, panel: [...panel].sort(compareStrings) };
  const features = new Map(pool.map((m) => [m.id, m.features]));
  const categories = Object.keys(record.quotas).sort(compareStrings);
  const reserves = record.reserve.slice(0, record.reserveRecorded ?? record.reserve.length);
  const unavailable = new Set(changes.unavailable);
  const called = new Set<string>();
  const key = (c: string, v: string) => JSON.stringify([c, v]);
  const count = new Map<string, number>();
  const bump = (id: string, d: number) => {
    for (const c of categories) count.set(key(c, features.get(id)?.[c] ?? ''), (count.get(key(c, features.get(id)?.[c] ?? '')) ?? 0) + d);
  };
  for (const id of panel) bump(id, 1);
  const quota = (c: string, v: string) => record.quotas[c]?.[v] ?? { min: 0, max: 0 };
  const keeps = (out: string, inn: string) =>
    categories.every((c) => {
      const vo = features.get(out)?.[c] ?? '';
      const vi = features.get(inn)?.[c] ?? '';
      if (vo === vi) return true;
      return (count.get(key(c, vo)) ?? 0) - 1 >= quota(c, vo).min && (count.get(key(c, vi)) ?? 0) + 1 <= quota(c, vi).max;
    });
  for (const u of unavailable) if (!reserves.includes(u)) problems.push(`unavailable reserve ${u} is not one of the ${reserves.length} recorded reserves`);
  changes.replacements.forEach((r, i) => {
    const n = `replacement ${i + 1} (${r.out} → ${r.in})`;
    if (!panel.has(r.out)) {
      problems.push(`${n}: ${r.out} did not hold a seat at that point`);
      return;
    }
    const expected = reserves.find((id) => !called.has(id) && !unavailable.has(id) && !panel.has(id) && keeps(r.out, id));
    if (expected !== r.in) {
      problems.push(`${n}: the published rule calls ${expected ?? 'nobody (no reserve keeps the quotas)'}, not ${r.in}`);
      return;
    }
    bump(r.out, -1);
    bump(r.in, 1);
    panel.delete(r.out);
    panel.add(r.in);
    called.add(r.in);
  });
  // Empty now: left empty by a run (no reserve kept the quotas) or emptied since the last run.
  for (const u of changes.unfilled) if (!panel.has(u)) problems.push(`empty seat ${u} is not on the panel`);
  return { ok: problems.length === 0, problems, panel: [...panel].sort(compareStrings) };
}
