import { z } from 'zod';
import { basisOf, localizedText, slug, source, year } from './common.ts';

/** Policy categories of exemplary cases (filters and lists). */
export const caseCategories = ['culture', 'welfare', 'safety', 'environment', 'economy', 'digital', 'transport', 'health', 'administration'] as const;

/** An image with its text alternative in the file's language. */
export const caseImage = z.strictObject({
  /** Path under `public/` (e.g. `/images/cases/seoul-mobile-library.svg`). */
  src: z.string().regex(/^\/[\w./-]+$/, 'must be a site path starting with "/"'),
  /** Text alternative describing the image; required. */
  alt: z.string().trim().min(1, 'is required: describe the image'),
  /** Caption shown under the image. */
  caption: z.string().optional(),
});

/**
 * Front matter shared by every locale file of a case, `content/cases/<id>/<locale>.md`.
 * Facts (body, year, category, sources) live in the zh-Hant file; other locale files
 * translate only the words.
 */
export const caseTranslationSchema = z.strictObject({
  /** Title in this file's language. */
  title: z.string().trim().min(1, 'is required'),
  /** One-paragraph summary in this language. */
  summary: z.string().trim().min(1, 'is required'),
  /** Outcomes, one sentence each. */
  outcomes: z.array(z.string().trim().min(1)).default([]),
  /** Images with text alternatives in this language. */
  images: z.array(caseImage).default([]),
});

/** Front matter of the zh-Hant (source) file of a case. */
export const caseSchema = caseTranslationSchema.extend({
  /** Body that ran the case. */
  body: slug,
  /** Year the case was submitted. */
  year,
  /** Policy category. */
  category: z.enum(caseCategories),
  /** Evaluation cycle the case was submitted to, if any. */
  cycle: slug.optional(),
  /** True when the case is a documented real case (e.g. from the source report); false for invented demo cases. */
  factual: z.boolean(),
  /** Where the facts come from. */
  sources: z.array(source).default([]),
  /**
   * What the page's text rests on: for a factual case, the source in content/references.yaml and
   * its pages (the page cites it); for an invented one, the demo assumption that says so.
   */
  basis: basisOf.optional(),
  /** Award or recognition received, if any. */
  award: localizedText.optional(),
});
export type CaseFrontmatter = z.infer<typeof caseSchema>;
export type CaseTranslation = z.infer<typeof caseTranslationSchema>;
