// Display names built from the dataset and the dictionary (titles of cycles, labels of ratings).
import { t, text, type Locale } from '../i18n/index.ts';
import type { Dataset, ExemplaryCase } from './content/dataset.ts';
import { SOURCE_LOCALE } from '../i18n/locales.ts';
import type { Cycle } from '../schemas/cycle.ts';
import type { ProgramRatingValue } from '../schemas/program.ts';
import type { CaseTranslation } from '../schemas/exemplaryCase.ts';
import { bodyById, frameworkOf, schemeById, type RatedYear } from './queries.ts';

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

/** A body's display name (short name when it has one), or its id when unknown. */
export function bodyName(ds: Dataset, bodyId: string, locale: Locale): string {
  const b = bodyById(ds, bodyId);
  return b ? text(b.shortName ?? b.name, locale) : bodyId;
}

/** A scheme's short display name. */
export function schemeName(ds: Dataset, schemeId: string, locale: Locale): string {
  const s = schemeById(ds, schemeId);
  return s ? text(s.shortName ?? s.name, locale) : schemeId;
}

/** A case's title as written in `locale`, or undefined when that translation does not exist. */
export function caseTitle(c: ExemplaryCase, locale: Locale): string | undefined {
  return locale === SOURCE_LOCALE ? c.data.title : c.translations[locale]?.title;
}

/** A case's words in `locale`, or the source words (marked as a fallback) when not yet translated. */
export function caseWords(c: ExemplaryCase, locale: Locale): { words: CaseTranslation; locale: Locale; fallback: boolean } {
  const own = locale === SOURCE_LOCALE ? c.data : c.translations[locale];
  return own ? { words: own, locale, fallback: false } : { words: c.data, locale: SOURCE_LOCALE, fallback: true };
}

/** The display name of a corrected field: a dimension's name, or total, grade, rank, bonus in the locale's words. */
export function fieldName(ds: Dataset, cycle: Cycle, field: string, locale: Locale): string {
  const common = { total: 'common.total', grade: 'common.grade', rank: 'common.rank', bonus: 'formula.bonus' } as const;
  if (field in common) return t(locale, common[field as keyof typeof common]);
  const d = frameworkOf(ds, cycle)?.dimensions.find((x) => x.id === field);
  return d ? text(d.name, locale) : field;
}

/**
 * What happened to a rated program-year's next budget against the cut its rating is considered for
 * (a fact, not a verdict): one wording for the tracker's tables and the program-year's search record.
 */
export function cutOutcome(r: RatedYear, locale: Locale): string {
  const cut = r.cutConsidered ?? 0;
  if (r.cutConsidered === undefined) return t(locale, 'consequence.none');
  if (r.cutAtLeast === undefined) return t(locale, 'consequence.unknown');
  if (r.cutAtLeast) return t(locale, 'consequence.atLeast', { cut });
  return (r.change ?? 0) < 0 ? t(locale, 'consequence.under', { cut }) : t(locale, 'consequence.notCut');
}

/**
 * What a grade means under its cycle's scale, from the data: the scale's name for it (when it has
 * one) and the rule that earns it, e.g. "Outstanding (≥ 90)" or "top 30%". Undefined when the
 * cycle has no framework or the grade is not on its scale.
 */
export function gradeMeaning(ds: Dataset, cycle: Cycle, grade: string, locale: Locale): string | undefined {
  const scale = frameworkOf(ds, cycle)?.grading;
  const i = scale ? scale.grades.findIndex((g) => g.grade === grade) : -1;
  if (!scale || i < 0) return undefined;
  const g = scale.grades[i]!;
  const last = i === scale.grades.length - 1;
  let rule: string;
  if (scale.type === 'absolute') {
    const prev = scale.grades[i - 1];
    rule = last && prev && 'min' in prev ? t(locale, 'grade.below', { max: prev.min }) : t(locale, 'grade.atLeast', { min: scale.grades[i]!.min });
  } else {
    const from = scale.grades.slice(0, i).reduce((s, x) => s + x.share, 0);
    const share = scale.grades[i]!.share;
    rule = i === 0 ? t(locale, 'grade.top', { share }) : last ? t(locale, 'grade.bottom', { share }) : t(locale, 'grade.band', { from, to: from + share });
  }
  return g.label ? t(locale, 'grade.meaning', { label: text(g.label, locale), rule }) : rule;
}
