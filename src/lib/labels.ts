// Small display helpers shared by page components (names and titles in a locale).
import type { Dataset } from './content/load.ts';
import type { Cycle } from '../schemas/cycle.ts';
import type { ProgramRatingValue } from '../schemas/program.ts';
import { t, text, type Locale } from './i18n.ts';
import { schemeById } from './queries.ts';

/** "2024 Specific evaluation" / "2024 年 特定評估". */
export function cycleTitle(ds: Dataset, cycle: Cycle, locale: Locale): string {
  const s = schemeById(ds, cycle.scheme);
  return t(locale, 'cycle.title', { year: cycle.year, scheme: s ? text(s.shortName ?? s.name, locale) : cycle.scheme });
}

/** The review's label of a program rating. */
export function ratingLabel(ds: Dataset, rating: ProgramRatingValue, locale: Locale): string {
  const r = ds.programReview?.ratings.find((x) => x.rating === rating);
  return r ? text(r.label, locale) : rating;
}
