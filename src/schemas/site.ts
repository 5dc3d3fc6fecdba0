import { z } from 'zod';
import { localizedText } from './common.ts';
import { LOCALES } from '../i18n/locales.ts';

/** Site-wide settings: `content/site.yaml`. */
export const siteSchema = z
  .strictObject({
  /** Site name. */
  name: localizedText,
  /**
   * Locales this deployment publishes, in the order the language switch lists them (e.g. a
   * Taiwanese deployment: [zh-Hant, en]). Each page exists in every one of them.
   */
  locales: z.array(z.enum(LOCALES)).min(1, 'needs at least one locale').refine((l) => new Set(l).size === l.length, 'lists a locale twice'),
  /** The locale served at `/`; the others live under their own segment (`/en/`, `/ko/`). */
  defaultLocale: z.enum(LOCALES),
  /** IANA time zone in which times are shown (e.g. "Asia/Seoul"); the zone is always named beside them. */
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone (e.g. "Asia/Seoul", "Asia/Taipei")'),
  /** Government or office publishing the results. */
  publisher: localizedText,
  /** Shows the demo-data label on every page. Turn off only for a real deployment with real data. */
  demoData: z.boolean(),
  /** What the demo label says (which parts are real facts, which are invented). */
  demoNotice: localizedText.optional(),
  /** Unit of budget figures (e.g. "百萬元" / "million"). */
  budgetUnit: localizedText,
  /** Licence of the published data. */
  license: z.strictObject({
    /** Licence name. */
    name: z.string().min(1),
    /** Licence URL. */
    url: z.url(),
  }),
  })
  .refine((s) => s.locales.includes(s.defaultLocale), { path: ['defaultLocale'], message: 'must be one of the published locales' });
export type Site = z.infer<typeof siteSchema>;
