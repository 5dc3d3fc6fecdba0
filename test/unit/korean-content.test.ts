// Korean is a published locale: every text a reader sees has a ko translation, in the demo
// content and in any site the generator writes. A localized text is any object with a
// 'zh-Hant' string (src/schemas/common.ts); each needs a non-empty ko, in Korean when the
// source is Chinese. Every case folder needs ko.md with the words of its zh-Hant.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generate } from '../../scripts/demo/generate.ts';
import { loadContent, type Dataset } from '../../src/lib/load.ts';
import { formatProblem } from '../../src/lib/files/problems.ts';
import { splitFrontmatter } from '../../src/lib/files/read.ts';
import { caseTranslationSchema } from '../../src/schemas/exemplaryCase.ts';

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;

/**
 * Walks every value of the dataset; returns how many localized texts it saw and which lack Korean.
 * A case's `bodies` and `files` (Markdown and path per locale file) are keyed like localized texts
 * but come from the locale files, which the loader reads for zh-Hant and en only: the ko.md files
 * are checked by caseProblems instead.
 */
function missingKorean(ds: Dataset): { texts: number; missing: string[] } {
  const seen = new WeakSet<object>(ds.cases.flatMap((c) => [c.bodies, c.files]));
  const missing: string[] = [];
  let texts = 0;
  const walk = (v: unknown, path: string) => {
    if (v === null || typeof v !== 'object') return;
    if (seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) { for (const [k, x] of v) walk(x, `${path}[${String(k)}]`); return; }
    if (v instanceof Set) { let i = 0; for (const x of v) walk(x, `${path}{${i++}}`); return; }
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${path}[${i}]`)); return; }
    const o = v as Record<string, unknown>;
    if (typeof o['zh-Hant'] === 'string') {
      texts++;
      const ko = o.ko;
      if (typeof ko !== 'string' || ko.trim() === '') missing.push(`${path}: no ko for "${o['zh-Hant']}"`);
      else if (HAN.test(o['zh-Hant']) && !HANGUL.test(ko)) missing.push(`${path}: ko "${ko}" is not Korean (source "${o['zh-Hant']}")`);
    }
    for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(ds, '');
  return { texts, missing };
}

/** Cases whose ko.md is missing, invalid, empty, not Korean or out of step with zh-Hant.md. */
function caseProblems(contentDir: string, ds: Dataset): string[] {
  const out: string[] = [];
  for (const c of ds.cases) {
    const file = join(contentDir, 'cases', c.id, 'ko.md');
    if (!existsSync(file)) { out.push(`${c.id}: no ko.md`); continue; }
    const fm = splitFrontmatter(file, readFileSync(file, 'utf8'));
    if (fm.frontmatter === undefined) { out.push(`${c.id}: ko.md has no front matter`); continue; }
    const parsed = caseTranslationSchema.safeParse(parseYaml(fm.frontmatter) ?? {});
    if (!parsed.success) { out.push(`${c.id}: ko.md front matter: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`); continue; }
    const ko = parsed.data;
    if (!HANGUL.test(fm.body)) out.push(`${c.id}: ko.md has no Korean body text`);
    for (const [field, text] of [['title', ko.title], ['summary', ko.summary], ...ko.outcomes.map((x, i) => [`outcomes[${i}]`, x]), ...ko.images.map((x, i) => [`images[${i}].alt`, x.alt])]) {
      if (!HANGUL.test(text!)) out.push(`${c.id}: ko.md ${field} is not Korean: "${text}"`);
    }
    if (ko.outcomes.length !== c.data.outcomes.length) out.push(`${c.id}: ko.md has ${ko.outcomes.length} outcomes, zh-Hant.md ${c.data.outcomes.length}`);
    const srcs = (list: { src: string }[]) => list.map((x) => x.src).join(',');
    if (srcs(ko.images) !== srcs(c.data.images)) out.push(`${c.id}: ko.md images ${srcs(ko.images)} differ from zh-Hant.md ${srcs(c.data.images)}`);
    c.data.images.forEach((x, i) => { if (x.caption && !HANGUL.test(ko.images[i]?.caption ?? '')) out.push(`${c.id}: ko.md images[${i}] has no Korean caption`); });
  }
  return out;
}

function checkSite(dir: string): Dataset {
  const { dataset, problems } = loadContent(dir);
  expect(problems.map(formatProblem)).toEqual([]);
  const { texts, missing } = missingKorean(dataset);
  // A walk that found nothing would prove nothing: the demo has thousands of texts.
  expect(texts).toBeGreaterThan(1000);
  expect(missing).toEqual([]);
  expect(dataset.cases.length).toBeGreaterThan(0);
  expect(caseProblems(dir, dataset)).toEqual([]);
  return dataset;
}

describe('Korean content', () => {
  test('every localized text and every case in content/ has Korean', () => {
    checkSite('content');
  }, 30_000);

  test('a generated site (×2 bodies) has Korean everywhere too, synthetic bodies included', () => {
    const root = mkdtempSync(join(tmpdir(), 'open-results-ko-'));
    try {
      const out = join(root, 'x2');
      generate({ out, seed: 'open-results-demo', scale: 2, years: 3, from: 'content' });
      const synthetic = checkSite(out).bodies.find((b) => b.id === 'demo-ministry-0001');
      expect(synthetic?.name.ko).toBe('예시 부처 0001');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  test('the methodology has the same sections, in order, in zh-Hant, en and ko', () => {
    const read = (locale: string) => {
      const fm = splitFrontmatter(locale, readFileSync(join('content', 'methodology', `${locale}.md`), 'utf8'));
      const sections = (parseYaml(fm.frontmatter ?? '') as { sections: { id: string; title: string }[] }).sections;
      const headings = fm.body.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
      return { sections, headings, body: fm.body };
    };
    const zh = read('zh-Hant');
    expect(zh.sections.length).toBeGreaterThan(0);
    for (const locale of ['zh-Hant', 'en', 'ko']) {
      const m = read(locale);
      expect(m.sections.map((s) => s.id), locale).toEqual(zh.sections.map((s) => s.id));
      expect(m.headings, locale).toEqual(m.sections.map((s) => s.title));
    }
    expect(read('ko').body).toMatch(HANGUL);
  });
});
