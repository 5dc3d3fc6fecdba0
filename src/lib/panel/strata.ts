// Strata used in published statistics: the pool CSV, draw quotas and round turnout.
// Age is published only as a band, never as a birth year.

export const AGE_BANDS = ['18-29', '30-39', '40-49', '50-59', '60-69', '70+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age band reached in `refYear`. */
export function ageBand(birthYear: number, refYear: number): AgeBand {
  const age = refYear - birthYear;
  if (age < 30) return '18-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  if (age < 70) return '60-69';
  return '70+';
}

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** Categories a pool may hold; a draw's pool holds only those its quotas use. */
export const POOL_CATEGORIES = ['region', 'age', 'gender'] as const;
export type PoolCategory = (typeof POOL_CATEGORIES)[number];
