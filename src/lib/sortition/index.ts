/** Stratified sortition: LEXIMIN lottery, seeded draw, pool commitment, published draw record. */
export * from './schema.ts';
export { canonicalPool, poolCommitment, compareStrings } from './commitment.ts';
export { SeededRng } from './rng.ts';
export { buildInstance, type Instance, type MemberType, type QuotaRow } from './instance.ts';
export { checkFeasibility } from './feasibility.ts';
export { solveLeximin, LEXIMIN_VERSION, type LeximinResult, type LeximinProgress, type LeximinOptions, type CompositionProbability } from './leximin.ts';
export { singleCategoryBaseline, type BaselineReport, type CategoryBaseline } from './baseline.ts';
export { runDraw, verifyDraw, drawFromLottery, replaceDropouts, stratumCounts, lotteryHash, type DrawOutcome, type DrawInput, type DrawnPanel, type VerifyResult } from './draw.ts';
export { generatePool, REGIONS } from './synthetic.ts';
