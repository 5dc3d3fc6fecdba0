// Build-time data for the panel pages, from the site's one data path (src/lib/site.ts): region
// names from content/bodies and case titles from content/cases, in the page's locale.
import { text, type Locale } from '../../i18n/index.ts';
import { caseTitle } from '../labels.ts';
import type { SiteData } from '../site.ts';
import { REGION_IDS } from './regions.ts';

/** The 17 regions in migration order with their names from content/bodies/<id>.yaml. */
export function regionOptions(site: SiteData, locale: Locale): { id: string; name: string }[] {
  return REGION_IDS.map((id) => {
    const b = site.bodies.find((x) => x.id === id) ?? site.bodies.find((x) => x.region === id && x.kind.startsWith('local'));
    return { id, name: b ? text(b.name, locale) : id };
  });
}

/** Case id → title in the locale (the source title when not yet translated). */
export function caseTitles(site: SiteData, locale: Locale): Record<string, string> {
  return Object.fromEntries(site.cases.map((c) => [c.id, caseTitle(c, locale) ?? c.data.title]));
}

export const regionName = (regions: { id: string; name: string }[], id: string) => regions.find((r) => r.id === id)?.name ?? id;
