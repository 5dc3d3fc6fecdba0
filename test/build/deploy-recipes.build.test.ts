// Every deploy recipe in docs/deploy.md sends exactly the headers the build generates (one header
// source: src/lib/csp.ts), checked on the demo build:
//   _headers          the policy recomputed from the built pages, and the hardening headers
//   Netlify           netlify.toml adds no header or redirect of its own: dist/_headers and _redirects apply
//   Cloudflare Pages  the same files, within Cloudflare's limits
//   GitHub Pages      the workflow (npm ci, SITE_URL + BASE_PATH from configure-pages, dist/); no headers at
//                     all there: every page's <meta> policy is the header policy minus header-only directives
//   nginx             the generated server block, run in a real nginx, answers with the same headers and redirects
//   npm start         the local static server, likewise
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCsp, collectInlineHashes, cspMetaOf, emptyHashes, HEADER_ONLY_DIRECTIVES, metaPolicy, securityHeaders, withoutCspMeta } from '../../src/lib/csp.ts';
import { parseHeaders, parseRedirects, siteRedirects, type HeaderRule } from '../../scripts/build/deploy-files.ts';
import { siteData } from '../../src/lib/site.ts';
import { LOCALE_FACTS } from '../../src/i18n/locales.ts';
import { nginxConfigFor } from '../../scripts/build/nginx-config.ts';
import { listHtml } from '../../scripts/lib/html-files.ts';
import { ephemeralPort } from '../../scripts/stack/ports.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dist = '';
let rules: HeaderRule[] = [];
let expectedCsp = '';

beforeAll(() => {
  dist = inject('demoDist');
  rules = parseHeaders(readFileSync(join(dist, '_headers'), 'utf8'));
  // The policy recomputed from what was built (the demo is built without PUBLIC_SUPABASE_URL).
  const hashes = emptyHashes();
  for (const f of listHtml(dist)) collectInlineHashes(withoutCspMeta(readFileSync(join(dist, f), 'utf8')), hashes);
  expectedCsp = buildCsp(hashes);
});

const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean);
const headerMap = (h: [string, string][]) => Object.fromEntries(h.map(([k, v]) => [k.toLowerCase(), v]));

describe('the header source', () => {
  it('_headers holds one rule for every path: the policy of the pages built and the hardening headers', () => {
    expect(rules).toEqual([{ path: '/*', headers: securityHeaders(expectedCsp) }]);
    expect(expectedCsp).toContain("frame-ancestors 'none'");
    expect(expectedCsp).not.toContain('unsafe-inline');
  });

  it('_redirects holds the site redirects (the default locale\'s prefixed paths → unprefixed)', () => {
    const redirects = parseRedirects(readFileSync(join(dist, '_redirects'), 'utf8'));
    expect(redirects).toEqual(siteRedirects(siteData('content').routes));
    expect(redirects).toContainEqual({ from: '/zh-hant/*', to: '/:splat', status: 301 });
  });
});

describe('Netlify', () => {
  const toml = parseToml(readFileSync(join(ROOT, 'netlify.toml'), 'utf8')) as { build: { command: string; publish: string; environment: Record<string, string> }; headers?: unknown; redirects?: unknown };
  it('publishes dist/ built by npm run build with a SITE_URL, and sets no header or redirect of its own', () => {
    expect(toml.build.publish).toBe('dist');
    expect(toml.build.command).toMatch(/SITE_URL=.*npm run build$/);
    expect(toml.headers).toBeUndefined();
    expect(toml.redirects).toBeUndefined();
  });
  it('runs a Node the project supports (package.json engines)', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=22.18');
    const [major, minor] = toml.build.environment.NODE_VERSION!.split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 18)).toBe(true);
  });
});

describe('Cloudflare Pages', () => {
  it('has a 404.html per locale where Cloudflare looks for the nearest one (/404.html, /en/404.html, …); the root one is for every locale: noindex, each published language marked as such, a way home in each', () => {
    const { routes: r } = siteData('content');
    for (const l of r.locales) expect(existsSync(join(dist, r.in(l).home().slice(1), '404.html')), l).toBe(true);
    const html = readFileSync(join(dist, '404.html'), 'utf8');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
    const { routes } = siteData('content');
    for (const l of routes.locales) {
      expect(html, l).toContain(`href="${routes.in(l).home()}"`);
      if (l !== routes.defaultLocale) expect(html, l).toMatch(new RegExp(`<section lang="${LOCALE_FACTS[l].htmlLang}"`));
    }
  });

  it('_headers stays within Cloudflare\'s limits (100 rules, 2,000 characters a line)', () => {
    const lines = readFileSync(join(dist, '_headers'), 'utf8').split('\n');
    expect(rules.length).toBeLessThanOrEqual(100);
    for (const l of lines) expect(l.length, l.slice(0, 80)).toBeLessThanOrEqual(2000);
  });
});

describe('GitHub Pages (no headers): the workflow, and the CSP as <meta>', () => {
  const wf = parseYaml(readFileSync(join(ROOT, '.github', 'workflows', 'pages.yml'), 'utf8')) as {
    on: { push: { branches: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { id?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }[] }>;
  };
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  it('builds with npm ci and npm run build, SITE_URL and BASE_PATH from configure-pages, and deploys dist/', () => {
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const pages = steps.find((s) => s.uses?.startsWith('actions/configure-pages@'));
    expect(pages?.id).toBe('pages');
    expect(steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    const build = steps.find((s) => s.run === 'npm run build')!;
    expect(build.env).toMatchObject({ SITE_URL: '${{ steps.pages.outputs.origin }}', BASE_PATH: '${{ steps.pages.outputs.base_path }}' });
    expect(Object.keys(build.env!).filter((k) => /SECRET|SERVICE_ROLE/.test(k))).toEqual([]);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist');
    expect(steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    const node = String(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']);
    const [major, minor] = node.split('.').map(Number);
    expect(major! > 22 || (major === 22 && minor! >= 18), node).toBe(true);
  });

  it('every page carries exactly one, equal to the header policy minus the header-only directives, before any script or style', () => {
    const headerCsp = headerMap(rules[0]!.headers)['content-security-policy']!;
    const expected = directives(headerCsp).filter((d) => !HEADER_ONLY_DIRECTIVES.includes(d.split(' ')[0]!));
    expect(expected.length).toBe(directives(headerCsp).length - 1); // frame-ancestors only, today
    expect(directives(metaPolicy(headerCsp))).toEqual(expected);
    const wrong: string[] = [];
    for (const f of listHtml(dist)) {
      const html = readFileSync(join(dist, f), 'utf8');
      const metas = html.match(/http-equiv="Content-Security-Policy"/g) ?? [];
      const meta = cspMetaOf(html);
      if (metas.length !== 1 || !meta) wrong.push(`${f}: ${metas.length} CSP <meta>`);
      else if (meta !== expected.join('; ')) wrong.push(`${f}: ${meta.slice(0, 80)}`);
      else {
        const at = html.indexOf('http-equiv="Content-Security-Policy"');
        const first = Math.min(...['<script', '<style', '<link rel="stylesheet"'].map((t) => html.indexOf(t)).filter((i) => i >= 0));
        if (first < at) wrong.push(`${f}: a script or style comes before the CSP <meta>`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** GET without following redirects. */
async function get(base: string, path: string) {
  const res = await fetch(`${base}${path}`, { redirect: 'manual' });
  await res.arrayBuffer();
  return res;
}

/** What every recipe that sends headers must answer: the _headers set on pages, assets and 404s; the redirects. */
async function expectRecipe(base: string) {
  const expected = headerMap(rules[0]!.headers);
  const asset = readFileSync(join(dist, 'index.html'), 'utf8').match(/href="(\/_astro\/[^"]+\.css)"/)?.[1];
  expect(asset).toBeDefined();
  // A missing page answers 404 with its locale's own 404 page (the <html lang> and the title say which).
  const { routes } = siteData('content');
  const missing = new Map(routes.locales.map((l) => [`${routes.in(l).home()}no/such/page/`, l]));
  const notFoundTitle = new Map(routes.locales.map((l) => [l, /<title>([^<]+)<\/title>/.exec(readFileSync(join(dist, routes.in(l).home().slice(1), '404.html'), 'utf8'))![1]!]));
  expect(new Set(notFoundTitle.values()).size).toBe(routes.locales.length);
  for (const path of ['/', '/en/cycles/', '/data/bodies.csv', asset!, ...missing.keys()]) {
    const res = await fetch(`${base}${path}`, { redirect: 'manual' });
    const body = await res.text();
    const locale = missing.get(path);
    expect(res.status, path).toBe(locale ? 404 : 200);
    if (locale) {
      expect(body, path).toContain(`<title>${notFoundTitle.get(locale)}</title>`);
      expect(body, path).toContain(`<html lang="${LOCALE_FACTS[locale].htmlLang}"`);
    }
    for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
  }
  const moved = await get(base, '/zh-hant/cycles/');
  expect(moved.status).toBe(301);
  expect(new URL(moved.headers.get('location')!, base).pathname).toBe('/cycles/');
  const slash = await get(base, '/cycles');
  expect(slash.status).toBe(301);
  expect(new URL(slash.headers.get('location')!, base).pathname).toBe('/cycles/');
}

describe('nginx: the generated server block', () => {
  const work = mkdtempSync(join(tmpdir(), 'or-nginx-'));
  let nginx: ChildProcess | undefined;
  let base = '';
  let conf = '';

  beforeAll(async () => {
    const port = await ephemeralPort();
    conf = nginxConfigFor(dist, { serverName: 'localhost', listen: [`127.0.0.1:${port}`] });
    writeFileSync(join(work, 'site.conf'), conf);
    for (const d of ['logs', 'tmp']) mkdirSync(join(work, d));
    // A minimal nginx.conf around the generated block; as root, workers run as this user to read dist.
    writeFileSync(join(work, 'nginx.conf'), [
      ...(userInfo().uid === 0 ? [`user ${userInfo().username};`] : []),
      'worker_processes 1;', `pid ${join(work, 'nginx.pid')};`, `error_log ${join(work, 'logs', 'error.log')} warn;`, 'daemon off;',
      'events { worker_connections 64; }',
      'http {', '  include /etc/nginx/mime.types;', '  default_type application/octet-stream;', '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(work, 'tmp', t)};`),
      `  include ${join(work, 'site.conf')};`, '}', '',
    ].join('\n'));
    // Debian puts nginx in /usr/sbin, which is not on a normal user's PATH.
    const bin = [spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim(), '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/opt/homebrew/bin/nginx'].find((b) => b && existsSync(b));
    if (!bin) throw new Error('nginx is not installed: apt-get install -y nginx (as root; .ci/run installs it) or brew install nginx');
    const check = spawnSync(bin, ['-t', '-p', work, '-c', join(work, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(bin, ['-p', work, '-c', join(work, 'nginx.conf')], { stdio: 'ignore' });
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        await fetch(`${base}/`);
        break;
      } catch {
        if (i > 100) throw new Error(`nginx did not answer on ${base}: ${readFileSync(join(work, 'logs', 'error.log'), 'utf8')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('is a complete server block whose add_header lines are _headers, always, and whose rewrites are _redirects', () => {
    expect(conf).toMatch(/^server \{$/m);
    const added = [...conf.matchAll(/^\s+add_header (\S+) "((?:[^"\\]|\\.)*)" always;$/gm)].map((m) => [m[1]!, m[2]!.replace(/\\(.)/g, '$1')]);
    expect(added).toEqual(rules[0]!.headers);
    expect(conf).toContain('rewrite ^/zh-hant/(.*)$ /$1 permanent;');
    expect(conf).toContain('error_page 404 @not_found;');
  });

  it('served by a real nginx, answers with those headers on pages, data, assets and 404s, and redirects like the hosts', async () => {
    await expectRecipe(base);
    expect((await get(base, '/data/bodies.csv')).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await get(base, '/pagefind/pagefind.js')).headers.get('content-type')).toMatch(/javascript/);
  });
});

describe('npm start: the local static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(dist);
  });
  afterAll(() => server?.close());
  it('answers with the _headers set and the _redirects rules', async () => {
    await expectRecipe(server.url);
  });
});
