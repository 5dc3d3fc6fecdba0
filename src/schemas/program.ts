import { z } from 'zod';
import { basisOf, claim, isoDate, localizedText, slug, year } from './common.ts';
import { localizedCells } from '../i18n/text.ts';
import { csvNumber, csvOptional, csvText } from './csv.ts';

/** The five-step rating of fiscal programs, best first (seed: 有效、中等有效、足夠、無效、非常無效). */
export const programRatings = ['effective', 'moderately-effective', 'adequate', 'ineffective', 'very-ineffective'] as const;
export const programRating = z.enum(programRatings);
export type ProgramRatingValue = z.infer<typeof programRating>;

/**
 * How fiscal programs are reviewed: criteria with maximum points (plan 10, execution 30,
 * outcomes 40, excellence 10, improvement 10), rating thresholds and the budget cut a rating
 * is considered for. `content/program-review.yaml`.
 */
export const programReviewSchema = z.strictObject({
  /** Name of the review. */
  name: localizedText,
  /** What it does. */
  description: localizedText,
  /** What the description rests on (a cited source, or a demo assumption). */
  descriptionBasis: basisOf.optional(),
  /** Who runs it (e.g. the central budget authority). */
  runBy: localizedText,
  /** Criteria in order; their maxima sum to 100. */
  criteria: z
    .array(z.strictObject({
      /** Column name in the ratings CSV. */
      id: slug,
      /** Criterion name. */
      name: localizedText,
      /** Maximum points. */
      max: z.number().positive(),
      /** What it assesses. */
      description: localizedText.optional(),
    }))
    .min(1),
  /** The five ratings, best first, each with its lowest total and budget consequence. */
  ratings: z
    .array(z.strictObject({
      /** Rating id. */
      rating: programRating,
      /** Lowest total earning it. */
      min: z.number().min(0),
      /** Label for readers. */
      label: localizedText,
      /**
       * Programs with this rating are considered for a cut of at least this many percent of next
       * year's budget (the source's wording: considered, not required), if any.
       */
      cutConsidered: z.number().min(0).max(100).optional(),
      /** What that consideration rests on (the source's wording, or a demo assumption). */
      cutBasis: basisOf.optional(),
    }))
    .length(5, 'needs exactly the five ratings'),
  /** Statements about the review (criteria, thresholds, budget consequences), with what each rests on. */
  claims: z.array(claim).default([]),
  /** When each year's ratings were published (citations date a program's page by them). */
  published: z.array(z.strictObject({ year, date: isoDate })).default([]),
});
export type ProgramReview = z.infer<typeof programReviewSchema>;

/** A fiscal program. One YAML file per program: `content/programs/<id>.yaml`. */
export const programSchema = z.strictObject({
  /** Stable id, equal to the file name. */
  id: slug,
  /** Program name. */
  name: localizedText,
  /** Body that owns the program. */
  body: slug,
  /** Policy sector. */
  sector: localizedText.optional(),
  /** What the program does. */
  description: localizedText.optional(),
});
export type Program = z.infer<typeof programSchema>;

/**
 * One row of `content/program-ratings/<year>.csv`: a program's rating in a year.
 * Besides these columns the file has one column per review criterion (plan, execution, …).
 */
export const programRatingRow = z.object({
  /** Program id. */
  program: slug,
  /** Budget of the rated year, in the site's budget unit (site.yaml: currency × budgetScale). */
  budget: csvNumber.pipe(z.number().min(0, 'must not be negative')),
  /** Total of the criteria scores. */
  total: csvNumber,
  /** Rating; must agree with the thresholds. */
  rating: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), programRating),
  /** Budget adopted for the next year (empty until adopted). */
  next_budget: csvOptional(csvNumber.pipe(z.number().min(0, 'must not be negative'))),
  /**
   * Why this year's budget differs from the next-year budget adopted in last year's rating (e.g. a
   * supplementary budget): `budget_note` in the source language, `budget_note_en` … in the others.
   */
  ...localizedCells('budget_note', csvText),
  /** Remarks: `remarks` in the source language, `remarks_en`, `remarks_ko` … in the others. */
  ...localizedCells('remarks', csvText),
});

/** A validated program rating (what the loader stores and pages read). */
export const programRatingSchema = z.object({
  /** Program id. */
  program: slug,
  /** Rated year (from the file name). */
  year: z.number(),
  /** Budget of the rated year (site.yaml budget unit). */
  budget: z.number(),
  /** Criterion id → points. */
  scores: z.record(z.string(), z.number()),
  /** Total points. */
  total: z.number(),
  /** Rating. */
  rating: programRating,
  /** Next year's adopted budget (site.yaml budget unit), when known. */
  nextBudget: z.number().optional(),
  /** Why this year's budget differs from last year's adopted next-year budget, per locale. */
  budgetNote: localizedText.optional(),
  /** Remarks per locale. */
  remarks: localizedText.optional(),
  /** File this came from. */
  file: z.string(),
  /** Spreadsheet row. */
  line: z.number(),
});
export type ProgramRating = z.infer<typeof programRatingSchema>;
