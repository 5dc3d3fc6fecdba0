import type { Instance, QuotaRow } from './instance.ts';

/** A single-category stratified draw for one category. */
export interface CategoryBaseline {
  /** Category stratified on. */
  category: string;
  /** Seats given to each value of the category. */
  seats: Record<string, number>;
  /** Lowest selection probability any pool member gets: min over values of seats/available. */
  minProbability: number;
}

/** Baselines per category and the best over categories. */
export interface BaselineReport {
  /** Proportional stratified sampling per category (seats ∝ quota midpoints); the best category. */
  best: CategoryBaseline;
  /** Proportional allocation for each category. */
  perCategory: CategoryBaseline[];
  /** Probability-equalising allocation for each category (same order). */
  equalisingPerCategory: CategoryBaseline[];
  /**
   * Upper bound, not a baseline: the highest minimum probability any one-category scheme can reach
   * (seats chosen to equalise probabilities), ignoring all other categories. LEXIMIN must also meet
   * the other categories, so its minimum can be below this.
   */
  singleCategoryMaxMin: CategoryBaseline;
}

/**
 * Baseline for comparison: classic proportional stratified sampling on one category alone. The
 * panel's seats are split across the category's values in proportion to the quota targets (the
 * midpoint of each [min, max], i.e. the population shares the quotas encode), by largest
 * remainder within the quota bounds and pool availability; members are then drawn uniformly
 * within each value. Each member's probability is seats/available for their value. The other
 * categories' quotas are not enforced at all.
 */
export function singleCategoryBaseline(inst: Instance): BaselineReport {
  const perCategory = inst.categories.map((c) => proportional(inst, c));
  const maxMin = inst.categories.map((c) => equalisingSeats(inst, c));
  const better = (a: CategoryBaseline, b: CategoryBaseline) => (b.minProbability > a.minProbability ? b : a);
  return { best: perCategory.reduce(better), perCategory, equalisingPerCategory: maxMin, singleCategoryMaxMin: maxMin.reduce(better) };
}

function rowsOf(inst: Instance, category: string): QuotaRow[] {
  return inst.rows.filter((r) => r.category === category && r.available > 0);
}

function result(category: string, rows: QuotaRow[], seats: number[]): CategoryBaseline {
  return {
    category,
    seats: Object.fromEntries(rows.map((r, i) => [r.value, seats[i] as number])),
    minProbability: Math.min(...rows.map((r, i) => (seats[i] as number) / r.available)),
  };
}

/** Seats ∝ quota midpoints, largest remainder, clamped to [min, min(max, available)]. */
function proportional(inst: Instance, category: string): CategoryBaseline {
  const rows = rowsOf(inst, category);
  const mid = rows.map((r) => (r.min + r.max) / 2);
  const total = mid.reduce((a, b) => a + b, 0) || 1;
  const target = mid.map((m) => (m / total) * inst.k);
  const cap = rows.map((r) => Math.min(r.max, r.available));
  const seats = rows.map((r, i) => Math.min(cap[i] as number, Math.max(r.min, Math.floor(target[i] as number))));
  let left = inst.k - seats.reduce((a, b) => a + b, 0);
  // Hand out (or take back) single seats by largest (smallest) remainder; ties by value order.
  while (left !== 0) {
    let pick = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const s = seats[i] as number;
      const ok = left > 0 ? s < (cap[i] as number) : s > (rows[i] as QuotaRow).min;
      const score = left > 0 ? (target[i] as number) - s : s - (target[i] as number);
      if (ok && score > bestScore) {
        bestScore = score;
        pick = i;
      }
    }
    if (pick < 0) break; // quotas infeasible for this category; checkFeasibility reports it
    seats[pick] = (seats[pick] as number) + Math.sign(left);
    left -= Math.sign(left);
  }
  return result(category, rows, seats);
}

/** Seats that maximise min seats/available: start at minimums, give each seat to the lowest ratio. */
function equalisingSeats(inst: Instance, category: string): CategoryBaseline {
  const rows = rowsOf(inst, category);
  const seats = rows.map((r) => r.min);
  let left = inst.k - seats.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let pick = -1;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as QuotaRow;
      if ((seats[i] as number) >= Math.min(r.max, r.available)) continue;
      if (pick < 0 || (seats[i] as number) / r.available < (seats[pick] as number) / (rows[pick] as QuotaRow).available) pick = i;
    }
    if (pick < 0) break;
    seats[pick] = (seats[pick] as number) + 1;
    left--;
  }
  return result(category, rows, seats);
}

/** Monte Carlo estimate of the Sortition Foundation's legacy greedy draw (quota-respecting). */
export interface GreedyBaseline {
  /** Successful draws used for the estimate. */
  runs: number;
  /** Draws that hit a dead end and were retried. */
  failures: number;
  /** Estimated selection probability per type (Instance.types order). */
  typeProbabilities: number[];
  /** Estimated lowest selection probability across pool members. */
  minProbability: number;
}

/**
 * Quota-respecting baseline: the greedy algorithm the Sortition Foundation used before LEXIMIN
 * (reference `find_random_sample_legacy`): repeatedly take the category value whose unmet minimum
 * is largest relative to the people left in it, draw one of them uniformly, and drop everyone in a
 * value whose maximum is reached; retry on a dead end. Its probabilities have no closed form, so they
 * are estimated over `runs` seeded draws (members of one type are symmetric, so per-type averages
 * are much less noisy than per-person ones).
 */
export function legacyGreedyBaseline(inst: Instance, runs: number, rng: { nextInt(n: number): number }): GreedyBaseline {
  const T = inst.types.length;
  const size = inst.types.map((t) => t.ids.length);
  const rowsOfType: number[][] = Array.from({ length: T }, () => []);
  inst.rows.forEach((r, i) => r.types.forEach((t) => rowsOfType[t]?.push(i)));
  const total = new Array<number>(T).fill(0);
  let ok = 0;
  let failures = 0;
  while (ok < runs) {
    if (failures > 20 * runs + 1000) break; // quotas the greedy practically never meets
    const rem = size.slice();
    const sel = new Array<number>(T).fill(0);
    const selected = new Array<number>(inst.rows.length).fill(0);
    let failed = false;
    for (let step = 0; step < inst.k && !failed; step++) {
      let best = -1;
      let ratio = -Infinity;
      inst.rows.forEach((r, i) => {
        const remaining = r.types.reduce((s, t) => s + (rem[t] as number), 0);
        const need = r.min - (selected[i] as number);
        if (need > 0 && remaining < need) failed = true;
        if (remaining > 0 && r.max > 0 && need / remaining > ratio) {
          ratio = need / remaining;
          best = i;
        }
      });
      if (failed || best < 0) {
        failed = true;
        break;
      }
      const row = inst.rows[best] as QuotaRow;
      let u = rng.nextInt(row.types.reduce((s, t) => s + (rem[t] as number), 0));
      let t = row.types[0] as number;
      for (const tt of row.types) {
        if (u < (rem[tt] as number)) {
          t = tt;
          break;
        }
        u -= rem[tt] as number;
      }
      sel[t] = (sel[t] as number) + 1;
      rem[t] = (rem[t] as number) - 1;
      for (const i of rowsOfType[t] as number[]) {
        selected[i] = (selected[i] as number) + 1;
        if (selected[i] === inst.rows[i]?.max) for (const tt of (inst.rows[i] as QuotaRow).types) rem[tt] = 0;
      }
    }
    if (!failed) failed = inst.rows.some((r, i) => (selected[i] as number) < r.min);
    if (failed) {
      failures++;
      continue;
    }
    ok++;
    sel.forEach((c, t) => (total[t] = (total[t] as number) + c));
  }
  const typeProbabilities = total.map((c, t) => (ok ? c / ok / (size[t] as number) : 0));
  return { runs: ok, failures, typeProbabilities, minProbability: Math.min(...typeProbabilities) };
}

/**
 * A single-category stratified draw made to meet every quota: seats per value of one category,
 * members drawn uniformly within each value, and the whole draw repeated until the other
 * categories' quotas hold too (rejection). It is a distribution over quota-meeting panels, so
 * LEXIMIN's minimum can never be below its minimum; how often a draw is accepted shows whether
 * the method is usable at all on a skewed pool.
 */
export interface StratifiedDrawBaseline {
  /** Category stratified on. */
  category: string;
  /** How the seats were split: in proportion to the quota targets, or to equalise probabilities. */
  allocation: 'proportional' | 'equalising';
  /** Seats given to each value of the category. */
  seats: Record<string, number>;
  /** Draws made. */
  tries: number;
  /** Draws that met every quota. */
  accepted: number;
  /** Estimated selection probability per type (Instance.types order); null when none was accepted. */
  typeProbabilities: number[] | null;
  /** Estimated lowest selection probability; null when no draw met the quotas. */
  minProbability: number | null;
  /**
   * Upper confidence bound on the true minimum: min over types of estimate + z × standard error
   * (the estimate of a minimum is biased low; a LEXIMIN minimum above this bound beats the baseline
   * beyond Monte Carlo noise).
   */
  minUpperBound: number | null;
}

/** Monte Carlo settings for stratifiedDrawBaseline. */
export interface StratifiedDrawOptions {
  /** Random source (FastRng in benchmarks). */
  rng: { nextInt(n: number): number };
  /** Stop after this many draws. */
  maxTries: number;
  /** Stop once this many draws were accepted. */
  targetAccepted: number;
  /** Give up early when none of the first this-many draws was accepted (default: maxTries). */
  giveUpAfter?: number;
  /** Standard errors in the upper bound (default 3). */
  z?: number;
}

/** Estimate the quota-meeting stratified draw for one category and seat split. */
export function stratifiedDrawBaseline(
  inst: Instance,
  allocation: CategoryBaseline,
  kind: StratifiedDrawBaseline['allocation'],
  opts: StratifiedDrawOptions,
): StratifiedDrawBaseline {
  const c = inst.categories.indexOf(allocation.category);
  const T = inst.types.length;
  const size = inst.types.map((t) => t.ids.length);
  const strata = Object.entries(allocation.seats).map(([value, seats]) => {
    const types = inst.types.flatMap((t, i) => (t.values[c] === value ? [i] : []));
    return { seats, types, available: types.reduce((s, t) => s + (size[t] as number), 0) };
  });
  const rowsOfType: number[][] = Array.from({ length: T }, () => []);
  inst.rows.forEach((r, i) => r.types.forEach((t) => rowsOfType[t]?.push(i)));
  const sum = new Float64Array(T);
  const sumSq = new Float64Array(T);
  const sel = new Int32Array(T);
  const rem = new Int32Array(T);
  const rowCount = new Int32Array(inst.rows.length);
  const giveUp = opts.giveUpAfter ?? opts.maxTries;
  let tries = 0;
  let accepted = 0;
  while (tries < opts.maxTries && accepted < opts.targetAccepted && !(accepted === 0 && tries >= giveUp)) {
    tries++;
    sel.fill(0);
    for (const s of strata) {
      for (const t of s.types) rem[t] = size[t] as number;
      let left = s.available;
      for (let k = 0; k < s.seats; k++) {
        let u = opts.rng.nextInt(left);
        let j = 0;
        while (u >= (rem[s.types[j] as number] as number)) u -= rem[s.types[j++] as number] as number;
        const t = s.types[j] as number;
        rem[t] = (rem[t] as number) - 1;
        sel[t] = (sel[t] as number) + 1;
        left--;
      }
    }
    rowCount.fill(0);
    for (let t = 0; t < T; t++) {
      if (sel[t] === 0) continue;
      for (const i of rowsOfType[t] as number[]) rowCount[i] = (rowCount[i] as number) + (sel[t] as number);
    }
    if (inst.rows.some((r, i) => (rowCount[i] as number) < r.min || (rowCount[i] as number) > r.max)) continue;
    accepted++;
    for (let t = 0; t < T; t++) {
      const x = sel[t] as number;
      sum[t] = (sum[t] as number) + x;
      sumSq[t] = (sumSq[t] as number) + x * x;
    }
  }
  const base = { category: allocation.category, allocation: kind, seats: allocation.seats, tries, accepted };
  if (accepted === 0) return { ...base, typeProbabilities: null, minProbability: null, minUpperBound: null };
  const z = opts.z ?? 3;
  const typeProbabilities = Array.from(sum, (s, t) => s / accepted / (size[t] as number));
  const upper = typeProbabilities.map((p, t) => {
    const mean = (sum[t] as number) / accepted;
    const variance = Math.max(0, (sumSq[t] as number) / accepted - mean * mean);
    return p + (z * Math.sqrt(variance / accepted)) / (size[t] as number);
  });
  return { ...base, typeProbabilities, minProbability: Math.min(...typeProbabilities), minUpperBound: Math.min(...upper) };
}

/** Every category with both seat splits; `best` is the highest estimated minimum among usable ones. */
export function stratifiedDrawBaselines(
  inst: Instance,
  opts: StratifiedDrawOptions,
  report: BaselineReport = singleCategoryBaseline(inst),
): { all: StratifiedDrawBaseline[]; best: StratifiedDrawBaseline | null } {
  const all: StratifiedDrawBaseline[] = [];
  report.perCategory.forEach((p, i) => {
    all.push(stratifiedDrawBaseline(inst, p, 'proportional', opts));
    const e = report.equalisingPerCategory[i] as CategoryBaseline;
    if (JSON.stringify(e.seats) !== JSON.stringify(p.seats)) all.push(stratifiedDrawBaseline(inst, e, 'equalising', opts));
  });
  const usable = all.filter((b) => b.minProbability !== null);
  const best = usable.length ? usable.reduce((a, b) => ((b.minProbability as number) > (a.minProbability as number) ? b : a)) : null;
  return { all, best };
}
