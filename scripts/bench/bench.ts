// `npm run bench`: measures and prints; never pass/fail (Lighthouse scores included: a measurement, not a test). Writes the table to
// bench-results/<date>.md so runs can be compared.
//   npm run bench                      # everything
//   npm run bench -- --only build,js   # some sections: build, js, search, lighthouse, ballots, sortition
//   npm run bench -- --scales 1,10     # site sizes (multiples of the demo) for the build section
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intOption, runCli, UsageError, type CliArgs } from '../lib/cli.ts';
import { benchBallots, formatBallotTable } from './ballots.ts';
import { benchSortition } from './sortition.ts';
import { generate } from '../demo/generate.ts';
import { dirSize, listHtml } from '../lib/html-files.ts';
import { measure } from './measure.ts';
import { pageWeight } from './page-weight.ts';

const options = { only: { type: 'string' }, scales: { type: 'string' }, 'ballot-seconds': { type: 'string' } } as const;
const SECTIONS = ['build', 'js', 'search', 'lighthouse', 'ballots', 'sortition'];

async function bench(values: CliArgs<typeof options>['values']): Promise<void> {
  for (const s of values.only?.split(',') ?? []) if (!SECTIONS.includes(s)) throw new UsageError(`unknown section "${s}" (${SECTIONS.join(', ')})`);
  const want = (s: string) => !values.only || values.only.split(',').includes(s);
  const scales = (values.scales ?? '1,10,100').split(',').map((x) => intOption('scales', x));
  const ballotSeconds = intOption('ballot-seconds', values['ballot-seconds'], 10);
  const lines: string[] = [`# Open Results benchmark — ${new Date().toISOString()}`, '', `machine: ${(await import('node:os')).cpus().length} cores, node ${process.versions.node}`, ''];
  const say = (l = '') => {
    lines.push(l);
    console.log(l);
  };
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const bin = (n: string) => join('node_modules', '.bin', n);
  // Any SITE_URL will do: the bench measures the build, nothing is published.
  const env = { ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: 'https://bench.invalid' };
  const dists = new Map<number, string>();

  if (want('build') || want('js') || want('search') || want('lighthouse')) {
    say('## Build (astro build, then the Pagefind index)');
    say('');
    say('| site | bodies | HTML pages | astro build | pages/s | peak memory | search index | index size |');
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const scale of want('build') ? scales : [1]) {
      const content = scale === 1 ? 'content' : join('.local', 'sites', `x${scale}`);
      // The body count is what the generator wrote (or what the demo holds), never a formula.
      const bodies = scale === 1 ? readdirSync(join(content, 'bodies')).length : generate({ out: content, seed: 'open-results-demo', scale, years: 3, from: 'content' }).bodies;
      const dist = join('.local', 'bench', `dist-x${scale}`);
      const build = await measure(bin('astro'), ['build', '--outDir', dist], { ...env, CONTENT_DIR: content });
      if (build.status !== 0) {
        say(`| ×${scale} | build failed: ${build.output.split('\n').slice(-5).join(' ')} |`);
        continue;
      }
      dists.set(scale, dist);
      const pages = listHtml(dist).length;
      let index = 'n/a';
      let size = 'n/a';
      const idx = await measure(bin('node'), ['scripts/build/search-index.ts', dist], env);
      index = idx.status === 0 ? `${idx.seconds.toFixed(1)} s (${mb(idx.peakBytes)})` : 'failed';
      size = existsSync(join(dist, 'pagefind')) ? mb(dirSize(join(dist, 'pagefind'))) : 'n/a';
      say(`| ×${scale} | ${bodies} | ${pages} | ${build.seconds.toFixed(1)} s | ${(pages / build.seconds).toFixed(0)} | ${mb(build.peakBytes)} | ${index} | ${size} |`);
    }
    say('');
  }

  if (want('js') && dists.has(1)) {
    const dist = dists.get(1)!;
    say('## Page weight on the demo (gzip)');
    say('');
    say('| page type | example | eager JS | JS with lazy imports | HTML + CSS |');
    say('| --- | --- | ---: | ---: | ---: |');
    const types: [string, string][] = [
      ['home', '/'], ['cycle', '/cycles/specific-evaluation-2023/'], ['body', '/bodies/seoul/'], ['program list', '/programs/'],
      ['case', '/cases/seoul-mobile-library/'], ['search (before a query)', '/search/'], ['panel: apply', '/panel/apply/'], ['panel: vote', '/panel/vote/'], ['home (en)', '/en/'],
    ];
    for (const [name, path] of types) {
      if (!existsSync(join(dist, path, 'index.html'))) {
        say(`| ${name} | ${path} | not built yet | | |`);
        continue;
      }
      const w = pageWeight(dist, path);
      say(`| ${name} | ${path} | ${kb(w.js)} | ${kb(w.jsWithLazy)} | ${kb(w.htmlCss)} |`);
    }
    say('');
  }

  if (want('search')) {
    say('## Search (Pagefind, first and second query, loopback)');
    say('');
    const { benchSearch, formatBench } = await import('./search.ts');
    for (const [scale, dist] of dists) {
      say(`site ×${scale}:`);
      say('```');
      say(formatBench(await benchSearch(dist)));
      say('```');
      say('');
    }
    say('');
  }

  if (want('lighthouse') && dists.has(1)) {
    say('## Lighthouse, mobile (lighthouse npm package driving Debian Chromium; simulated slow 4G, 4× CPU slowdown)');
    say('');
    const { benchLighthouse, formatLighthouseTable } = await import('./lighthouse.ts');
    const shots = join('bench-results', 'screenshots');
    for (const l of formatLighthouseTable(await benchLighthouse(dists.get(1)!, shots, undefined, (m) => console.error(`  ${m}`)))) say(l);
    say('');
    say(`390 px screenshots of every page type: ${shots}/`);
    say('');
  }

  if (want('ballots')) {
    say('## Ballots through PostgREST (local stack, 2 cores shared by server and client)');
    say('');
    say('Each run votes in a round of its own with the seat rules (200 confirmed members). node: this process drives');
    say('PostgREST with fetch through the gateway; wrk: Debian wrk with a Lua script holding each member\'s token; wrk-direct: the same\n' +
      'script to PostgREST\'s own port, past the gateway (what the gateway costs). Lost or doubled: acknowledged');
    say('ballots missing from the database plus members whose stored ballot is not their last accepted one (must be 0).');
    say('');
    const r = await benchBallots({ members: 200, concurrency: [10, 50], seconds: ballotSeconds, log: (m) => console.error(`  ${m}`) });
    for (const l of formatBallotTable(r)) say(l);
    say('');
  }

  if (want('sortition')) {
    say('## Panel draw (LEXIMIN with HiGHS)');
    say('');
    const { formatSortitionBench } = await import('./sortition.ts');
    const r = await benchSortition({ log: (m) => console.error(m) });
    for (const l of formatSortitionBench(r).split('\n')) say(`    ${l}`);
    say('');
  }

  mkdirSync('bench-results', { recursive: true });
  const file = join('bench-results', `${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`bench: table written to ${file}`);
}

if (import.meta.main) {
  await runCli({
    command: 'npm run bench --',
    summary: 'Benchmarks: measure and print (never pass/fail); writes bench-results/<date>.md.',
    usage: ['[--only build,js,search,lighthouse,ballots,sortition] [--scales 1,10,100] [--ballot-seconds 10]'],
    options,
    help: ['--only     some sections only', '--scales   site sizes (multiples of the demo) for the build section', '--ballot-seconds  how long each ballot run lasts'],
    run: ({ values }) => bench(values),
  });
}
