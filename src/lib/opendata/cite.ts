// Citation text in the reader's language, APA-like:
//   en: Publisher. (2024, March 28). Title. Site. URL (accessed 2025-11-23)
//   zh: 發布者（2024年3月28日）。〈標題〉。網站。URL（擷取日期：2025年11月23日）
import type { Lang } from './tables.ts';

export interface Citation {
  lang: Lang;
  title: string;
  /** Absolute permalink. */
  url: string;
  publisher: string;
  siteName: string;
  /** YYYY-MM-DD the item was published; "n.d." / 「無日期」 when absent. */
  published?: string;
  /** YYYY-MM-DD the reader accessed it (build date by default). */
  accessed: string;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const parts = (d: string) => d.split('-').map(Number) as [number, number, number];

export function citationText(c: Citation): string {
  if (c.lang === 'en') {
    const pub = c.published ? (([y, m, d]) => `${y}, ${months[m - 1]} ${d}`)(parts(c.published)) : 'n.d.';
    return `${c.publisher}. (${pub}). ${c.title}. ${c.siteName}. ${c.url} (accessed ${c.accessed})`;
  }
  const zhDate = (s: string) => (([y, m, d]) => `${y}年${m}月${d}日`)(parts(s));
  const pub = c.published ? zhDate(c.published) : '無日期';
  return `${c.publisher}（${pub}）。〈${c.title}〉。${c.siteName}。${c.url}（擷取日期：${zhDate(c.accessed)}）`;
}

/** Today as YYYY-MM-DD (the build date stands for "accessed" on a static page). */
export const today = () => new Date().toISOString().slice(0, 10);
