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

test('the <meta> policy drops only what a <meta> cannot carry, and goes right after the charset, once', async () => {
  const { metaPolicy, withCspMeta, cspMetaOf } = await import('../../src/lib/csp.ts');
  const csp = "default-src 'self'; frame-ancestors 'none'; report-uri /r; script-src 'self'";
  expect(metaPolicy(csp)).toBe("default-src 'self'; script-src 'self'");
  const page = '<!DOCTYPE html><html><head><meta charset="utf-8" /><style>a{}</style></head><body></body></html>';
  const once = withCspMeta(page, csp);
  expect(once).toContain(`<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'"><style>`);
  expect(withCspMeta(once, "default-src 'none'")).toBe(withCspMeta(page, "default-src 'none'"));
  expect(cspMetaOf(once)).toBe("default-src 'self'; script-src 'self'");
});

test('redirect rules: the default locale prefix moves to the unprefixed page, as the hosts match them; other locales get their own 404 page', async () => {
  const { siteRedirects, redirectsFile, parseRedirects, redirectFor, notFoundPageFor } = await import('../../scripts/build/deploy-files.ts');
  const rules = siteRedirects({ defaultLocale: 'zh-Hant', base: '', locales: ['zh-Hant', 'en', 'ko'] });
  expect(rules).toEqual([
    { from: '/zh-hant/*', to: '/:splat', status: 301 },
    { from: '/en/*', to: '/en/404.html', status: 404 },
    { from: '/ko/*', to: '/ko/404.html', status: 404 },
  ]);
  expect(parseRedirects(redirectsFile(rules))).toEqual(rules);
  expect(redirectFor('/zh-hant/cycles/x/', rules)).toEqual({ location: '/cycles/x/', status: 301 });
  // A 404 rule is not a redirect: existing pages under /en/ are served as they are.
  expect(redirectFor('/en/cycles/', rules)).toBeUndefined();
  expect(notFoundPageFor('/en/no/such/page/', rules)).toBe('/en/404.html');
  expect(notFoundPageFor('/ko/x', rules)).toBe('/ko/404.html');
  expect(notFoundPageFor('/english/', rules)).toBe('/404.html');
  expect(notFoundPageFor('/no/such/', rules)).toBe('/404.html');
  const based = siteRedirects({ defaultLocale: 'en', base: '/open-results', locales: ['en', 'zh-Hant'] });
  expect(redirectFor('/open-results/en/cycles/', based)).toEqual({ location: '/open-results/cycles/', status: 301 });
  expect(notFoundPageFor('/open-results/zh-hant/x/', based, '/open-results')).toBe('/open-results/zh-hant/404.html');
  expect(notFoundPageFor('/open-results/x/', based, '/open-results')).toBe('/open-results/404.html');
});

test('the nginx block refuses a value nginx would read as a variable', async () => {
  const { nginxServerBlock } = await import('../../scripts/build/deploy-files.ts');
  const block = (v: string) => nginxServerBlock([{ path: '/*', headers: [['X-Test', v]] }], [], { serverName: 'x', root: '/srv' });
  expect(block('a "quoted" value')).toContain('add_header X-Test "a \\"quoted\\" value" always;');
  expect(() => block('$host')).toThrow(/contains "\$"/);
});
