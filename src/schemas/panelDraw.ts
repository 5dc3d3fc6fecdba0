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
/** Timestamp written as ISO 8601 with a time zone (YAML may hand us a Date; we keep the string). */
const isoTimestamp = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp such as 2026-03-01T09:00:00Z' }),
);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex (64 characters)');

/**
 * The pool commitment, published BEFORE the seed is known: `content/panel-commitments/<id>.yaml`,
 * written by `npm run panel:pool -- commit`. It binds the pool (pseudonyms and the strata the draw
 * uses), the quotas and the panel size, and says where the seed will come from; the draw
 * published later under the same id must match it, with a seed announced after `publishedAt`.
 */
export const panelCommitmentSchema = z.strictObject({
  /** Id of the coming draw (the same as content/panel-draws/<id>.yaml). */
  id: slug,
  /** SHA-256 of the canonical pool (`npm run draw -- commit --pool …`). */
  poolCommitment: sha256,
  /** Applicants in the pool. */
  poolSize: z.number().int().positive(),
  /** The strata the pool holds: the quota categories, nothing else. */
  categories: z.array(z.enum(['region', 'age', 'gender'])).min(1),
  /** Seats on the panel. */
  panelSize: z.number().int().positive(),
  /** SHA-256 of the quotas (canonical JSON), so they cannot be changed after the seed is known. */
  quotasSha256: sha256,
  /** Where the public random seed will come from (e.g. a named public lottery draw). */
  seedSource: localizedText,
  /** When this commitment was published on the site. */
  publishedAt: isoTimestamp,
});
export type PanelCommitment = z.infer<typeof panelCommitmentSchema>;

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
  /** Where the seed came from (as announced in the commitment). */
  seedSource: localizedText,
  /** When the seed became public; after the commitment's publication. */
  seedPublishedAt: isoTimestamp,
  /** When the pool commitment was published (content/panel-commitments/<id>.yaml). */
  commitmentPublishedAt: isoTimestamp,
  /** Members drawn onto the panel had to confirm their seat before this. */
  confirmBy: isoTimestamp,
  /** Marks invented demo data; pages then say so. */
  demo: z.boolean().optional(),
});
export type PanelDraw = z.infer<typeof panelDrawSchema>;
