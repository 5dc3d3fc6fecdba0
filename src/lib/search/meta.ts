// Pagefind filters and sort keys for a content page. PagefindMeta.astro renders them; the same
// function feeds the fixture pages of the browser tests, so what is tested is what ships.
// Values are the words a reader sees (localized), because the search page shows them as-is.
import { t, type Locale } from '../../i18n/index.ts';
import type { BodyKind } from '../../schemas/body.ts';

export const contentTypes = ['cycle', 'body', 'case', 'program', 'round', 'result', 'correction', 'follow-up', 'scheme', 'data', 'page'] as const;
export type ContentType = (typeof contentTypes)[number];

/** Filter keys, in the order the search page shows them. */
export const filterKeys = ['type', 'year', 'scheme', 'body', 'kind', 'region', 'grade', 'rating'] as const;
export type FilterKey = (typeof filterKeys)[number];

type Many<T> = T | readonly T[] | undefined;

/** What a content page says about itself for search filters. Names are display names in `lang`. */
export interface PagefindMetaProps {
  locale: Locale;
  /** What kind of page this is. */
  type: ContentType;
  /** Year(s) the page covers (a body page: every year it has results). */
  year?: Many<number>;
  /** Scheme display name(s), e.g. "特定評估" / "Specific evaluation". */
  scheme?: Many<string>;
  /** Body display name(s). */
  body?: Many<string>;
  /** Body kind id(s); labelled here. */
  bodyKind?: Many<BodyKind>;
  /** Region display name(s). */
  region?: Many<string>;
  /** Grade(s) as published (S, A, …). */
  grade?: Many<string>;
  /** Program rating label(s) as the page shows them. */
  rating?: Many<string>;
  /** Year used to sort "newest first"; defaults to the latest of `year`. */
  sortYear?: number;
}

const list = <T,>(v: Many<T>): T[] => (v === undefined ? [] : Array.isArray(v) ? [...(v as readonly T[])] : [v as T]);
const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function pagefindFilters(p: PagefindMetaProps): { key: FilterKey; value: string }[] {
  const out: [FilterKey, string[]][] = [
    ['type', [t(p.locale, `search.type.${p.type}`)]],
    ['year', list(p.year).map(String)],
    ['scheme', list(p.scheme)],
    ['body', list(p.body)],
    ['kind', list(p.bodyKind).map((k) => t(p.locale, `search.kind.${k}`))],
    ['region', list(p.region)],
    ['grade', list(p.grade)],
    ['rating', list(p.rating)],
  ];
  return out.flatMap(([key, values]) => uniq(values).map((value) => ({ key, value })));
}

export function pagefindSortYear(p: PagefindMetaProps): number | undefined {
  return p.sortYear ?? (list(p.year).length ? Math.max(...list(p.year)) : undefined);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same markup PagefindMeta.astro writes, as a string (fixture pages, non-Astro callers).
 * Hidden, and `data-pagefind-ignore` keeps the words out of the indexed text while Pagefind
 * still reads the filters and sort key inside it. Values go in element content, not in the
 * attribute's `key:value` form, so commas in names are safe.
 */
export function pagefindMetaHtml(p: PagefindMetaProps): string {
  const sort = pagefindSortYear(p);
  return `<div hidden data-pagefind-ignore>${pagefindFilters(p).map((f) => `<span data-pagefind-filter="${f.key}">${esc(f.value)}</span>`).join('')}${sort === undefined ? '' : `<span data-pagefind-sort="year">${sort}</span>`}</div>`;
}
