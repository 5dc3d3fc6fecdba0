// The search filters of each prose page indexed from its HTML (cycles, cases, panel rounds),
// derived from the dataset (pure; pages only place the result in <PagefindMeta>). Bodies,
// programs and their yearly records are search records instead (records.ts).
import type { Dataset } from '../content/dataset.ts';
import type { Locale } from '../../i18n/index.ts';
import { schemeName } from '../labels.ts';
import { bodyById, cycleById } from '../queries.ts';
import type { PagefindMetaProps } from './meta.ts';

export function cycleMeta(ds: Dataset, cycleId: string, locale: Locale): PagefindMetaProps {
  const c = cycleById(ds, cycleId)!;
  return { locale, type: 'cycle', year: c.year, scheme: schemeName(ds, c.scheme, locale) };
}

export function caseMeta(ds: Dataset, caseId: string, locale: Locale): PagefindMetaProps {
  const c = ds.cases.find((x) => x.id === caseId)!;
  const cycle = c.data.cycle ? cycleById(ds, c.data.cycle) : undefined;
  return { locale, type: 'case', year: c.data.year, bodyKind: bodyById(ds, c.data.body)?.kind, scheme: cycle ? schemeName(ds, cycle.scheme, locale) : undefined };
}

/** A closed panel round: its closing year. The candidate cases' bodies are in its text. */
export function roundMeta(ds: Dataset, roundId: string, locale: Locale): PagefindMetaProps {
  const r = ds.panel.rounds.find((x) => x.id === roundId)!;
  return { locale, type: 'round', year: Number(r.closesAt.slice(0, 4)) };
}

/** The methodology page. */
export const methodologyMeta = (locale: Locale): PagefindMetaProps => ({ locale, type: 'page' });
