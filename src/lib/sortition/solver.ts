import loadHighs from 'highs';
import type { Highs, Model } from 'highs';
import type { Instance } from './instance.ts';

let loading: Promise<Highs> | undefined;

/** The HiGHS WebAssembly runtime, loaded once per process. */
export function getHighs(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

/** HiGHS version string, recorded in draw records so verifiers can use the same build. */
export async function solverVersion(): Promise<string> {
  const h = await getHighs();
  return `highs ${h.version.string} (${h.version.gitHash})`;
}

/** Options shared by every model: quiet, and single-threaded deterministic defaults. */
export const QUIET = { output_flag: false, log_to_console: false } as const;

/** Options for the pricing/feasibility ILPs: exact optimum, since stopping on a gap would make the
 * column generation stop early and under-report probabilities. */
export const EXACT_MIP = { ...QUIET, mip_rel_gap: 0, mip_abs_gap: 1e-12 } as const;

/**
 * ILP over panel compositions: one integer column per member type (how many of that type sit on the
 * panel, 0…type size), row 0 = panel size k, then one row per quota. Objective is set by the caller.
 * Extra rows/columns may be appended by the caller (e.g. quota slack for relaxation).
 */
export function buildCompositionModel(
  h: Highs,
  inst: Instance,
  opts: { rowFilter?: (rowIndex: number) => boolean } = {},
): Model {
  const T = inst.types.length;
  const rows = inst.rows.map((r, i) => ({ r, i })).filter(({ i }) => opts.rowFilter?.(i) ?? true);
  // Build CSC: column t has a 1 in the size row and in each kept quota row containing t.
  const colEntries: number[][] = Array.from({ length: T }, () => [0]);
  rows.forEach(({ r }, j) => {
    for (const t of r.types) colEntries[t]?.push(j + 1);
  });
  const starts = [0];
  const indices: number[] = [];
  for (const e of colEntries) {
    indices.push(...e);
    starts.push(indices.length);
  }
  const model = h.createModel({
    numCols: T,
    numRows: rows.length + 1,
    sense: h.constants.objectiveSense.maximize,
    colCost: new Array<number>(T).fill(0),
    colLower: new Array<number>(T).fill(0),
    colUpper: inst.types.map((t) => t.ids.length),
    rowLower: [inst.k, ...rows.map(({ r }) => r.min)],
    rowUpper: [inst.k, ...rows.map(({ r }) => r.max)],
    matrix: { format: 'csc', numRows: rows.length + 1, numCols: T, starts, indices, values: new Array<number>(indices.length).fill(1) },
    integrality: new Array(T).fill(h.constants.variableType.integer),
  });
  model.options.set(EXACT_MIP);
  return model;
}

/** Integer composition from a MIP solution vector (solver values are within tolerance of integers). */
export function roundCounts(colValue: ArrayLike<number>, T: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) out.push(Math.round(colValue[t] ?? 0));
  return out;
}
