import { z } from 'zod';
import { localizedText, slug } from './common.ts';

/**
 * What kind of organisation is evaluated. The seeds' structure: central agencies
 * (ministerial / vice-ministerial), local governments (metropolitan / provincial),
 * public institutions (public enterprises / quasi-governmental bodies).
 */
export const bodyKinds = [
  'central-ministerial',
  'central-vice-ministerial',
  'local-metropolitan',
  'local-provincial',
  'public-enterprise',
  'public-quasi-governmental',
] as const;
export const bodyKind = z.enum(bodyKinds);
export type BodyKind = z.infer<typeof bodyKind>;

/** The three groups the kinds fall into, used for filters and lists. */
export type BodyGroup = 'central' | 'local' | 'public';
export function bodyGroup(kind: BodyKind): BodyGroup {
  return kind.startsWith('central') ? 'central' : kind.startsWith('local') ? 'local' : 'public';
}

/** An evaluated organisation. One YAML file per body: `content/bodies/<id>.yaml`. */
export const bodySchema = z.strictObject({
  /** Stable id, equal to the file name; used in URLs and every reference. */
  id: slug,
  /** Official name. */
  name: localizedText,
  /** Short name used in tables and charts. */
  shortName: localizedText.optional(),
  /** Kind of organisation (decides which schemes evaluate it). */
  kind: bodyKind,
  /** Supervising body id (e.g. the ministry above a vice-ministerial agency). */
  parent: slug.optional(),
  /** Region id (one of the local governments) for local bodies and regional filters. */
  region: slug.optional(),
  /** Official website. */
  website: z.url().optional(),
  /** Year the body was established, when it matters for history. */
  established: z.number().int().optional(),
  /** Year the body was abolished or merged; its results stay published. */
  abolished: z.number().int().optional(),
  /**
   * True for the filler bodies `npm run generate -- --scale N` invents to make benchmark sites
   * bigger; never in a real deployment's content. They get their kind's share card rather than an
   * image of their own (docs/seo.md), so a ×100 build's time measures pages, not pictures.
   */
  generated: z.boolean().optional(),
});
export type Body = z.infer<typeof bodySchema>;
