import type { Pool, Quotas } from './schema.ts';
import { SeededRng } from './rng.ts';

/** Population shares used for the synthetic quotas (roughly census-like, 17 regions). */
const REGION_WEIGHTS = [12, 11, 9, 8, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 2, 2, 1];
const AGE_BANDS = ['18-29', '30-44', '45-64', '65+'];
const AGE_POP = [0.2, 0.27, 0.33, 0.2];
/** Self-selection skew of the applicant pool relative to the population (older people apply more). */
const AGE_POOL = [0.13, 0.24, 0.38, 0.25];
const GENDERS = ['female', 'male', 'other'];
const GENDER_POP = [0.505, 0.485, 0.01];
const GENDER_POOL = [0.56, 0.425, 0.015];

/** Region labels r01…r17. */
export const REGIONS = REGION_WEIGHTS.map((_, i) => `r${String(i + 1).padStart(2, '0')}`);

function pick(rng: SeededRng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.nextFloat() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Synthetic pseudonymous pool with region (17), age band (4) and gender (3), skewed against the
 * population as self-selected applicant pools are (older, more female, more from big regions),
 * plus quotas for a panel of `panelSize` at population shares ± ~10 %. Deterministic in `seed`.
 */
export function generatePool(size: number, seed: string, panelSize = Math.max(1, Math.round(size / 10))): { pool: Pool; quotas: Quotas } {
  const rng = new SeededRng(seed, 'synthetic-pool');
  // Bigger regions are over-represented in applications (weight^1.2).
  const regionPool = REGION_WEIGHTS.map((w) => w ** 1.2);
  const pool: Pool = [];
  for (let i = 0; i < size; i++) {
    const region = pick(rng, regionPool);
    const age = pick(rng, AGE_POOL);
    // Mild correlation: younger applicants are a bit more often male.
    const g = pick(rng, age === 0 ? [0.5, 0.48, 0.02] : GENDER_POOL);
    pool.push({
      id: `p${String(i + 1).padStart(5, '0')}`,
      features: { region: REGIONS[region] as string, age: AGE_BANDS[age] as string, gender: GENDERS[g] as string },
    });
  }
  const rTotal = REGION_WEIGHTS.reduce((a, b) => a + b, 0);
  const band = (share: number) => {
    const target = share * panelSize;
    const slack = Math.max(1, Math.round(target * 0.1));
    return { min: Math.max(0, Math.floor(target) - slack), max: Math.ceil(target) + slack };
  };
  const quotas: Quotas = {
    region: Object.fromEntries(REGIONS.map((r, i) => [r, band((REGION_WEIGHTS[i] as number) / rTotal)])),
    age: Object.fromEntries(AGE_BANDS.map((a, i) => [a, band(AGE_POP[i] as number)])),
    gender: Object.fromEntries(GENDERS.map((g, i) => [g, band(GENDER_POP[i] as number)])),
  };
  return { pool, quotas };
}
