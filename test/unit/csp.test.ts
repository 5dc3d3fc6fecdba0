import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { buildCsp, collectInlineHashes, headersFile } from '../../src/lib/csp.ts';
import { parseHeadersFile } from '../../scripts/lib/static-server.ts';

const h = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

test('inline scripts, styles and style attributes are hashed; external and JSON scripts are not', () => {
  const html = '<script type="module" src="/_astro/a.js"></script><script>x()</script><script type="application/ld+json">{"a":1}</script><style>a{b:c}</style><p style="color: red">x</p>';
  const got = collectInlineHashes(html);
  expect([...got.scripts]).toEqual([h('x()')]);
  expect([...got.styles]).toEqual([h('a{b:c}')]);
  expect([...got.styleAttributes]).toEqual([h('color: red')]);
});

test('the policy allows Pagefind and only the Supabase origin besides self', () => {
  const csp = buildCsp(collectInlineHashes('<script>x()</script>'), 'https://abc.supabase.co/');
  expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${h('x()')}`);
  expect(csp).toContain("worker-src 'self' blob:");
  expect(csp).toContain("connect-src 'self' https://abc.supabase.co;");
  expect(csp).not.toContain('unsafe-inline');
  expect(buildCsp(collectInlineHashes(''))).toContain("connect-src 'self';");
});

test('the _headers file applies to every path and parses back', () => {
  const rules = parseHeadersFile(headersFile("default-src 'self'"));
  expect(rules).toHaveLength(1);
  expect(rules[0]!.pattern.test('/any/page/')).toBe(true);
  expect(Object.fromEntries(rules[0]!.headers)).toMatchObject({ 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' });
});
