// The Markdown texts of the dataset, as entries Astro renders (src/content.config.ts), and the
// id a page asks for. Pages render them with `renderedText()` (src/lib/texts.ts).
import { LOCALES, type Locale } from '../i18n/locales.ts';
import type { Dataset } from './content/dataset.ts';

export const textIds = {
  case: (caseId: string, locale: Locale) => `case/${caseId}/${locale}`,
  /** One section of the methodology prose (the text under its `##` heading). */
  methodology: (locale: Locale, sectionId: string) => `methodology/${locale}/${sectionId}`,
};

/** The methodology prose cut at its `##` headings: each section's id, title and Markdown (heading removed). */
export function methodologySections(ds: Dataset, locale: Locale): { id: string; title: string; source?: string; pages?: string; body: string }[] {
  const m = ds.methodology[locale];
  if (!m) return [];
  const parts = m.body.split(/^## +.*$/m).slice(1);
  return m.sections.map((s, i) => ({ ...s, body: parts[i] ?? '' }));
}

export function markdownEntries(ds: Dataset): { id: string; locale: Locale; body: string }[] {
  return [
    ...ds.cases.flatMap((c) => LOCALES.flatMap((locale) => (c.bodies[locale] === undefined ? [] : [{ id: textIds.case(c.id, locale), locale, body: c.bodies[locale]! }]))),
    ...LOCALES.flatMap((locale) => methodologySections(ds, locale).map((s) => ({ id: textIds.methodology(locale, s.id), locale, body: s.body }))),
  ];
}
