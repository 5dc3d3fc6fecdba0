// The docs speak one Node story: commands as `npm run …` (which run the project's own Node), never
// `node scripts/x.ts` (which needs Node 22.18+ on PATH); and every `npm run` they name exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('no doc runs a script with `node scripts/…`', () => {
  const found = docs.flatMap((d) => readFileSync(join(ROOT, d), 'utf8').split('\n').map((l, i) => [d, i + 1, l] as const)).filter(([, , l]) => /\bnode scripts\//.test(l));
  expect(found.map(([d, n, l]) => `${d}:${n}: ${l.trim()}`)).toEqual([]);
});

test('every `npm run <name>` in the docs is a package.json script', () => {
  const named = docs.flatMap((d) => [...readFileSync(join(ROOT, d), 'utf8').matchAll(/npm run (?:--silent )?([a-z][\w:-]*)/g)].map((m) => `${d}: ${m[1]}`));
  expect(named.length).toBeGreaterThan(10);
  expect(named.filter((n) => !(n.split(': ')[1]! in scripts))).toEqual([]);
});

test('README, package.json engines and the docs state the same minimum Node', () => {
  const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  expect(engines).toBe('>=22.18');
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 22.18');
  for (const d of docs) expect(readFileSync(join(ROOT, d), 'utf8'), d).not.toMatch(/Node(\.js)? (1\d|20|21)\+|Node(\.js)? 22\+/);
});
