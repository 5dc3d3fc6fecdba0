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
  const maxMin = inst.categories.map((c) => equalising(inst, c));
  const better = (a: CategoryBaseline, b: CategoryBaseline) => (b.minProbability > a.minProbability ? b : a);
  return { best: perCategory.reduce(better), perCategory, singleCategoryMaxMin: maxMin.reduce(better) };
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
function equalising(inst: Instance, category: string): CategoryBaseline {
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
