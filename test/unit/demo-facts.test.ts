// The demo follows its source, the National Development Council's 2024 study-tour report
// (shared seed, summarised in content/methodology): what the report states holds in the demo
// content, and what the demo adds rests on an assumption listed in content/references.yaml.
import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/load.ts';
import { frameworkOf } from '../../src/lib/content/dataset.ts';
import { jointGoals } from '../../scripts/demo/schemes.ts';

const { dataset: ds, problems } = loadContent('content');
const scheme = (id: string) => ds.schemes.find((s) => s.id === id)!;
const cycle = (id: string) => ds.cycles.find((c) => c.id === id)!;

test('the demo content is valid', () => expect(problems).toEqual([]));

describe('facts the report states', () => {
  test('46 central agencies (24 ministerial, 22 vice-ministerial) and 17 metropolitan and provincial governments', () => {
    const count = (kind: string) => ds.bodies.filter((b) => b.kind === kind).length;
    expect(count('central-ministerial')).toBe(24);
    expect(count('central-vice-ministerial')).toBe(22);
    expect(count('local-metropolitan') + count('local-provincial')).toBe(17);
  });

  test('the Ministry of Economy and Finance received an A in the 2023 specific evaluation, and A is a good grade there', () => {
    const r = ds.results.find((x) => x.cycle === 'specific-evaluation-2023' && x.body === 'moef')!;
    expect(r.grade).toBe('A');
    expect(r.remarks?.['zh-Hant']).toContain('國發會考察報告');
    const scale = frameworkOf(scheme('specific-evaluation'), cycle('specific-evaluation-2023'))!.grading;
    const a = scale.grades.find((g) => g.grade === 'A')!;
    expect(a.label?.['zh-Hant']).not.toBe('普通');
    expect(scale.grades.findIndex((g) => g.grade === 'A')).toBe(1); // second best of the scale
  });

  test('specific evaluation 2023: major policy 50, regulatory innovation 20, government innovation 10, policy communication 20, bonus 3; 2024 adds cross-agency coordination and drops the bonus', () => {
    const f23 = frameworkOf(scheme('specific-evaluation'), cycle('specific-evaluation-2023'))!;
    expect(Object.fromEntries(f23.dimensions.map((d) => [d.id, d.weight]))).toEqual({ 'major-policy': 50, 'regulatory-innovation': 20, 'government-innovation': 10, 'policy-communication': 20 });
    expect(f23.bonusMax).toBe(3);
    const f24 = frameworkOf(scheme('specific-evaluation'), cycle('specific-evaluation-2024'))!;
    expect(f24.dimensions.map((d) => d.id)).toContain('cross-agency-coordination');
    expect(f24.bonusMax).toBe(0);
  });

  test('Seoul\'s S 30 / A 50 / B 20 is not applied to any evaluation of the demo: it is Seoul\'s rating of its own agencies', () => {
    for (const s of ds.schemes) for (const f of s.frameworks) expect(f.grading.type, `${s.id} ${f.year}`).toBe('absolute');
    expect(ds.methodology['zh-Hant']!.body).toContain('S 等級占 30%、A 等級占 50%、B 等級占 20%');
  });

  test('joint evaluation 2024: six national goals named as in the report\'s footnote 4, 106 indicators, each named after a policy area of its own goal, no name twice', () => {
    const f = frameworkOf(scheme('joint-evaluation'), cycle('joint-evaluation-2024'))!;
    expect(f.dimensions.map((d) => d.name['zh-Hant'])).toEqual(['建立保障人民生命安全的社會', '創建包容性的全民福利體系', '強化創新且有韌性的經濟', '推動均衡的區域發展', '促進環保與可持續發展', '提升全球領導力及和平努力']);
    expect(f.indicators).toHaveLength(106);
    for (const ind of f.indicators) {
      const goal = jointGoals.find((g) => g.id === ind.dimension)!;
      expect(goal.topics.some(([zh]) => ind.name['zh-Hant'].startsWith(zh)), `${ind.code} ${ind.name['zh-Hant']} under ${goal.name['zh-Hant']}`).toBe(true);
    }
    for (const l of ['zh-Hant', 'en', 'ko'] as const) expect(new Set(f.indicators.map((i) => i.name[l])).size, l).toBe(106);
  });

  test('ineffective programs are considered for a cut of at least 10 % (the report\'s wording), not required to lose it', () => {
    const ineffective = ds.programReview!.ratings.find((r) => r.rating === 'ineffective')!;
    expect(ineffective.cutConsidered).toBe(10);
    expect(ds.programReview!.description['zh-Hant']).toContain('將會考慮削減至少 10%');
    expect(ds.programReview!.description.en).toContain('considered for a budget cut of at least 10%');
  });

  test('the Seoul case says only what the report says: no reasons to copy it, no outcomes beyond the shelves and seats', () => {
    const seoul = ds.cases.find((c) => c.id === 'seoul-mobile-library')!;
    expect(seoul.data.factual).toBe(true);
    expect(seoul.data.basis).toEqual({ source: 'ndc-2024', pages: '28–32' });
    expect(seoul.data.outcomes).toHaveLength(1);
    for (const body of Object.values(seoul.bodies)) expect(body).not.toMatch(/為什麼值得參考|Why it is worth copying|참고할 만한 이유|容易複製|copy it easily/);
  });
});

describe('what the demo adds rests on a listed assumption', () => {
  test('every framework, scheme description, review and case says what it rests on', () => {
    for (const s of ds.schemes) {
      expect(s.descriptionBasis, s.id).toBeDefined();
      for (const f of s.frameworks) expect(f.claims.length, `${s.id} ${f.year}`).toBeGreaterThan(0);
    }
    expect(ds.programReview!.claims.length).toBeGreaterThan(0);
    for (const c of ds.cases) expect(c.data.basis, c.id).toEqual(c.data.factual ? expect.objectContaining({ source: 'ndc-2024' }) : { assumption: 'invented-cases' });
    for (const m of Object.values(ds.methodology)) for (const s of m!.sections) expect(s.source, `${m!.file} ${s.id}`).toBe('ndc-2024');
  });

  test('every listed assumption is used by some statement, and the joint evaluation\'s yearly reading is one of them', () => {
    const used = new Set([
      ...ds.schemes.flatMap((s) => [s.descriptionBasis, ...s.claims, ...s.frameworks.flatMap((f) => f.claims)]),
      ds.programReview!.descriptionBasis, ...ds.programReview!.claims, ...ds.programReview!.ratings.map((r) => r.cutBasis), ...ds.cases.map((c) => c.data.basis),
      { assumption: ds.site.demoAssumption },
    ].flatMap((b) => (b?.assumption ? [b.assumption] : [])));
    expect(ds.references.assumptions.map((a) => a.id).filter((id) => !used.has(id))).toEqual([]);
    expect(scheme('joint-evaluation').claims.map((c) => c.assumption)).toContain('joint-yearly');
    expect(ds.references.assumptions.find((a) => a.id === 'joint-yearly')!.text['zh-Hant']).toContain('每 3 年辦理一次');
  });

  test('budgets chain: each year\'s budget is the next-year budget adopted the year before, or a published note says why not', () => {
    let pairs = 0;
    let notes = 0;
    for (const r of ds.programRatings) {
      const before = ds.programRatings.find((x) => x.program === r.program && x.year === r.year - 1);
      if (!before) continue;
      pairs++;
      if (before.nextBudget !== r.budget) {
        expect(r.budgetNote, `${r.program} ${r.year}`).toBeDefined();
        notes++;
      }
    }
    expect(pairs).toBe(276);
    expect(notes).toBeGreaterThan(0); // the demo shows what a published reason looks like
    expect(notes).toBeLessThan(pairs / 10);
  });
});
