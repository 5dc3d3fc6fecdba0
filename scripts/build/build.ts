// `npm run build`: the whole publishing pipeline, in order. Each step stops the build on failure.
//   0. deploy settings  SITE_URL, BASE_PATH (docs/deploy.md); without SITE_URL the build stops with one line
//   1. astro build      validates content/ (every problem listed, nothing written) and renders pages
//   2. search index     Pagefind, one index per <html lang> (scripts/build/search-index.ts)
//   3. sitemap          sitemap.xml with hreflang alternates, robots.txt (scripts/build/sitemap.ts)
//   4. security headers hashes inline scripts/styles into dist/_headers (CSP)
// Prints a short summary (pages per language, search index, open data, feeds, time); Astro's own
// per-page log only with --verbose (and its output in full when it fails).
//   npm run build -- [--out dist] [--verbose]          (CONTENT_DIR selects another content folder)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { runCli, UserError } from '../lib/cli.ts';
import { DeploySettingsError, deploySettings } from '../lib/deploy-settings.ts';
import { builtPages, dirSize } from '../lib/html-files.ts';
import { buildSearchIndex, type SearchIndexReport } from './search-index.ts';
import { writeSecurityHeaders } from './security-headers.ts';
import { writeSitemap } from './sitemap.ts';

export interface BuildResult {
  ok: boolean;
  seconds: Record<string, number>;
  /** The summary lines printed after a successful build. */
  summary: string[];
}

/** Astro's per-route lines (` ├─ /x/index.html (+12ms)`) and the heading above them. */
const routeLine = (l: string) => /^\s*(\d\d:\d\d:\d\d\s+)?\s*[├└]─ /.test(l) || /generating static routes/.test(l);

/**
 * What to show when Astro fails: its messages (content problems are listed as
 * path:line: field: reason) without the route list, progress lines, or the stack trace of where
 * the build noticed (DEBUG=1 keeps everything).
 */
export function failureOutput(output: string): string {
  if (process.env.DEBUG) return output.trim();
  const kept: string[] = [];
  let inTrace = false;
  for (const line of output.split('\n')) {
    if (/^\s+(Location|Stack trace):\s*$/.test(line)) {
      inTrace = true;
      continue;
    }
    if (inTrace && /^\s{3,}\S/.test(line)) continue;
    inTrace = false;
    if (routeLine(line) || /^\d\d:\d\d:\d\d \[(content|types|build|vite)\] (?!.*(error|fail))/i.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

function runAstro(out: string, env: NodeJS.ProcessEnv, verbose: boolean): Promise<{ ok: boolean; output: string }> {
  const PATH = `${resolve('node_modules/.bin')}${delimiter}${env.PATH ?? ''}`;
  return new Promise((done) => {
    const child = spawn(join('node_modules', '.bin', 'astro'), ['build', '--outDir', out], {
      stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...env, PATH, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('close', (code) => done({ ok: code === 0, output }));
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const count = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${k} ${n}`).join(', ');

/** Files under dist/<dir> for every folder named `dir` (e.g. feeds/, en/feeds/), HTML pages excluded. */
function filesIn(dist: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dist, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (r !== 'pagefind' && r !== '_astro') walk(r);
      } else if ((r.split('/').includes(dir)) && !e.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out;
}

function summarise(out: string, search: SearchIndexReport, sitemap: { urls: number }, cspLength: number): string[] {
  const pages = builtPages(out);
  const byLang: Record<string, number> = {};
  for (const p of pages) byLang[p.lang || '(no lang)'] = (byLang[p.lang || '(no lang)'] ?? 0) + 1;
  const data = filesIn(out, 'data');
  const byType: Record<string, number> = {};
  for (const f of data) byType[f.slice(f.lastIndexOf('.') + 1)] = (byType[f.slice(f.lastIndexOf('.') + 1)] ?? 0) + 1;
  const dataBytes = data.reduce((a, f) => a + statSync(join(out, f)).size, 0);
  const feeds = filesIn(out, 'feeds');
  return [
    `pages         ${pages.length} HTML pages (${count(byLang)})`,
    `search index  ${search.pages} pages in ${search.languages.length} Pagefind indexes (${count(search.byLang)}), ${mb(dirSize(join(out, 'pagefind')))}`,
    `open data     ${data.length} files (${count(byType)}), ${mb(dataBytes)}`,
    `feeds         ${feeds.length} files in ${[...new Set(feeds.map((f) => f.slice(0, f.lastIndexOf('/') + 1)))].join(', ')} (${[...new Set(feeds.map((f) => f.slice(f.lastIndexOf('/') + 1)))].join(', ')})`,
    `sitemap       ${sitemap.urls} URLs, robots.txt`,
    `headers       _headers, _redirects, CSP <meta> in every page (policy ${cspLength} characters)`,
  ];
}

export async function runBuild(out: string, env: NodeJS.ProcessEnv = process.env, opts: { verbose?: boolean } = {}): Promise<BuildResult> {
  const { site } = deploySettings(env);
  const seconds: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    return r;
  };
  const astro = await step('astro', () => runAstro(out, env, opts.verbose ?? false));
  if (!astro.ok) {
    // Astro's own words (content problems are listed as path:line: field: reason), minus the route list.
    process.stderr.write(`${failureOutput(astro.output)}\n`);
    return { ok: false, seconds, summary: [] };
  }
  if (!opts.verbose) {
    const warnings = astro.output.split('\n').filter((l) => /\[WARN\]|\bwarning\b/i.test(l));
    for (const w of warnings.slice(0, 5)) console.log(w.trim());
    if (warnings.length > 5) console.log(`… ${warnings.length - 5} more warnings (npm run build -- --verbose shows Astro's full log)`);
  }
  const search = await step('search', () => buildSearchIndex(out));
  const sitemap = await step('sitemap', () => writeSitemap(out, site));
  const csp = await step('headers', () => writeSecurityHeaders(out, env.PUBLIC_SUPABASE_URL));
  return { ok: true, seconds, summary: summarise(out, search, sitemap, csp.length) };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run build --',
    summary: 'The publishing pipeline: validate content/, astro build, Pagefind index, sitemap, security headers. Needs SITE_URL (docs/deploy.md).',
    usage: ['[--out dist] [--verbose]'],
    options: { out: { type: 'string' }, verbose: { type: 'boolean' } },
    help: [
      '--out      where the site is written (default dist)',
      '--verbose  Astro\'s full log (every page it renders)',
      'SITE_URL (required): where the site is published, e.g. https://results.example.gov; read from the environment or .env',
      'BASE_PATH (optional): the path it is published under, e.g. /open-results for a GitHub Pages project site',
      'CONTENT_DIR selects another content folder; PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY (or _PUBLISHABLE_KEY) connect the citizen panel',
    ],
    userErrors: [DeploySettingsError],
    async run({ values }) {
      const out = values.out ?? 'dist';
      const t0 = performance.now();
      const r = await runBuild(out, process.env, { verbose: values.verbose });
      if (!r.ok) throw new UserError('the build failed (see above); nothing new was published');
      const where = relative(process.cwd(), resolve(out)) || '.';
      for (const line of r.summary) console.log(`build: ${line}`);
      const steps = Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
      const { site, base } = deploySettings();
      console.log(`build: ${where.startsWith('..') ? resolve(out) : where}/ ready for ${site}${base}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s (${steps})`);
      if (!existsSync(join(out, 'index.html'))) throw new UserError(`${out}/index.html is missing: the build wrote no home page`);
    },
  });
}
