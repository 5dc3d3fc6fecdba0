// Published panel content: every file in content/panel-draws and content/panel-rounds is valid,
// and each round's published tally follows from its published receipts (recomputed here
// independently of src/lib/panel/tally.ts). Bad files are reported as path:line: field: reason.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadPanelContent } from '../../src/lib/panel/content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';

const CONTENT = 'content';

describe('published panel content', () => {
  const { content, problems } = loadPanelContent(CONTENT);

  test('validates without problems, with the demo draw and closed round present', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(content.draws.length).toBeGreaterThan(0);
    expect(content.rounds.length).toBeGreaterThan(0);
  });

  test('each round tally recomputed from its receipts equals the published numbers', () => {
    for (const file of readdirSync(join(CONTENT, 'panel-rounds'))) {
      const r = parse(readFileSync(join(CONTENT, 'panel-rounds', file), 'utf8'));
      expect(r.receipts.length, file).toBe(r.ballots);
      for (const res of r.results) {
        const given = r.receipts.map((x: { choices: unknown }) => x.choices);
        if (r.method === 'approval') {
          expect(res.approvals, `${file} ${res.case}`).toBe(given.filter((c: string[]) => c.includes(res.case)).length);
        } else {
          const scores = given.map((c: Record<string, number>) => c[res.case]).filter((v: unknown) => v !== undefined) as number[];
          expect(res.count, `${file} ${res.case}`).toBe(scores.length);
          const mean = scores.length ? Number((scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(3)) : null;
          expect(res.mean, `${file} ${res.case}`).toBe(mean);
          for (const s of [1, 2, 3, 4, 5]) expect(res.distribution[String(s)]).toBe(scores.filter((v) => v === s).length);
        }
      }
      const turnoutTotal = (cat: string) => r.turnout.filter((t: { category: string }) => t.category === cat).reduce((a: number, t: { voters: number }) => a + t.voters, 0);
      for (const cat of ['region', 'age', 'gender']) expect(turnoutTotal(cat), `${file} turnout ${cat}`).toBe(r.ballots);
    }
  });

  test('pool files hold pseudonym, region, age band and gender only', () => {
    for (const f of readdirSync(join(CONTENT, 'panel-draws')).filter((x) => x.endsWith('.pool.csv'))) {
      const lines = readFileSync(join(CONTENT, 'panel-draws', f), 'utf8').trim().split('\n');
      expect(lines[0]).toBe('id,region,age,gender');
      for (const l of lines.slice(1)) expect(l).toMatch(/^[2-9A-HJ-NP-Z]{10},[a-z]+,(18-29|30-39|40-49|50-59|60-69|70\+),(female|male|other)$/);
    }
  });
});

describe('problems name the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'or-panel-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(CONTENT, 'panel-draws'), join(dir, 'panel-draws'), { recursive: true });
  cpSync(join(CONTENT, 'panel-rounds'), join(dir, 'panel-rounds'), { recursive: true });
  cpSync(join(CONTENT, 'cases'), join(dir, 'cases'), { recursive: true });
  const roundFile = readdirSync(join(dir, 'panel-rounds'))[0]!;
  const drawFile = readdirSync(join(dir, 'panel-draws')).find((f) => f.endsWith('.yaml'))!;
  const original = readFileSync(join(dir, 'panel-rounds', roundFile), 'utf8');

  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  test('a tampered tally is caught at its line', () => {
    const m = /(\n {4}count: )(\d+)/.exec(original)!;
    const text = original.replace(m[0], `${m[1]}${Number(m[2]) + 1}`);
    writeFileSync(join(dir, 'panel-rounds', roundFile), text);
    const { problems } = loadPanelContent(dir, { relativeTo: dir });
    const line = original.slice(0, m.index + 1).split('\n').length;
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^panel-rounds/${roundFile}:${line}: results\\[0\\]\\.count: is \\d+ but the published receipts give \\d+$`)),
    ]);
  });

  test('unknown fields, unknown cases and an unknown draw are reported', () => {
    const text = original.replace(/\ndraw: .*/, '\ndraw: no-such-draw').replace(/\nballots: /, '\nsecret: x\nballots: ');
    writeFileSync(join(dir, 'panel-rounds', roundFile), text);
    const out = loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem);
    expect(out).toEqual([`panel-rounds/${roundFile}:${lineOf(text, 'secret:')}: secret: unknown field (allowed fields are listed in src/schemas)`]);
    writeFileSync(join(dir, 'panel-rounds', roundFile), original.replace(/\ndraw: .*/, '\ndraw: no-such-draw'));
    const out2 = loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem);
    expect(out2).toEqual([expect.stringContaining(`panel-rounds/${roundFile}:${lineOf(original, 'draw: ')}: draw: unknown draw "no-such-draw"`)]);
    writeFileSync(join(dir, 'panel-rounds', roundFile), original);
  });

  test('a pool file that does not match the commitment is caught', () => {
    const poolFile = drawFile.replace(/\.yaml$/, '.pool.csv');
    const csv = readFileSync(join(dir, 'panel-draws', poolFile), 'utf8');
    writeFileSync(join(dir, 'panel-draws', poolFile), csv.replace(/,female\n/, ',male\n'));
    const text = readFileSync(join(dir, 'panel-draws', drawFile), 'utf8');
    const out = loadPanelContent(dir, { relativeTo: dir }).problems.map(formatProblem);
    expect(out[0]).toMatch(new RegExp(`^panel-draws/${drawFile}:${lineOf(text, 'poolCommitment:')}: poolCommitment: does not match`));
    writeFileSync(join(dir, 'panel-draws', poolFile), csv);
  });
});
