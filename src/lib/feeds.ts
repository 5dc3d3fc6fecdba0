// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of what a journalist wants to hear about: newly published
// cycles, exemplary cases, corrections and closed panel rounds; and a corrections-only feed. One
// feed of each per language; items are permalinks with stable ids, newest first, and name bodies and
// corrected fields by their display names in the feed's language.
import { formatScore, LOCALE_FACTS, t, text, type FeedFile, type Locale } from '../i18n/index.ts';
import type { Cycle, Revision } from '../schemas/cycle.ts';
import { bodyName, caseTitle, cycleTitle, fieldName } from './labels.ts';
import { absoluteUrl, type SiteData } from './site.ts';

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
  locale: Locale;
  title: string;
  description: string;
  home: string;
  items: FeedItem[];
  updated: string;
}

const sortNewest = (items: FeedItem[]) => items.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));

function itemMaker(site: SiteData, locale: Locale) {
  return (kind: FeedKind, path: string, title: string, summary: string, date: string): FeedItem => {
    const url = absoluteUrl(path, site.url);
    return { id: url, url, title: t(locale, 'feed.item', { kind: t(locale, `feed.kind.${kind}`), title }), summary, date, kind };
  };
}

/** A value as the pages show it: numbers in the locale's format. */
const shown = (locale: Locale, v: string | number) => (typeof v === 'number' ? formatScore(locale, v) : v);

/** One correction as a feed item: its permalink on the corrections log, described with display names. */
function correctionItem(site: SiteData, locale: Locale, c: Cycle, r: Revision): FeedItem {
  const who = r.body ? `${bodyName(site, r.body, locale)}, ` : '';
  const summary = t(locale, 'feed.correctionSummary', {
    description: text(r.description, locale), field: fieldName(site, c, r.field, locale), old: shown(locale, r.old), new: shown(locale, r.new), reason: text(r.reason, locale),
  });
  return itemMaker(site, locale)('correction', site.routes.in(locale).correction(c.id, r.id), `${cycleTitle(site, c, locale)} — ${who}${text(r.description, locale)}`, summary, r.date);
}

/** Every correction, newest first: the corrections-only feed. */
export function correctionItems(site: SiteData, locale: Locale): FeedItem[] {
  return sortNewest(site.cycles.filter((c) => c.status === 'published').flatMap((c) => c.revisions.map((r) => correctionItem(site, locale, c, r))));
}

export function feedItems(site: SiteData, locale: Locale): FeedItem[] {
  const to = site.routes.in(locale);
  const cycleById = new Map(site.cycles.map((c) => [c.id, c]));
  const item = itemMaker(site, locale);
  const items: FeedItem[] = correctionItems(site, locale);
  for (const c of site.cycles) {
    if (c.status !== 'published' || !c.published) continue;
    items.push(item('cycle', to.cycle(c.id), cycleTitle(site, c, locale), text(c.summary, locale), c.published));
  }
  for (const k of site.cases) {
    // Cases have a year, not a date: they appear with their cycle's publication, else at the end of their year.
    const title = caseTitle(k, locale);
    if (title === undefined) continue; // not yet translated: this locale's feed waits for the translation
    const summary = k.translations[locale]?.summary ?? k.data.summary;
    const date = (k.data.cycle && cycleById.get(k.data.cycle)?.published) || `${k.data.year}-12-31`;
    items.push(item('case', to.case(k.id), title, summary, date));
  }
  for (const r of site.panel.rounds) {
    // A round's results are published once it has closed; its closing day dates the item.
    items.push(item('round', to.panelRound(r.id), text(r.title, locale), t(locale, 'feed.roundSummary', { n: r.results.length }), r.closesAt.slice(0, 10)));
  }
  return sortNewest(items);
}

export function buildFeed(site: SiteData, locale: Locale, only?: 'corrections'): Feed {
  const name = text(site.site.name, locale);
  const items = only ? correctionItems(site, locale) : feedItems(site, locale);
  const to = site.routes.in(locale);
  return {
    locale,
    title: only ? t(locale, 'feed.correctionsTitle', { site: name }) : name,
    description: t(locale, only ? 'feed.correctionsDescription' : 'feed.description', { site: name }),
    home: absoluteUrl(only ? to.corrections() : to.home(), site.url),
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
<language>${LOCALE_FACTS[f.locale].htmlLang}</language>
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
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LOCALE_FACTS[f.locale].htmlLang}">
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
    language: LOCALE_FACTS[f.locale].htmlLang,
    items: f.items.map((i) => ({ id: i.id, url: i.url, title: i.title, summary: i.summary, content_text: i.summary, date_published: instant(i.date).toISOString(), tags: [i.kind] })),
  }, null, 1)}\n`;
}

export function feedResponse(site: SiteData, locale: Locale, file: FeedFile, only?: 'corrections'): Response {
  const f = buildFeed(site, locale, only);
  const to = site.routes.in(locale);
  const self = absoluteUrl(only ? to.correctionsFeed(file) : to.feed(file), site.url);
  const [body, type] = file === 'rss.xml' ? [rss(f, self), 'application/rss+xml'] : file === 'atom.xml' ? [atom(f, self), 'application/atom+xml'] : [jsonFeed(f, self), 'application/feed+json'];
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}
