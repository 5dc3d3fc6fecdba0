// Published panel content: every file in content/panel-commitments, content/panel-draws and
// content/panel-rounds is valid,
// and each round's published tally adds up (recomputed here independently of
// src/lib/panel/tally.ts). Ballots are secret: receipts are bare codes, never choices. Bad files
// are reported as path:line: field: reason.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadPanelContent } from '../../src/lib/panel/content.ts';
import { formatProblem } from '../../src/lib/files/problems.ts';

const CONTENT = 'content';
const RECEIPT = /^[2-9A-HJ-NP-Z]{10}$/;

describe('published panel content', () => {
  const { content, problems } = loadPanelContent(CONTENT);

  test('validates without problems, with the demo draw and closed round present', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(content.draws.length).toBeGreaterThan(0);
    expect(content.rounds.length).toBeGreaterThan(0);
  });

  test('each round publishes bare receipt codes, ascending and unique, one per ballot, and no choices', () => {
    for (const file of readdirSync(join(CONTENT, 'panel-rounds'))) {
      const text = readFileSync(join(CONTENT, 'panel-rounds', file), 'utf8');
      const r = parse(text);
      expect(r.receipts.length, file).toBe(r.ballots);
      for (const x of r.receipts) expect(x, file).toMatch(RECEIPT); // a string: no object with choices
      expect([...r.receipts].sort(), file).toEqual(r.receipts);
      expect(new Set(r.receipts).size, file).toBe(r.receipts.length);
      expect(text, file).not.toMatch(/choices/);
    }
  });

  test('each round tally adds up: counts, means and turnout follow from the published numbers', () => {
    for (const file of readdirSync(join(CONTENT, 'panel-rounds'))) {
      const r = parse(readFileSync(join(CONTENT, 'panel-rounds', file), 'utf8'));
      for (const res of r.results) {
        if (r.method === 'approval') {
          expect(res.approvals, `${file} ${res.case}`).toBeLessThanOrEqual(r.ballots);
        } else {
          const d = [1, 2, 3, 4, 5].map((s) => res.distribution[String(s)] as number);
          const count = d.reduce((a, b) => a + b, 0);
          expect(res.count, `${file} ${res.case}`).toBe(count);
          expect(res.count, `${file} ${res.case}`).toBeLessThanOrEqual(r.ballots);
          const sum = d.reduce((a, n, i) => a + (i + 1) * n, 0);
          expect(res.mean, `${file} ${res.case}`).toBe(count ? Number((sum / count).toFixed(3)) : null);
        }
      }
      // Each category adds up to the ballots; suppressed cells (null) hide a part, never one small cell alone.
      for (const cat of new Set<string>(r.turnout.map((t: { category: string }) => t.category))) {
        const cells = r.turnout.filter((t: { category: string }) => t.category === cat) as { voters: number | null }[];
        const shown = cells.reduce((a, t) => a + (t.voters ?? 0), 0);
        const hidden = cells.filter((t) => t.voters === null).length;
        if (hidden === 0) expect(shown, `${file} turnout ${cat}`).toBe(r.ballots);
        else expect(hidden, `${file} turnout ${cat}`).toBeGreaterThan(1);
        for (const t of cells) if (t.voters !== null) expect(t.voters, `${file} turnout ${cat}`).toBeGreaterThanOrEqual(5);
      }
    }
  });

  test('pool files hold the pseudonym and exactly the strata the quotas use (age band, never birth year)', () => {
    for (const f of readdirSync(join(CONTENT, 'panel-draws')).filter((x) => x.endsWith('.yaml'))) {
      const draw = parse(readFileSync(join(CONTENT, 'panel-draws', f), 'utf8'));
      const lines = readFileSync(join(CONTENT, 'panel-draws', draw.poolFile), 'utf8').trim().split('\n');
      expect(lines[0]).toBe(['id', ...Object.keys(draw.quotas).sort()].join(','));
      const pattern: Record<string, string> = { region: '[a-z]+', age: '(18-29|30-39|40-49|50-59|60-69|70\\+)', gender: '(female|male|other)' };
      const row = new RegExp(`^[2-9A-HJ-NP-Z]{10},${Object.keys(draw.quotas).sort().map((c) => pattern[c]).join(',')}$`);
      for (const l of lines.slice(1)) expect(l).toMatch(row);
    }
  });
});

describe('problems name the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'or-panel-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(CONTENT, 'panel-commitments'), join(dir, 'panel-commitments'), { recursive: true });
  cpSync(join(CONTENT, 'panel-draws'), join(dir, 'panel-draws'), { recursive: true });
  cpSync(join(CONTENT, 'panel-rounds'), join(dir, 'panel-rounds'), { recursive: true });
  cpSync(join(CONTENT, 'cases'), join(dir, 'cases'), { recursive: true });
  const roundFile = readdirSync(join(dir, 'panel-rounds'))[0]!;
  const drawFile = readdirSync(join(dir, 'panel-draws')).find((f) => f.endsWith('.yaml'))!;
  const original = readFileSync(join(dir, 'panel-rounds', roundFile), 'utf8');
  const at = `panel-rounds/${roundFile}`;
  afterEach(() => writeFileSync(join(dir, 'panel-rounds', roundFile), original));

  const lineOf = (text: string, needle: string | RegExp, from = 0) => {
    const lines = text.split('\n');
    const i = lines.findIndex((l, n) => n >= from && (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));
    if (i < 0) throw new Error(`fixture has no line matching ${String(needle)}`);
    return i + 1;
  };
  /** Loads the folder with the round file replaced by `text`; returns the formatted problems. */
  const problemsWith = (text: string) => {
    writeFileSync(join(dir, 'panel-rounds', roundFile), text);
    return loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem);
  };
  type Round = {
    method: string; maxApprovals?: number; ballots: number; minBallots: number; withheld?: boolean;
    results: { case: string; approvals?: number; count?: number; mean?: number | null; distribution?: Record<string, number> }[];
    turnout: { category: string; value: string; voters: number | null; panel?: number }[];
    receipts: unknown[];
  };
  /** The round file after `edit`, written the way scripts/staff/round.ts writes it. */
  const edited = (edit: (r: Round) => void) => {
    const r = parse(original) as Round;
    edit(r);
    return `# Results of a closed panel voting round, exported by scripts/staff/round.ts close-export.\n${stringify(r, { lineWidth: 0 })}`;
  };
  const round = parse(original) as Round;

  test('the demo round is a score round with at least three cases and two ballots (the fixtures below rely on it)', () => {
    expect(round.method).toBe('score');
    expect(round.results.length).toBeGreaterThanOrEqual(3);
    expect(round.ballots).toBeGreaterThan(1);
    expect(problemsWith(original)).toEqual([]);
  });

  test('a count that differs from its distribution is caught at its line', () => {
    const m = /(\n {4}count: )(\d+)/.exec(original)!;
    const text = original.replace(m[0], `${m[1]}${Number(m[2]) + 1}`);
    const line = original.slice(0, m.index + 1).split('\n').length;
    expect(problemsWith(text)).toEqual([`${at}:${line}: results[0].count: is ${Number(m[2]) + 1} but the distribution adds up to ${m[2]}`]);
  });

  test('a mean that the distribution does not give is caught at its line', () => {
    const d = round.results[1]!.distribution!;
    const count = Object.values(d).reduce((a, b) => a + b, 0);
    const mean = Number((Object.entries(d).reduce((a, [s, n]) => a + Number(s) * n, 0) / count).toFixed(3));
    const wrong = mean >= 4.5 ? Number((mean - 0.5).toFixed(3)) : Number((mean + 0.5).toFixed(3));
    const text = edited((r) => { r.results[1]!.mean = wrong; });
    const line = lineOf(text, '    mean: ', lineOf(text, `  - case: ${round.results[1]!.case}`));
    expect(problemsWith(text)).toEqual([`${at}:${line}: results[1].mean: is ${wrong} but the distribution gives ${mean}`]);
    const unscored = edited((r) => { r.results[1]!.mean = null; });
    expect(problemsWith(unscored)).toEqual([`${at}:${line}: results[1].mean: is null but the distribution gives ${mean}`]);
  });

  test('a case nobody scored must have a null mean', () => {
    const text = edited((r) => {
      r.results[0]!.distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      r.results[0]!.count = 0;
      r.results[0]!.mean = 3;
    });
    const line = lineOf(text, '    mean: ');
    expect(problemsWith(text)).toEqual([`${at}:${line}: results[0].mean: is 3 but the distribution gives null (nobody scored the case)`]);
  });

  test('a case scored by more ballots than were counted is caught', () => {
    const extra = round.ballots + 1 - round.results[0]!.count!;
    const text = edited((r) => {
      const x = r.results[0]!;
      x.distribution!['5'] += extra;
      x.count! += extra;
      const d = x.distribution!;
      const sum = Object.entries(d).reduce((a, [s, n]) => a + Number(s) * n, 0);
      x.mean = Math.round((sum / x.count!) * 1000) / 1000;
    });
    const line = lineOf(text, '    count: ');
    expect(problemsWith(text)).toEqual([`${at}:${line}: results[0].count: is ${round.ballots + 1} but only ${round.ballots} ballots were counted`]);
  });

  test('score counts that add up to fewer than the ballots are caught (every ballot scores a case)', () => {
    const text = edited((r) => {
      for (const x of r.results) {
        x.distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
        x.count = 0;
        x.mean = null;
      }
    });
    expect(problemsWith(text)).toEqual([`${at}:${lineOf(text, /^results:/)}: results: the counts add up to 0, but each of the ${round.ballots} ballots scores at least one case`]);
  });

  describe('approval rounds', () => {
    const approval = (approvals: number[]) => edited((r) => {
      r.method = 'approval';
      r.maxApprovals = 2;
      r.results = r.results.map((x, i) => ({ case: x.case, approvals: approvals[i] ?? 0 }));
    });

    test('a consistent approval round passes', () => {
      expect(problemsWith(approval([round.ballots, 1]))).toEqual([]);
    });

    test('more approvals than ballots for one case is caught at its line', () => {
      const text = approval([round.ballots + 1, 0]);
      expect(problemsWith(text)).toEqual([`${at}:${lineOf(text, '    approvals: ')}: results[0].approvals: is ${round.ballots + 1} but only ${round.ballots} ballots were counted`]);
    });

    test('approvals that no set of 1-to-k ballots can give are caught', () => {
      const few = approval([1, 0]);
      expect(problemsWith(few)).toEqual([`${at}:${lineOf(few, /^results:/)}: results: approvals add up to 1, but ${round.ballots} ballots approving 1 to 2 cases each give between ${round.ballots} and ${round.ballots * 2}`]);
      const many = approval(round.results.map(() => round.ballots));
      const total = round.ballots * round.results.length;
      expect(problemsWith(many)).toEqual([`${at}:${lineOf(many, /^results:/)}: results: approvals add up to ${total}, but ${round.ballots} ballots approving 1 to 2 cases each give between ${round.ballots} and ${round.ballots * 2}`]);
    });
  });

  test('a duplicate case is caught at its line', () => {
    const text = edited((r) => { r.results[1] = { ...r.results[0]! }; });
    const line = lineOf(text, `  - case: ${round.results[0]!.case}`, lineOf(text, `  - case: ${round.results[0]!.case}`));
    expect(problemsWith(text)).toEqual([`${at}:${line}: results[1].case: duplicate case "${round.results[0]!.case}"`]);
  });

  test('turnout that does not add up, a small cell shown, or one suppressed cell alone is caught', () => {
    const gender = (cells: [string, number | null][]) => edited((r) => {
      r.turnout = [...r.turnout.filter((t) => t.category !== 'gender'), ...cells.map(([value, voters]) => ({ category: 'gender', value, voters }))];
    });
    const first = (text: string) => lineOf(text, '  - category: gender');
    const short = gender([['female', round.ballots - 6], ['male', 5]]);
    expect(problemsWith(short)).toEqual([`${at}:${first(short)}: turnout: gender voters add up to ${round.ballots - 1} but ballots is ${round.ballots}`]);
    const over = gender([['female', round.ballots], ['male', 5], ['other', null], ['x', null]]);
    expect(problemsWith(over)).toEqual([`${at}:${first(over)}: turnout: gender voters published add up to ${round.ballots + 5}, more than the ${round.ballots} ballots`]);
    const alone = gender([['female', round.ballots - 5], ['male', null]]);
    expect(problemsWith(alone)).toEqual([`${at}:${lineOf(alone, '  - category: gender', first(alone))}: turnout: only one gender cell is suppressed: it is the ballots minus the others`]);
    const small = gender([['female', round.ballots - 3], ['male', 3]]);
    expect(problemsWith(small)).toEqual([`${at}:${lineOf(small, '    voters: 3')}: turnout[${round.turnout.filter((t) => t.category !== 'gender').length + 1}].voters: is 3: cells under 5 must be suppressed (null)`]);
  });

  test('a withheld round carries no tally and no turnout, and only when below its minimum', () => {
    const withheld = edited((r) => { r.withheld = true; r.results = []; r.turnout = []; r.minBallots = r.ballots + 1; });
    expect(problemsWith(withheld)).toEqual([]);
    const wrong = edited((r) => { r.withheld = true; r.results = []; r.turnout = []; });
    expect(problemsWith(wrong)).toEqual([`${at}:${lineOf(wrong, /^withheld:/)}: withheld: is true but ${round.ballots} ballots reach the minimum of ${round.minBallots}`]);
    const leaked = edited((r) => { r.withheld = true; r.minBallots = r.ballots + 1; });
    expect(problemsWith(leaked)).toEqual([
      `${at}:${lineOf(leaked, /^results:/)}: results: must be empty when the results are withheld`,
      `${at}:${lineOf(leaked, /^turnout:/)}: turnout: must be empty when the results are withheld`,
    ]);
    const under = edited((r) => { r.minBallots = r.ballots + 1; });
    expect(problemsWith(under)).toEqual([`${at}:${lineOf(under, /^ballots:/)}: ballots: ${round.ballots} ballots are fewer than the minimum of ${round.ballots + 1}: the results must be withheld`]);
  });

  test('a stratum listed twice is caught at its line', () => {
    const i = round.turnout.findIndex((t) => t.category === 'gender');
    const text = edited((r) => {
      r.turnout.splice(i + 1, 0, { ...r.turnout[i]!, voters: null });
    });
    const value = `    value: ${round.turnout[i]!.value}`;
    expect(problemsWith(text)).toEqual([`${at}:${lineOf(text, value, lineOf(text, value))}: turnout[${i + 1}].value: duplicate gender "${round.turnout[i]!.value}"`]);
  });

  test('a panel size that differs from the draw record is caught at its line', () => {
    const i = round.turnout.findIndex((t) => t.panel !== undefined);
    const t = round.turnout[i]!;
    const text = edited((r) => { r.turnout[i]!.panel = t.panel! + 1; });
    const line = lineOf(text, '    panel: ');
    const drawId = drawFile.replace(/\.yaml$/, '');
    expect(problemsWith(text)).toEqual([`${at}:${line}: turnout[${i}].panel: is ${t.panel! + 1} but the panel of draw "${drawId}" has ${t.panel} in this stratum`]);
    const elsewhere = edited((r) => { r.turnout[i]!.value = 'nowhere'; });
    expect(problemsWith(elsewhere)).toEqual([`${at}:${line}: turnout[${i}].panel: is ${t.panel} but draw "${drawId}" has no ${t.category} "nowhere" stratum`]);
  });

  test('receipts out of order, listed twice, or not one per ballot are caught at their line', () => {
    const [a, b] = round.receipts as string[];
    const swapped = edited((r) => { r.receipts[0] = b; r.receipts[1] = a; });
    expect(problemsWith(swapped)).toEqual([`${at}:${lineOf(swapped, `  - ${a}`)}: receipts[1]: ${a} is out of order (receipts are listed in ascending order; it comes before ${b})`]);
    const twice = edited((r) => { r.receipts[1] = a; });
    expect(problemsWith(twice)).toEqual([`${at}:${lineOf(twice, `  - ${a}`, lineOf(twice, `  - ${a}`))}: receipts[1]: duplicate receipt ${a}`]);
    const short = edited((r) => { r.receipts.pop(); });
    expect(problemsWith(short)).toEqual([`${at}:${lineOf(short, /^receipts:/)}: receipts: lists ${round.ballots - 1} receipts but ballots is ${round.ballots}`]);
    const bad = edited((r) => { r.receipts[0] = 'not-a-code'; });
    expect(problemsWith(bad)).toEqual([`${at}:${lineOf(bad, '  - not-a-code')}: receipts[0]: must be a 10-character receipt code`]);
  });

  test('a receipt published with its choices is refused', () => {
    const text = edited((r) => { r.receipts[0] = { receipt: r.receipts[0], choices: { [round.results[0]!.case]: 5 } }; });
    expect(problemsWith(text)).toEqual([`${at}:${lineOf(text, '  - receipt: ')}: receipts[0]: expected string, got an object`]);
  });

  test('unknown fields, unknown cases and an unknown draw are reported', () => {
    const text = original.replace(/\ndraw: .*/, '\ndraw: no-such-draw').replace(/\nballots: /, '\nsecret: x\nballots: ');
    expect(problemsWith(text)).toEqual([`${at}:${lineOf(text, 'secret:')}: secret: unknown field (allowed fields are listed in src/schemas)`]);
    const out2 = problemsWith(original.replace(/\ndraw: .*/, '\ndraw: no-such-draw'));
    expect(out2).toEqual([expect.stringContaining(`${at}:${lineOf(original, 'draw: ')}: draw: unknown draw "no-such-draw"`)]);
    const unknownCase = original.replace(`  - case: ${round.results[0]!.case}`, '  - case: no-such-case');
    expect(problemsWith(unknownCase)).toEqual([`${at}:${lineOf(unknownCase, 'no-such-case')}: results[0].case: unknown case "no-such-case" (no content/cases/no-such-case/)`]);
  });

  test('a pool file that does not match the commitment is caught', () => {
    const poolFile = drawFile.replace(/\.yaml$/, '.pool.csv');
    const csv = readFileSync(join(dir, 'panel-draws', poolFile), 'utf8');
    writeFileSync(join(dir, 'panel-draws', poolFile), csv.replace(/,female,/, ',male,'));
    const text = readFileSync(join(dir, 'panel-draws', drawFile), 'utf8');
    const out = loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem);
    expect(out[0]).toMatch(new RegExp(`^panel-draws/${drawFile}:${lineOf(text, 'poolCommitment:')}: poolCommitment: does not match`));
    writeFileSync(join(dir, 'panel-draws', poolFile), csv);
  });

  describe('draws: commitment before the seed, replacements by the published rule', () => {
    const drawText = readFileSync(join(dir, 'panel-draws', drawFile), 'utf8');
    const drawAt = `panel-draws/${drawFile}`;
    afterEach(() => writeFileSync(join(dir, 'panel-draws', drawFile), drawText));
    const drawProblems = (edit: (d: Record<string, any>) => void) => {
      const d = parse(drawText);
      edit(d);
      const text = stringify(d, { lineWidth: 0 });
      writeFileSync(join(dir, 'panel-draws', drawFile), text);
      return { text, problems: loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem).filter((p) => p.startsWith(drawAt)) };
    };

    test('a seed published before the commitment is refused', () => {
      const { text, problems } = drawProblems((d) => { d.seedPublishedAt = '2020-01-01T00:00:00Z'; });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${drawAt}:${lineOf(text, 'seedPublishedAt:')}: seedPublishedAt: 2020-01-01T00:00:00Z is not after the commitment's publication`))]);
    });

    test('quotas or a panel size other than those committed to are refused', () => {
      const { text, problems } = drawProblems((d) => { d.panelSize += 1; const c = Object.keys(d.quotas)[0]; const v = Object.keys(d.quotas[c])[0]; d.quotas[c][v].max += 1; });
      expect(problems).toEqual(expect.arrayContaining([
        `${drawAt}:${lineOf(text, /^panelSize:/)}: panelSize: is ${parse(drawText).panelSize + 1} but the commitment announced ${parse(drawText).panelSize}`,
        `${drawAt}:${lineOf(text, /^quotas:/)}: quotas: differ from the quotas committed to before the seed was known`,
      ]));
    });

    test('a replacement that skips the first eligible reserve is caught', () => {
      const d0 = parse(drawText);
      expect(d0.seatChanges.replacements.length).toBeGreaterThan(0);
      const { text, problems } = drawProblems((d) => {
        const taken = new Set([...d.panel, ...d.seatChanges.replacements.map((r: { in: string }) => r.in)]);
        d.seatChanges.replacements[0].in = d.reserve.slice(0, d.reserveRecorded).find((id: string) => !taken.has(id));
      });
      expect(problems[0]).toMatch(new RegExp(`^${drawAt}:${lineOf(text, /^seatChanges:/)}: seatChanges: replacement 1 \\(.* → .*\\): the published rule calls`));
    });
  });
});
