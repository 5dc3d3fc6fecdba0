// Build-time data for the panel pages: region names from content/bodies, case titles from
// content/cases, and the validated panel content (draws, rounds).
import { getCollection } from 'astro:content';
import { contentDir, validatedContent } from '../content/source.ts';
import type { PanelContent } from './content.ts';
import type { Locale } from './errors.ts';
import { REGION_IDS } from './regions.ts';

type Named = { 'zh-Hant': string; en?: string };
const pick = (t: Named, locale: Locale) => (locale === 'en' ? (t.en ?? t['zh-Hant']) : t['zh-Hant']);

/** The 17 regions in migration order with their names from content/bodies/<id>.yaml. */
export async function regionOptions(locale: Locale): Promise<{ id: string; name: string }[]> {
  const bodies = await getCollection('bodies');
  return REGION_IDS.map((id) => {
    const b = bodies.find((x) => x.id === id) ?? bodies.find((x) => (x.data as { region?: string }).region === id && String(x.data.kind).startsWith('local'));
    return { id, name: b ? pick(b.data.name as Named, locale) : id };
  });
}

/** Case id → title in the locale (zh-Hant title when not yet translated). */
export async function caseTitles(locale: Locale): Promise<Record<string, string>> {
  const entries = await getCollection('cases');
  const out: Record<string, string> = {};
  for (const e of entries) {
    const d = e.data as { caseId: string; locale: Locale; title: string };
    if (d.locale === locale || (d.locale === 'zh-Hant' && !(d.caseId in out))) out[d.caseId] = d.title;
  }
  return out;
}

export function panelContent(): PanelContent {
  return validatedContent(contentDir()).panel;
}

export const regionName = (regions: { id: string; name: string }[], id: string) => regions.find((r) => r.id === id)?.name ?? id;
