import { describe, expect, test } from 'vitest';
import {
  absoluteGrade, budgetChangePercent, competitionRanks, cutAtLeastConsidered, expectedGrades, programRatingFor,
  relativeGrade, relativeGradeCounts, round, totalMatches, weightedTotal,
} from '../../src/lib/grading.ts';

const seoulScale = { type: 'relative' as const, grades: [{ grade: 'S', share: 30 }, { grade: 'A', share: 50 }, { grade: 'B', share: 20 }] };
const absolute = { type: 'absolute' as const, grades: [{ grade: 'S', min: 90 }, { grade: 'A', min: 80 }, { grade: 'B', min: 0 }] };
const review = {
  ratings: [
    { rating: 'effective' as const, min: 90, label: { 'zh-Hant': '有效' } },
    { rating: 'moderately-effective' as const, min: 80, label: { 'zh-Hant': '中等有效' } },
    { rating: 'adequate' as const, min: 70, label: { 'zh-Hant': '足夠' } },
    { rating: 'ineffective' as const, min: 60, label: { 'zh-Hant': '無效' }, cutConsidered: 10 },
    { rating: 'very-ineffective' as const, min: 0, label: { 'zh-Hant': '非常無效' }, cutConsidered: 10 },
  ],
};

describe('totals', () => {
  test('weighted sum of dimension scores plus bonus (2023 specific-evaluation weights)', () => {
    const f = { dimensions: [{ id: 'a', weight: 50 }, { id: 'b', weight: 20 }, { id: 'c', weight: 10 }, { id: 'd', weight: 20 }] } as never;
    expect(weightedTotal(f, { a: 80, b: 90, c: 70, d: 60 }, 2.5)).toBeCloseTo(40 + 18 + 7 + 12 + 2.5, 10);
  });
  test('rounding is half away from zero without binary artefacts', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(84.345, 2)).toBe(84.35);
    expect(round(-2.5, 0)).toBe(-3);
  });
  test('tolerance is 0.01', () => {
    expect(totalMatches(81.51, 81.5)).toBe(true);
    expect(totalMatches(81.52, 81.5)).toBe(false);
  });
});

describe('grades', () => {
  test('relative quotas for the 46 agencies: 14 / 23 / 9', () => {
    expect([...relativeGradeCounts(seoulScale, 46)]).toEqual([['S', 14], ['A', 23], ['B', 9]]);
  });
  test('relative quotas always add up to n', () => {
    for (let n = 1; n <= 60; n++) expect([...relativeGradeCounts(seoulScale, n).values()].reduce((a, b) => a + b, 0)).toBe(n);
  });
  test('ties share a rank and so a grade', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    // Against the definition (1 + how many are higher), on ties, near-ties and unsorted input.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 60; n++) {
      const totals = Array.from({ length: n }, () => Math.round(next() * 40) / 4 + (next() < 0.1 ? 1e-12 : 0));
      expect(competitionRanks(totals)).toEqual(totals.map((t) => 1 + totals.filter((o) => o > t + 1e-9).length));
    }
    expect(expectedGrades(seoulScale, [90, 85, 85, 70, 60, 50, 40, 30, 20, 10])).toEqual(['S', 'S', 'S', 'A', 'A', 'A', 'A', 'A', 'B', 'B']);
    expect(relativeGrade(seoulScale, 10, 4)).toBe('A');
  });
  test('absolute thresholds', () => {
    expect(absoluteGrade(absolute, 90)).toBe('S');
    expect(absoluteGrade(absolute, 89.99)).toBe('A');
    expect(absoluteGrade(absolute, 0)).toBe('B');
  });
});

describe('fiscal program consequences', () => {
  test('rating thresholds', () => {
    expect(programRatingFor(review, 90)).toBe('effective');
    expect(programRatingFor(review, 69.9)).toBe('ineffective');
    expect(programRatingFor(review, 12)).toBe('very-ineffective');
  });
  test('an ineffective program must lose at least 10% the next year', () => {
    expect(budgetChangePercent(1000, 880)).toBeCloseTo(-12);
    expect(cutAtLeastConsidered(review, 'ineffective', 1000, 900)).toBe(true);
    expect(cutAtLeastConsidered(review, 'ineffective', 1000, 950)).toBe(false);
    expect(cutAtLeastConsidered(review, 'ineffective', 1000, undefined)).toBeUndefined();
    expect(cutAtLeastConsidered(review, 'effective', 1000, 500)).toBeUndefined();
  });
});
