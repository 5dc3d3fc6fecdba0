import { z } from 'zod';

// Localized text is defined with the locales, in src/i18n/text.ts.
export { localizedText, type LocalizedText } from '../i18n/text.ts';
import { localizedText } from '../i18n/text.ts';

/** A stable identifier used in URLs and cross-file references; never renamed once published. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens (e.g. "ministry-of-finance")');

/** A calendar date written as YYYY-MM-DD (YAML may hand us a Date; we keep the string). */
export const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date'),
);

/** An evaluation year (Gregorian). */
export const year = z.number().int('must be a whole year').min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');

/** A reference document: a report, a decree, a press release. */
export const source = z.strictObject({
  /** Title of the document as published. */
  title: localizedText,
  /** Who published it. */
  publisher: localizedText.optional(),
  /** Where to read it (absolute URL). */
  url: z.url().optional(),
  /** Publication date. */
  date: isoDate.optional(),
});
export type Source = z.infer<typeof source>;
