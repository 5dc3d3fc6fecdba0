import { compareStrings } from './commitment.ts';
import type { Pool, Quotas } from './schema.ts';
import { PanelSizeSchema, PoolInputError, PoolSchema, QuotasSchema } from './schema.ts';

/** One quota constraint: panel members with `value` in `category` must number in [min, max]. */
export interface QuotaRow {
  /** Category name. */
  category: string;
  /** Value within the category. */
  value: string;
  /** Quota lower bound. */
  min: number;
  /** Quota upper bound. */
  max: number;
  /** Indices of the member types that have this value. */
  types: number[];
  /** Pool members with this value. */
  available: number;
}

/** A member type: everyone sharing one combination of category values. */
export interface MemberType {
  /** Value per category, in `Instance.categories` order. */
  values: string[];
  /** Ids of the pool members of this type, ascending. */
  ids: string[];
}

/**
 * A validated, canonically ordered problem. Members with identical features are grouped into
 * types: they are interchangeable for every quota, and the leximin optimum is unique, so it gives
 * them equal probability. Solving over type counts (≈ hundreds of types) instead of individuals
 * (thousands) is exact and makes the LPs/ILPs far smaller.
 */
export interface Instance {
  /** Category names, ascending. */
  categories: string[];
  /** Panel size k. */
  k: number;
  /** Pool size n. */
  n: number;
  /** Member types, ascending by value tuple. */
  types: MemberType[];
  /** Quota rows, by category then value (ascending). */
  rows: QuotaRow[];
  /** The quotas as given. */
  quotas: Quotas;
}

/** Validate pool/quotas/k and build the canonical instance. Throws PoolInputError on bad input. */
export function buildInstance(pool: Pool, quotas: Quotas, k: number): Instance {
  const p = PoolSchema.safeParse(pool);
  if (!p.success) throw new PoolInputError(`invalid pool: ${p.error.issues[0]?.message ?? p.error.message}`);
  const q = QuotasSchema.safeParse(quotas);
  if (!q.success) {
    const issue = q.error.issues[0];
    throw new PoolInputError(`invalid quotas at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? q.error.message}`);
  }
  if (!PanelSizeSchema.safeParse(k).success) throw new PoolInputError(`panel size must be a positive integer, got ${k}`);

  const categories = Object.keys(quotas).sort(compareStrings);
  if (categories.length === 0) throw new PoolInputError('quotas define no categories');
  const seen = new Set<string>();
  const byKey = new Map<string, MemberType>();
  for (const m of pool) {
    if (seen.has(m.id)) throw new PoolInputError(`duplicate id "${m.id}"`);
    seen.add(m.id);
    for (const c of Object.keys(m.features)) {
      if (!(c in quotas)) throw new PoolInputError(`member "${m.id}": category "${c}" has no quotas`);
    }
    const values = categories.map((c) => {
      const v = m.features[c];
      if (v === undefined) throw new PoolInputError(`member "${m.id}": no value for category "${c}"`);
      if (!(v in (quotas[c] ?? {}))) {
        throw new PoolInputError(`member "${m.id}": category "${c}": value "${v}" has no quota`);
      }
      return v;
    });
    const key = JSON.stringify(values);
    const t = byKey.get(key);
    if (t) t.ids.push(m.id);
    else byKey.set(key, { values, ids: [m.id] });
  }
  const types = [...byKey.values()];
  for (const t of types) t.ids.sort(compareStrings);
  types.sort((a, b) => {
    for (let i = 0; i < categories.length; i++) {
      const d = compareStrings(a.values[i] as string, b.values[i] as string);
      if (d !== 0) return d;
    }
    return 0;
  });

  const rows: QuotaRow[] = [];
  categories.forEach((c, ci) => {
    const qc = quotas[c] ?? {};
    for (const v of Object.keys(qc).sort(compareStrings)) {
      const idx: number[] = [];
      let available = 0;
      types.forEach((t, ti) => {
        if (t.values[ci] === v) {
          idx.push(ti);
          available += t.ids.length;
        }
      });
      const quota = qc[v] as { min: number; max: number };
      rows.push({ category: c, value: v, min: quota.min, max: quota.max, types: idx, available });
    }
  });
  return { categories, k, n: pool.length, types, rows, quotas };
}
