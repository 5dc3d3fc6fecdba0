import { describe, expect, test } from 'vitest';
import { buildInstance } from '../../src/lib/sortition/instance.ts';
import { solveLeximin } from '../../src/lib/sortition/leximin.ts';
import { FastRng, SeededRng } from '../../src/lib/sortition/rng.ts';
import { singleCategoryBaseline, stratifiedDrawBaseline } from '../../src/lib/sortition/baseline.ts';
import type { Pool, Quotas } from '../../src/lib/sortition/schema.ts';
import { bruteForceLeximin, feasiblePanels } from './sortition-reference.ts';

const person = (id: string, features: Record<string, string>) => ({ id, features });

/** Leximin probability per pool member (pool order), from the column-generation solver. */
async function leximinMarginals(pool: Pool, quotas: Quotas, k: number): Promise<number[]> {
  const inst = buildInstance(pool, quotas, k);
  const res = await solveLeximin(inst);
  const byId = new Map<string, number>();
  inst.types.forEach((t, i) => t.ids.forEach((id) => byId.set(id, res.typeProbabilities[i]!)));
  // Lottery is a probability distribution over quota-satisfying compositions.
  expect(res.compositions.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 9);
  return pool.map((m) => byId.get(m.id)!);
}

const cases: { name: string; pool: Pool; quotas: Quotas; k: number }[] = [
  {
    name: '10 people, gender × age, k=4',
    pool: [
      person('a', { g: 'f', age: 'y' }), person('b', { g: 'f', age: 'y' }), person('c', { g: 'f', age: 'm' }),
      person('d', { g: 'f', age: 'o' }), person('e', { g: 'f', age: 'o' }), person('f', { g: 'f', age: 'o' }),
      person('g', { g: 'm', age: 'y' }), person('h', { g: 'm', age: 'm' }), person('i', { g: 'm', age: 'm' }),
      person('j', { g: 'm', age: 'o' }),
    ],
    quotas: { g: { f: { min: 2, max: 2 }, m: { min: 2, max: 2 } }, age: { y: { min: 1, max: 2 }, m: { min: 1, max: 2 }, o: { min: 1, max: 1 } } },
    k: 4,
  },
  {
    name: '12 people, three categories, k=5, skewed pool',
    pool: [
      person('p01', { r: 'n', g: 'f', a: 'y' }), person('p02', { r: 'n', g: 'f', a: 'o' }), person('p03', { r: 'n', g: 'f', a: 'o' }),
      person('p04', { r: 'n', g: 'm', a: 'o' }), person('p05', { r: 's', g: 'f', a: 'o' }), person('p06', { r: 's', g: 'f', a: 'o' }),
      person('p07', { r: 's', g: 'f', a: 'y' }), person('p08', { r: 's', g: 'm', a: 'y' }), person('p09', { r: 'e', g: 'f', a: 'o' }),
      person('p10', { r: 'e', g: 'm', a: 'o' }), person('p11', { r: 'e', g: 'f', a: 'o' }), person('p12', { r: 'w', g: 'm', a: 'y' }),
    ],
    quotas: {
      r: { n: { min: 1, max: 2 }, s: { min: 1, max: 2 }, e: { min: 1, max: 1 }, w: { min: 0, max: 1 } },
      g: { f: { min: 2, max: 3 }, m: { min: 2, max: 3 } },
      a: { y: { min: 2, max: 3 }, o: { min: 2, max: 3 } },
    },
    k: 5,
  },
  {
    name: '9 people, one category, k=3',
    pool: 'abcdefghi'.split('').map((id, i) => person(id, { c: i < 5 ? 'x' : i < 8 ? 'y' : 'z' })),
    quotas: { c: { x: { min: 1, max: 1 }, y: { min: 1, max: 2 }, z: { min: 0, max: 1 } } },
    k: 3,
  },
  {
    name: '12 people, an agent in no feasible panel, k=6',
    pool: Array.from({ length: 12 }, (_, i) =>
      person(`q${i}`, { g: i % 3 === 0 ? 'm' : 'f', e: i < 4 ? 'uni' : i === 11 ? 'none' : 'school' }),
    ),
    quotas: {
      g: { f: { min: 3, max: 4 }, m: { min: 2, max: 3 } },
      e: { uni: { min: 2, max: 3 }, school: { min: 3, max: 4 }, none: { min: 0, max: 0 } },
    },
    k: 6,
  },
];

describe('LEXIMIN matches an independent brute force', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const expected = await bruteForceLeximin(c.pool, c.quotas, c.k);
      const got = await leximinMarginals(c.pool, c.quotas, c.k);
      got.forEach((p, i) => expect(Math.abs(p - expected[i]!), `member ${c.pool[i]!.id}`).toBeLessThan(1e-6));
      // Probabilities must add up to the panel size.
      expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(c.k, 6);
    });
  }

  test('random small instances (seeded)', async () => {
    const rng = new SeededRng('leximin-test', 'instances');
    let checked = 0;
    for (let trial = 0; checked < 6 && trial < 60; trial++) {
      const n = 7 + rng.nextInt(6); // 7..12
      const k = 2 + rng.nextInt(4); // 2..5
      const pool: Pool = Array.from({ length: n }, (_, i) =>
        person(`m${i}`, { a: ['1', '2', '3'][rng.nextInt(3)]!, b: ['x', 'y'][rng.nextInt(2)]! }),
      );
      const quotas: Quotas = {
        a: Object.fromEntries(['1', '2', '3'].map((v) => { const lo = rng.nextInt(2); return [v, { min: lo, max: lo + rng.nextInt(3) }]; })),
        b: Object.fromEntries(['x', 'y'].map((v) => { const lo = rng.nextInt(3); return [v, { min: lo, max: lo + 1 + rng.nextInt(3) }]; })),
      };
      if (feasiblePanels(pool, quotas, k).length === 0) continue;
      const expected = await bruteForceLeximin(pool, quotas, k);
      const got = await leximinMarginals(pool, quotas, k);
      got.forEach((p, i) => expect(Math.abs(p - expected[i]!), `trial ${trial} member ${i}`).toBeLessThan(1e-6));
      checked++;
    }
    expect(checked).toBe(6);
  });
});

/**
 * Exact single-category stratified baselines by enumeration: stratify on `category` with a given
 * seat vector, draw uniformly within each value, redraw until every quota holds — i.e. uniform over
 * the feasible panels with that seat vector. Returns each seat vector's per-member probabilities.
 */
function exactStratifiedBaselines(pool: Pool, quotas: Quotas, k: number, category: string): Map<string, number[]> {
  const groups = new Map<string, number[][]>();
  for (const panel of feasiblePanels(pool, quotas, k)) {
    const seats = Object.keys(quotas[category]!).map((v) => panel.filter((i) => pool[i]!.features[category] === v).length);
    const key = seats.join(',');
    groups.set(key, [...(groups.get(key) ?? []), panel]);
  }
  return new Map(
    [...groups].map(([key, panels]) => {
      const p = new Array<number>(pool.length).fill(0);
      for (const panel of panels) for (const i of panel) p[i]! += 1 / panels.length;
      return [key, p];
    }),
  );
}

/** Lexicographic comparison of ascending-sorted vectors, with tolerance: > 0 when a is fairer. */
function leximinCompare(a: number[], b: number[], eps = 1e-7): number {
  const sa = a.slice().sort((x, y) => x - y);
  const sb = b.slice().sort((x, y) => x - y);
  for (let i = 0; i < sa.length; i++) if (Math.abs(sa[i]! - sb[i]!) > eps) return sa[i]! - sb[i]!;
  return 0;
}

describe('LEXIMIN against every single-category stratified draw that meets the quotas', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const got = await leximinMarginals(c.pool, c.quotas, c.k);
      let compared = 0;
      for (const category of Object.keys(c.quotas)) {
        for (const [seats, baseline] of exactStratifiedBaselines(c.pool, c.quotas, c.k, category)) {
          // Both are lotteries over quota-meeting panels; LEXIMIN's sorted vector is never worse,
          // so in particular its minimum is ≥ the best single-category stratified minimum.
          expect(leximinCompare(got, baseline), `${category} seats ${seats}`).toBeGreaterThanOrEqual(0);
          expect(Math.min(...got)).toBeGreaterThanOrEqual(Math.min(...baseline) - 1e-9);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  test('the Monte Carlo estimate used by the benchmark agrees with the exact enumeration', () => {
    const c = cases[1]!;
    const inst = buildInstance(c.pool, c.quotas, c.k);
    const exact = exactStratifiedBaselines(c.pool, c.quotas, c.k, 'r');
    const proportional = singleCategoryBaseline(inst).perCategory.find((b) => b.category === 'r')!;
    const seats = Object.keys(c.quotas.r!).map((v) => proportional.seats[v] ?? 0).join(',');
    const est = stratifiedDrawBaseline(inst, proportional, 'proportional', { rng: new FastRng('t'), maxTries: 400_000, targetAccepted: 40_000 });
    expect(est.accepted).toBe(40_000);
    const want = exact.get(seats)!;
    inst.types.forEach((t, ti) => {
      const p = want[c.pool.findIndex((m) => m.id === t.ids[0])]!;
      // 40,000 accepted panels: standard error ≤ 0.0025; allow 4 of them.
      expect(Math.abs(est.typeProbabilities![ti]! - p), `type ${t.values.join('/')}`).toBeLessThan(0.01);
    });
    expect(est.minUpperBound!).toBeGreaterThanOrEqual(est.minProbability!);
  });

  test('a stratified draw that never meets the other quotas is reported as unusable, not as fair', () => {
    // Every woman is old and every man young, and the panel needs 2 old + 2 young: a gender split
    // of 3 + 1 (allowed by the gender quotas) can never meet the age quotas; 2 + 2 always does.
    const pool: Pool = [
      person('a', { g: 'f', age: 'o' }), person('b', { g: 'f', age: 'o' }), person('c', { g: 'f', age: 'o' }),
      person('d', { g: 'm', age: 'y' }), person('e', { g: 'm', age: 'y' }), person('f', { g: 'm', age: 'y' }),
    ];
    const quotas: Quotas = { g: { f: { min: 1, max: 3 }, m: { min: 1, max: 3 } }, age: { o: { min: 2, max: 2 }, y: { min: 2, max: 2 } } };
    const inst = buildInstance(pool, quotas, 4);
    const opts = { rng: new FastRng('u'), maxTries: 10_000, targetAccepted: 500, giveUpAfter: 2_000 };
    const never = stratifiedDrawBaseline(inst, { category: 'g', seats: { f: 3, m: 1 }, minProbability: 1 / 3 }, 'proportional', opts);
    expect(never).toMatchObject({ tries: 2_000, accepted: 0, minProbability: null, minUpperBound: null, typeProbabilities: null });
    const always = stratifiedDrawBaseline(inst, { category: 'g', seats: { f: 2, m: 2 }, minProbability: 2 / 3 }, 'proportional', opts);
    expect(always).toMatchObject({ tries: 500, accepted: 500 });
    expect(always.minProbability).toBeCloseTo(2 / 3, 9);
  });
});
