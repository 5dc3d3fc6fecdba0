// Reads a built page the way a reader's eye (or a scraper) does: its tables, their rows and the
// values their cells show (`data-col`/`data-value`, which every data cell carries), and the
// download links offered for each table. Regex-based: the pages are generated, well-formed HTML.
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The attributes of an opening tag's attribute text. */
export function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out[m[1]!] = decode(m[2] ?? '');
  return out;
}

export interface Cell {
  col: string;
  value: string;
  /** The element's own data-key (cells of a pivoted table carry the key of the record they show). */
  key?: string;
}

export interface PageRow {
  attrs: Record<string, string>;
  html: string;
  cells: Cell[];
}

export interface PageTable {
  id: string;
  html: string;
  rows: PageRow[];
}

/** Visible text of a fragment (tags removed, entities decoded, spaces collapsed). */
export const textOf = (html: string) => decode(html.replace(/<(style|script)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** Text of a fragment exactly as written (tags removed, entities decoded, whitespace kept): preformatted text. */
export const rawTextOf = (html: string) => decode(html.replace(/<[^>]+>/g, ''));

function cellsOf(html: string): Cell[] {
  return [...html.matchAll(/<[a-z]+\b([^>]*\sdata-col="[^"]*"[^>]*)>/g)].map((m) => {
    const a = attributes(m[1]!);
    return { col: a['data-col']!, value: a['data-value'] ?? '', ...(a['data-key'] !== undefined ? { key: a['data-key'] } : {}) };
  });
}

/** Every table of a page by id, with its body rows. */
export function pageTables(html: string): Map<string, PageTable> {
  const out = new Map<string, PageTable>();
  for (const m of html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)) {
    const id = attributes(m[1]!).id ?? '';
    const body = /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/.exec(m[2]!)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr\b([^>]*)>([\s\S]*?)<\/tr>/g)].map((r) => ({ attrs: attributes(r[1]!), html: r[2]!, cells: cellsOf(r[2]!) }));
    out.set(id, { id, html: m[0], rows });
  }
  return out;
}

export interface Downloads {
  /** The table these links download (`data-for`), if they belong to one. */
  for?: string;
  table: string;
  scope?: string;
  keyColumns: string[];
  label: string;
  links: Record<'csv' | 'excel' | 'json' | 'schema', string> & { dictionary?: string };
}

/** Every list of download links on a page. */
export function pageDownloads(html: string): Downloads[] {
  return [...html.matchAll(/<ul\b([^>]*\sdata-table="[^"]*"[^>]*)>([\s\S]*?)<\/ul>/g)].map((m) => {
    const a = attributes(m[1]!);
    const hrefs = [...m[2]!.matchAll(/<a\b([^>]*)>/g)].map((x) => attributes(x[1]!).href!);
    return {
      ...(a['data-for'] ? { for: a['data-for'] } : {}),
      table: a['data-table']!,
      ...(a['data-scope'] ? { scope: a['data-scope'] } : {}),
      keyColumns: a['data-key-columns']!.split('|'),
      label: a['aria-label']!,
      links: {
        csv: hrefs.find((h) => h.endsWith('.csv') && !h.endsWith('.excel.csv'))!,
        excel: hrefs.find((h) => h.endsWith('.excel.csv'))!,
        json: hrefs.find((h) => h.endsWith('.json') && !h.endsWith('.schema.json'))!,
        schema: hrefs.find((h) => h.endsWith('.schema.json'))!,
        ...(hrefs.find((h) => h.includes('/data/tables/')) ? { dictionary: hrefs.find((h) => h.includes('/data/tables/'))! } : {}),
      },
    };
  });
}

/** Whether a data-value shown on a page is the value a download holds. */
export function sameCell(shown: string, held: unknown): boolean {
  if (held === null || held === undefined || held === '') return shown === '';
  if (typeof held === 'number') return shown !== '' && Math.abs(Number(shown) - held) < 1e-9;
  if (typeof held === 'boolean') return shown === String(held);
  return shown === String(held);
}
