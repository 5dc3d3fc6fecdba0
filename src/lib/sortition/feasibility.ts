import type { Instance } from './instance.ts';
import { InfeasibleQuotasError } from './schema.ts';
import { buildCompositionModel, getHighs, QUIET, roundCounts } from './solver.ts';

/**
 * Check that some panel meets every quota; return one such panel composition (count per type).
 * Throws InfeasibleQuotasError naming the category (and value) at fault:
 *  1. cheap per-value / per-category arithmetic checks,
 *  2. otherwise an ILP; if that is infeasible, find the smallest set of categories that conflict
 *     and a minimal quota relaxation that would make the quotas feasible.
 */
export async function checkFeasibility(inst: Instance): Promise<number[]> {
  const { k, n } = inst;
  if (k > n) throw new InfeasibleQuotasError(`panel size ${k} exceeds pool size ${n}`);
  for (const c of inst.categories) {
    const rows = inst.rows.filter((r) => r.category === c);
    for (const r of rows) {
      if (r.min > r.available) {
        throw new InfeasibleQuotasError(
          `quota for category "${c}" value "${r.value}" needs at least ${r.min} but the pool has only ${r.available}`,
          c,
          r.value,
        );
      }
      if (r.min > k) {
        throw new InfeasibleQuotasError(`quota for category "${c}" value "${r.value}" needs ${r.min} > panel size ${k}`, c, r.value);
      }
    }
    const sumMin = rows.reduce((s, r) => s + r.min, 0);
    const sumMax = rows.reduce((s, r) => s + Math.min(r.max, r.available), 0);
    if (sumMin > k) {
      throw new InfeasibleQuotasError(`category "${c}": minimums add up to ${sumMin}, more than the panel size ${k}`, c);
    }
    if (sumMax < k) {
      throw new InfeasibleQuotasError(
        `category "${c}": at most ${sumMax} members can be seated (maximums capped by pool availability), fewer than the panel size ${k}`,
        c,
      );
    }
  }

  const h = await getHighs();
  const solveWith = (cats: ReadonlySet<string>): number[] | undefined => {
    const model = buildCompositionModel(h, inst, { rowFilter: (i) => cats.has(inst.rows[i]?.category ?? '') });
    try {
      model.run();
      if (model.getModelStatus() !== h.constants.modelStatus.optimal) return undefined;
      return roundCounts(model.getSolution().colValue, inst.types.length);
    } finally {
      model.dispose();
    }
  };
  const all = solveWith(new Set(inst.categories));
  if (all) return all;

  // Name the conflict: the smallest group of categories (pairs first, then triples) that is
  // infeasible on its own.
  let culprit: string[] = inst.categories;
  search: for (let size = 2; size < inst.categories.length; size++) {
    for (const combo of combinations(inst.categories, size)) {
      if (!solveWith(new Set(combo))) {
        culprit = combo;
        break search;
      }
    }
  }
  const hints = relaxationHints(h, inst);
  const names = culprit.map((c) => `"${c}"`).join(' and ');
  throw new InfeasibleQuotasError(
    `quotas are infeasible: no panel of ${k} meets the quotas of categories ${names} together` +
      (hints.length ? `; smallest relaxation: ${hints.map((x) => x.text).join('; ')}` : ''),
    culprit[0],
    hints.find((x) => culprit.includes(x.category))?.value,
  );
}

function* combinations<T>(items: readonly T[], size: number, start = 0, acc: T[] = []): Generator<T[]> {
  if (acc.length === size) {
    yield acc.slice();
    return;
  }
  for (let i = start; i < items.length; i++) {
    acc.push(items[i] as T);
    yield* combinations(items, size, i + 1, acc);
    acc.pop();
  }
}

/**
 * Minimal quota relaxation (after the reference implementation's `_relax_infeasible_quotas`):
 * integer slack per quota bound, minimising total slack; lowering a small minimum costs more.
 */
function relaxationHints(
  h: Awaited<ReturnType<typeof getHighs>>,
  inst: Instance,
): { category: string; value: string; text: string }[] {
  const T = inst.types.length;
  const R = inst.rows.length;
  const model = buildCompositionModel(h, inst);
  try {
    // Relax every quota row to [min - lo, max + hi]: move bounds to slack columns.
    model.changeObjectiveSense(h.constants.objectiveSense.minimize);
    for (let i = 0; i < R; i++) {
      const r = inst.rows[i]!;
      // Row i+1 becomes: count + lo - hi in [min, max] with lo, hi ≥ 0.
      const loWeight = r.min === 0 ? 0 : 1 + 2 / r.min;
      model.addCol(r.min === 0 ? 1e3 : loWeight, 0, r.min, { indices: [i + 1], values: [1] });
      model.addCol(1, 0, h.infinity, { indices: [i + 1], values: [-1] });
    }
    model.changeColsIntegrality({ kind: 'range', from: T, to: T + 2 * R - 1 }, new Array(2 * R).fill(h.constants.variableType.integer));
    model.options.set({ ...QUIET, mip_rel_gap: 1e-6 });
    model.run();
    if (model.getModelStatus() !== h.constants.modelStatus.optimal) return [];
    const x = model.getSolution().colValue;
    const out: { category: string; value: string; text: string }[] = [];
    for (let i = 0; i < R; i++) {
      const r = inst.rows[i]!;
      const lo = Math.round(x[T + 2 * i] ?? 0);
      const hi = Math.round(x[T + 2 * i + 1] ?? 0);
      if (lo > 0) out.push({ category: r.category, value: r.value, text: `lower "${r.category}"="${r.value}" min to ${r.min - lo}` });
      if (hi > 0) out.push({ category: r.category, value: r.value, text: `raise "${r.category}"="${r.value}" max to ${r.max + hi}` });
    }
    return out;
  } finally {
    model.dispose();
  }
}
