// How to cite a page, in four forms: plain text and APA style in the reader's language, BibTeX and
// CSL-JSON. The date is the publication date of what the page shows, with the last correction
// date when there is one; the access date is left for the reader (a placeholder in the text forms,
// absent from BibTeX and CSL-JSON), since only the reader knows when they read the page.
import { formatDate, formatYearFirstDate, LOCALE_FACTS, t, type Locale } from '../../i18n/index.ts';

export interface Citation {
  locale: Locale;
  title: string;
  /** Absolute permalink (SITE_URL + the route table's path). */
  url: string;
  publisher: string;
  siteName: string;
  /** YYYY-MM-DD the item was published, when known. */
  published?: string;
  /** YYYY-MM-DD of its last correction, when it has been corrected. */
  updated?: string;
}

const day = (c: Citation, iso: string) => formatDate(c.locale, iso, { secondCalendar: false });

/** Plain text in the reader's language: publisher, title, site, dates, URL, and where the access date goes. */
export function citationText(c: Citation): string {
  const updated = c.updated && c.updated !== c.published ? t(c.locale, 'cite.updated', { date: day(c, c.updated) }) : '';
  return t(c.locale, 'data.citation', {
    publisher: c.publisher, title: c.title, site: c.siteName, url: c.url, updated,
    published: c.published ? day(c, c.published) : t(c.locale, 'data.noDate'),
    accessed: t(c.locale, 'cite.accessed'),
  });
}

/** APA style (7th edition): the date of the latest version, "(2025, August 1)" in English. */
export function apaText(c: Citation): string {
  const iso = c.updated ?? c.published;
  const date = iso ? formatYearFirstDate(c.locale, iso) : t(c.locale, 'data.noDate');
  return t(c.locale, 'cite.apa', { publisher: c.publisher, date, title: c.title, site: c.siteName, url: c.url, accessed: t(c.locale, 'cite.accessed') });
}

/** A BibTeX key from the URL's path: "open-results-cycles-specific-evaluation-2023". */
export function citationKey(c: Citation): string {
  const path = new URL(c.url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  return `open-results${path ? `-${path}` : ''}`;
}

const bib = (s: string) => s.replace(/[\\{}]/g, (ch) => `\\${ch}`);

/** BibTeX (@misc, with biblatex's date and urldate fields); the reader adds urldate. */
export function bibtex(c: Citation): string {
  const [y, m] = (c.published ?? '').split('-');
  const fields = [
    ['author', `{${bib(c.publisher)}}`],
    ['title', `{${bib(c.title)}}`],
    ['howpublished', bib(c.siteName)],
    ...(c.published ? [['year', y!], ['month', String(Number(m))], ['date', c.published]] : []),
    ...(c.updated && c.updated !== c.published ? [['note', bib(t(c.locale, 'cite.bibNote', { date: c.updated }))]] : []),
    ['url', c.url],
    ['language', LOCALE_FACTS[c.locale].htmlLang],
    ['urldate', ''],
  ];
  return `@misc{${citationKey(c)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
}

const parts = (iso: string) => iso.split('-').map(Number);

/** CSL-JSON (one item, as Zotero and citeproc read it); the reader adds "accessed". */
export function cslJson(c: Citation): string {
  const item = {
    id: citationKey(c),
    type: 'webpage',
    title: c.title,
    author: [{ literal: c.publisher }],
    publisher: c.publisher,
    'container-title': c.siteName,
    ...(c.published ? { issued: { 'date-parts': [parts(c.published)] } } : {}),
    ...(c.updated && c.updated !== c.published ? { note: t(c.locale, 'cite.bibNote', { date: c.updated }) } : {}),
    URL: c.url,
    language: LOCALE_FACTS[c.locale].htmlLang,
  };
  return JSON.stringify([item], null, 2);
}
