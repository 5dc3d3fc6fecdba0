import { z } from 'zod';

/** Identifier or category/value label: non-empty, no surrounding whitespace. */
const label = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => s.trim() === s, 'must not have leading or trailing whitespace');

/** One pool member, already pseudonymised: no names, no contact data. */
export const PoolMemberSchema = z.object({
  /** Pseudonymous id, unique within the pool; the only identifier ever published. */
  id: label,
  /** Category name → this member's value in it (e.g. `{ region: "north", gender: "f" }`). */
  features: z.record(label, label),
});
/** One pool member, already pseudonymised. */
export type PoolMember = z.infer<typeof PoolMemberSchema>;

/** The pool the panel is drawn from. Every member must have a value for every quota category. */
export const PoolSchema = z.array(PoolMemberSchema);
/** The pool the panel is drawn from. */
export type Pool = z.infer<typeof PoolSchema>;

/** Inclusive bounds on how many panel members may have one category value. */
export const QuotaSchema = z
  .object({
    /** Fewest panel members with this value. */
    min: z.number().int().nonnegative(),
    /** Most panel members with this value. */
    max: z.number().int().nonnegative(),
  })
  .refine((q) => q.min <= q.max, { message: 'min must be ≤ max' });
/** Inclusive bounds on how many panel members may have one category value. */
export type Quota = z.infer<typeof QuotaSchema>;

/**
 * Quotas: category → value → {min, max}. Every value that occurs in the pool must be listed
 * (use `{min: 0, max: k}` for "no constraint"), so a typo in the pool cannot silently escape them.
 */
export const QuotasSchema = z.record(label, z.record(label, QuotaSchema));
/** Quotas: category → value → {min, max}. */
export type Quotas = z.infer<typeof QuotasSchema>;

/** Panel size k: how many members the panel has. */
export const PanelSizeSchema = z.number().int().positive();

/** Achieved count for one stratum (category value) in the drawn panel, beside its quota. */
export const StratumCountSchema = z.object({
  /** Category name. */
  category: z.string(),
  /** Value within the category. */
  value: z.string(),
  /** Members of the pool with this value. */
  pool: z.number().int().nonnegative(),
  /** Members of the drawn panel with this value. */
  selected: z.number().int().nonnegative(),
  /** Quota lower bound. */
  min: z.number().int().nonnegative(),
  /** Quota upper bound. */
  max: z.number().int().nonnegative(),
});
/** Achieved count for one stratum in the drawn panel. */
export type StratumCount = z.infer<typeof StratumCountSchema>;

/** A seat left empty (declined, lapsed, withdrawn) and the reserve who was called to fill it. */
export const ReplacementSchema = z.object({
  /** Pseudonym whose seat was left empty. */
  out: z.string(),
  /** Pseudonym of the reserve called to it. */
  in: z.string(),
  /** Why the seat was empty: declined, did not confirm in time (lapsed), or withdrew. */
  reason: z.enum(['declined', 'lapsed', 'withdrawn']),
  /** When the reserve was called (ISO 8601). */
  at: z.string(),
});
/** A seat left empty and the reserve called to fill it. */
export type Replacement = z.infer<typeof ReplacementSchema>;

/**
 * Seat changes since the draw, appended to the published record by `npm run panel:seats --
 * replace`. Replacements are listed in the order they were made; each must be the first reserve
 * in the published order that was still available and kept every quota (`verifySeatChanges`).
 */
export const SeatChangesSchema = z.object({
  /** Replacements, in the order they were made. */
  replacements: z.array(ReplacementSchema),
  /** Reserves who withdrew before being called (skipped by every replacement). */
  unavailable: z.array(z.string()),
  /** Seats empty now: no available reserve kept the quotas, or emptied since the last replacement run. */
  unfilled: z.array(z.string()),
  /** When this section was last written (ISO 8601). */
  updatedAt: z.string(),
});
/** Seat changes since the draw. */
export type SeatChanges = z.infer<typeof SeatChangesSchema>;

/** The published record of one draw: everything needed to re-check it from the published pool. */
export const DrawRecordSchema = z.object({
  /** Record format version, bumped on incompatible changes. */
  format: z.literal('open-results/panel-draw/v1'),
  /** Algorithm that produced the selection distribution and the draw. */
  algorithm: z.object({
    /** Algorithm name, e.g. "leximin". */
    name: z.string(),
    /** Version of our implementation; a verifier must run the same version. */
    version: z.string(),
    /** HiGHS solver version used for the LPs/ILPs (results are reproducible with the same build). */
    solver: z.string(),
  }),
  /** Panel size k. */
  panelSize: PanelSizeSchema,
  /** Quotas the panel had to satisfy. */
  quotas: QuotasSchema,
  /** Number of people in the pool. */
  poolSize: z.number().int().positive(),
  /** SHA-256 (hex) of the canonical pool serialisation, published before the draw. */
  poolCommitment: z.string().regex(/^[0-9a-f]{64}$/),
  /** Public random seed (e.g. a lottery result announced after the commitment). */
  seed: z.string().min(1),
  /** Selection-probability summary of the LEXIMIN distribution, over all pool members. */
  selectionProbability: z.object({
    /** Lowest probability any pool member had of being selected. */
    min: z.number(),
    /** Highest probability any pool member had of being selected. */
    max: z.number(),
    /** Mean probability (= panel size / pool size). */
    mean: z.number(),
  }),
  /**
   * Reference figure: min probability of the best proportional stratified draw on one category
   * alone. Its panels ignore the other categories' quotas, so LEXIMIN (which meets them all) can be
   * lower; `npm run bench` compares LEXIMIN with stratified draws that meet every quota.
   */
  baseline: z.object({
    /** Category the baseline stratified on. */
    category: z.string(),
    /** Its lowest selection probability across pool members. */
    minProbability: z.number(),
  }),
  /** Number of distinct panel compositions in the distribution the panel was drawn from. */
  distributionSize: z.number().int().positive(),
  /** SHA-256 of the canonical distribution (compositions + probabilities), to pin the exact lottery. */
  distributionHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Achieved counts per stratum, one entry per category value. */
  strata: z.array(StratumCountSchema),
  /** The panel, as pseudonymous ids in ascending id order. */
  panel: z.array(z.string()),
  /**
   * Everyone not selected, in seeded random order. To replace a dropout, take the first reserve
   * who is not yet on the panel and whose swap-in keeps every quota (see `replaceDropouts`).
   */
  reserve: z.array(z.string()),
  /** When the record was produced (ISO 8601); informational, not part of verification. */
  createdAt: z.string().optional(),
  /** How many of the reserve order, in order, were given reserve seats (replacements come only from them). */
  reserveRecorded: z.number().int().nonnegative().optional(),
  /** What happened to the seats after the draw; `verify` replays every replacement. */
  seatChanges: SeatChangesSchema.optional(),
});
/** The published record of one draw. */
export type DrawRecord = z.infer<typeof DrawRecordSchema>;

/** Error for quotas no panel can satisfy; `category`/`value` name the first culprit found. */
export class InfeasibleQuotasError extends Error {
  /** Category whose quotas cannot be met (or the first of a conflicting set). */
  readonly category: string | undefined;
  /** Value within that category, when the fault is one value's quota. */
  readonly value: string | undefined;
  constructor(message: string, category?: string, value?: string) {
    super(message);
    this.name = 'InfeasibleQuotasError';
    this.category = category;
    this.value = value;
  }
}

/** Error for a pool/quota pair that is malformed (unknown values, duplicate ids, …). */
export class PoolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolInputError';
  }
}
