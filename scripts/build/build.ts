// `npm run build`: the whole publishing pipeline, in order. Each step stops the build on failure.
//   1. astro build      validates content/ (every problem listed, nothing written) and renders pages
//   2. search index     sharded Pagefind bundles per locale (scripts/build/search-index.ts)
//   3. sitemap          sitemap.xml with hreflang alternates, robots.txt (scripts/build/sitemap.ts)
//   4. security headers hashes inline scripts/styles into dist/_headers (CSP)
//   npm run build -- [--out dist]          (CONTENT_DIR selects another content folder)
import { spawnSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';
import { runCli, UserError } from '../lib/cli.ts';
import { buildSearchIndex } from './search-index.ts';
import { writeSecurityHeaders } from './security-headers.ts';
import { configuredSite, writeSitemap } from './sitemap.ts';

export async function runBuild(out: string, env: NodeJS.ProcessEnv = process.env): Promise<{ ok: boolean; seconds: Record<string, number> }> {
  const seconds: Record<string, number> = {};
  const step = async (name: string, fn: () => boolean | Promise<boolean>) => {
    const t0 = performance.now();
    const ok = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    return ok;
  };
  const PATH = `${resolve('node_modules/.bin')}${delimiter}${env.PATH ?? ''}`;
  const astro = () => spawnSync(join('node_modules', '.bin', 'astro'), ['build', '--outDir', out], { stdio: 'inherit', env: { ...env, PATH, ASTRO_TELEMETRY_DISABLED: '1' } }).status === 0;
  if (!(await step('astro', astro))) return { ok: false, seconds };
  await step('search', async () => {
    const r = await buildSearchIndex(out);
    console.log(`build: search index of ${Object.entries(r.byLang).map(([l, n]) => `${l} ${n} documents in ${r.shards[l]} shards`).join(', ')}`);
    return true;
  });
  const site = env.SITE_URL ?? (await configuredSite());
  await step('sitemap', () => {
    writeSitemap(out, site);
    return true;
  });
  await step('headers', () => {
    writeSecurityHeaders(out, env.PUBLIC_SUPABASE_URL);
    return true;
  });
  return { ok: true, seconds };
}

if (import.meta.main) {
  await runCli({
    command: 'npm run build --',
    summary: 'The publishing pipeline: validate content/, astro build, Pagefind index, sitemap, security headers.',
    usage: ['[--out dist]'],
    options: { out: { type: 'string' } },
    help: ['--out  where the site is written (default dist)', 'CONTENT_DIR selects another content folder'],
    async run({ values }) {
      const out = values.out ?? 'dist';
      const r = await runBuild(out);
      if (!r.ok) throw new UserError('the build failed (see above); nothing new was published');
      console.log(`build: ${out} ready (${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);
    },
  });
}
