import { z } from 'zod';
import { basisOf, claim, localizedText, slug, year } from './common.ts';
import { bodyKind } from './body.ts';

/** A sub-criterion inside a dimension; its weight is a share of the dimension (sub-weights sum to 100). */
export const subCriterion = z.strictObject({
  /** Stable id within the dimension. */
  id: slug,
  /** Name of the sub-criterion. */
  name: localizedText,
  /** Share of the dimension, in percent. */
  weight: z.number().positive('must be greater than 0').max(100, 'must be at most 100'),
  /** How it is assessed (quantitative measure, expert panel, citizen survey …). */
  method: localizedText.optional(),
});

/** A weighted evaluation dimension, e.g. "major policy (50 points)". */
export const dimension = z.strictObject({
  /** Stable id; it is also the column name in the results CSV. */
  id: slug,
  /** Name of the dimension. */
  name: localizedText,
  /** Points this dimension contributes to the total (dimension scores are 0–100). */
  weight: z.number().positive('must be greater than 0'),
  /** Who assesses this dimension, when not the scheme's evaluator. */
  assessedBy: localizedText.optional(),
  /** Sub-criteria with their shares of the dimension. */
  subCriteria: z.array(subCriterion).default([]),
});
export type Dimension = z.infer<typeof dimension>;

/** Absolute grading: a grade for every total at or above its threshold. */
export const absoluteScale = z.strictObject({
  /** Thresholds decide grades. */
  type: z.literal('absolute'),
  /** Grades from best to worst, each with the lowest total that earns it (the last is usually 0). */
  grades: z
    .array(z.strictObject({
      /** Grade label as published (e.g. "S", "A", "優秀"). */
      grade: z.string().min(1),
      /** Lowest total earning this grade. */
      min: z.number(),
      /** Grade name for readers. */
      label: localizedText.optional(),
    }))
    .min(2, 'needs at least two grades'),
});

/** Relative grading: grades by rank, with a share of bodies per grade (e.g. S 30% / A 50% / B 20%). */
export const relativeScale = z.strictObject({
  /** Quotas decide grades. */
  type: z.literal('relative'),
  /** Grades from best to worst, each with its share of the ranked bodies in percent (shares sum to 100). */
  grades: z
    .array(z.strictObject({
      /** Grade label as published. */
      grade: z.string().min(1),
      /** Share of bodies receiving this grade, in percent. */
      share: z.number().positive().max(100),
      /** Grade name for readers. */
      label: localizedText.optional(),
    }))
    .min(2, 'needs at least two grades'),
});
export const gradeScale = z.discriminatedUnion('type', [absoluteScale, relativeScale]);
export type GradeScale = z.infer<typeof gradeScale>;

/** One indicator of a framework (joint evaluation of local governments). */
export const indicator = z.strictObject({
  /** Indicator code as published (e.g. "1-01"); referenced by indicator results. */
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be letters, digits, dots or hyphens'),
  /** Indicator name. */
  name: localizedText,
  /** Dimension (goal) the indicator belongs to. */
  dimension: slug,
  /** Quantitative (numeric target) or qualitative (assessed by a panel). */
  type: z.enum(['quantitative', 'qualitative']),
  /** Unit of target and actual values (quantitative only). */
  unit: localizedText.optional(),
  /** Whether a higher actual value is better (quantitative only). */
  higherIsBetter: z.boolean().default(true),
});
export type Indicator = z.infer<typeof indicator>;

/** The framework of one year: dimensions, weights, bonus, grade scale, indicators. */
export const framework = z.strictObject({
  /** The year this framework applies to. */
  year,
  /** Sum of the dimension weights (before bonus), usually 100. */
  total: z.number().positive().default(100),
  /** Maximum bonus points added on top of the weighted total (0 when there is no bonus). */
  bonusMax: z.number().min(0).default(0),
  /** What the bonus rewards (e.g. "proactive administration"). */
  bonusName: localizedText.optional(),
  /** Weighted dimensions. */
  dimensions: z.array(dimension).min(1, 'needs at least one dimension'),
  /** How totals become grades. */
  grading: gradeScale,
  /** Indicators (only for indicator-based schemes). */
  indicators: z.array(indicator).default([]),
  /** What changed from the previous year. */
  changes: localizedText.optional(),
  /** What this framework's dimensions, weights, bonus, scale and indicators rest on: cited source or demo assumption. */
  claims: z.array(claim).default([]),
});
export type Framework = z.infer<typeof framework>;

/** An evaluation system with yearly frameworks. One YAML file per scheme: `content/schemes/<id>.yaml`. */
export const schemeSchema = z.strictObject({
  /** Stable id, equal to the file name. */
  id: slug,
  /** Name of the scheme. */
  name: localizedText,
  /** Short name for tables and filters. */
  shortName: localizedText.optional(),
  /** What it evaluates and why. */
  description: localizedText,
  /** What the description rests on (a cited source, or a demo assumption). */
  descriptionBasis: basisOf.optional(),
  /** Who runs the evaluation (e.g. the Government Performance Evaluation Committee). */
  runBy: localizedText,
  /** Legal basis. */
  legalBasis: localizedText.optional(),
  /** Kinds of bodies this scheme evaluates. */
  appliesTo: z.array(bodyKind).min(1),
  /** Statements about the scheme as a whole (e.g. how often it runs), with what each rests on. */
  claims: z.array(claim).default([]),
  /** Yearly frameworks, any order; one per year. */
  frameworks: z.array(framework).min(1, 'needs at least one yearly framework'),
});
export type Scheme = z.infer<typeof schemeSchema>;
