import type { Model } from 'highs';
import { checkFeasibility } from './feasibility.ts';
import type { Instance } from './instance.ts';
import { buildCompositionModel, getHighs, QUIET, roundCounts } from './solver.ts';

/** Implementation version, recorded with every draw; bump when results could change. */
export const LEXIMIN_VERSION = '1.0.0';

/** A panel composition (members per type) and its probability in the lottery. */
export interface CompositionProbability {
  /** Members of each type on the panel, indexed like `Instance.types`. */
  counts: number[];
  /** Probability of this composition being drawn. */
  probability: number;
}

/** Progress of the column generation, for CLI output. */
export interface LeximinProgress {
  /** Leximin stage: each stage fixes the probability of at least one more type. */
  stage: number;
  /** Column-generation iteration, counted over all stages. */
  iteration: number;
  /** Current value being maximised: the lowest probability among not-yet-fixed members. */
  minProbability: number;
  /** Panel compositions generated so far. */
  panels: number;
  /** Member types whose probability is fixed. */
  fixedTypes: number;
  /** All member types. */
  totalTypes: number;
}

/** Options for `solveLeximin`. */
export interface LeximinOptions {
  /** Called after each pricing step. */
  onProgress?: (p: LeximinProgress) => void;
  /** Safety stop for the total number of column-generation iterations. */
  maxIterations?: number;
}

/** The LEXIMIN lottery over feasible panels. */
export interface LeximinResult {
  /** Compositions with positive probability, in canonical (lexicographic counts) order; sum to 1. */
  compositions: CompositionProbability[];
  /** Selection probability of each member of each type (all members of a type are equal). */
  typeProbabilities: number[];
  /** Solver statistics. */
  stats: { stages: number; iterations: number; panelsGenerated: number; seconds: number };
}

/** Reduced cost above which a generated panel counts as improving (LP tolerances are ~1e-9). */
const PRICING_TOL = 1e-9;
/** Dual value above which a type's constraint is binding in every optimum, so it can be fixed. */
const FIX_TOL = 1e-7;

/**
 * LEXIMIN selection (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021): among all lotteries
 * over quota-satisfying panels, maximise the lowest selection probability, then the second lowest,
 * and so on.
 *
 * Each stage solves, by column generation over panel compositions P,
 *   max z  s.t.  Σ_P x_P·c_{P,t}/n_t ≥ z   (types t not yet fixed)
 *                Σ_P x_P·c_{P,t}/n_t ≥ f_t (fixed types)
 *                Σ_P x_P ≤ 1,  x ≥ 0
 * The pricing ILP finds the composition maximising Σ_t (y_t/n_t)·c_t under the quotas, with y the
 * row duals; a composition whose value beats the convexity dual ŷ enters the master. When none
 * does, every type with y_t > 0 is binding in all optimal solutions (complementary slackness), so
 * its probability is fixed at z, as the reference implementation does. Repeat until all are fixed.
 */
export async function solveLeximin(inst: Instance, opts: LeximinOptions = {}): Promise<LeximinResult> {
  const started = performance.now();
  const h = await getHighs();
  const T = inst.types.length;
  const sizes = inst.types.map((t) => t.ids.length);
  const initial = await checkFeasibility(inst);

  const pricing = buildCompositionModel(h, inst);
  // Master LP: column 0 is z; rows 0..T-1 are the types, row T the convexity row.
  const master = h.createModel({
    numCols: 1,
    numRows: T + 1,
    sense: h.constants.objectiveSense.maximize,
    colCost: [1],
    colLower: [0],
    colUpper: [h.infinity],
    rowLower: [...new Array<number>(T).fill(0), -h.infinity],
    rowUpper: [...new Array<number>(T).fill(h.infinity), 1],
    matrix: { format: 'csc', numRows: T + 1, numCols: 1, starts: [0, T], indices: [...Array(T).keys()], values: new Array<number>(T).fill(-1) },
  });
  // Tight tolerances: published probabilities should be right to ~1e-9, and the fixing test
  // relies on duals being accurate.
  master.options.set({ ...QUIET, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-10 });

  const compositions: number[][] = [];
  const known = new Set<string>();
  const addComposition = (counts: number[]): boolean => {
    const key = counts.join(',');
    if (known.has(key)) return false;
    known.add(key);
    compositions.push(counts);
    const indices: number[] = [];
    const values: number[] = [];
    counts.forEach((c, t) => {
      if (c > 0) {
        indices.push(t);
        values.push(c / (sizes[t] as number));
      }
    });
    indices.push(T);
    values.push(1);
    master.addCol(0, 0, h.infinity, { indices, values });
    return true;
  };

  try {
    addComposition(initial);
    const fixed: (number | undefined)[] = new Array(T).fill(undefined);
    let nFixed = 0;
    let stage = 0;
    let iteration = 0;
    let x: Float64Array = new Float64Array(0);
    const maxIterations = opts.maxIterations ?? 100_000;

    while (nFixed < T) {
      stage++;
      let z = 0;
      let y: number[] = [];
      for (;;) {
        if (++iteration > maxIterations) throw new Error(`leximin: no convergence after ${maxIterations} iterations`);
        solveOrThrow(h, master, 'master LP');
        const sol = master.getSolution();
        x = sol.colValue;
        z = master.getObjectiveValue();
        // HiGHS (maximisation): ≥-rows have dual ≤ 0, the ≤-convexity row dual ≥ 0.
        y = Array.from({ length: T }, (_, t) => Math.max(0, -(sol.rowDual[t] as number)));
        const yHat = sol.rowDual[T] as number;

        pricing.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, y.map((yt, t) => yt / (sizes[t] as number)));
        solveOrThrow(h, pricing, 'pricing ILP');
        const counts = roundCounts(pricing.getSolution().colValue, T);
        // Recompute the value exactly from the integer solution rather than trusting the MIP objective.
        let value = 0;
        counts.forEach((c, t) => (value += (c * (y[t] as number)) / (sizes[t] as number)));

        opts.onProgress?.({ stage, iteration, minProbability: z, panels: compositions.length, fixedTypes: nFixed, totalTypes: T });
        if (value <= yHat + PRICING_TOL || !addComposition(counts)) break;
      }
      // Fix every unfixed type whose constraint has a positive dual: it cannot rise above z.
      let fixedNow = 0;
      let best = -1;
      for (let t = 0; t < T; t++) {
        if (fixed[t] !== undefined) continue;
        if (best < 0 || (y[t] as number) > (y[best] as number)) best = t;
        if ((y[t] as number) > FIX_TOL) fixedNow += fixType(t);
      }
      // Σ y over unfixed types is 1, so some y_t ≥ 1/T; this guard only matters numerically.
      if (fixedNow === 0 && best >= 0) fixType(best);

      function fixType(t: number): number {
        fixed[t] = z;
        nFixed++;
        master.changeCoefficient(t, 0, 0);
        master.changeRowBounds(t, z, h.infinity);
        return 1;
      }
    }

    // The last master solution satisfies every fixed level; it is the lottery.
    let total = 0;
    for (let j = 0; j < compositions.length; j++) total += Math.max(0, x[j + 1] ?? 0);
    const lottery: CompositionProbability[] = [];
    compositions.forEach((counts, j) => {
      const p = Math.max(0, x[j + 1] ?? 0) / total;
      if (p > 0) lottery.push({ counts, probability: p });
    });
    lottery.sort((a, b) => compareCounts(a.counts, b.counts));
    const typeProbabilities = new Array<number>(T).fill(0);
    for (const { counts, probability } of lottery) {
      counts.forEach((c, t) => (typeProbabilities[t] = (typeProbabilities[t] as number) + (probability * c) / (sizes[t] as number)));
    }
    return {
      compositions: lottery,
      typeProbabilities,
      stats: { stages: stage, iterations: iteration, panelsGenerated: compositions.length, seconds: (performance.now() - started) / 1000 },
    };
  } finally {
    master.dispose();
    pricing.dispose();
  }
}

function solveOrThrow(h: Awaited<ReturnType<typeof getHighs>>, model: Model, what: string): void {
  model.run();
  const status = model.getModelStatus();
  if (status !== h.constants.modelStatus.optimal) throw new Error(`leximin: ${what} ended with HiGHS model status ${status}`);
}

/** Lexicographic order on composition vectors: the canonical order of the lottery. */
export function compareCounts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
