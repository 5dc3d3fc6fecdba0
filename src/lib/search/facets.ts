// The values each search filter can take in a locale, in the order the search page lists them.
// Rendered into the search page at build time, so filters are there before anyone types, and
// checked against every indexed document by the index build (a value missing here fails it).
import { t, type Locale } from '../../i18n/index.ts';
import type { Dataset } from '../content/dataset.ts';
import { ratingLabel, schemeName } from '../labels.ts';
import { corrections } from '../queries.ts';
import type { ContentType, FilterKey } from './meta.ts';

const KINDS = ['central-ministerial', 'central-vice-ministerial', 'local-metropolitan', 'local-provincial', 'public-enterprise', 'public-quasi-governmental'] as const;

export function facetValues(ds: Dataset, locale: Locale): Record<FilterKey, string[]> {
  const present: [ContentType, boolean][] = [
    ['body', ds.bodies.length > 0], ['program', ds.programs.length > 0], ['result', ds.results.length > 0], ['rating', ds.programRatings.length > 0],
    ['cycle', ds.cycles.length > 0], ['case', ds.cases.length > 0], ['follow-up', ds.followUps.length > 0], ['correction', corrections(ds).length > 0],
    ['round', ds.panel.rounds.length > 0], ['page', true],
  ];
  const years = new Set<number>([
    ...ds.cycles.map((c) => c.year), ...ds.programRatings.map((r) => r.year), ...ds.cases.map((c) => c.data.year),
    ...ds.panel.rounds.map((r) => Number(r.closesAt.slice(0, 4))),
  ]);
  const grades: string[] = [];
  for (const s of ds.schemes) for (const f of s.frameworks) for (const g of f.grading.grades) if (!grades.includes(g.grade)) grades.push(g.grade);
  const kinds = KINDS.filter((k) => ds.bodies.some((b) => b.kind === k));
  return {
    type: present.filter(([, p]) => p).map(([type]) => t(locale, `search.type.${type}`)),
    year: [...years].sort((a, b) => b - a).map(String),
    scheme: ds.schemes.map((s) => schemeName(ds, s.id, locale)),
    kind: kinds.map((k) => t(locale, `search.kind.${k}`)),
    grade: grades,
    rating: (ds.programReview?.ratings ?? []).map((r) => ratingLabel(ds, r.rating, locale)),
  };
}
