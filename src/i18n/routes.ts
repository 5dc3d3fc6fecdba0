// The route table: every URL the site publishes is built here, from a page type and its ids, so
// pages, feeds, open data, the sitemap, search and the panel cannot disagree about a link.
// Paths are built locale-neutral (`/bodies/seoul/`) and then placed in a locale: the site's
// default locale at `/`, every other published locale under its segment (`/en/bodies/seoul/`),
// all under the deployment's base path.
import { LOCALE_FACTS, LOCALES, isLocale, type Locale } from './locales.ts';

/** Anchors (fragment ids) that other pages and feeds link to. */
export const anchors = {
  /** A body's row in a cycle's results table. */
  result: (bodyId: string) => `r-${bodyId}`,
  /** A correction, on the corrections log and on its cycle's page (revision ids are unique per cycle only). */
  correction: (cycleId: string, revisionId: string) => `rev-${cycleId}-${revisionId}`,
  /** A result's formula on its body's page. */
  formula: (cycleId: string) => `res-${cycleId}`,
  /** A rated program-year's row on the body, program and rating pages. */
  programYear: (programId: string, year: number) => `p-${programId}-${year}`,
  /** A follow-up on its body's and its cycle's page. */
  followUp: (followUpId: string) => `fu-${followUpId}`,
  /** A cited document in the methodology page's list of sources. */
  source: (sourceId: string) => `source-${sourceId}`,
  /** A demo assumption in the methodology page's list. */
  assumption: (assumptionId: string) => `assumption-${assumptionId}`,
  /** The methodology page's list of demo assumptions. */
  assumptions: () => 'assumptions',
} as const;

export const feedFiles = ['rss.xml', 'atom.xml', 'feed.json'] as const;
export type FeedFile = (typeof feedFiles)[number];

/**
 * Folders under /data/ holding the rows one page shows (`/data/cycles/<id>/results.csv`): each
 * table on a page offers exactly its own rows next to the whole-dataset files at /data/<table>.*.
 */
export const dataScopes = {
  cycle: (cycleId: string) => ['cycles', cycleId],
  body: (bodyId: string) => ['bodies', bodyId],
  /** One body's rows within one scheme or cycle (dimension trends, indicators of a year). */
  bodyIn: (bodyId: string, schemeOrCycleId: string) => ['bodies', bodyId, schemeOrCycleId],
  /** The indicators a body missed in one cycle. */
  bodyMissed: (bodyId: string, cycleId: string) => ['bodies', bodyId, cycleId, 'missed'],
  program: (programId: string) => ['programs', programId],
  /** Program-years by rating, or a named selection of them (`latest`, `cut-considered` …). */
  ratings: (selection: string) => ['program-ratings', selection],
  /** A scheme's framework of one year. */
  framework: (schemeId: string, year: number) => ['schemes', schemeId, String(year)],
  /** Bodies of one kind. */
  kind: (kind: string) => ['kinds', kind],
  /** The home page's highlights of one scheme (`<scheme>-up`, `<scheme>-down`). */
  highlights: (name: string) => ['highlights', name],
  round: (roundId: string) => ['rounds', roundId],
  /** A closed round's turnout in one category (region, age, gender). */
  roundCategory: (roundId: string, category: string) => ['rounds', roundId, category],
} as const;

/** Kinds of file published for every table and every page's table. */
export const dataFormats = ['csv', 'excel.csv', 'json', 'schema.json'] as const;
export type DataFormat = (typeof dataFormats)[number];

/** Locale-neutral paths of every page type (and of in-page targets other pages link to). */
export const pagePaths = {
  home: () => '/',
  cycles: () => '/cycles/',
  cycle: (cycleId: string) => `/cycles/${cycleId}/`,
  resultInCycle: (cycleId: string, bodyId: string) => `/cycles/${cycleId}/#${anchors.result(bodyId)}`,
  bodies: () => '/bodies/',
  body: (bodyId: string, section?: string) => `/bodies/${bodyId}/${section ? `#${section}` : ''}`,
  programs: () => '/programs/',
  program: (programId: string) => `/programs/${programId}/`,
  /** A rated year's row on its program's page. */
  programYear: (programId: string, year: number) => `/programs/${programId}/#${anchors.programYear(programId, year)}`,
  programRating: (rating: string) => `/programs/rating/${rating}/`,
  consequences: () => '/programs/consequences/',
  cases: () => '/cases/',
  case: (caseId: string) => `/cases/${caseId}/`,
  methodology: (section?: string) => `/methodology/${section ? `#${section}` : ''}`,
  corrections: () => '/corrections/',
  correction: (cycleId: string, revisionId: string) => `/corrections/#${anchors.correction(cycleId, revisionId)}`,
  search: () => '/search/',
  data: () => '/data/',
  dataTable: (table: string) => `/data/tables/${table}/`,
  feed: (file: FeedFile) => `/feeds/${file}`,
  /** The corrections-only feed. */
  correctionsFeed: (file: FeedFile) => `/feeds/corrections/${file}`,
  panel: () => '/panel/',
  panelApply: () => '/panel/apply/',
  panelVote: () => '/panel/vote/',
  panelResults: () => '/panel/results/',
  panelDraw: (drawId: string) => `/panel/draws/${drawId}/`,
  panelRound: (roundId: string) => `/panel/rounds/${roundId}/`,
  panelReceipts: () => '/panel/receipts/',
  /**
   * A link-preview (Open Graph) image, in the locale of its words: an entity's own
   * (`shareImage('bodies', 'seoul')`), its type's card (`shareImage('bodies')`) or the site's (`shareImage()`).
   */
  shareImage: (kind?: 'bodies' | 'cycles' | 'cases', id?: string) => `/share/${kind ? (id ? `${kind}/${id}` : kind) : 'site'}.png`,
} as const;

type PagePaths = typeof pagePaths;
/** The route table bound to one locale: same functions, localized paths. */
export type LocaleRoutes = { [K in keyof PagePaths]: (...args: Parameters<PagePaths[K]>) => string };

/** Which locales a deployment publishes and which one is at `/` (from content/site.yaml). */
export interface SiteLocales {
  locales: readonly Locale[];
  defaultLocale: Locale;
}

export interface RouteOptions extends SiteLocales {
  /** Base path the site is served under ("" or "/repo"); see docs/deploy.md. */
  base?: string;
}

export interface Routes extends SiteLocales {
  base: string;
  /** A locale-neutral path placed in a locale (and under the base path). */
  localize(locale: Locale, neutralPath: string): string;
  /** The route table in one locale: `routes.in('en').body('seoul')` → `/en/bodies/seoul/`. */
  in(locale: Locale): LocaleRoutes;
  /** A language-neutral file under /data/ (CSV, JSON, schemas). */
  dataFile(file: string): string;
  /** A table's file under /data/: the whole table (no scope) or the rows of one page's table (a dataScopes path). */
  dataView(table: string, format: DataFormat, scope?: readonly string[]): string;
  /** Any other site file (images, favicon) under the base path. */
  asset(path: string): string;
  /** The same page in every published locale (language switch, hreflang, sitemap). */
  alternates(neutralPath: string): { locale: Locale; path: string }[];
  /** Which locale a built path belongs to, and its locale-neutral path (base removed). */
  parse(path: string): { locale: Locale; neutral: string };
  /** The URL segment of a locale, or undefined for the default locale (Astro's `[...locale]` param). */
  segment(locale: Locale): string | undefined;
  /** Static paths for `src/pages/[...locale]/…`: one per published locale. */
  localeParams(): { params: { locale: string | undefined }; props: { locale: Locale } }[];
}

/** Normalise a base path to "" or "/a/b" (no trailing slash). */
export function normaliseBase(base: string | undefined): string {
  const b = (base ?? '').trim().replace(/\/+$/, '');
  if (b === '' || b === '/') return '';
  return b.startsWith('/') ? b : `/${b}`;
}

export function createRoutes(options: RouteOptions): Routes {
  const { locales, defaultLocale } = options;
  if (!locales.includes(defaultLocale)) throw new Error(`routes: the default locale ${defaultLocale} is not among the published locales (${locales.join(', ')})`);
  const base = normaliseBase(options.base);
  const segment = (l: Locale): string | undefined => (l === defaultLocale ? undefined : LOCALE_FACTS[l].segment);
  const localize = (l: Locale, neutral: string) => {
    if (!neutral.startsWith('/')) throw new Error(`routes: a path must start with "/", got "${neutral}"`);
    const s = segment(l);
    return `${base}${s ? `/${s}` : ''}${neutral}`;
  };
  const bound = new Map<Locale, LocaleRoutes>();
  const inLocale = (l: Locale) => {
    let r = bound.get(l);
    if (!r) {
      r = Object.fromEntries(Object.entries(pagePaths).map(([k, f]) => [k, (...a: unknown[]) => localize(l, (f as (...x: unknown[]) => string)(...a))])) as LocaleRoutes;
      bound.set(l, r);
    }
    return r;
  };
  const bySegment = new Map<string, Locale>(locales.flatMap((l) => (segment(l) ? [[segment(l)!, l] as const] : [])));
  return {
    locales, defaultLocale, base, localize,
    in: inLocale,
    dataFile: (file) => `${base}/data/${file}`,
    dataView: (table, format, scope = []) => `${base}/data/${[...scope, table].join('/')}.${format}`,
    asset: (path) => `${base}${path.startsWith('/') ? path : `/${path}`}`,
    alternates: (neutral) => locales.map((locale) => ({ locale, path: localize(locale, neutral) })),
    parse(path) {
      const rest = base && path.startsWith(base) ? path.slice(base.length) || '/' : path;
      const first = /^\/([^/]+)(\/.*)?$/.exec(rest);
      const l = first ? bySegment.get(first[1]!) : undefined;
      return l ? { locale: l, neutral: first![2] ?? '/' } : { locale: defaultLocale, neutral: rest };
    },
    segment,
    localeParams: () => locales.map((locale) => ({ params: { locale: segment(locale) }, props: { locale } })),
  };
}

/** The site's locales from its settings, checked: known locales, no repeats, the default among them. */
export function siteLocales(settings: { locales?: readonly string[]; defaultLocale?: string }): SiteLocales {
  const locales = (settings.locales ?? LOCALES).filter(isLocale);
  const defaultLocale = isLocale(settings.defaultLocale) ? settings.defaultLocale : locales[0]!;
  return { locales, defaultLocale };
}
