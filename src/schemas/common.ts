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

/** Page numbers of a cited document: "31", "28–31", "13, 24". */
export const pageNumbers = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d+(?:[–-]\d+)?(?:, ?\d+(?:[–-]\d+)?)*$/, 'must be page numbers such as "31", "28–31" or "13, 24"'));

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
  /** Pages of the document the facts come from (e.g. "31" or "28–31"). */
  pages: pageNumbers.optional(),
});
export type Source = z.infer<typeof source>;

/**
 * What a statement rests on: a document in content/references.yaml (with the pages), or one of the
 * demo's assumptions listed there. Pages show the first as a citation and the second as a
 * "demo assumption" label linking to the methodology page's list of assumptions.
 */
export const basis = z.strictObject({
  /** Id of a source in content/references.yaml. */
  source: slug.optional(),
  /** Pages of that source. */
  pages: pageNumbers.optional(),
  /** Id of an assumption in content/references.yaml (instead of a source). */
  assumption: slug.optional(),
});
export type Basis = z.infer<typeof basis>;

const oneBasis = (b: Basis) => (b.source === undefined) !== (b.assumption === undefined) && (b.pages === undefined || b.source !== undefined);
const oneBasisMessage = 'needs either source (with optional pages) or assumption, not both';

/** A statement shown on the site with what it rests on (a cited source or a labelled demo assumption). */
export const claim = basis.extend({
  /** The statement, in each locale. */
  text: localizedText,
}).refine(oneBasis, oneBasisMessage);
export type Claim = z.infer<typeof claim>;

/** A basis alone (for a field whose text is shown elsewhere, e.g. a description). */
export const basisOf = basis.refine(oneBasis, oneBasisMessage);
