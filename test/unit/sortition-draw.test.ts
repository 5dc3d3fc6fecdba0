import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { drawFromLottery, replaceDropouts, runDraw, stratumCounts, verifyDraw, type DrawOutcome } from '../../src/lib/sortition/draw.ts';
import { buildInstance } from '../../src/lib/sortition/instance.ts';
import { FastRng, SeededRng } from '../../src/lib/sortition/rng.ts';
import { generatePool } from '../../src/lib/sortition/synthetic.ts';
import { legacyGreedyBaseline, singleCategoryBaseline, stratifiedDrawBaselines } from '../../src/lib/sortition/baseline.ts';

const { pool, quotas } = generatePool(300, 'draw-tests', 30);
let outcome: DrawOutcome;

beforeAll(async () => {
  outcome = await runDraw({ pool, quotas, panelSize: 30, seed: 'lottery 2025-01-01: 12 34 56' });
}, 120_000);

describe('seeded draw', () => {
  test('the drawn panel meets every quota, for many seeds', () => {
    for (let s = 0; s < 300; s++) {
      const d = drawFromLottery(outcome.instance, outcome.lottery, `seed-${s}`);
      expect(d.panel).toHaveLength(30);
      expect(new Set(d.panel).size).toBe(30);
      expect(d.panel.length + d.reserve.length).toBe(pool.length);
      for (const st of stratumCounts(outcome.instance, d.panel)) {
        expect(st.selected, `${st.category}=${st.value} seed-${s}`).toBeGreaterThanOrEqual(st.min);
        expect(st.selected, `${st.category}=${st.value} seed-${s}`).toBeLessThanOrEqual(st.max);
      }
    }
  });

  test('same seed → same panel and reserve; different seeds → different panels', () => {
    const a = drawFromLottery(outcome.instance, outcome.lottery, 'x');
    const b = drawFromLottery(outcome.instance, outcome.lottery, 'x');
    expect(b).toEqual(a);
    const panels = new Set<string>();
    for (let s = 0; s < 50; s++) panels.add(drawFromLottery(outcome.instance, outcome.lottery, `s${s}`).panel.join(','));
    expect(panels.size).toBe(50);
  });

  test('the whole pipeline is reproducible: a second solve gives the identical record', async () => {
    const again = await runDraw({ pool: [...pool].reverse(), quotas, panelSize: 30, seed: 'lottery 2025-01-01: 12 34 56' });
    expect(again.record.distributionHash).toBe(outcome.record.distributionHash);
    expect(again.record.panel).toEqual(outcome.record.panel);
    expect(again.record.reserve).toEqual(outcome.record.reserve);
    expect(again.record.poolCommitment).toBe(outcome.record.poolCommitment);
  }, 120_000);

  test('selection frequencies over many seeds match the leximin probabilities', () => {
    const draws = 4000;
    const hits = new Map<number, number>();
    const typeOf = new Map<string, number>();
    outcome.instance.types.forEach((t, i) => t.ids.forEach((id) => typeOf.set(id, i)));
    for (let s = 0; s < draws; s++) {
      for (const id of drawFromLottery(outcome.instance, outcome.lottery, `f${s}`).panel) {
        const t = typeOf.get(id)!;
        hits.set(t, (hits.get(t) ?? 0) + 1);
      }
    }
    outcome.instance.types.forEach((t, i) => {
      const p = outcome.lottery.typeProbabilities[i]!;
      const trials = draws * t.ids.length;
      const freq = (hits.get(i) ?? 0) / trials;
      // 5 standard deviations (plus a small floor): fails only if the draw doesn't follow the lottery.
      expect(Math.abs(freq - p), `type ${t.values.join('/')}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / trials) + 1e-3);
    });
  });

  test('record summary is consistent', () => {
    const r = outcome.record;
    expect(r.panel).toHaveLength(30);
    expect(r.selectionProbability.mean).toBeCloseTo(30 / 300, 9);
    expect(r.selectionProbability.min).toBeLessThanOrEqual(r.selectionProbability.mean);
    expect(r.selectionProbability.max).toBeGreaterThanOrEqual(r.selectionProbability.mean);
    expect(r.strata).toHaveLength(Object.values(quotas).reduce((s, v) => s + Object.keys(v).length, 0));
    expect([...outcome.marginals.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(30, 6);
  });

  test('verify accepts the record and rejects a tampered one', async () => {
    expect(await verifyDraw(outcome.record, pool)).toEqual({ ok: true, problems: [] });
    const tampered = { ...outcome.record, panel: [...outcome.record.panel.slice(1), outcome.record.reserve[0]!].sort() };
    const res = await verifyDraw(tampered, pool);
    expect(res.ok).toBe(false);
    expect(res.problems.join('\n')).toMatch(/panel differs/);
    const otherPool = pool.map((m, i) => (i === 0 ? { ...m, id: 'someone-else' } : m));
    expect((await verifyDraw(outcome.record, otherPool)).problems[0]).toMatch(/commitment mismatch/);
  }, 120_000);

  test('dropouts are replaced from the reserve without breaking quotas', () => {
    const r = outcome.record;
    const out = r.panel.slice(0, 4);
    const res = replaceDropouts(r, pool, out);
    expect(res.replacements.length + res.unfilled.length).toBe(4);
    expect(res.panel).toHaveLength(30 - res.unfilled.length);
    for (const x of out) expect(res.panel).not.toContain(x);
    if (res.unfilled.length === 0) {
      for (const st of stratumCounts(buildInstance(pool, quotas, 30), res.panel)) {
        expect(st.selected).toBeGreaterThanOrEqual(st.min);
        expect(st.selected).toBeLessThanOrEqual(st.max);
      }
    }
    // Deterministic: the first eligible reserve in published order.
    expect(replaceDropouts(r, pool, out)).toEqual(res);
  });
});

describe('baseline', () => {
  test('proportional single-category draw gives seats that sum to k within quotas', () => {
    const inst = buildInstance(pool, quotas, 30);
    const b = singleCategoryBaseline(inst);
    for (const c of b.perCategory) {
      expect(Object.values(c.seats).reduce((a, x) => a + x, 0)).toBe(30);
      for (const [v, s] of Object.entries(c.seats)) {
        expect(s).toBeGreaterThanOrEqual(quotas[c.category]![v]!.min);
        expect(s).toBeLessThanOrEqual(quotas[c.category]![v]!.max);
      }
    }
    expect(b.best.minProbability).toBe(Math.max(...b.perCategory.map((c) => c.minProbability)));
    expect(b.singleCategoryMaxMin.minProbability).toBeGreaterThanOrEqual(b.best.minProbability);
    // LEXIMIN also meets every single category's quotas, so it cannot beat the one-category max-min bound.
    expect(outcome.record.selectionProbability.min).toBeLessThanOrEqual(b.singleCategoryMaxMin.minProbability + 1e-9);
  });
});

describe('single-category stratified draws that meet every quota', () => {
  test('on the generated skewed pool, LEXIMIN beats every usable one beyond Monte Carlo noise', () => {
    const inst = buildInstance(pool, quotas, 30);
    const { all, best } = stratifiedDrawBaselines(inst, { rng: new FastRng('t'), maxTries: 400_000, targetAccepted: 4_000, giveUpAfter: 100_000 });
    expect(new Set(all.map((b) => b.category))).toEqual(new Set(inst.categories));
    const usable = all.filter((b) => b.minUpperBound !== null);
    expect(usable.length).toBeGreaterThan(0);
    expect(best).not.toBeNull();
    for (const b of usable) {
      // Each accepted draw met every quota; probabilities then add up to the panel size.
      const seats = b.typeProbabilities!.reduce((s, p, t) => s + p * inst.types[t]!.ids.length, 0);
      expect(seats).toBeCloseTo(30, 9);
      expect(outcome.record.selectionProbability.min, `${b.category}/${b.allocation}`).toBeGreaterThanOrEqual(b.minUpperBound!);
    }
  });
});

describe('legacy greedy baseline', () => {
  test('selects k per draw, and LEXIMIN is at least as fair as its (estimated) minimum', () => {
    const inst = buildInstance(pool, quotas, 30);
    const g = legacyGreedyBaseline(inst, 3000, new SeededRng('t', 'greedy'));
    expect(g.runs).toBe(3000);
    const expectedSeats = g.typeProbabilities.reduce((s, p, t) => s + p * inst.types[t]!.ids.length, 0);
    expect(expectedSeats).toBeCloseTo(30, 9);
    // LEXIMIN maximises the minimum over every quota-respecting lottery, the greedy's included.
    const t = g.typeProbabilities.indexOf(g.minProbability);
    const sd = Math.sqrt(g.minProbability / (3000 * inst.types[t]!.ids.length));
    expect(outcome.record.selectionProbability.min).toBeGreaterThanOrEqual(g.minProbability - 4 * sd);
  });
});

describe('RNG', () => {
  test('follows the documented SHA-256 counter construction', () => {
    const block = createHash('sha256').update('open-results/sortition-rng/v1\0abc\0s\0' + '0').digest();
    const rng = new SeededRng('abc', 's');
    for (let i = 0; i < 8; i++) expect(rng.nextUint32()).toBe(block.readUInt32BE(4 * i));
    const block1 = createHash('sha256').update('open-results/sortition-rng/v1\0abc\0s\0' + '1').digest();
    expect(rng.nextUint32()).toBe(block1.readUInt32BE(0));
  });

  test('nextInt is in range and roughly uniform; streams are independent', () => {
    const rng = new SeededRng('u', 'x');
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[rng.nextInt(7)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
    expect(new SeededRng('u', 'x').nextUint32()).not.toBe(new SeededRng('u', 'y').nextUint32());
    const f = new SeededRng('u', 'f').nextFloat();
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
  });
});
