// Build-time data for the panel pages, from the site's one data path (src/lib/site.ts): region
// names from content/bodies, case titles from content/cases, stratum names and the words of the
// islands in the page's locale.
import { t, text, type Locale, type MessageKey } from '../../i18n/index.ts';
import { caseTitle } from '../labels.ts';
import type { SiteData } from '../site.ts';
import { REGION_IDS } from './regions.ts';
import { panelWords, type PanelWords } from './words.ts';

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

/** The name of a stratum category (region, age, gender) in the locale. */
export const categoryName = (locale: Locale, category: string) =>
  ['region', 'age', 'gender'].includes(category) ? t(locale, `panel.ui.category.${category}` as MessageKey) : category;

/** A stratum value as people read it: a region's name, a gender's word, an age band as is. */
export function strataValue(site: SiteData, locale: Locale): (category: string, value: string) => string {
  const regions = regionOptions(site, locale);
  return (category, value) =>
    category === 'region' ? regionName(regions, value)
    : category === 'gender' && ['female', 'male', 'other'].includes(value) ? t(locale, `panel.ui.gender.${value}` as MessageKey)
    : value;
}

/** The islands' words for this page, with the site's time zone. */
export const islandWords = (site: SiteData, locale: Locale): PanelWords => panelWords(locale, site.site.timeZone);
