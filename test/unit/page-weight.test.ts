import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import { dynamicImports, pageWeight, staticImports } from '../../scripts/bench/page-weight.ts';

const dist = mkdtempSync(join(tmpdir(), 'open-results-weight-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
const put = (p: string, s: string) => {
  mkdirSync(join(dist, p, '..'), { recursive: true });
  writeFileSync(join(dist, p), s);
};
const gz = (s: string) => gzipSync(s).length;

const island = 'import{a}from"./shared.js";import"./side.js";const lazy=()=>import("./lazy.js");export default a;';
const shared = 'export const a=1;' + 'x'.repeat(500);
const side = 'console.log("side")';
const lazy = 'import{a}from"./shared.js";import"./lazy-dep.js";export const big="' + 'y'.repeat(5000) + '"';
const lazyDep = 'export const d=2;';
const css = 'body{margin:0}';
put('_astro/island.js', island);
put('_astro/shared.js', shared);
put('_astro/side.js', side);
put('_astro/lazy.js', lazy);
put('_astro/lazy-dep.js', lazyDep);
put('_astro/site.css', css);
const panel = '<!doctype html><html><head><link href="/_astro/site.css" rel="stylesheet"></head><body><astro-island component-url="/_astro/island.js" renderer-url="/_astro/shared.js"></astro-island><script>window.x=1</script></body></html>';
const plain = '<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"><script type="application/ld+json">{"@context":"https://schema.org"}</script></head><body><p>0 JS</p></body></html>';
put('panel/index.html', panel);
put('search/index.html', '<!doctype html><html><body><astro-island component-url="/_astro/island.js" renderer-url="/_astro/shared.js" client="interaction"></astro-island><script>d()</script></body></html>');
put('index.html', plain);

test('static imports, not dynamic ones; dynamic ones apart', () => {
  expect(staticImports(island).sort()).toEqual(['./shared.js', './side.js']);
  expect(dynamicImports(island)).toEqual(['./lazy.js']);
  expect(dynamicImports('const m=()=>__vitePreload(() => import( "./supabase.X.js" ),__vite__mapDeps([0]))')).toEqual(['./supabase.X.js']);
  expect(dynamicImports('e(()=>import(`./supabase.BfrVrC2D.js`),[])')).toEqual(['./supabase.BfrVrC2D.js']);
  expect(dynamicImports('import(`${base}pagefind.js`);import(name)')).toEqual([]);
});

test('eager JS follows islands and their static imports, counts inline scripts, skips lazy chunks', () => {
  const w = pageWeight(dist, '/panel/');
  expect(w.scripts.sort()).toEqual(['/_astro/island.js', '/_astro/shared.js', '/_astro/side.js']);
  expect(w.js).toBe(gz(island) + gz(shared) + gz(side) + gz('window.x=1'));
  // With what it imports dynamically: the lazy chunk and its own new imports, shared ones once.
  expect(w.jsWithLazy).toBe(w.js + gz(lazy) + gz(lazyDep));
  expect(w.htmlCss).toBe(gz(panel) + gz(css));
  expect(w.scriptTags).toBe(1);
});

test('a page without scripts (a JSON-LD data block is not one) weighs 0 bytes of JS', () => {
  const w = pageWeight(dist, '/');
  expect(w).toMatchObject({ js: 0, jsWithLazy: 0, scriptTags: 0, scripts: [] });
  expect(w.htmlCss).toBe(gz(plain) + gz(css));
});

test('an island that waits for interaction costs only its inline loader until then', () => {
  const w = pageWeight(dist, '/search/');
  expect(w.scripts).toEqual([]);
  expect(w.js).toBe(gz('d()'));
  expect(w.jsWithLazy).toBe(gz('d()'));
});
