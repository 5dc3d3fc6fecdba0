// Architecture rules, checked on the source as Starlight checks its own: every locale fact lives
// in src/i18n/ (nothing else names a locale or chooses words by `zh ? … : …`), pages are thin,
// and the core modules do not import each other in a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
function files(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|astro|svelte)$/.test(f)) out.push(p);
  }
  return out;
}
const src = files(join(ROOT, 'src')).map((p) => relative(ROOT, p).split('\\').join('/'));


const LOCALE_LITERAL = /(['"`])(zh-Hant|zh-hant|en|ko|zh-Hant-TW|ko-KR)\1/;
const LOCALE_PROPERTY = /\.(en|ko)\b(?!\s*\()|\[['"]zh-Hant['"]\]/;
const LOCALE_CHOICE = /\bzh\s*\?|\blocale\s*===?\s*['"]|\blang\s*===?\s*['"]/;

describe('every locale fact lives in src/i18n', () => {
  it('no locale literal, locale property or zh ? … : … choice outside src/i18n', () => {
    const found: string[] = [];
    for (const f of src) {
      if (f.startsWith('src/i18n/')) continue;
      readFileSync(join(ROOT, f), 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments may name a locale
        for (const re of [LOCALE_LITERAL, LOCALE_PROPERTY, LOCALE_CHOICE]) if (re.test(line)) found.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the guard can fail: it sees a locale literal and a zh ? choice', () => {
    expect(LOCALE_LITERAL.test(`const x = locale === 'en' ? 1 : 2;`)).toBe(true);
    expect(LOCALE_CHOICE.test(`{zh ? '國民評鑑團' : 'Citizen panel'}`)).toBe(true);
    expect(LOCALE_PROPERTY.test(`site.name.en ?? x`)).toBe(true);
    expect(LOCALE_PROPERTY.test(`process.env.SITE_URL`)).toBe(false);
  });
});

describe('one route file per page type', () => {
  it('has no mirrored locale tree under src/pages', () => {
    const pages = src.filter((f) => f.startsWith('src/pages/'));
    expect(pages.filter((f) => /^src\/pages\/(en|ko|zh-hant)\//.test(f))).toEqual([]);
    for (const f of pages) {
      const code = readFileSync(join(ROOT, f), 'utf8');
      expect(code.split('\n').length, `${f} is a route: keep it thin`).toBeLessThanOrEqual(15);
    }
  });
});

describe('core modules', () => {
  const importsOf = (f: string) =>
    [...readFileSync(join(ROOT, f), 'utf8').matchAll(/^\s*import\s[^'"]*['"](\.[^'"]+)['"]/gm)].map((m) => relative(ROOT, resolve(dirname(join(ROOT, f)), m[1]!)).split('\\').join('/'));
  const folder = (f: string) => f.split('/').slice(0, 3).join('/');

  it('content, panel and the loader do not import each other in a circle', () => {
    const libs = src.filter((f) => f.startsWith('src/lib/') && f.endsWith('.ts'));
    const edges = new Map<string, Set<string>>();
    for (const f of libs) for (const to of importsOf(f)) {
      const a = folder(f), b = folder(to);
      if (a !== b && b.startsWith('src/lib/')) (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
    }
    const cycles: string[] = [];
    for (const [a, tos] of edges) for (const b of tos) if (edges.get(b)?.has(a)) cycles.push(`${a} ↔ ${b}`);
    expect(cycles).toEqual([]);
  });

  it('defines the framework-of-a-cycle lookup once', () => {
    const hits = src.filter((f) => /frameworks\.find\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(hits).toEqual(['src/lib/content/dataset.ts']);
  });
});

describe('functions stay small', () => {
  it('no function over 80 lines outside the LP/sortition algorithms', async () => {
    const ts = (await import('typescript')).default;
    /** TRANSITIONAL: being split by the work that is changing them (issues 13, 14, 17); this list may only shrink. */
    const pendingSplit = new Set<string>([]);
    const code = [...src, ...files(join(ROOT, 'scripts')).map((p) => relative(ROOT, p).split('\\').join('/'))].filter((f) => f.endsWith('.ts') && !f.startsWith('src/lib/sortition/') && !pendingSplit.has(f));
    const long: string[] = [];
    for (const f of code) {
      const sf = ts.createSourceFile(f, readFileSync(join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: import('typescript').Node) => {
        if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) {
          const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          if (lines > 80) long.push(`${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(code.length).toBeGreaterThan(100);
    expect(long).toEqual([]);
  });
});
