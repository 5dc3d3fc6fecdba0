// Where a locale's search index lives, and which pages are indexed from their HTML (prose marked
// with data-pagefind-body) rather than as search records (records.ts).
import { LOCALE_FACTS, type Locale, type Routes } from '../../i18n/index.ts';
import type { Dataset } from '../content/dataset.ts';
import type { ContentType } from './meta.ts';

/** Folder of a locale's index under the Pagefind bundle path: Pagefind's language key. */
export const indexFolder = (locale: Locale) => LOCALE_FACTS[locale].htmlLang.toLowerCase();

/** Pages indexed from their HTML, by type. */
export function prosePages(ds: Dataset, routes: Routes, locale: Locale): { path: string; type: ContentType }[] {
  const to = routes.in(locale);
  return [
    ...ds.cycles.map((c) => ({ path: to.cycle(c.id), type: 'cycle' as const })),
    ...ds.cases.map((c) => ({ path: to.case(c.id), type: 'case' as const })),
    ...ds.panel.rounds.map((r) => ({ path: to.panelRound(r.id), type: 'round' as const })),
    { path: to.methodology(), type: 'page' as const },
  ];
}
