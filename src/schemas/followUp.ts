import { z } from 'zod';
import { isoDate, localizedText, slug } from './common.ts';

/** What happened after an under-performance: consulting, or an improvement plan that is checked. */
export const followUpSchema = z.strictObject({
  /** Stable id, equal to the file name. */
  id: slug,
  /** Body concerned. */
  body: slug,
  /** Cycle whose result triggered it. */
  cycle: slug,
  /** Consulting (advice by experts) or an improvement plan (commitments by the body). */
  kind: z.enum(['consulting', 'improvement-plan']),
  /** Short title. */
  title: localizedText,
  /** What was agreed. */
  description: localizedText,
  /** Where it stands at the last check. */
  status: z.enum(['planned', 'in-progress', 'completed', 'overdue']),
  /** Date it is due. */
  due: isoDate.optional(),
  /** Date the status was last checked. */
  checked: isoDate.optional(),
  /** What the check found. */
  outcome: localizedText.optional(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
