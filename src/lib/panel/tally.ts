// Tallies computed from the counted ballots (published receipts or raw ballots), the same
// way round_tally() does in the database: approvals per case, or score count/mean/distribution.
import type { PanelRoundResult } from '../../schemas/panelRound.ts';

export type BallotChoices = string[] | Record<string, number>;

/** Mean rounded half away from zero to 3 decimals, like PostgreSQL's round(numeric, 3). */
export function round3(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 1000 + 1e-9) / 1000;
}

export function tallyBallots(method: 'approval' | 'score', candidates: readonly string[], ballots: readonly BallotChoices[]): PanelRoundResult[] {
  return [...candidates].sort().map((id) => {
    if (method === 'approval') {
      return { case: id, approvals: ballots.filter((b) => Array.isArray(b) && b.includes(id)).length };
    }
    const scores = ballots
      .map((b) => (Array.isArray(b) ? undefined : b[id]))
      .filter((v): v is number => typeof v === 'number');
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const s of scores) distribution[String(s) as keyof typeof distribution]++;
    const sum = scores.reduce((a, b) => a + b, 0);
    return { case: id, count: scores.length, mean: scores.length ? round3(sum / scores.length) : null, distribution };
  });
}
