// Independent brute-force LEXIMIN for tiny pools, used only by tests. It shares no code with the
// column generation: it enumerates every individual panel (not type compositions) and finds the
// leximin levels by saturation tests (Ogryczak & Śliwiński's sequential method), not by duals.
import loadHighs from 'highs';
import type { Pool, Quotas } from '../../src/lib/sortition/schema.ts';

/** All k-subsets of 0..n-1 that meet the quotas. */
export function feasiblePanels(pool: Pool, quotas: Quotas, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === k) {
      for (const [cat, values] of Object.entries(quotas)) {
        for (const [val, q] of Object.entries(values)) {
          const c = pick.filter((i) => pool[i]!.features[cat] === val).length;
          if (c < q.min || c > q.max) return;
        }
      }
      out.push(pick.slice());
      return;
    }
    for (let i = start; i <= pool.length - (k - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return out;
}

/**
 * Leximin probabilities per pool index. Stage: maximise z with unfixed p_i ≥ z, fixed p_i ≥ f_i,
 * Σ x = 1. Then each unfixed i whose own maximum (keeping all others at their levels) is ≤ z is
 * saturated and fixed at z. Repeat until all fixed.
 */
export async function bruteForceLeximin(pool: Pool, quotas: Quotas, k: number): Promise<number[]> {
  const h = await loadHighs();
  const panels = feasiblePanels(pool, quotas, k);
  if (panels.length === 0) throw new Error('no feasible panel');
  const n = pool.length;
  const m = panels.length;
  const fixed: (number | undefined)[] = new Array(n).fill(undefined);
  // Column-wise: col 0 = z, cols 1..m = panels. Rows 0..n-1 = agents, row n = Σ x = 1.
  const build = (cost: number[], zLo: number, zHi: number) => {
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      if (fixed[i] === undefined) {
        indices.push(i);
        values.push(-1);
      }
    }
    starts.push(indices.length);
    for (const p of panels) {
      for (const i of p) {
        indices.push(i);
        values.push(1);
      }
      indices.push(n);
      values.push(1);
      starts.push(indices.length);
    }
    return h.raw.lpCall({
      numCols: m + 1,
      numRows: n + 1,
      sense: h.constants.objectiveSense.maximize,
      colCost: cost,
      colLower: [zLo, ...new Array<number>(m).fill(0)],
      colUpper: [zHi, ...new Array<number>(m).fill(Infinity)],
      rowLower: [...fixed.map((f) => f ?? 0), 1],
      rowUpper: [...new Array<number>(n).fill(Infinity), 1],
      matrix: { format: 'csc', numRows: n + 1, numCols: m + 1, starts, indices, values },
    });
  };
  while (fixed.some((f) => f === undefined)) {
    const res = build([1, ...new Array<number>(m).fill(0)], 0, Infinity);
    if (res.status === -1 || res.value.modelStatus !== 7) throw new Error('stage LP failed');
    const z = res.value.solution.colValue[0]!;
    let any = false;
    const sat: number[] = [];
    for (let i = 0; i < n; i++) {
      if (fixed[i] !== undefined) continue;
      const cost = [0, ...panels.map((p) => (p.includes(i) ? 1 : 0))];
      const r = build(cost, z, z);
      if (r.status === -1 || r.value.modelStatus !== 7) throw new Error('saturation LP failed');
      const best = cost.reduce((s, c, j) => s + c * r.value.solution.colValue[j]!, 0);
      if (best <= z + 1e-9) sat.push(i);
    }
    for (const i of sat) {
      fixed[i] = z;
      any = true;
    }
    if (!any) throw new Error('no agent saturated: reference is broken');
  }
  return fixed as number[];
}
