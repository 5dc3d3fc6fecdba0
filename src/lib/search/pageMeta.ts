// The search filters of each content page, derived from the dataset (pure; pages only place
// the result in <PagefindMeta>). Display names are in the page's language, so the filter
// values a reader sees on the search page are the names printed on the pages.
import type { Dataset } from '../content/dataset.ts';
import { text, type Locale } from '../../i18n/index.ts';
import { ratingLabel, schemeName } from '../labels.ts';
import { bodyById, bodyResults, cycleById, programById, ratingsOfProgram } from '../queries.ts';
import type { PagefindMetaProps } from './meta.ts';

const bodyName = (ds: Dataset, id: string | undefined, locale: Locale) => {
  const b = id ? bodyById(ds, id) : undefined;
  return b ? text(b.name, locale) : undefined;
};

export function cycleMeta(ds: Dataset, cycleId: string, locale: Locale): PagefindMetaProps {
  const c = cycleById(ds, cycleId)!;
  const grades = ds.results.filter((r) => r.cycle === cycleId).map((r) => r.grade);
  return { locale, type: 'cycle', year: c.year, scheme: schemeName(ds, c.scheme, locale), grade: grades };
}

export function bodyMeta(ds: Dataset, bodyId: string, locale: Locale): PagefindMetaProps {
  const b = bodyById(ds, bodyId)!;
  const history = bodyResults(ds, bodyId);
  return {
    locale, type: 'body', body: text(b.name, locale), bodyKind: b.kind, region: bodyName(ds, b.region, locale),
    year: history.map((h) => h.cycle.year), scheme: history.map((h) => schemeName(ds, h.cycle.scheme, locale)), grade: history.map((h) => h.result.grade),
  };
}

export function caseMeta(ds: Dataset, caseId: string, locale: Locale): PagefindMetaProps {
  const c = ds.cases.find((x) => x.id === caseId)!;
  const b = bodyById(ds, c.data.body);
  const cycle = c.data.cycle ? cycleById(ds, c.data.cycle) : undefined;
  return {
    locale, type: 'case', year: c.data.year, body: bodyName(ds, c.data.body, locale), bodyKind: b?.kind,
    region: bodyName(ds, b?.region, locale), scheme: cycle ? schemeName(ds, cycle.scheme, locale) : undefined,
  };
}

export function programMeta(ds: Dataset, programId: string, locale: Locale): PagefindMetaProps {
  const p = programById(ds, programId)!;
  const b = bodyById(ds, p.body);
  const ratings = ratingsOfProgram(ds, programId);
  return {
    locale, type: 'program', body: bodyName(ds, p.body, locale), bodyKind: b?.kind,
    year: ratings.map((r) => r.rating.year), rating: ratings.map((r) => ratingLabel(ds, r.rating.rating, locale)),
  };
}

/** A closed panel round: its closing year, and the bodies whose cases were candidates. */
export function roundMeta(ds: Dataset, roundId: string, locale: Locale): PagefindMetaProps {
  const r = ds.panel.rounds.find((x) => x.id === roundId)!;
  const bodies = r.results.map((x) => bodyName(ds, ds.cases.find((c) => c.id === x.case)?.data.body, locale)).filter((b): b is string => b !== undefined);
  return { locale, type: 'round', year: Number(r.closesAt.slice(0, 4)), body: bodies };
}
