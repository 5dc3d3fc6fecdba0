import { z } from 'zod';
import { localizedText, slug } from './common.ts';

/** Timestamp written as ISO 8601 with a time zone (YAML may hand us a Date; we keep the string). */
const isoTimestamp = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp such as 2026-03-01T09:00:00Z' }),
);

/** Shape of a receipt code: public.random_code's alphabet (no 0, 1, I, O), 10 characters. */
const receiptPattern = /^[2-9A-HJ-NP-Z]{10}$/;

/** Receipt code of a counted ballot (public.random_code alphabet, 10 characters). */
export const receiptCode = z.string().regex(receiptPattern, 'must be a 10-character receipt code');

/** Count of score values 1–5 given to one case. */
const scoreDistribution = z.strictObject({
  /** Ballots giving 1. */
  '1': z.number().int().nonnegative(),
  /** Ballots giving 2. */
  '2': z.number().int().nonnegative(),
  /** Ballots giving 3. */
  '3': z.number().int().nonnegative(),
  /** Ballots giving 4. */
  '4': z.number().int().nonnegative(),
  /** Ballots giving 5. */
  '5': z.number().int().nonnegative(),
});

/** The tally of one candidate case. */
export const panelRoundResultSchema = z.strictObject({
  /** Exemplary case id (content/cases/<id>). */
  case: slug,
  /** Approval rounds: ballots approving this case. */
  approvals: z.number().int().nonnegative().optional(),
  /** Score rounds: ballots that scored this case. */
  count: z.number().int().nonnegative().optional(),
  /** Score rounds: mean score, rounded to 3 decimals (null when nobody scored it). */
  mean: z.number().min(1).max(5).nullable().optional(),
  /** Score rounds: how many ballots gave each score. */
  distribution: scoreDistribution.optional(),
});
export type PanelRoundResult = z.infer<typeof panelRoundResultSchema>;

/** Counted ballots from one stratum (frozen at vote time), beside the panel's size in it. */
export const panelTurnoutSchema = z.strictObject({
  /** Category: region, age (band in the closing year) or gender. */
  category: z.enum(['region', 'age', 'gender']),
  /** Value within the category; "unknown" for voters who later deleted their data. */
  value: z.string().min(1),
  /**
   * Counted ballots from this stratum; null when suppressed: fewer than 5, or suppressed as well so
   * that a suppressed cell cannot be worked out from the others and the total
   * (src/lib/panel/suppression.ts).
   */
  voters: z.number().int().nonnegative().nullable(),
  /** Panel members in this stratum (from the draw record), when known. */
  panel: z.number().int().nonnegative().optional(),
});
export type PanelTurnout = z.infer<typeof panelTurnoutSchema>;

/**
 * A closed voting round's published results: `content/panel-rounds/<id>.yaml`, exported by
 * `scripts/staff/round.ts close-export` from round_tally, round_score_distribution, round_turnout and
 * published_receipts. Ballots stay secret: the tally is aggregates only, and the receipts are
 * bare codes, so a receipt proves that a ballot was counted, never how it voted.
 */
export const panelRoundSchema = z
  .strictObject({
    /** Stable id, equal to the file name; used in URLs (`/panel/rounds/<id>/`). */
    id: slug,
    /** Name of the round as shown on the site. */
    title: localizedText,
    /** approval (up to maxApprovals cases per ballot) or score (1–5 per case). */
    method: z.enum(['approval', 'score']),
    /** Approval rounds: most cases one ballot may approve. */
    maxApprovals: z.number().int().positive().optional(),
    /** When voting opened. */
    opensAt: isoTimestamp,
    /** When voting closed (enforced by the database clock). */
    closesAt: isoTimestamp,
    /** Id of the published draw (content/panel-draws/<id>.yaml) whose panel voted. */
    draw: slug,
    /** Id of the round in the panel database (public.voting_rounds.id). */
    databaseId: z.uuid().optional(),
    /** When the results were exported. */
    exportedAt: isoTimestamp,
    /** Counted ballots. */
    ballots: z.number().int().nonnegative(),
    /** Results are published only when at least this many ballots were counted. */
    minBallots: z.number().int().positive(),
    /** True when fewer than minBallots were counted: no tally and no turnout are published. */
    withheld: z.boolean().optional(),
    /** Tally per candidate case, in case id order (empty when withheld). */
    results: z.array(panelRoundResultSchema),
    /** Counted ballots per stratum. */
    turnout: z.array(panelTurnoutSchema),
    /** Every counted ballot's receipt code (never its choices), ascending, each once. */
    receipts: z.array(receiptCode),
    /** Marks invented demo data; pages then say so. */
    demo: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.method === 'approval' && r.maxApprovals === undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxApprovals'], message: 'is required for approval rounds' });
    }
    if (Date.parse(r.closesAt) <= Date.parse(r.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
    }
    if (r.withheld) {
      if (r.ballots >= r.minBallots) ctx.addIssue({ code: 'custom', path: ['withheld'], message: `is true but ${r.ballots} ballots reach the minimum of ${r.minBallots}` });
      if (r.results.length) ctx.addIssue({ code: 'custom', path: ['results'], message: 'must be empty when the results are withheld' });
      if (r.turnout.length) ctx.addIssue({ code: 'custom', path: ['turnout'], message: 'must be empty when the results are withheld' });
    } else {
      if (r.ballots < r.minBallots) ctx.addIssue({ code: 'custom', path: ['ballots'], message: `${r.ballots} ballots are fewer than the minimum of ${r.minBallots}: the results must be withheld` });
      if (r.results.length === 0) ctx.addIssue({ code: 'custom', path: ['results'], message: 'must list every candidate' });
    }
    if (r.receipts.length !== r.ballots) {
      ctx.addIssue({ code: 'custom', path: ['receipts'], message: `lists ${r.receipts.length} receipts but ballots is ${r.ballots}` });
    }
    // Ascending and unique: the order carries no information, and each code counts once.
    // (A malformed code is reported by receiptCode alone.)
    const seen = new Set<string>();
    r.receipts.forEach((code, i) => {
      const prev = r.receipts[i - 1];
      if (!receiptPattern.test(code)) return;
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['receipts', i], message: `duplicate receipt ${code}` });
      else if (prev !== undefined && receiptPattern.test(prev) && code < prev) {
        ctx.addIssue({ code: 'custom', path: ['receipts', i], message: `${code} is out of order (receipts are listed in ascending order; it comes before ${prev})` });
      }
      seen.add(code);
    });
    r.results.forEach((x, i) => {
      const fields = r.method === 'approval' ? x.approvals !== undefined : x.count !== undefined && x.mean !== undefined && x.distribution !== undefined;
      if (!fields) {
        ctx.addIssue({
          code: 'custom', path: ['results', i],
          message: r.method === 'approval' ? 'approval results need approvals' : 'score results need count, mean and distribution',
        });
      }
    });
  });
export type PanelRound = z.infer<typeof panelRoundSchema>;
