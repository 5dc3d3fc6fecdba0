// `npm run bench`: measures and prints; never pass/fail (Lighthouse scores included: a measurement, not a test). Writes the table to
// bench-results/<date>.md so runs can be compared.
//   npm run bench                      # everything
//   npm run bench -- --only build,js   # some sections: build, js, search, lighthouse, ballots, sortition
//   npm run bench -- --scales 1,10     # site sizes (multiples of the demo) for the build and search sections
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

type Say = (line?: string) => void;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const bin = (n: string) => join('node_modules', '.bin', n);
// Any SITE_URL will do: the bench measures the build, nothing is published; the sites are served at
// the root (no BASE_PATH, whatever .env says).
const env = { ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: 'https://bench.invalid', BASE_PATH: '' };

/** Build each site size (astro, then the search index, each measured); returns the dist of each. */
async function buildSection(say: Say, scales: number[]): Promise<Map<number, string>> {
  const dists = new Map<number, string>();
  say('## Build (astro build, then the search index)');
  say('');
  say('| site | bodies | HTML pages | astro build | pages/s | peak memory | search index (time, peak memory) | search documents per locale | index size |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const scale of scales) {
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
    // The index is built from the same content folder as the pages (records come from the dataset).
    const idx = await measure(bin('node'), ['scripts/build/search-index.ts', dist], { ...env, CONTENT_DIR: content });
    const index = idx.status === 0 ? `${idx.seconds.toFixed(1)} s (${mb(idx.peakBytes)})` : `failed: ${idx.output.split('\n').slice(-3).join(' ')}`;
    const docs = /search index: (.*) in [\d.]+ s/.exec(idx.output)?.[1] ?? 'n/a';
    const size = existsSync(join(dist, 'pagefind')) ? mb(dirSize(join(dist, 'pagefind'))) : 'n/a';
    say(`| ×${scale} | ${bodies} | ${pages} | ${build.seconds.toFixed(1)} s | ${(pages / build.seconds).toFixed(0)} | ${mb(build.peakBytes)} | ${index} | ${docs} | ${size} |`);
  }
  say('');
  return dists;
}

function weightSection(say: Say, dist: string): void {
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

async function searchSection(say: Say, dists: Map<number, string>): Promise<void> {
  say('## Search (first query, then a later query for the most common word; loopback, cold cache per locale)');
  say('');
  say('Bytes are gzip estimates as a host that compresses text would send them; Pagefind\'s index files are sent as they are (already compressed).');
  say('');
  const { benchSearch, formatBench } = await import('./search.ts');
  for (const [scale, dist] of dists) {
    // Times are wall clock on a shared machine: the load average says how busy it was.
    say(`site ×${scale} (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} before):`);
    say('');
    for (const l of formatBench(await benchSearch(dist), scale).split('\n')) say(l);
    say('');
  }
}

async function lighthouseSection(say: Say, dist: string): Promise<void> {
  say('## Lighthouse, mobile (lighthouse npm package driving Debian Chromium; simulated slow 4G, 4× CPU slowdown)');
  say('');
  const { benchLighthouse, formatLighthouseTable } = await import('./lighthouse.ts');
  const shots = join('bench-results', 'screenshots');
  for (const l of formatLighthouseTable(await benchLighthouse(dist, shots, undefined, (m) => console.error(`  ${m}`)))) say(l);
  say('');
  say(`390 px screenshots of every page type: ${shots}/`);
  say('');
}

async function ballotsSection(say: Say, ballotSeconds: number): Promise<void> {
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

async function sortitionSection(say: Say): Promise<void> {
  say('## Panel draw (LEXIMIN with HiGHS)');
  say('');
  const { formatSortitionBench } = await import('./sortition.ts');
  const r = await benchSortition({ log: (m) => console.error(m) });
  for (const l of formatSortitionBench(r).split('\n')) say(`    ${l}`);
  say('');
}

async function bench(values: CliArgs<typeof options>['values']): Promise<void> {
  for (const s of values.only?.split(',') ?? []) if (!SECTIONS.includes(s)) throw new UsageError(`unknown section "${s}" (${SECTIONS.join(', ')})`);
  const want = (s: string) => !values.only || values.only.split(',').includes(s);
  const scales = (values.scales ?? '1,10,100').split(',').map((x) => intOption('scales', x));
  const ballotSeconds = intOption('ballot-seconds', values['ballot-seconds'], 10);
  const os = await import('node:os');
  const lines: string[] = [`# Open Results benchmark — ${new Date().toISOString()}`, '', `machine: ${os.cpus().length} cores, node ${process.versions.node}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min) at start`, ''];
  const say: Say = (l = '') => {
    lines.push(l);
    console.log(l);
  };
  const needsBuild = want('build') || want('js') || want('search') || want('lighthouse');
  const dists = needsBuild ? await buildSection(say, want('build') || want('search') ? scales : [1]) : new Map<number, string>();
  if (want('js') && dists.has(1)) weightSection(say, dists.get(1)!);
  if (want('search')) await searchSection(say, dists);
  if (want('lighthouse') && dists.has(1)) await lighthouseSection(say, dists.get(1)!);
  if (want('ballots')) await ballotsSection(say, ballotSeconds);
  if (want('sortition')) await sortitionSection(say);
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
