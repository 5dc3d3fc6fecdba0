import { describe, expect, test } from 'vitest';
import { canonicalPool, poolCommitment } from '../../src/lib/sortition/commitment.ts';
import type { Pool } from '../../src/lib/sortition/schema.ts';

const pool: Pool = [
  { id: 'b2', features: { region: 'north', gender: 'f' } },
  { id: 'a1', features: { region: 'south', gender: 'm' } },
  { id: 'c3', features: { region: 'north', gender: 'x' } },
];

describe('pool commitment', () => {
  test('is a SHA-256 hex digest, stable under member and feature order', () => {
    const h = poolCommitment(pool);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(poolCommitment([...pool].reverse())).toBe(h);
    const reordered = pool.map((m) => ({ id: m.id, features: Object.fromEntries(Object.entries(m.features).reverse()) }));
    expect(poolCommitment(reordered)).toBe(h);
  });

  test('changes when any id or value changes, or a member is added/removed', () => {
    const h = poolCommitment(pool);
    const seen = new Set([h]);
    for (let i = 0; i < pool.length; i++) {
      for (const cat of Object.keys(pool[i]!.features)) {
        const changed = pool.map((m, j) => (j === i ? { ...m, features: { ...m.features, [cat]: m.features[cat] + '!' } } : m));
        seen.add(poolCommitment(changed));
      }
      seen.add(poolCommitment(pool.map((m, j) => (j === i ? { ...m, id: m.id + 'x' } : m))));
    }
    seen.add(poolCommitment(pool.slice(1)));
    seen.add(poolCommitment([...pool, { id: 'd4', features: { region: 'north', gender: 'f' } }]));
    expect(seen.size).toBe(1 + pool.length * 3 + 2);
  });

  test('swapping values between categories changes it (no ambiguity in the serialisation)', () => {
    const a: Pool = [{ id: 'x', features: { c1: 'a', c2: 'b' } }];
    const b: Pool = [{ id: 'x', features: { c1: 'b', c2: 'a' } }];
    const c: Pool = [{ id: 'x', features: { c1: 'a","b', c2: '' + 'c' } }];
    expect(poolCommitment(a)).not.toBe(poolCommitment(b));
    expect(canonicalPool(c)).toContain('a\\",\\"b');
  });

  test('rejects duplicate ids and missing values', () => {
    expect(() => poolCommitment([...pool, pool[0]!])).toThrow(/duplicate id "b2"/);
    expect(() => poolCommitment([...pool, { id: 'z', features: { region: 'north' } }])).toThrow(/"z" has no value for category "gender"/);
  });
});
