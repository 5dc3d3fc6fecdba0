import { z } from 'zod';
import { isoDate, localizedText, slug, source, year } from './common.ts';

/** One correction to a published cycle: what changed, when, why, old → new. */
export const revision = z.strictObject({
  /** Stable id of the correction within the cycle (anchors and feeds use it). */
  id: slug,
  /** Date the correction was published. */
  date: isoDate,
  /** Body whose result changed, if the correction concerns one body. */
  body: slug.optional(),
  /** Which field changed (e.g. "total", "grade", "major-policy"). */
  field: z.string().min(1),
  /** Value before the correction, as published then. */
  old: z.union([z.string(), z.number()]),
  /** Value after the correction (the value now in the results file). */
  new: z.union([z.string(), z.number()]),
  /** What was corrected, in words. */
  description: localizedText,
  /** Why it was corrected. */
  reason: localizedText,
});
export type Revision = z.infer<typeof revision>;

/** Where a cycle stands. Only published and revised cycles show results. */
export const cycleStatus = z.enum(['planned', 'in-progress', 'published']);

/** One scheme in one year. One YAML file per cycle: `content/cycles/<id>.yaml`. */
export const cycleSchema = z.strictObject({
  /** Stable id, equal to the file name (convention: `<scheme>-<year>`). */
  id: slug,
  /** Scheme id. */
  scheme: slug,
  /** Evaluation year (the framework of this year applies). */
  year,
  /** Where the cycle stands. */
  status: cycleStatus,
  /** Date the results were published (required once published). */
  published: isoDate.optional(),
  /** Period evaluated, when it differs from the calendar year. */
  period: localizedText.optional(),
  /** Short summary shown on the cycle page. */
  summary: localizedText.optional(),
  /** Documents the results come from. */
  sources: z.array(source).default([]),
  /** Corrections published after the first release, oldest first. */
  revisions: z.array(revision).default([]),
});
export type Cycle = z.infer<typeof cycleSchema>;
