// Small-cell suppression of published turnout (src/lib/panel/suppression.ts).
import { describe, expect, test } from 'vitest';
import { feasibleRange, suppressTurnout, type TurnoutCell } from '../../src/lib/panel/suppression.ts';

const cells = (category: string, rows: [string, number, number?][]): TurnoutCell[] =>
  rows.map(([value, voters, panel]) => ({ category, value, voters, ...(panel === undefined ? {} : { panel }) }));
const shown = (out: { voters: number | null }[]) => out.map((c) => c.voters);

describe('turnout suppression', () => {
  test('cells under 5 are suppressed; a lone suppressed cell gets a complement so it cannot be subtracted out', () => {
    // 12 ballots: 8 + 4. Publishing 8 alone would give away the 4.
    expect(shown(suppressTurnout(cells('gender', [['female', 8], ['male', 4]]), 12))).toEqual([null, null]);
    // 7 + 3 + 2: two small cells hide each other.
    expect(shown(suppressTurnout(cells('age', [['30-39', 7], ['40-49', 3], ['50-59', 2]]), 12))).toEqual([7, null, null]);
    // Nothing small: everything published.
    expect(shown(suppressTurnout(cells('age', [['30-39', 7], ['40-49', 5]]), 12))).toEqual([7, 5]);
  });

  test('the issue\'s example (one ballot: Seoul 1 of 1, 40-49: 1, female: 1) publishes no cell', () => {
    const out = suppressTurnout([
      ...cells('region', [['seoul', 1, 1], ['busan', 0, 3]]),
      ...cells('age', [['40-49', 1, 2], ['50-59', 0, 2]]),
      ...cells('gender', [['female', 1, 2], ['male', 0, 2]]),
    ], 1);
    expect(shown(out)).toEqual([null, null, null, null, null, null]);
  });

  test('panel sizes bound the cells: a suppressed pair that the caps pin is widened', () => {
    // female 7 of 10, male 4 of 4, other 1 of 1; 12 ballots. Suppressing male and other leaves 5
    // between them, and male holds at most 4, other at most 1: both pinned. Female goes too.
    const rows = cells('gender', [['female', 7, 10], ['male', 4, 4], ['other', 1, 1]]);
    const out = suppressTurnout(rows, 12);
    expect(shown(out)).toEqual([null, null, null]);
    const primaryOnly = rows.map((c) => ({ ...c, voters: c.voters < 5 ? null : c.voters }));
    expect(feasibleRange(primaryOnly, 12, 1)).toEqual([4, 4]); // what primary suppression alone would give away
    for (let i = 0; i < 3; i++) {
      const [lo, hi] = feasibleRange(out, 12, i);
      expect(hi).toBeGreaterThan(lo);
    }
  });

  test('categories are suppressed independently and keep their order', () => {
    const out = suppressTurnout([...cells('region', [['seoul', 9], ['jeju', 3]]), ...cells('gender', [['female', 6], ['male', 6]])], 12);
    expect(out.map((c) => [c.category, c.value, c.voters])).toEqual([
      ['region', 'seoul', null], ['region', 'jeju', null], ['gender', 'female', 6], ['gender', 'male', 6],
    ]);
  });
});
