// Pagefind filters and sort keys of a search document (a prose page's hidden metadata block, or a
// record built by records.ts). PagefindMeta.astro renders them for pages; the same function feeds
// the records and the fixture pages of the tests, so what is tested is what ships.
// Values are the words a reader sees (localized), because the search page shows them as-is.
//
// Every filter has a small, fixed set of values (types, years, schemes, kinds, grades, ratings):
// a filter with one value per body or program would make the search page's first query grow with
// the site, so names are search words instead (docs/search.md).
import { t, type Locale } from '../../i18n/index.ts';
import type { BodyKind } from '../../schemas/body.ts';

export const contentTypes = ['body', 'program', 'result', 'rating', 'cycle', 'case', 'follow-up', 'correction', 'round', 'page'] as const;
export type ContentType = (typeof contentTypes)[number];

/** Filter keys, in the order the search page shows them. */
export const filterKeys = ['type', 'year', 'scheme', 'kind', 'grade', 'rating'] as const;
export type FilterKey = (typeof filterKeys)[number];

/** Sort keys a document may carry (numbers). */
export const sortKeys = ['year', 'score'] as const;
export type SortKey = (typeof sortKeys)[number];

type Many<T> = T | readonly T[] | undefined;

/** What a search document says about itself for filters and sorting. Names are display names in `locale`. */
export interface PagefindMetaProps {
  locale: Locale;
  /** What kind of document this is. */
  type: ContentType;
  /** The year it is about (one year: a record, a cycle, a case; entity pages have none). */
  year?: number;
  /** Scheme display name, e.g. "特定評估" / "Specific evaluation". */
  scheme?: string;
  /** Kind of the body concerned; labelled here. */
  bodyKind?: BodyKind;
  /** Grade as published (S, A, …). */
  grade?: string;
  /** Program rating label as the page shows it. */
  rating?: string;
  /** Score used to sort "highest first" (a result's total, a rating's total). */
  score?: number;
}

const list = <T,>(v: Many<T>): T[] => (v === undefined ? [] : Array.isArray(v) ? [...(v as readonly T[])] : [v as T]);
const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function pagefindFilters(p: PagefindMetaProps): { key: FilterKey; value: string }[] {
  const out: [FilterKey, string[]][] = [
    ['type', [t(p.locale, `search.type.${p.type}`)]],
    ['year', list(p.year).map(String)],
    ['scheme', list(p.scheme)],
    ['kind', list(p.bodyKind).map((k) => t(p.locale, `search.kind.${k}`))],
    ['grade', list(p.grade)],
    ['rating', list(p.rating)],
  ];
  return out.flatMap(([key, values]) => uniq(values).map((value) => ({ key, value })));
}

/** The same filters grouped by key, as Pagefind's custom records take them. */
export function filterRecord(p: PagefindMetaProps): Partial<Record<FilterKey, string[]>> {
  const out: Partial<Record<FilterKey, string[]>> = {};
  for (const f of pagefindFilters(p)) (out[f.key] ??= []).push(f.value);
  return out;
}

export function pagefindSorts(p: PagefindMetaProps): { key: SortKey; value: string }[] {
  return [
    ...(p.year === undefined ? [] : [{ key: 'year' as const, value: String(p.year) }]),
    ...(p.score === undefined ? [] : [{ key: 'score' as const, value: String(p.score) }]),
  ];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same markup PagefindMeta.astro writes, as a string (fixture pages, non-Astro callers).
 * Hidden, and `data-pagefind-ignore` keeps the words out of the indexed text while Pagefind
 * still reads the filters and sort keys inside it. Values go in element content, not in the
 * attribute's `key:value` form, so commas in names are safe.
 */
export function pagefindMetaHtml(p: PagefindMetaProps): string {
  const filters = pagefindFilters(p).map((f) => `<span data-pagefind-filter="${f.key}">${esc(f.value)}</span>`);
  const sorts = pagefindSorts(p).map((s) => `<span data-pagefind-sort="${s.key}">${s.value}</span>`);
  return `<div hidden data-pagefind-ignore>${filters.join('')}${sorts.join('')}</div>`;
}
