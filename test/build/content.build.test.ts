// `astro build` refuses bad content: every problem listed as path:line: field: reason, exit
// non-zero, and not one page written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { astroBuild, listTree } from '../helpers/build.ts';
import { fixtureCopy, replace, write, type Edit } from '../helpers/fixtures.ts';

const R = 'results/specific-2023.csv';
const scratch = mkdtempSync(join(tmpdir(), 'open-results-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const badFixtures: [string, Edit[], string[]][] = [
  ['wrong type', [replace(R, 'ministry-a,1,92.50', 'ministry-a,1,abc')], [`${R}:2: total: expected a number, got "abc"`]],
  ['missing column', [replace(R, 'bonus,', ''), replace(R, ',2.5,', ','), replace(R, ',1.0,', ','), replace(R, ',0,70', ',70')], [`${R}:1: bonus: missing column (required by the 2023 framework)`]],
  ['unknown body id', [replace(R, 'agency-b,2', 'agency-x,2')], [`${R}:3: body: unknown body "agency-x"`]],
  ['weights not summing', [replace('schemes/specific.yaml', 'weight: 30', 'weight: 25')], ['schemes/specific.yaml:9: frameworks[0].dimensions: weights sum to 95, expected 100 (major-policy 50 + regulatory-innovation 25 + policy-communication 20)']],
  ['total not matching', [replace(R, 'agency-b,2,81.50', 'agency-b,2,81.60')], [`${R}:3: total: expected 81.50 (50×80 + 30×85 + 20×75) / 100 + bonus 1 ± 0.01, got 81.6`]],
  ['duplicate row', [replace(R, /$/, 'agency-b,2,81.50,A,1.0,80,85,75,\n')], [`${R}:5: body: duplicate result for "agency-b" in cycle "specific-2023" (first on line 3)`]],
  ['bad grade', [replace(R, '81.50,A', '81.50,S')], [`${R}:3: grade: rank 2 of 3 earns A under the 2023 scale (S 30% / A 50% / B 20%), got S`]],
  ['BOM', [write('bodies/city-d.yaml', '\uFEFFname: { zh-Hant: 丁市 }\nkind: local-metropolitan\n')], ['bodies/city-d.yaml:1: file: starts with a byte-order mark (BOM); save as UTF-8 without BOM, or run `npm run import`, which removes it']],
  ['invalid UTF-8', [write('results/joint-2023.csv', Buffer.from([0x62, 0x6f, 0x64, 0x79, 0x0a, 0xa5, 0xd2, 0x0a]))], ['results/joint-2023.csv:2: file: is not valid UTF-8 (save the file as UTF-8; Big5 or other encodings are not accepted)']],
  ['empty file', [write(R, '')], [`${R}:1: file: is empty`]],
  [
    'several problems at once',
    [replace(R, 'agency-b,2', 'agency-x,2'), replace('bodies/agency-b.yaml', 'parent: ministry-a', 'parent: ministry-z')],
    ['bodies/agency-b.yaml:3: parent: unknown body "ministry-z"', `${R}:3: body: unknown body "agency-x"`],
  ],
];

describe('astro build on bad content', () => {
  test.each(badFixtures)('%s: fails with the listed errors and writes no pages', (name, edits, expected) => {
    const dir = fixtureCopy(edits);
    const out = join(scratch, `dist-${name.replace(/\W+/g, '-')}`);
    try {
      const run = astroBuild(dir, out);
      expect(run.status, run.output).not.toBe(0);
      const rel = relative(process.cwd(), dir).split('\\').join('/');
      const listed = run.output.split('\n').filter((l) => l.startsWith(`${rel}/`)).map((l) => l.slice(rel.length + 1));
      expect(listed).toEqual(expected);
      expect(run.output).toMatch(new RegExp(`Content has ${expected.length} problems?; nothing was published`));
      expect(listTree(out).filter((f) => f.endsWith('.html'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the valid minimal fixture builds', () => {
    const dir = fixtureCopy();
    const out = join(scratch, 'dist-minimal');
    try {
      const run = astroBuild(dir, out);
      expect(run.status, run.output).toBe(0);
      expect(listTree(out)).toContain('index.html');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
