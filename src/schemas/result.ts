import { z } from 'zod';
import { localizedText, slug } from './common.ts';
import { localizedCells } from '../i18n/text.ts';
import { csvBoolean, csvInteger, csvNumber, csvOptional, csvText } from './csv.ts';

/**
 * One row of `content/results/<cycle>.csv`: a body's result in a cycle.
 * Besides these columns the file has one column per dimension of the cycle's framework,
 * named by the dimension id, holding the dimension score (0–100).
 */
export const resultRow = z.object({
  /** Body id. */
  body: slug,
  /** Rank in the cycle (1 = best; ties share a rank). */
  rank: csvInteger.pipe(z.number().min(1, 'must be 1 or more')),
  /** Total as published: Σ weight × dimension score / 100 + bonus, rounded to 2 decimals. */
  total: csvNumber,
  /** Grade as published; must agree with the scheme's scale. */
  grade: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  /** Bonus points (0 when the framework has no bonus). */
  bonus: csvOptional(csvNumber).transform((v) => v ?? 0),
  /** Remarks: `remarks` in the source language, `remarks_en`, `remarks_ko` … in the others. */
  ...localizedCells('remarks', csvText),
});

/** A dimension score cell (0–100). */
export const dimensionScore = csvNumber.pipe(z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'));

/** A validated result: body × cycle (what the loader stores and pages read). */
export const resultSchema = z.object({
  /** Cycle id (from the file name). */
  cycle: slug,
  /** Body id. */
  body: slug,
  /** Rank (1 = best). */
  rank: z.number(),
  /** Published total. */
  total: z.number(),
  /** Published grade. */
  grade: z.string(),
  /** Bonus points. */
  bonus: z.number(),
  /** Dimension id → score 0–100, in framework order. */
  scores: z.record(z.string(), z.number()),
  /** Remarks per locale. */
  remarks: localizedText.optional(),
  /** File this came from (for error messages). */
  file: z.string(),
  /** Spreadsheet row this came from (for error messages). */
  line: z.number(),
});
export type Result = z.infer<typeof resultSchema>;

/** One row of `content/indicators/<cycle>.csv`: a body's result on one indicator. */
export const indicatorResultRow = z.object({
  /** Body id. */
  body: slug,
  /** Indicator code from the cycle's framework. */
  indicator: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  /** Target value (quantitative indicators). */
  target: csvOptional(csvNumber),
  /** Actual value (quantitative indicators). */
  actual: csvOptional(csvNumber),
  /** Whether the target was achieved (qualitative: the panel's judgement). */
  achieved: csvBoolean,
  /** Note: `note` in the source language, `note_en`, `note_ko` … in the others. */
  ...localizedCells('note', csvText),
});
export type IndicatorResultRow = z.infer<typeof indicatorResultRow>;

/** A validated indicator result. */
export const indicatorResultSchema = z.object({
  /** Cycle id (from the file name). */
  cycle: slug,
  /** Body id. */
  body: slug,
  /** Indicator code. */
  indicator: z.string(),
  /** Target value (quantitative). */
  target: z.number().optional(),
  /** Actual value (quantitative). */
  actual: z.number().optional(),
  /** Whether the target was achieved. */
  achieved: z.boolean(),
  /** Note per locale. */
  note: localizedText.optional(),
  /** File this came from. */
  file: z.string(),
  /** Spreadsheet row. */
  line: z.number(),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;
