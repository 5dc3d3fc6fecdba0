// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of what a journalist wants to hear about: newly published
// cycles, exemplary cases, corrections and closed panel rounds. One feed per language; items are permalinks with
// stable ids, newest first.
import type { Dataset } from './content/load.ts';
import { absolute, htmlLang, paths, type Lang } from './opendata/index.ts';

export type FeedKind = 'cycle' | 'case' | 'correction' | 'round';

export interface FeedItem {
  /** Stable id: the absolute permalink (never changes once published). */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** YYYY-MM-DD. */
  date: string;
  kind: FeedKind;
}

export interface Feed {
  lang: Lang;
  title: string;
  description: string;
  home: string;
  items: FeedItem[];
  updated: string;
}

const kindLabel: Record<Lang, Record<FeedKind, string>> = {
  'zh-Hant': { cycle: '新公布評估結果', case: '優秀案例', correction: '更正', round: '國民評鑑團投票結果' },
  en: { cycle: 'New results', case: 'Exemplary case', correction: 'Correction', round: 'Citizen panel vote' },
};

export function feedItems(ds: Dataset, lang: Lang, site: string): FeedItem[] {
  const t = (x: { 'zh-Hant': string; en?: string } | undefined) => (x ? (lang === 'en' ? (x.en ?? x['zh-Hant']) : x['zh-Hant']) : '');
  const schemeName = new Map(ds.schemes.map((s) => [s.id, t(s.shortName ?? s.name)]));
  const bodyName = new Map(ds.bodies.map((b) => [b.id, t(b.shortName ?? b.name)]));
  const cycleById = new Map(ds.cycles.map((c) => [c.id, c]));
  const cycleTitle = (id: string) => {
    const c = cycleById.get(id)!;
    return lang === 'en' ? `${schemeName.get(c.scheme)} ${c.year}` : `${c.year} 年${schemeName.get(c.scheme)}`;
  };
  const item = (kind: FeedKind, path: string, title: string, summary: string, date: string): FeedItem => {
    const url = absolute(path, site);
    return { id: url, url, title: `${kindLabel[lang][kind]}${lang === 'en' ? ': ' : '：'}${title}`, summary, date, kind };
  };
  const items: FeedItem[] = [];
  for (const c of ds.cycles) {
    if (c.status !== 'published' || !c.published) continue;
    items.push(item('cycle', paths.cycle(lang, c.id), cycleTitle(c.id), t(c.summary), c.published));
    for (const r of c.revisions) {
      const who = r.body ? `${bodyName.get(r.body) ?? r.body}, ` : '';
      items.push(item('correction', paths.correction(lang, c.id, r.id), `${cycleTitle(c.id)} — ${who}${t(r.description)}`, `${t(r.description)} (${r.field}: ${r.old} → ${r.new}). ${t(r.reason)}`, r.date));
    }
  }
  for (const k of ds.cases) {
    // Cases have a year, not a date: they appear with their cycle's publication, else at the end of their year.
    const words = lang === 'en' ? k.translations.en : k.data;
    if (!words) continue; // not yet translated: the English feed waits for the translation
    const date = (k.data.cycle && cycleById.get(k.data.cycle)?.published) || `${k.data.year}-12-31`;
    items.push(item('case', paths.case(lang, k.id), words.title, words.summary, date));
  }
  for (const r of ds.panel.rounds) {
    // A round's results are published once it has closed; its closing day dates the item.
    const path = `${lang === 'en' ? '/en' : ''}/panel/rounds/${r.id}/`;
    const summary = lang === 'en' ? `Results of the citizen panel's ${r.method} vote on ${r.results.length} exemplary cases.` : `國民評鑑團就 ${r.results.length} 個優秀案例的投票結果。`;
    items.push(item('round', path, t(r.title), summary, r.closesAt.slice(0, 10)));
  }
  return items.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));
}

export function buildFeed(ds: Dataset, lang: Lang, site: string): Feed {
  const name = lang === 'en' ? (ds.site.name.en ?? ds.site.name['zh-Hant']) : ds.site.name['zh-Hant'];
  const items = feedItems(ds, lang, site);
  return {
    lang,
    title: name,
    description: lang === 'en' ? `New results, exemplary cases, corrections and citizen panel votes from ${name}.` : `${name}：新公布的評估結果、優秀案例、更正與國民評鑑團投票結果。`,
    home: absolute(paths.home(lang), site),
    items,
    updated: items[0]?.date ?? '1970-01-01',
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Dates are days; feeds want instants: noon UTC keeps the calendar day in every time zone from UTC−11 to UTC+11. */
const instant = (d: string) => new Date(`${d}T12:00:00Z`);

export function rss(f: Feed, self: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(f.title)}</title>
<link>${xml(f.home)}</link>
<description>${xml(f.description)}</description>
<language>${htmlLang[f.lang]}</language>
<lastBuildDate>${instant(f.updated).toUTCString()}</lastBuildDate>
<atom:link href="${xml(self)}" rel="self" type="application/rss+xml"/>
${f.items.map((i) => `<item>
<title>${xml(i.title)}</title>
<link>${xml(i.url)}</link>
<guid isPermaLink="true">${xml(i.id)}</guid>
<pubDate>${instant(i.date).toUTCString()}</pubDate>
<category>${i.kind}</category>
<description>${xml(i.summary)}</description>
</item>`).join('\n')}
</channel>
</rss>
`;
}

export function atom(f: Feed, self: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${htmlLang[f.lang]}">
<title>${xml(f.title)}</title>
<subtitle>${xml(f.description)}</subtitle>
<id>${xml(self)}</id>
<link rel="self" type="application/atom+xml" href="${xml(self)}"/>
<link rel="alternate" type="text/html" href="${xml(f.home)}"/>
<updated>${instant(f.updated).toISOString()}</updated>
<author><name>${xml(f.title)}</name></author>
${f.items.map((i) => `<entry>
<title>${xml(i.title)}</title>
<id>${xml(i.id)}</id>
<link rel="alternate" type="text/html" href="${xml(i.url)}"/>
<published>${instant(i.date).toISOString()}</published>
<updated>${instant(i.date).toISOString()}</updated>
<category term="${i.kind}"/>
<summary>${xml(i.summary)}</summary>
</entry>`).join('\n')}
</feed>
`;
}

export function jsonFeed(f: Feed, self: string): string {
  return `${JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: f.title,
    home_page_url: f.home,
    feed_url: self,
    description: f.description,
    language: htmlLang[f.lang],
    items: f.items.map((i) => ({ id: i.id, url: i.url, title: i.title, summary: i.summary, content_text: i.summary, date_published: instant(i.date).toISOString(), tags: [i.kind] })),
  }, null, 1)}\n`;
}

export const feedFiles = ['rss.xml', 'atom.xml', 'feed.json'] as const;
export type FeedFile = (typeof feedFiles)[number];

export function feedResponse(ds: Dataset, lang: Lang, file: FeedFile, site: string): Response {
  const f = buildFeed(ds, lang, site);
  const self = absolute(paths.feed(lang, file), site);
  const [body, type] = file === 'rss.xml' ? [rss(f, self), 'application/rss+xml'] : file === 'atom.xml' ? [atom(f, self), 'application/atom+xml'] : [jsonFeed(f, self), 'application/feed+json'];
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}
