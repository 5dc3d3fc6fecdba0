// Citation text in the reader's language (APA-like, per the locale's dictionary):
//   en: Publisher. (March 28, 2024). Title. Site. URL
//   zh: 發布者（2024年3月28日）。〈標題〉。網站。URL
// No access date is printed: the reader adds the day they read it.
import { formatDate, t, type Locale } from '../../i18n/index.ts';

export interface Citation {
  locale: Locale;
  title: string;
  /** Absolute permalink. */
  url: string;
  publisher: string;
  siteName: string;
  /** YYYY-MM-DD the item was published, when known. */
  published?: string;
}

export function citationText(c: Citation): string {
  const date = c.published ? formatDate(c.locale, c.published, { secondCalendar: false }) : t(c.locale, 'data.noDate');
  return t(c.locale, 'data.citation', { publisher: c.publisher, date, title: c.title, site: c.siteName, url: c.url });
}
