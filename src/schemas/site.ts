import { z } from 'zod';
import { localizedText } from './common.ts';

/** Site-wide settings: `content/site.yaml`. */
export const siteSchema = z.strictObject({
  /** Site name. */
  name: localizedText,
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
});
export type Site = z.infer<typeof siteSchema>;
