// What search engines and link previews are told about each page, written from the page's content
// in its locale: the meta description, the breadcrumb trail, and the facts its share image shows.
// Pure: pages name themselves with a PageRef and the layout asks here (src/layouts/Base.astro).
import { formatCount, formatDate, formatNumber, LOCALE_FACTS, pagePaths, t, text, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { ProgramRatingValue } from '../../schemas/program.ts';
import type { SiteData } from '../site.ts';
import { bodyName, caseTitle, caseWords, cycleTitle, ratingLabel } from '../labels.ts';
import {
  bodyById, bodyResults, casesNewestFirst, corrections, cycleById, cycleResults, cycleSize, cyclesNewestFirst, gradeDistribution, isPublished, programById,
  programsWithLatest, ratedYearsWith, ratingsOfProgram, type ScoredResult,
} from '../queries.ts';
import { dictionaryTables, tables } from '../opendata/index.ts';

/** Which page a layout renders: its type and, for entity pages, its id. */
export type PageRef =
  | { type: 'home' | 'cycles' | 'bodies' | 'programs' | 'consequences' | 'cases' | 'methodology' | 'corrections' | 'search' | 'data' | 'notFound' }
  | { type: 'panel' | 'panelApply' | 'panelVote' | 'panelReceipts' | 'panelResults' }
  | { type: 'cycle' | 'body' | 'program' | 'case' | 'panelDraw' | 'panelRound'; id: string }
  | { type: 'programRating'; rating: ProgramRatingValue }
  | { type: 'dataTable'; table: string };

/** One step of a breadcrumb trail: its name and locale-neutral path. */
export interface Crumb {
  name: string;
  path: string;
}

/** Entity pages whose share image shows the entity (the others use the site's one image). */
export type ShareKind = 'bodies' | 'cycles' | 'cases';

/** What an entity's share image shows: its name and its latest grade or result, in one locale. */
export interface ShareCard {
  kind: ShareKind;
  id: string;
  locale: Locale;
  /** The entity's name (a body, a cycle's title, a case's title). */
  name: string;
  /** The latest grade or result in words, e.g. "2024 Joint evaluation: S, 92.37, 5th of 17". */
  line: string;
  /** A grade to show large beside the line, when there is one. */
  grade?: string;
}

const total = (locale: Locale, n: number) => formatNumber(locale, n, 2);

/** "5th of 17" / "第5名（共 17 個）" / "17곳 중 5위". */
export function rankPhrase(locale: Locale, rank: number, of: number): string {
  const rule = new Intl.PluralRules(LOCALE_FACTS[locale].intl, { type: 'ordinal' }).select(rank);
  const key = (['one', 'two', 'few'].includes(rule) ? `ordinal.${rule}` : 'ordinal.other') as MessageKey;
  return t(locale, 'seo.rank', { ordinal: t(locale, key, { n: rank }), n: of });
}

/** A body's latest result in words ("2024 Joint evaluation: S, 92.37, 5th of 17"), or undefined before its first. */
function latestOf(site: SiteData, locale: Locale, bodyId: string): { latest: ScoredResult; cycle: string; size: number } | undefined {
  const history = bodyResults(site, bodyId);
  const latest = history[history.length - 1];
  if (!latest) return undefined;
  return { latest, cycle: cycleTitle(site, latest.cycle, locale), size: cycleSize(site, latest.cycle.id) };
}

const yearSpan = (years: number[]) => (years.length ? { from: Math.min(...years), to: Math.max(...years) } : { from: '', to: '' });

/** The years the published results cover (the Dataset's temporal coverage). */
export function coveredYears(site: SiteData): { from: number; to: number } | undefined {
  const years = site.cycles.filter(isPublished).map((c) => c.year);
  return years.length ? { from: Math.min(...years), to: Math.max(...years) } : undefined;
}

/** The panel's own pages say what they are for in the words they open with. */
const PANEL_TEXT = { panel: 'seo.panel', panelApply: 'panel.apply.intro', panelVote: 'panel.vote.intro', panelReceipts: 'panel.check.intro' } as const;

/** The meta description of a page: what it holds, from its content, in its locale. `title` is the page's own title. */
export function describePage(site: SiteData, locale: Locale, page: PageRef, title: string): string {
  const siteName = text(site.site.name, locale);
  switch (page.type) {
    case 'home': {
      const published = site.cycles.filter(isPublished);
      return t(locale, 'seo.home', { site: siteName, bodies: site.bodies.length, cycles: published.length, ...yearSpan(published.map((c) => c.year)) });
    }
    case 'cycles':
      return t(locale, 'seo.cycles', { n: site.cycles.length, ...yearSpan(site.cycles.map((c) => c.year)) });
    case 'cycle': {
      const cycle = cycleById(site, page.id)!;
      const rows = cycleResults(site, page.id);
      const first = rows[0];
      if (!first) return t(locale, 'seo.cyclePending', { title, status: t(locale, `status.${cycle.status}`) });
      const grades = gradeDistribution(site, page.id).filter((g) => g.count > 0).map((g) => `${g.grade} ${g.count}`).join(' · ');
      return t(locale, 'seo.cycle', { title, n: rows.length, grades, top: bodyName(site, first.result.body, locale), total: total(locale, first.result.total) });
    }
    case 'bodies':
      return t(locale, 'seo.bodies', { n: site.bodies.length });
    case 'body': {
      const body = bodyById(site, page.id)!;
      const l = latestOf(site, locale, page.id);
      if (!l) return t(locale, 'seo.bodyNoResult', { name: title, kind: t(locale, `kind.${body.kind}`) });
      return t(locale, 'seo.body', { name: title, cycle: l.cycle, grade: l.latest.result.grade, total: total(locale, l.latest.result.total), rank: rankPhrase(locale, l.latest.result.rank, l.size) });
    }
    case 'programs': {
      const years = site.programRatings.map((r) => r.year);
      return t(locale, 'seo.programs', { n: programsWithLatest(site).filter((p) => p.latest).length, ...yearSpan(years) });
    }
    case 'program': {
      const program = programById(site, page.id)!;
      const body = bodyName(site, program.body, locale);
      const last = ratingsOfProgram(site, page.id).at(-1);
      if (!last) return t(locale, 'seo.programUnrated', { name: title, body });
      return t(locale, 'seo.program', { name: title, body, year: last.rating.year, rating: ratingLabel(site, last.rating.rating, locale), total: total(locale, last.rating.total) });
    }
    case 'programRating':
      return t(locale, 'seo.programRating', { n: ratedYearsWith(site, page.rating).length, rating: ratingLabel(site, page.rating, locale) });
    case 'consequences':
      return t(locale, 'seo.consequences');
    case 'cases': {
      const cases = casesNewestFirst(site);
      return t(locale, 'seo.cases', { n: cases.length, ...yearSpan(cases.map((c) => c.data.year)) });
    }
    case 'case': {
      const c = site.cases.find((x) => x.id === page.id)!;
      const { words, fallback } = caseWords(c, locale);
      const body = bodyName(site, c.data.body, locale);
      // An untranslated case shows its source words; its description stays in the page's language.
      if (fallback) return t(locale, 'seo.caseUntranslated', { title: words.title, body, year: c.data.year });
      return t(locale, 'seo.case', { body, year: c.data.year, summary: words.summary });
    }
    case 'methodology':
      return t(locale, 'seo.methodology');
    case 'corrections': {
      const all = corrections(site);
      return all.length ? t(locale, 'seo.corrections', { n: all.length, date: formatDate(locale, all[0]!.revision.date, { secondCalendar: false }) }) : t(locale, 'seo.correctionsNone');
    }
    case 'search':
      return t(locale, 'seo.search', { site: siteName });
    case 'data':
      return t(locale, 'seo.data', { site: siteName, n: tables(site).length, license: site.site.license.name, ...yearSpan(site.cycles.filter(isPublished).map((c) => c.year)) });
    case 'dataTable':
      return tableDescription(site, locale, page.table);
    case 'panel': case 'panelApply': case 'panelVote': case 'panelReceipts':
      return t(locale, PANEL_TEXT[page.type]);
    case 'panelResults':
      return t(locale, 'seo.panelResults', { site: siteName });
    case 'panelDraw':
      return t(locale, 'seo.panelDraw', { title });
    case 'panelRound':
      return t(locale, 'seo.panelRound', { title });
    case 'notFound':
      return t(locale, 'notFound.body');
  }
}

/** A data dictionary page: its table's title, size and own description. */
function tableDescription(site: SiteData, locale: Locale, table: string): string {
  const tb = dictionaryTables(site).find((x) => x.name === table)!;
  return t(locale, 'seo.dataTable', { title: tb.title(locale), rows: formatCount(locale, tb.rows.length), description: tb.description(locale) });
}

/** The section a page belongs to (its parent in the breadcrumb trail), as a nav label and path. */
function section(page: PageRef): { key: MessageKey; path: string } | undefined {
  switch (page.type) {
    case 'cycle': return { key: 'nav.cycles', path: pagePaths.cycles() };
    case 'body': return { key: 'nav.bodies', path: pagePaths.bodies() };
    case 'program': case 'programRating': case 'consequences': return { key: 'nav.programs', path: pagePaths.programs() };
    case 'case': return { key: 'nav.cases', path: pagePaths.cases() };
    case 'dataTable': return { key: 'nav.data', path: pagePaths.data() };
    case 'panelApply': case 'panelVote': case 'panelReceipts': case 'panelResults': case 'panelDraw': case 'panelRound': return { key: 'nav.panel', path: pagePaths.panel() };
    default: return undefined;
  }
}

/** Home, the page's section (if any), the page itself. `path` is the page's locale-neutral path. */
export function breadcrumbs(locale: Locale, page: PageRef, title: string, path: string): Crumb[] {
  const home = { name: t(locale, 'nav.home'), path: pagePaths.home() };
  if (page.type === 'home') return [home];
  const s = section(page);
  return [home, ...(s ? [{ name: t(locale, s.key), path: s.path }] : []), { name: title, path }];
}

/** What the share image of a body, cycle or case shows; undefined for pages that use the site's image. */
export function shareCard(site: SiteData, locale: Locale, page: PageRef): ShareCard | undefined {
  switch (page.type) {
    case 'body': {
      const body = bodyById(site, page.id)!;
      const name = text(body.name, locale);
      const l = latestOf(site, locale, page.id);
      const line = l ? `${l.cycle}: ${l.latest.result.grade}, ${total(locale, l.latest.result.total)}, ${rankPhrase(locale, l.latest.result.rank, l.size)}` : t(locale, `kind.${body.kind}`);
      return { kind: 'bodies', id: page.id, locale, name, line, ...(l ? { grade: l.latest.result.grade } : {}) };
    }
    case 'cycle': {
      const cycle = cycleById(site, page.id)!;
      const name = cycleTitle(site, cycle, locale);
      const rows = cycleResults(site, page.id);
      const first = rows[0];
      const grades = gradeDistribution(site, page.id).filter((g) => g.count > 0).map((g) => `${g.grade} ${g.count}`).join(' · ');
      const line = first ? `${grades} · 1. ${bodyName(site, first.result.body, locale)} ${total(locale, first.result.total)}` : t(locale, `status.${cycle.status}`);
      return { kind: 'cycles', id: page.id, locale, name, line };
    }
    case 'case': {
      const c = site.cases.find((x) => x.id === page.id)!;
      const name = caseTitle(c, locale) ?? c.data.title;
      const award = c.data.award ? ` · ${text(c.data.award, locale)}` : '';
      return { kind: 'cases', id: page.id, locale, name, line: `${bodyName(site, c.data.body, locale)} · ${c.data.year}${award}` };
    }
    default:
      return undefined;
  }
}

/** Every entity card of the site in every locale (the build renders them; pages point at them). */
export function allShareCards(site: SiteData): ShareCard[] {
  return site.locales.flatMap((locale) => [
    ...site.bodies.map((b) => shareCard(site, locale, { type: 'body', id: b.id })!),
    ...cyclesNewestFirst(site).map((c) => shareCard(site, locale, { type: 'cycle', id: c.id })!),
    ...site.cases.map((c) => shareCard(site, locale, { type: 'case', id: c.id })!),
  ]);
}
