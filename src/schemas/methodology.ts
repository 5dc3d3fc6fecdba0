import { z } from 'zod';
import { pageNumbers, slug } from './common.ts';

/**
 * Front matter of `content/methodology/<locale>.md`, the prose of the methodology page. Its
 * `##` headings are listed here, in order, with the anchor id each section gets, so links to a
 * section work in every locale.
 */
export const methodologySchema = z.strictObject({
  /** One entry per `##` heading of the text, in order. */
  sections: z
    .array(z.strictObject({
      /** Anchor id of the section (the same in every locale). */
      id: slug,
      /** The heading exactly as written after `## `. */
      title: z.string().trim().min(1),
      /** The source (content/references.yaml) this section summarises; the page cites it after the section. */
      source: slug.optional(),
      /** Pages of that source. */
      pages: pageNumbers.optional(),
    }))
    .min(1, 'needs at least one section'),
});
