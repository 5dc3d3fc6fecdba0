// Proportional quotas for a pool: for every category value, about its share of the panel
// (± `slack` of that share, at least ±1), so every stratum is represented roughly as in the pool.
import type { Pool, Quotas } from '../sortition/schema.ts';

export function proportionalQuotas(pool: Pool, panelSize: number, slack = 0.5): Quotas {
  const quotas: Quotas = {};
  const categories = [...new Set(pool.flatMap((m) => Object.keys(m.features)))].sort();
  for (const c of categories) {
    const counts = new Map<string, number>();
    for (const m of pool) counts.set(m.features[c]!, (counts.get(m.features[c]!) ?? 0) + 1);
    quotas[c] = {};
    for (const [v, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const share = (panelSize * n) / pool.length;
      const d = Math.max(1, share * slack);
      quotas[c]![v] = { min: Math.max(0, Math.floor(share - d)), max: Math.min(n, Math.ceil(share + d)) };
    }
  }
  return quotas;
}
