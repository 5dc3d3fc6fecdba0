// Words of the search page in both languages. Pages pass one language to the island as a prop,
// so the browser never downloads the other language. `{n}` and `{q}` are replaced at run time.
import type { Lang } from '../lib/opendata/tables.ts';
import { filterKeys, type FilterKey } from '../lib/search/meta.ts';

export interface SearchStrings {
  title: string;
  label: string;
  submit: string;
  hint: string;
  noscript: string;
  filters: string;
  any: string;
  sort: string;
  sortRelevance: string;
  sortNewest: string;
  sortOldest: string;
  count: string;
  countOne: string;
  none: string;
  loading: string;
  failed: string;
  more: string;
  converted: string;
  resultsLabel: string;
  clear: string;
  filterNames: Record<FilterKey, string>;
}

export const searchStrings: Record<Lang, SearchStrings> = {
  'zh-Hant': {
    title: '搜尋',
    label: '搜尋評估結果、機關與案例',
    submit: '搜尋',
    hint: '可輸入機關名稱、案例、指標或年度；簡體字會自動轉為正體字搜尋。',
    noscript: '搜尋需要啟用 JavaScript。您也可以從開放資料頁下載全部資料。',
    filters: '篩選',
    any: '全部',
    sort: '排序',
    sortRelevance: '相關程度',
    sortNewest: '年度（新到舊）',
    sortOldest: '年度（舊到新）',
    count: '找到 {n} 筆結果',
    countOne: '找到 1 筆結果',
    none: '找不到符合的結果',
    loading: '搜尋中…',
    failed: '搜尋無法載入，請稍後再試。',
    more: '顯示更多結果',
    converted: '已將簡體字轉為正體字搜尋：{q}',
    resultsLabel: '搜尋結果',
    clear: '清除篩選',
    filterNames: { type: '類型', year: '年度', scheme: '評估制度', body: '受評對象', kind: '機關類型', region: '地區', grade: '等第', rating: '財政計畫評等' },
  },
  en: {
    title: 'Search',
    label: 'Search results, bodies and cases',
    submit: 'Search',
    hint: 'Try a body’s name, a case, an indicator or a year.',
    noscript: 'Search needs JavaScript. You can also download all the data from the open data page.',
    filters: 'Filters',
    any: 'Any',
    sort: 'Sort by',
    sortRelevance: 'Relevance',
    sortNewest: 'Year (newest first)',
    sortOldest: 'Year (oldest first)',
    count: '{n} results',
    countOne: '1 result',
    none: 'No results',
    loading: 'Searching…',
    failed: 'Search could not be loaded. Please try again later.',
    more: 'Show more results',
    converted: 'Simplified Chinese converted to Traditional: {q}',
    resultsLabel: 'Search results',
    clear: 'Clear filters',
    filterNames: { type: 'Type', year: 'Year', scheme: 'Scheme', body: 'Body', kind: 'Kind of body', region: 'Region', grade: 'Grade', rating: 'Program rating' },
  },
};

export { filterKeys };
