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
  /** Id of the assumption (content/references.yaml) that says which data are invented; demo results link to it. */
  demoAssumption: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional(),
  /**
   * ISO 4217 code of the currency budgets are in (e.g. "KRW", "TWD"). Pages format every amount
   * with Intl in the reader's locale ("₩28.66億", "₩2.866B", "₩28.66억").
   */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "KRW" or "TWD"').refine((c) => Intl.supportedValuesOf('currency').includes(c), 'is not a currency Intl knows (ISO 4217, e.g. "KRW", "TWD")'),
  /** How many units of the currency one budget figure in content/ counts: 1000000 when budgets are written in millions. */
  budgetScale: z.number().positive().default(1_000_000),
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
