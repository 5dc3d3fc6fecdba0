// The Dataset the pages query, rebuilt from Astro's content collections once per build
// (memoised): pages never read files themselves, and the same pure queries run in tests
// over `loadContent('content')`.
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Dataset, ExemplaryCase } from './content/load.ts';
import { contentDir, validatedContent } from './content/source.ts';

let memo: Promise<Dataset> | undefined;

/** The published dataset (built on first call, then shared by every page of the build). */
export function siteData(): Promise<Dataset> {
  return (memo ??= build());
}

async function build(): Promise<Dataset> {
  const [site, review, bodies, schemes, cycles, programs, followUps, results, indicatorResults, programRatings, cases] = await Promise.all([
    getCollection('site'), getCollection('programReview'), getCollection('bodies'), getCollection('schemes'), getCollection('cycles'),
    getCollection('programs'), getCollection('followUps'), getCollection('results'), getCollection('indicatorResults'),
    getCollection('programRatings'), getCollection('cases'),
  ]);
  const siteEntry = site[0];
  if (!siteEntry) throw new Error('content: site.yaml is missing');
  return {
    site: siteEntry.data,
    programReview: review[0]?.data,
    bodies: bodies.map((e) => e.data),
    schemes: schemes.map((e) => e.data),
    cycles: cycles.map((e) => e.data),
    programs: programs.map((e) => e.data),
    followUps: followUps.map((e) => e.data),
    results: results.map((e) => e.data),
    indicatorResults: indicatorResults.map((e) => e.data),
    programRatings: programRatings.map((e) => e.data),
    cases: casesFrom(cases),
    panel: validatedContent(contentDir()).panel,
  };
}

/** Rebuild one ExemplaryCase per case id from the per-locale entries. */
function casesFrom(entries: CollectionEntry<'cases'>[]): ExemplaryCase[] {
  const byId = new Map<string, ExemplaryCase>();
  for (const e of entries) {
    const d = e.data;
    let c = byId.get(d.caseId);
    if (!c) byId.set(d.caseId, (c = { id: d.caseId, data: d.facts, bodies: {}, translations: {}, files: {} }));
    c.bodies[d.locale] = e.body ?? '';
    if (d.locale === 'en') c.translations.en = { title: d.title, summary: d.summary, outcomes: d.outcomes, images: d.images };
  }
  return [...byId.values()];
}

/** The collection entry holding a case's text in a locale (for `render()`), if that text exists. */
export async function caseEntry(caseId: string, locale: 'zh-Hant' | 'en'): Promise<CollectionEntry<'cases'> | undefined> {
  const all = await casesByKey();
  return all.get(`${caseId}/${locale}`);
}

let caseMemo: Promise<Map<string, CollectionEntry<'cases'>>> | undefined;
function casesByKey() {
  return (caseMemo ??= getCollection('cases').then((l) => new Map(l.map((e) => [e.id, e]))));
}
