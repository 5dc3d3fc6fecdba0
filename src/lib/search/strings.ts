// The words of the search island in one locale, from the dictionary. Pages pass them as a prop,
// so the browser never downloads another locale's words.
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';
import { filterKeys, type FilterKey } from './meta.ts';

const keys = {
  title: 'search.title', label: 'search.label', submit: 'search.submit', hint: 'search.hint', noscript: 'search.noscript',
  filters: 'search.filters', any: 'search.any', sort: 'search.sort', sortRelevance: 'search.sortRelevance', sortNewest: 'search.sortNewest',
  sortOldest: 'search.sortOldest', count: 'search.count', countOne: 'search.countOne', none: 'search.none', loading: 'search.loading',
  failed: 'search.failed', more: 'search.more', converted: 'search.converted', resultsLabel: 'search.resultsLabel', clear: 'search.clear',
} as const satisfies Record<string, MessageKey>;

export type SearchStrings = Record<keyof typeof keys, string> & { filterNames: Record<FilterKey, string> };

export function searchStrings(locale: Locale): SearchStrings {
  const words = Object.fromEntries(Object.entries(keys).map(([k, key]) => [k, t(locale, key)])) as Record<keyof typeof keys, string>;
  return { ...words, filterNames: Object.fromEntries(filterKeys.map((f) => [f, t(locale, `search.filter.${f}`)])) as Record<FilterKey, string> };
}
