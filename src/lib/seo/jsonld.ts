// Structured data (JSON-LD, schema.org) of each page: a BreadcrumbList everywhere; a Dataset with its
// downloads on /data/ and on each table's page; a GovernmentOrganization on a body's page; an Article
// on a case's page; the WebSite on the home page. Pure. While the site publishes demo data, every
// description says so (site.yaml `demoData`), so a dataset search engine never lists invented
// results as real. test/build/seo.build.test.ts checks the output against the schema.org vocabulary.
import { LOCALE_FACTS, t, text, type Locale } from '../../i18n/index.ts';
import { absoluteUrl, type SiteData } from '../site.ts';
import { caseWords } from '../labels.ts';
import { bodyById, cycleById } from '../queries.ts';
import { cycleResultTables, datasetVersion, dictionaryTables, tables, type Table } from '../opendata/index.ts';
import { coveredYears, type Crumb, type PageRef } from './pages.ts';

/** A schema.org node as written into the page. */
export type JsonLdNode = { '@type': string } & Record<string, unknown>;

export interface PageFacts {
  locale: Locale;
  page: PageRef;
  title: string;
  description: string;
  /** The page's canonical URL. */
  url: string;
  /** Absolute URL of its share image. */
  image: string;
  crumbs: Crumb[];
}

/** A description as published in structured data: with the demo-data statement while the site shows demo data. */
export function ldDescription(site: SiteData, locale: Locale, description: string): string {
  return site.site.demoData ? `${description} ${t(locale, 'seo.demo')}` : description;
}

const publisherOf = (site: SiteData, locale: Locale): JsonLdNode => ({ '@type': 'GovernmentOrganization', name: text(site.site.publisher, locale), url: absoluteUrl(site.routes.in(locale).home(), site.url) });

/** The downloads of one table: CSV and JSON of the whole table, or of each cycle's own rows (cycle results). */
function distributionOf(site: SiteData, tb: Table): JsonLdNode[] {
  const scopes: (readonly string[] | undefined)[] = tb.whole ? [undefined] : cycleResultTables(site).map((c) => c.schemaScope);
  return scopes.flatMap((scope) => ([['csv', 'text/csv'], ['json', 'application/json']] as const).map(([format, type]) => ({
    '@type': 'DataDownload',
    name: `${[...(scope ?? []), tb.name].join('/')}.${format}`,
    encodingFormat: type,
    contentUrl: absoluteUrl(site.routes.dataView(tb.name, format, scope), site.url),
  })));
}

function dataset(site: SiteData, f: PageFacts, name: string, distribution: JsonLdNode[]): JsonLdNode {
  const years = coveredYears(site);
  const publisher = publisherOf(site, f.locale);
  return {
    '@type': 'Dataset',
    '@id': `${f.url}#dataset`,
    name,
    description: ldDescription(site, f.locale, f.description),
    url: f.url,
    inLanguage: site.locales.map((l) => LOCALE_FACTS[l].htmlLang),
    license: site.site.license.url,
    isAccessibleForFree: true,
    publisher,
    creator: publisher,
    ...(years ? { temporalCoverage: `${years.from}/${years.to}` } : {}),
    dateModified: datasetVersion(site),
    distribution,
  };
}

/** The structured data of one page, as one JSON-LD graph. */
export function structuredData(site: SiteData, f: PageFacts): JsonLdNode[] {
  const { locale, page } = f;
  const nodes: JsonLdNode[] = [{
    '@type': 'BreadcrumbList',
    itemListElement: f.crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absoluteUrl(site.routes.localize(locale, c.path), site.url) })),
  }];
  const siteName = text(site.site.name, locale);
  switch (page.type) {
    case 'home':
      nodes.push({ '@type': 'WebSite', name: siteName, url: f.url, description: ldDescription(site, locale, f.description), inLanguage: LOCALE_FACTS[locale].htmlLang, publisher: publisherOf(site, locale) });
      break;
    case 'data': {
      const datapackage: JsonLdNode = { '@type': 'DataDownload', name: 'datapackage.json', encodingFormat: 'application/json', contentUrl: absoluteUrl(site.routes.dataFile('datapackage.json'), site.url) };
      nodes.push(dataset(site, f, `${siteName}: ${f.title}`, [...tables(site).flatMap((tb) => distributionOf(site, tb)), datapackage]));
      break;
    }
    case 'dataTable': {
      const tb = dictionaryTables(site).find((x) => x.name === page.table)!;
      nodes.push(dataset(site, f, `${siteName}: ${tb.title(locale)}`, distributionOf(site, tb)));
      break;
    }
    case 'body': {
      const body = bodyById(site, page.id)!;
      const parent = body.parent ? bodyById(site, body.parent) : undefined;
      nodes.push({
        '@type': 'GovernmentOrganization',
        '@id': `${f.url}#body`,
        name: text(body.name, locale),
        ...(body.shortName ? { alternateName: text(body.shortName, locale) } : {}),
        url: f.url,
        description: ldDescription(site, locale, f.description),
        image: f.image,
        ...(parent ? { parentOrganization: { '@type': 'GovernmentOrganization', name: text(parent.name, locale), url: absoluteUrl(site.routes.in(locale).body(parent.id), site.url) } } : {}),
      });
      break;
    }
    case 'case': {
      const c = site.cases.find((x) => x.id === page.id)!;
      const { words, locale: writtenIn } = caseWords(c, locale);
      const body = bodyById(site, c.data.body);
      const cycle = c.data.cycle ? cycleById(site, c.data.cycle) : undefined;
      nodes.push({
        '@type': 'Article',
        headline: words.title,
        description: ldDescription(site, locale, f.description),
        url: f.url,
        mainEntityOfPage: f.url,
        inLanguage: LOCALE_FACTS[writtenIn].htmlLang,
        // The case's evaluation was published on its cycle's date; a case without one has only its year.
        datePublished: cycle?.published ?? String(c.data.year),
        image: f.image,
        author: publisherOf(site, locale),
        publisher: publisherOf(site, locale),
        ...(body ? { about: { '@type': 'GovernmentOrganization', name: text(body.name, locale), url: absoluteUrl(site.routes.in(locale).body(body.id), site.url) } } : {}),
      });
      break;
    }
    default:
      break;
  }
  return nodes;
}

/** The graph as the text of a `<script type="application/ld+json">`: "<" escaped, so no content text can close the element. */
export function jsonLdText(nodes: JsonLdNode[]): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes }).replace(/</g, '\\u003c');
}
