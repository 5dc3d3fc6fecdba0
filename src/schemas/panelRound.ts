import { z } from 'zod';
import { localizedText, slug } from './common.ts';

/** Timestamp written as ISO 8601 with a time zone (YAML may hand us a Date; we keep the string). */
const isoTimestamp = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp such as 2026-03-01T09:00:00Z' }),
);

/** Receipt code of a counted ballot (public.random_code alphabet, 10 characters). */
const receiptCode = z.string().regex(/^[2-9A-HJ-NP-Z]{10}$/, 'must be a 10-character receipt code');

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
  /** Counted ballots from this stratum. */
  voters: z.number().int().nonnegative(),
  /** Panel members in this stratum (from the draw record), when known. */
  panel: z.number().int().nonnegative().optional(),
});
export type PanelTurnout = z.infer<typeof panelTurnoutSchema>;

/** One counted ballot as published after close: its receipt and its choices. */
export const panelReceiptSchema = z.strictObject({
  /** Receipt code the voter was given. */
  receipt: receiptCode,
  /** Approval: approved case ids. Score: case id → score 1–5. */
  choices: z.union([z.array(slug), z.record(slug, z.number().int().min(1).max(5))]),
});
export type PanelReceipt = z.infer<typeof panelReceiptSchema>;

/**
 * A closed voting round's published results: `content/panel-rounds/<id>.yaml`, exported by
 * `scripts/round.ts close-export` from round_tally, round_turnout and published_receipts.
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
    /** Tally per candidate case, in case id order. */
    results: z.array(panelRoundResultSchema).min(1),
    /** Counted ballots per stratum. */
    turnout: z.array(panelTurnoutSchema),
    /** Every counted ballot's receipt and choices, in receipt order. */
    receipts: z.array(panelReceiptSchema),
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
    if (r.receipts.length !== r.ballots) {
      ctx.addIssue({ code: 'custom', path: ['receipts'], message: `lists ${r.receipts.length} receipts but ballots is ${r.ballots}` });
    }
    r.results.forEach((x, i) => {
      const fields = r.method === 'approval' ? x.approvals !== undefined : x.count !== undefined && x.distribution !== undefined;
      if (!fields) {
        ctx.addIssue({
          code: 'custom', path: ['results', i],
          message: r.method === 'approval' ? 'approval results need approvals' : 'score results need count, mean and distribution',
        });
      }
    });
  });
export type PanelRound = z.infer<typeof panelRoundSchema>;
