// Pagefind filters and sort keys for a content page. PagefindMeta.astro renders them; the same
// function feeds the fixture pages of the browser tests, so what is tested is what ships.
// Values are the words a reader sees (localized), because the search page shows them as-is.
import type { BodyKind } from '../../schemas/body.ts';
import type { ProgramRatingValue } from '../../schemas/program.ts';
import type { Lang } from '../opendata/tables.ts';

export const contentTypes = ['cycle', 'body', 'case', 'program', 'round', 'result', 'correction', 'follow-up', 'scheme', 'data', 'page'] as const;
export type ContentType = (typeof contentTypes)[number];

/** Filter keys, in the order the search page shows them. */
export const filterKeys = ['type', 'year', 'scheme', 'body', 'kind', 'region', 'grade', 'rating'] as const;
export type FilterKey = (typeof filterKeys)[number];

export const typeLabels: Record<Lang, Record<ContentType, string>> = {
  'zh-Hant': { cycle: '評估週期', body: '受評對象', case: '優秀案例', program: '財政計畫', round: '國民評鑑團投票', result: '評估結果', correction: '更正', 'follow-up': '後續追蹤', scheme: '評估制度', data: '開放資料', page: '說明頁' },
  en: { cycle: 'Evaluation cycle', body: 'Body', case: 'Exemplary case', program: 'Fiscal program', round: 'Citizen panel vote', result: 'Result', correction: 'Correction', 'follow-up': 'Follow-up', scheme: 'Scheme', data: 'Open data', page: 'Page' },
};

export const kindLabels: Record<Lang, Record<BodyKind, string>> = {
  'zh-Hant': {
    'central-ministerial': '中央部會', 'central-vice-ministerial': '中央次級機關', 'local-metropolitan': '廣域市', 'local-provincial': '道（省）',
    'public-enterprise': '公營事業', 'public-quasi-governmental': '準政府機關',
  },
  en: {
    'central-ministerial': 'Ministry', 'central-vice-ministerial': 'Vice-ministerial agency', 'local-metropolitan': 'Metropolitan city', 'local-provincial': 'Province',
    'public-enterprise': 'Public enterprise', 'public-quasi-governmental': 'Quasi-governmental body',
  },
};

export const ratingLabels: Record<Lang, Record<ProgramRatingValue, string>> = {
  'zh-Hant': { effective: '有效', 'moderately-effective': '中等有效', adequate: '足夠', ineffective: '無效', 'very-ineffective': '非常無效' },
  en: { effective: 'Effective', 'moderately-effective': 'Moderately effective', adequate: 'Adequate', ineffective: 'Ineffective', 'very-ineffective': 'Very ineffective' },
};

type Many<T> = T | readonly T[] | undefined;

/** What a content page says about itself for search filters. Names are display names in `lang`. */
export interface PagefindMetaProps {
  lang: Lang;
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
  /** Program rating id(s); labelled here. */
  rating?: Many<ProgramRatingValue>;
  /** Year used to sort "newest first"; defaults to the latest of `year`. */
  sortYear?: number;
}

const list = <T,>(v: Many<T>): T[] => (v === undefined ? [] : Array.isArray(v) ? [...(v as readonly T[])] : [v as T]);
const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function pagefindFilters(p: PagefindMetaProps): { key: FilterKey; value: string }[] {
  const out: [FilterKey, string[]][] = [
    ['type', [typeLabels[p.lang][p.type]]],
    ['year', list(p.year).map(String)],
    ['scheme', list(p.scheme)],
    ['body', list(p.body)],
    ['kind', list(p.bodyKind).map((k) => kindLabels[p.lang][k])],
    ['region', list(p.region)],
    ['grade', list(p.grade)],
    ['rating', list(p.rating).map((r) => ratingLabels[p.lang][r])],
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
