import { createHash } from 'node:crypto';
import type { Pool } from './schema.ts';
import { PoolInputError } from './schema.ts';

/** Plain code-unit comparison: locale-independent, so every verifier sorts identically. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical serialisation of a pseudonymised pool, the exact bytes that get hashed:
 *   JSON.stringify({ format: "open-results/pool/v1", categories: [sorted names],
 *                    members: [[id, value per category in that order], … sorted by id] })
 * Sorting makes it independent of input order; JSON makes the escaping unambiguous.
 */
export function canonicalPool(pool: Pool): string {
  const categories = [...new Set(pool.flatMap((m) => Object.keys(m.features)))].sort(compareStrings);
  const seen = new Set<string>();
  const members = pool.map((m) => {
    if (seen.has(m.id)) throw new PoolInputError(`duplicate id "${m.id}"`);
    seen.add(m.id);
    return [
      m.id,
      ...categories.map((c) => {
        const v = m.features[c];
        if (v === undefined) throw new PoolInputError(`member "${m.id}" has no value for category "${c}"`);
        return v;
      }),
    ];
  });
  members.sort((a, b) => compareStrings(a[0] as string, b[0] as string));
  return JSON.stringify({ format: 'open-results/pool/v1', categories, members });
}

/** SHA-256 hex of `canonicalPool(pool)`: publish this before the seed is known. */
export function poolCommitment(pool: Pool): string {
  return createHash('sha256').update(canonicalPool(pool), 'utf8').digest('hex');
}

/**
 * SHA-256 hex of the quotas as canonical JSON (categories and values in code-unit order), published
 * with the pool commitment so the quotas cannot change once the seed is known.
 */
export function quotasHash(quotas: Record<string, Record<string, { min: number; max: number }>>): string {
  const canonical = Object.keys(quotas)
    .sort(compareStrings)
    .map((c) => [c, Object.keys(quotas[c]!).sort(compareStrings).map((v) => [v, quotas[c]![v]!.min, quotas[c]![v]!.max])]);
  return createHash('sha256').update(JSON.stringify({ format: 'open-results/quotas/v1', quotas: canonical }), 'utf8').digest('hex');
}
