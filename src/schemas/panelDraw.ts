import { z } from 'zod';
import { DrawRecordSchema } from '../lib/sortition/schema.ts';
import { localizedText, slug } from './common.ts';

/**
 * A published panel draw: `content/panel-draws/<id>.yaml`, written by
 * `scripts/staff/panel-publish-draw.ts` next to the pseudonymous pool `<id>.pool.csv`. It is the draw
 * record of `scripts/staff/draw.ts` (every field of DrawRecordSchema, which `npm run draw --
 * verify` re-checks) plus what the site needs to show it. No personal data: panel members
 * appear only as random pseudonyms.
 */
export const panelDrawSchema = z.strictObject({
  ...DrawRecordSchema.shape,
  /** Stable id, equal to the file name; used in URLs (`/panel/draws/<id>/`) and by rounds. */
  id: slug,
  /** Name of the draw as shown on the site. */
  title: localizedText,
  /** Id of the draw in the panel database (public.panel_draws.id), for cross-checking. */
  databaseId: z.uuid().optional(),
  /** The pseudonymous pool file next to this record (`<id>.pool.csv`), published for verification. */
  poolFile: z.string().regex(/^[a-z0-9-]+\.pool\.csv$/, 'must be "<id>.pool.csv"'),
  /** Reference year used for the age bands in the pool (age reached in that year). */
  ageReferenceYear: z.number().int().min(2000).max(2100),
  /** How many of the reserve list, in order, were recorded as reserves in the database. */
  reserveRecorded: z.number().int().nonnegative(),
  /** Marks invented demo data; pages then say so. */
  demo: z.boolean().optional(),
});
export type PanelDraw = z.infer<typeof panelDrawSchema>;
