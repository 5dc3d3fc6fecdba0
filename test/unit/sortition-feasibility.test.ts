import { describe, expect, test } from 'vitest';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { buildInstance } from '../../src/lib/sortition/instance.ts';
import { checkFeasibility } from '../../src/lib/sortition/feasibility.ts';
import { InfeasibleQuotasError, PoolInputError, type Pool, type Quotas } from '../../src/lib/sortition/schema.ts';

const pool: Pool = [
  { id: '1', features: { gender: 'f', age: 'young' } },
  { id: '2', features: { gender: 'f', age: 'young' } },
  { id: '3', features: { gender: 'm', age: 'old' } },
  { id: '4', features: { gender: 'm', age: 'old' } },
  { id: '5', features: { gender: 'm', age: 'old' } },
];
const ok: Quotas = { gender: { f: { min: 1, max: 2 }, m: { min: 1, max: 2 } }, age: { young: { min: 1, max: 2 }, old: { min: 1, max: 2 } } };

async function infeasible(quotas: Quotas, k: number): Promise<InfeasibleQuotasError> {
  try {
    await checkFeasibility(buildInstance(pool, quotas, k));
  } catch (e) {
    expect(e).toBeInstanceOf(InfeasibleQuotasError);
    return e as InfeasibleQuotasError;
  }
  throw new Error('expected the quotas to be infeasible');
}

describe('infeasible quotas are reported by category', () => {
  test('feasible quotas pass and return a composition of size k', async () => {
    const counts = await checkFeasibility(buildInstance(pool, ok, 3));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('a minimum above the pool availability names category and value', async () => {
    const e = await infeasible({ ...ok, gender: { f: { min: 3, max: 3 }, m: { min: 0, max: 3 } } }, 3);
    expect(e.message).toMatch(/category "gender" value "f" needs at least 3 but the pool has only 2/);
    expect([e.category, e.value]).toEqual(['gender', 'f']);
  });

  test('minimums summing above k name the category', async () => {
    const e = await infeasible({ ...ok, age: { young: { min: 2, max: 2 }, old: { min: 2, max: 3 } } }, 3);
    expect(e.message).toMatch(/category "age": minimums add up to 4/);
    expect(e.category).toBe('age');
  });

  test('maximums too small for k name the category', async () => {
    const e = await infeasible({ ...ok, gender: { f: { min: 0, max: 1 }, m: { min: 0, max: 1 } } }, 3);
    expect(e.message).toMatch(/category "gender": at most 2 members can be seated/);
  });

  test('categories that conflict only jointly are both named, with a relaxation hint', async () => {
    // Every woman is young: gender wants exactly 1 woman, age wants 2 young people.
    const e = await infeasible({ gender: { f: { min: 1, max: 1 }, m: { min: 0, max: 3 } }, age: { young: { min: 2, max: 3 }, old: { min: 0, max: 3 } } }, 3);
    expect(e.message).toMatch(/categories "age" and "gender"/);
    expect(e.message).toMatch(/smallest relaxation: .*("gender"="f" max to 2|"age"="young" min to 1)/);
  });

  test('runDraw surfaces the same error; pool k > n too', async () => {
    await expect(runDraw({ pool, quotas: ok, panelSize: 6, seed: 's' })).rejects.toThrow(/panel size 6 exceeds pool size 5/);
  });
});

describe('input validation', () => {
  test('a pool value without a quota is rejected, naming member, category and value', () => {
    expect(() => buildInstance([...pool, { id: '6', features: { gender: 'x', age: 'old' } }], ok, 3)).toThrow(PoolInputError);
    expect(() => buildInstance([...pool, { id: '6', features: { gender: 'x', age: 'old' } }], ok, 3)).toThrow(/member "6": category "gender": value "x" has no quota/);
  });
  test('min > max and bad k are rejected', () => {
    expect(() => buildInstance(pool, { ...ok, age: { young: { min: 3, max: 1 }, old: { min: 0, max: 3 } } }, 3)).toThrow(/quotas at age.young/);
    expect(() => buildInstance(pool, ok, 0)).toThrow(/panel size/);
  });
});
