// A ballot: ONE schema for the browser (src/islands/PanelVote.svelte) and the unit tests. The
// database (cast_ballot) validates again with the same rules and answers ORV03 otherwise.
import * as z from 'zod/mini';

export interface RoundShape {
  method: 'approval' | 'score';
  /** k for approval voting; null for score voting. */
  maxApprovals: number | null;
  /** Candidate case ids. */
  candidates: readonly string[];
}

export type BallotIssue = 'approval.none' | 'approval.tooMany' | 'approval.duplicate' | 'choice.unknown' | 'score.none' | 'score.range';

export const SCORES = [1, 2, 3, 4, 5] as const;

export function ballotSchema(round: RoundShape) {
  const known = new Set(round.candidates);
  const caseId = z.string().check(z.refine((id) => known.has(id), { error: 'choice.unknown' }));
  if (round.method === 'approval') {
    const k = round.maxApprovals ?? 1;
    return z
      .array(caseId)
      .check(
        z.minLength(1, { error: 'approval.none' }),
        z.maxLength(k, { error: 'approval.tooMany' }),
        z.refine((a) => new Set(a).size === a.length, { error: 'approval.duplicate' }),
      );
  }
  return z
    .record(caseId, z.int({ error: 'score.range' }).check(z.gte(1, { error: 'score.range' }), z.lte(5, { error: 'score.range' })))
    .check(z.refine((o) => Object.keys(o).length >= 1, { error: 'score.none' }));
}

export type Choices = string[] | Record<string, number>;

export function validateBallot(round: RoundShape, choices: unknown): { ok: true; value: Choices } | { ok: false; issue: BallotIssue } {
  const r = ballotSchema(round).safeParse(choices);
  if (r.success) return { ok: true, value: r.data as Choices };
  let issue = r.error.issues[0]!;
  // A bad record key comes wrapped: { code: 'invalid_key', issues: [the key's own issue] }.
  while (issue.code === 'invalid_key' && issue.issues[0]) issue = issue.issues[0] as typeof issue;
  return { ok: false, issue: issue.message as BallotIssue };
}
