import { z } from 'zod';
import { isoDate, localizedText, slug } from './common.ts';

/**
 * What the site's statements rest on: `content/references.yaml`. Every statement marked as coming
 * from a document cites one of `sources` (with pages); every statement the demo makes beyond its
 * sources names one of `assumptions`, and the methodology page lists them all.
 */
export const referencesSchema = z.strictObject({
  /** Documents statements cite. */
  sources: z
    .array(z.strictObject({
      /** Stable id statements cite it by. */
      id: slug,
      /** Short name used in citations next to statements (e.g. "NDC study-tour report"). */
      short: localizedText,
      /** Title as published. */
      title: localizedText,
      /** Authors as published, if named. */
      authors: localizedText.optional(),
      /** Who published it. */
      publisher: localizedText,
      /** Publication date. */
      date: isoDate,
      /** Where to read it, when it is online. */
      url: z.url().optional(),
    }))
    .default([]),
  /** What the demo assumes beyond its sources, each stated in full. */
  assumptions: z
    .array(z.strictObject({
      /** Stable id statements name it by (anchor on the methodology page). */
      id: slug,
      /** The assumption, and what the source does and does not say. */
      text: localizedText,
    }))
    .default([]),
});
export type References = z.infer<typeof referencesSchema>;
