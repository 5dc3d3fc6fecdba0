// Every schema and integrity rule, with a passing fixture and a failing one that asserts the
// exact message a staff member sees.
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/load.ts';
import { fixtureCopy, problemsOf, remove, replace, write } from '../helpers/fixtures.ts';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const R = 'results/specific-2023.csv';

describe('valid content', () => {
  test('the minimal fixture has no problems', () => {
    expect(problemsOf()).toEqual([]);
  });

  test('the demo content has no problems', () => {
    const { problems, dataset } = loadContent('content');
    expect(problems).toEqual([]);
    expect(dataset.bodies.filter((b) => b.kind.startsWith('central'))).toHaveLength(46);
    expect(dataset.bodies.filter((b) => b.kind === 'central-ministerial')).toHaveLength(24);
    expect(dataset.bodies.filter((b) => b.kind.startsWith('local'))).toHaveLength(17);
    expect(dataset.cases.length).toBeGreaterThanOrEqual(6);
    expect(dataset.cases.find((c) => c.id === 'seoul-mobile-library')?.data).toMatchObject({ body: 'seoul', year: 2023, factual: true });
    const joint2024 = dataset.schemes.find((s) => s.id === 'joint-evaluation')!.frameworks.find((f) => f.year === 2024)!;
    expect(joint2024.indicators).toHaveLength(106);
    const specific2023 = dataset.schemes.find((s) => s.id === 'specific-evaluation')!.frameworks.find((f) => f.year === 2023)!;
    expect(Object.fromEntries(specific2023.dimensions.map((d) => [d.id, d.weight]))).toEqual({
      'major-policy': 50, 'regulatory-innovation': 20, 'government-innovation': 10, 'policy-communication': 20,
    });
    expect(specific2023.bonusMax).toBe(3);
  });

  test('HTML in a text field is kept as text, exactly as written', () => {
    const dir = fixtureCopy();
    try {
      const { dataset } = loadContent(dir, { relativeTo: dir });
      expect(dataset.results.find((r) => r.body === 'ministry-c')?.remarks).toEqual({ 'zh-Hant': '<b>注意</b> 文字' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('spreadsheet yes/no values in Chinese and English are read as booleans', () => {
    const dir = fixtureCopy();
    try {
      const { dataset } = loadContent(dir, { relativeTo: dir });
      expect(dataset.indicatorResults.filter((r) => r.body === 'city-d').slice(0, 3).map((r) => r.achieved)).toEqual([true, true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('file-level problems', () => {
  test('empty file', () => {
    expect(problemsOf(write(R, ''))).toEqual([`${R}:1: file: is empty`]);
  });
  test('byte-order mark', () => {
    expect(problemsOf(write('bodies/city-d.yaml', '\uFEFFname: { zh-Hant: 丁市 }\nkind: local-metropolitan\n'))).toEqual([
      'bodies/city-d.yaml:1: file: starts with a byte-order mark (BOM); save as UTF-8 without BOM, or run `npm run import`, which removes it',
    ]);
  });
  test('invalid UTF-8 names the line of the first bad byte', () => {
    const big5 = Buffer.concat([Buffer.from('body,rank,total,grade\nministry-a,1,1,S\n'), Buffer.from([0xa5, 0xd2, 0x0a])]);
    expect(problemsOf(write(R, big5))).toEqual([`${R}:3: file: is not valid UTF-8 (save the file as UTF-8; Big5 or other encodings are not accepted)`]);
  });
  test('YAML syntax error', () => {
    expect(problemsOf(write('bodies/city-d.yaml', 'name: { zh-Hant: 丁市\nkind: local-metropolitan\n'))[0]).toMatch(/^bodies\/city-d\.yaml:\d+: yaml: /);
  });
  test('a results file for an unknown cycle', () => {
    expect(problemsOf(write('results/specific-2099.csv', 'body,rank,total,grade\nministry-a,1,90,S\n'))).toEqual([
      'results/specific-2099.csv:1: file: unknown cycle "specific-2099" (the file name must be a cycle id from content/cycles)',
    ]);
  });
  test('a header without rows', () => {
    expect(problemsOf(write('results/joint-2023.csv', 'body,rank,total,grade,goal-1,goal-2\n'))).toEqual(['results/joint-2023.csv:1: file: has a header but no rows']);
  });
  test('a row with the wrong number of cells', () => {
    expect(problemsOf(replace('results/joint-2023.csv', 'city-d,1,90.00,S,100,75', 'city-d,1,90.00,S,100'))).toContain('results/joint-2023.csv:2: row: has 5 cells, the header has 6');
  });
});

describe('schema problems', () => {
  test('wrong type in a CSV cell', () => {
    expect(problemsOf(replace(R, 'ministry-a,1,92.50', 'ministry-a,1,abc'))).toEqual([`${R}:2: total: expected a number, got "abc"`]);
  });
  test('wrong type in YAML names the key path and its line', () => {
    expect(problemsOf(replace('schemes/specific.yaml', 'weight: 30', 'weight: thirty'))).toEqual([
      'schemes/specific.yaml:18: frameworks[0].dimensions[1].weight: expected number, got "thirty"',
    ]);
  });
  test('missing column', () => {
    expect(problemsOf(replace(R, /,regulatory-innovation/, ''), replace(R, /,90,90,90/, ',90,90'), replace(R, /,80,85,75/, ',80,75'), replace(R, /,70,70,70/, ',70,70'))).toEqual([
      `${R}:1: regulatory-innovation: missing column (required by the 2023 framework)`,
    ]);
  });
  test('unknown column', () => {
    expect(problemsOf(replace('indicators/joint-2023.csv', 'achieved,note', 'achieved,notes'))).toEqual([
      'indicators/joint-2023.csv:1: notes: unknown column (expected body, indicator, achieved, target, actual, note, note_en, note_ko)',
    ]);
  });
  test('missing required field in YAML is reported at its parent', () => {
    expect(problemsOf(write('bodies/city-d.yaml', 'name: { zh-Hant: 丁市 }\n'))).toEqual(['bodies/city-d.yaml:1: kind: is required']);
  });
  test('value outside an enum', () => {
    expect(problemsOf(replace('bodies/city-d.yaml', 'kind: local-metropolitan', 'kind: city'))[0]).toBe(
      'bodies/city-d.yaml:2: kind: must be one of "central-ministerial", "central-vice-ministerial", "local-metropolitan", "local-provincial", "public-enterprise", "public-quasi-governmental", got "city"',
    );
  });
  test('unknown field in YAML', () => {
    expect(problemsOf(replace('bodies/city-d.yaml', 'region: city-d', 'region: city-d\nmayor: someone'))).toEqual([
      'bodies/city-d.yaml:4: mayor: unknown field (allowed fields are listed in src/schemas)',
    ]);
  });
  test('id that differs from the file name', () => {
    expect(problemsOf(replace('bodies/city-d.yaml', 'kind:', 'id: city-x\nkind:'))).toEqual(['bodies/city-d.yaml:2: id: must equal the file name "city-d"']);
  });
  test('dimension score out of range', () => {
    expect(problemsOf(replace(R, ',90,90,90', ',90,120,90'))).toEqual([`${R}:2: regulatory-innovation: must be between 0 and 100`]);
  });
  test('image without alt text in a case', () => {
    expect(problemsOf(replace('cases/test-case/zh-Hant.md', 'alt: 書櫃示意圖', 'alt: ""'))).toEqual(['cases/test-case/zh-Hant.md:10: images[0].alt: is required: describe the image']);
  });
});

describe('integrity problems', () => {
  test('unknown body id', () => {
    expect(problemsOf(replace(R, 'agency-b,2', 'agency-x,2'))).toEqual([`${R}:3: body: unknown body "agency-x"`]);
  });
  test('unknown parent body', () => {
    expect(problemsOf(replace('bodies/agency-b.yaml', 'parent: ministry-a', 'parent: ministry-z'))).toEqual(['bodies/agency-b.yaml:3: parent: unknown body "ministry-z"']);
  });
  test('a body the scheme does not evaluate', () => {
    expect(problemsOf(replace('results/joint-2023.csv', 'province-e,2', 'ministry-a,2'))).toEqual([
      'results/joint-2023.csv:3: body: "ministry-a" is a central-ministerial body; scheme "joint" evaluates local-metropolitan, local-provincial',
    ]);
  });
  test('weights not summing to the framework total', () => {
    expect(problemsOf(replace('schemes/specific.yaml', 'weight: 30', 'weight: 25'))).toEqual([
      'schemes/specific.yaml:9: frameworks[0].dimensions: weights sum to 95, expected 100 (major-policy 50 + regulatory-innovation 25 + policy-communication 20)',
    ]);
  });
  test('sub-criterion weights not summing to 100%', () => {
    expect(problemsOf(replace('schemes/specific.yaml', 'weight: 60 }', 'weight: 50 }'))).toEqual([
      'schemes/specific.yaml:13: frameworks[0].dimensions[0].subCriteria: sub-criterion weights sum to 90%, expected 100%',
    ]);
  });
  test('relative grade shares not summing to 100%', () => {
    expect(problemsOf(replace('schemes/specific.yaml', 'share: 20', 'share: 10'))).toEqual(['schemes/specific.yaml:24: frameworks[0].grading.grades: shares sum to 90%, expected 100%']);
  });
  test('total not matching the weighted sum plus bonus', () => {
    expect(problemsOf(replace(R, 'agency-b,2,81.50', 'agency-b,2,81.60'))).toEqual([
      `${R}:3: total: expected 81.50 (50×80 + 30×85 + 20×75) / 100 + bonus 1 ± 0.01, got 81.6`,
    ]);
  });
  test('a total within the rounding tolerance is accepted', () => {
    expect(problemsOf(replace(R, 'agency-b,2,81.50', 'agency-b,2,81.51'))).toEqual([]);
  });
  test('bonus above the framework maximum', () => {
    expect(problemsOf(replace(R, 'ministry-a,1,92.50,S,2.5', 'ministry-a,1,93.50,S,3.5'))).toEqual([`${R}:2: bonus: must be at most 3, got 3.5`]);
  });
  test('duplicate (body, cycle) row', () => {
    expect(problemsOf(replace(R, /$/, 'agency-b,2,81.50,A,1.0,80,85,75,\n'))).toEqual([
      `${R}:5: body: duplicate result for "agency-b" in cycle "specific-2023" (first on line 3)`,
    ]);
  });
  test('grade not on the scale', () => {
    expect(problemsOf(replace(R, '92.50,S', '92.50,A+'))).toEqual([`${R}:2: grade: "A+" is not on the 2023 scale (S 30% / A 50% / B 20%)`]);
  });
  test('grade disagreeing with a relative scale', () => {
    expect(problemsOf(replace(R, '81.50,A', '81.50,S'))).toEqual([`${R}:3: grade: rank 2 of 3 earns A under the 2023 scale (S 30% / A 50% / B 20%), got S`]);
  });
  test('grade disagreeing with an absolute scale', () => {
    expect(problemsOf(replace('results/joint-2023.csv', '40.00,B', '40.00,A'))).toEqual([
      'results/joint-2023.csv:3: grade: total 40 earns B under the 2023 scale (S ≥ 90 / A ≥ 80 / B ≥ 0), got A',
    ]);
  });
  test('rank disagreeing with the totals', () => {
    expect(problemsOf(replace(R, 'ministry-c,3', 'ministry-c,2'))).toEqual([`${R}:4: rank: total 70 ranks 3 of 3, got 2`]);
  });
  test('unknown indicator code', () => {
    expect(problemsOf(replace('indicators/joint-2023.csv', 'city-d,1-02', 'city-d,9-99'))).toEqual([
      'indicators/joint-2023.csv:3: indicator: unknown indicator "9-99" in the 2023 framework of "joint"',
    ]);
  });
  test('achievement disagreeing with target and actual', () => {
    expect(problemsOf(replace('indicators/joint-2023.csv', 'city-d,1-01,80,85,yes', 'city-d,1-01,80,75,yes'))).toEqual([
      'indicators/joint-2023.csv:2: achieved: actual 75 against target 80 (higher is better) means not achieved',
    ]);
  });
  test('program rating total and rating checked against the review', () => {
    expect(problemsOf(replace('program-ratings/2023.csv', '36,9,9,91,effective', '36,9,9,91,adequate'))).toEqual([
      'program-ratings/2023.csv:2: rating: total 91 earns "effective", got "adequate"',
    ]);
    expect(problemsOf(replace('program-ratings/2023.csv', '36,9,9,91,', '36,9,9,95,'))).toContain('program-ratings/2023.csv:2: total: criteria add up to 91.00, got 95');
  });
  test('a criterion above its maximum', () => {
    expect(problemsOf(replace('program-ratings/2023.csv', '1000,9,28', '1000,12,28'))).toEqual(['program-ratings/2023.csv:2: plan: must be between 0 and 10']);
  });
  test('unknown program in ratings', () => {
    expect(problemsOf(replace('program-ratings/2023.csv', 'agency-b-care,', 'agency-b-cure,'))).toEqual([
      'program-ratings/2023.csv:3: program: unknown program "agency-b-cure" (add content/programs/agency-b-cure.yaml)',
    ]);
  });
  test('case and follow-up references resolve', () => {
    expect(problemsOf(replace('cases/test-case/zh-Hant.md', 'body: city-d', 'body: city-q'), replace('follow-ups/specific-2023-ministry-c.yaml', 'cycle: specific-2023', 'cycle: specific-2021'))).toEqual([
      'cases/test-case/zh-Hant.md:4: body: unknown body "city-q"',
      'follow-ups/specific-2023-ministry-c.yaml:2: cycle: unknown cycle "specific-2021"',
    ]);
  });
  test('a revision for an unknown body', () => {
    expect(problemsOf(replace('cycles/specific-2023.yaml', 'body: agency-b', 'body: agency-q'))).toEqual(['cycles/specific-2023.yaml:8: revisions[0].body: unknown body "agency-q"']);
  });
  test('a framework missing for the cycle year', () => {
    expect(problemsOf(replace('cycles/joint-2023.yaml', 'year: 2023', 'year: 2022'), remove('results/joint-2023.csv'), remove('indicators/joint-2023.csv'))).toEqual([
      'cycles/joint-2023.yaml:2: year: scheme "joint" has no framework for 2022',
    ]);
  });
});

test('all problems are reported at once, sorted by file and line', () => {
  const lines = problemsOf(
    replace(R, 'ministry-a,1,92.50', 'ministry-a,1,abc'),
    replace(R, 'agency-b,2', 'agency-x,2'),
    replace('bodies/agency-b.yaml', 'parent: ministry-a', 'parent: ministry-z'),
  );
  expect(lines).toEqual([
    'bodies/agency-b.yaml:3: parent: unknown body "ministry-z"',
    `${R}:2: total: expected a number, got "abc"`,
    `${R}:3: body: unknown body "agency-x"`,
  ]);
});

describe('more integrity rules', () => {
  const J = 'schemes/joint.yaml';
  test('absolute thresholds must fall from best to worst', () => {
    expect(problemsOf(replace(J, '{ grade: A, min: 80 }', '{ grade: A, min: 95 }'))).toEqual([
      `${J}:14: frameworks[0].grading.grades[1].min: thresholds must fall from best to worst grade (90 then 95)`,
    ]);
  });
  test('a grade listed twice', () => {
    expect(problemsOf(replace(J, '{ grade: A, min: 80 }', '{ grade: S, min: 80 }'))).toContain(`${J}:14: frameworks[0].grading.grades[1].grade: "S" appears twice`);
  });
  test('two frameworks for one year', () => {
    expect(problemsOf((dir: string) => { const f = `${dir}/${J}`; const t = readFileSync(f, 'utf8'); writeFileSync(f, t + t.slice(t.indexOf('  - year'))); })).toContain(`${J}:23: frameworks[1].year: 2023 has two frameworks (first is frameworks[0])`);
  });
  test('a dimension id used twice or named like a results column', () => {
    expect(problemsOf(replace(J, 'id: goal-2,', 'id: goal-1,'))).toContain(`${J}:9: frameworks[0].dimensions[1].id: "goal-1" appears twice`);
    expect(problemsOf(replace(J, /goal-2/g, 'total'))).toContain(`${J}:9: frameworks[0].dimensions[1].id: "total" is a reserved results column name`);
  });
  test('an indicator in an unknown dimension, or a code used twice', () => {
    expect(problemsOf(replace(J, 'dimension: goal-2, type', 'dimension: goal-9, type'))).toEqual([`${J}:19: frameworks[0].indicators[2].dimension: unknown dimension "goal-9"`]);
    expect(problemsOf(replace(J, 'code: 2-01', 'code: 1-02'))).toContain(`${J}:19: frameworks[0].indicators[2].code: "1-02" appears twice`);
  });
  test('a region that is not a local government', () => {
    expect(problemsOf(replace('bodies/city-d.yaml', 'region: city-d', 'region: ministry-a'))).toEqual(['bodies/city-d.yaml:3: region: "ministry-a" is not a local government']);
  });
  test('a body cannot be its own parent', () => {
    expect(problemsOf(replace('bodies/agency-b.yaml', 'parent: ministry-a', 'parent: agency-b'))).toEqual(['bodies/agency-b.yaml:3: parent: a body cannot be its own parent']);
  });
  test('a published cycle needs its publication date; corrections come after it', () => {
    expect(problemsOf(replace('cycles/joint-2023.yaml', 'published: 2024-04-15\n', ''))).toEqual(['cycles/joint-2023.yaml:1: published: is required once the status is published']);
    expect(problemsOf(replace('cycles/specific-2023.yaml', 'date: 2024-05-02', 'date: 2024-01-02'))).toEqual(['cycles/specific-2023.yaml:7: revisions[0].date: is before the publication date 2024-03-28']);
  });
  test('an impossible date', () => {
    expect(problemsOf(replace('cycles/joint-2023.yaml', 'published: 2024-04-15', 'published: 2024-02-31'))).toEqual(['cycles/joint-2023.yaml:4: published: is not a real date']);
  });
  test('quantitative indicators need target and actual; duplicate indicator rows', () => {
    expect(problemsOf(replace('indicators/joint-2023.csv', 'city-d,1-01,80,85,yes', 'city-d,1-01,,85,yes'))).toEqual(['indicators/joint-2023.csv:2: target: is required for a quantitative indicator']);
    expect(problemsOf(replace('indicators/joint-2023.csv', 'city-d,2-01,10,12,否', 'city-d,1-01,80,85,yes'))).toEqual([
      'indicators/joint-2023.csv:4: indicator: duplicate result for "city-d" on "1-01" (first on line 2)',
    ]);
  });
  test('review criteria maxima must sum to 100; a rating listed twice for a year', () => {
    expect(problemsOf(replace('program-review.yaml', 'max: 40', 'max: 45'))).toContain('program-review.yaml:10: criteria: maximum points sum to 105, expected 100');
    expect(problemsOf(replace('program-ratings/2023.csv', /$/, 'ministry-a-housing,1000,9,28,36,9,9,91,effective,1050\n'))).toEqual([
      'program-ratings/2023.csv:4: program: duplicate rating for "ministry-a-housing" in 2023 (first on line 2)',
    ]);
  });
  test('a ratings file must be named by its year', () => {
    expect(problemsOf(write('program-ratings/latest.csv', 'program\n'))).toEqual(['program-ratings/latest.csv:1: file: name must be the rated year, e.g. 2023.csv']);
  });
  test('case folders: the zh-Hant source file is required, nothing else belongs there, text must not be empty', () => {
    expect(problemsOf(remove('cases/test-case/zh-Hant.md'))).toEqual(['cases/test-case:1: file: has no zh-Hant.md (the source text with the facts)']);
    expect(problemsOf(write('cases/test-case/notes.txt', 'x'))).toEqual(['cases/test-case/notes.txt:1: file: unexpected file: a case folder holds zh-Hant.md, en.md, ko.md']);
    expect(problemsOf(write('cases/test-case/en.md', '---\ntitle: T\nsummary: S\n---\n\n'))).toEqual(['cases/test-case/en.md:1: body: is empty: write the case text below the front matter']);
    expect(problemsOf(write('cases/test-case/en.md', 'no front matter\n'))).toEqual(['cases/test-case/en.md:1: front matter: is missing (the file must start with a --- block)']);
  });
  test('site settings are required', () => {
    expect(problemsOf(remove('site.yaml'))).toEqual(['site.yaml:1: file: is missing (site settings: name, publisher, locales, demoData, currency, license)']);
  });
});
