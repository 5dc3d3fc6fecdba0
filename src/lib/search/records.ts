// The search records of one locale, built from the dataset: one per body and per program (the
// entity's page), and one per evaluation result (a body in a cycle), per rated program-year, per
// follow-up and per correction (each a section of a page, by its anchor). A record's text is the
// sentence a reader should see as its excerpt ("Seoul · 2024 Joint evaluation · S · 92.37, rank 5
// of 17"); table scaffolding, labels repeated on every page and runs of bare numbers never reach the
// index. Its filters are its own: a rating record is one program in one year with one rating, so
// "very ineffective + 2024" matches exactly the programs rated so in 2024.
// Prose pages (cycles, cases, methodology, panel rounds) are indexed from their HTML instead,
// where `data-pagefind-body` marks the prose (docs/search.md).
import { anchors, formatBudget, formatDate, formatPercentChange, formatScore, t, text, type Locale, type LocaleRoutes, type Routes } from '../../i18n/index.ts';
import type { Dataset } from '../content/dataset.ts';
import { cutOutcome, cycleTitle, ratingLabel, schemeName } from '../labels.ts';
import {
  allRatedYears, bodyById, bodyResults, bodySortName, corrections, cycleById, cycleResults, cycleSize, programsOfBody, ratingsOfProgram, type RatedYear, type ScoredResult,
} from '../queries.ts';
import type { Body } from '../../schemas/body.ts';
import type { Program } from '../../schemas/program.ts';
import type { ContentType, PagefindMetaProps } from './meta.ts';

/** A search record: what Pagefind indexes, plus where it sorts among records of its type. */
export interface SearchRecord {
  type: Extract<ContentType, 'body' | 'program' | 'result' | 'rating' | 'follow-up' | 'correction'>;
  /** Site path (in the locale, without the deployment's base path: the search page has Pagefind put it before). */
  url: string;
  title: string;
  content: string;
  meta: PagefindMetaProps;
  /**
   * Order among records of the same type, and the group (records sharing every filter value an
   * index shard is cut by): shards hold whole groups where they can (search-index.ts).
   */
  order: (string | number)[];
  group: string;
}

const KINDS = ['central-ministerial', 'central-vice-ministerial', 'local-metropolitan', 'local-provincial', 'public-enterprise', 'public-quasi-governmental'] as const;
const kindOrder = (b: Body | undefined) => (b ? KINDS.indexOf(b.kind) : KINDS.length);
const sep = ' · ';
const field = (locale: Locale, label: string, value: string) => (value ? t(locale, 'search.record.field', { label, value }) : '');
const sentence = (...parts: (string | undefined)[]) => parts.filter((p): p is string => Boolean(p && p.trim())).join(sep);
const listOf = (locale: Locale, items: string[]) => items.join(t(locale, 'search.record.listSeparator'));

/** Every search record of `locale`. `routes` must have no base path (the search page passes it to Pagefind as its baseUrl). */
export function searchRecords(ds: Dataset, routes: Routes, locale: Locale): SearchRecord[] {
  if (routes.base) throw new Error('searchRecords: record URLs are stored without the base path');
  const to = routes.in(locale);
  return [
    ...ds.bodies.map((b) => bodyRecord(ds, to, locale, b)),
    ...ds.programs.map((p) => programRecord(ds, to, locale, p)),
    ...ds.cycles.flatMap((c) => cycleResults(ds, c.id).map((r) => resultRecord(ds, to, locale, r))),
    ...allRatedYears(ds).map((r) => ratingRecord(ds, to, locale, r)),
    ...followUpRecords(ds, to, locale),
    ...correctionRecords(ds, to, locale),
  ];
}

function bodyRecord(ds: Dataset, to: LocaleRoutes, locale: Locale, b: Body): SearchRecord {
  const name = text(b.name, locale);
  const parent = b.parent ? bodyById(ds, b.parent) : undefined;
  const region = b.region && b.region !== b.id ? bodyById(ds, b.region) : undefined;
  const results = [...bodyResults(ds, b.id)].reverse().map((s) =>
    t(locale, 'search.record.bodyResult', { cycle: cycleTitle(ds, s.cycle, locale), grade: s.result.grade, total: formatScore(locale, s.result.total) }));
  const programs = programsOfBody(ds, b.id).map((p) => text(p.program.name, locale));
  const content = sentence(
    name, b.shortName ? text(b.shortName, locale) : undefined, t(locale, `search.kind.${b.kind}`),
    field(locale, t(locale, 'body.parent'), parent ? text(parent.name, locale) : ''),
    field(locale, t(locale, 'body.region'), region ? text(region.name, locale) : ''),
    field(locale, t(locale, 'search.record.results'), listOf(locale, results)),
    field(locale, t(locale, 'body.programs'), listOf(locale, programs)),
  );
  const meta: PagefindMetaProps = { locale, type: 'body', bodyKind: b.kind };
  return { type: 'body', url: to.body(b.id), title: name, content, meta, order: [kindOrder(b), bodySortName(b, locale)], group: b.kind };
}

function programRecord(ds: Dataset, to: LocaleRoutes, locale: Locale, p: Program): SearchRecord {
  const name = text(p.name, locale);
  const owner = bodyById(ds, p.body);
  const ratings = [...ratingsOfProgram(ds, p.id)].reverse().map((r) =>
    t(locale, 'search.record.programRating', { year: r.rating.year, rating: ratingLabel(ds, r.rating.rating, locale), total: formatScore(locale, r.rating.total) }));
  const content = sentence(
    name, field(locale, t(locale, 'common.body'), owner ? text(owner.name, locale) : p.body),
    field(locale, t(locale, 'programs.sector'), p.sector ? text(p.sector, locale) : ''),
    p.description ? text(p.description, locale) : undefined,
    field(locale, t(locale, 'program.ratings'), listOf(locale, ratings)),
  );
  const meta: PagefindMetaProps = { locale, type: 'program', bodyKind: owner?.kind };
  return { type: 'program', url: to.program(p.id), title: name, content, meta, order: [kindOrder(owner), owner ? bodySortName(owner, locale) : p.body, name], group: owner?.kind ?? '' };
}

function resultRecord(ds: Dataset, to: LocaleRoutes, locale: Locale, s: ScoredResult): SearchRecord {
  const body = bodyById(ds, s.result.body);
  const bodyName = body ? text(body.name, locale) : s.result.body;
  const cycle = cycleTitle(ds, s.cycle, locale);
  const grades = s.framework.grading.grades.map((g) => g.grade);
  const line = t(locale, 'search.record.result', { total: formatScore(locale, s.result.total), rank: s.result.rank, n: cycleSize(ds, s.cycle.id) });
  const content = sentence(bodyName, cycle, s.result.grade, line, s.result.remarks ? text(s.result.remarks, locale) : undefined);
  const meta: PagefindMetaProps = {
    locale, type: 'result', year: s.cycle.year, scheme: schemeName(ds, s.cycle.scheme, locale),
    bodyKind: body?.kind, grade: s.result.grade, score: s.result.total,
  };
  return {
    type: 'result', url: to.body(s.result.body, anchors.formula(s.cycle.id)), title: sentence(bodyName, cycle), content, meta,
    order: [-s.cycle.year, s.cycle.scheme, grades.indexOf(s.result.grade), -s.result.total, s.result.body], group: `${s.cycle.year}|${s.cycle.scheme}|${s.result.grade}`,
  };
}

function ratingRecord(ds: Dataset, to: LocaleRoutes, locale: Locale, r: RatedYear): SearchRecord {
  const owner = bodyById(ds, r.program.body);
  const program = text(r.program.name, locale);
  const rating = ratingLabel(ds, r.rating.rating, locale);
  const money = (v: number) => formatBudget(locale, v, ds.site);
  const budget = r.nextBudget === undefined
    ? t(locale, 'search.record.budget', { budget: money(r.rating.budget) })
    : t(locale, 'search.record.budgetNext', { budget: money(r.rating.budget), next: money(r.nextBudget), change: formatPercentChange(locale, r.change ?? 0) });
  const verdict = r.cutConsidered === undefined ? undefined : cutOutcome(r, locale);
  const head = t(locale, 'search.record.rating', { program, body: owner ? text(owner.name, locale) : r.program.body, year: r.rating.year, rating, total: formatScore(locale, r.rating.total) });
  const content = sentence(head, budget, verdict, r.rating.remarks ? text(r.rating.remarks, locale) : undefined);
  const order = ds.programReview?.ratings.findIndex((x) => x.rating === r.rating.rating) ?? 0;
  const meta: PagefindMetaProps = { locale, type: 'rating', year: r.rating.year, bodyKind: owner?.kind, rating, score: r.rating.total };
  return {
    type: 'rating', url: to.programYear(r.program.id, r.rating.year), title: sentence(program, String(r.rating.year)), content, meta,
    order: [-r.rating.year, order, -r.rating.total, r.program.id], group: `${r.rating.year}|${r.rating.rating}`,
  };
}

function followUpRecords(ds: Dataset, to: LocaleRoutes, locale: Locale): SearchRecord[] {
  return ds.followUps.map((f) => {
    const body = bodyById(ds, f.body);
    const cycle = cycleById(ds, f.cycle);
    const bodyName = body ? text(body.name, locale) : f.body;
    const cycleName = cycle ? cycleTitle(ds, cycle, locale) : f.cycle;
    const title = text(f.title, locale);
    const status = field(locale, t(locale, 'common.status'), t(locale, `followUp.status.${f.status}`));
    const content = sentence(title, bodyName, cycleName, t(locale, `followUp.kind.${f.kind}`), text(f.description, locale), status, f.outcome ? text(f.outcome, locale) : undefined);
    const meta: PagefindMetaProps = { locale, type: 'follow-up', year: cycle?.year, scheme: cycle ? schemeName(ds, cycle.scheme, locale) : undefined, bodyKind: body?.kind };
    return { type: 'follow-up' as const, url: to.body(f.body, anchors.followUp(f.id)), title: sentence(title, bodyName, cycleName), content, meta, order: [-(cycle?.year ?? 0), f.id], group: '' };
  });
}

function correctionRecords(ds: Dataset, to: LocaleRoutes, locale: Locale): SearchRecord[] {
  return corrections(ds).map((c) => {
    const cycleName = cycleTitle(ds, c.cycle, locale);
    const body = c.revision.body ? bodyById(ds, c.revision.body) : undefined;
    const description = text(c.revision.description, locale);
    const content = sentence(description, cycleName, body ? text(body.name, locale) : undefined, formatDate(locale, c.revision.date, { secondCalendar: false }), text(c.revision.reason, locale));
    const meta: PagefindMetaProps = { locale, type: 'correction', year: c.cycle.year, scheme: schemeName(ds, c.cycle.scheme, locale), bodyKind: body?.kind };
    return { type: 'correction' as const, url: to.correction(c.cycle.id, c.revision.id), title: sentence(cycleName, description), content, meta, order: [c.revision.date, c.anchor], group: '' };
  });
}
