// `npm run bench`: measures and prints; never pass/fail (Lighthouse scores included: a measurement, not a test). Writes the table to
// bench-results/<date>.md so runs can be compared.
//   npm run bench                      # everything
//   npm run bench -- --only build,js   # some sections: build, js, search, lighthouse, ballots, sortition
//   npm run bench -- --scales 1,10     # site sizes (multiples of the demo) for the build and search sections
//   npm run bench -- --share-images on # build each size only with share images (default: both, to print what they cost)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intOption, runCli, UsageError, type CliArgs } from '../lib/cli.ts';
import { benchBallots, formatBallotTable } from './ballots.ts';
import { benchSortition } from './sortition.ts';
import { generate } from '../demo/generate.ts';
import { dirSize, listHtml } from '../lib/html-files.ts';
import { measure } from './measure.ts';
import { pageWeight } from './page-weight.ts';

const options = { only: { type: 'string' }, scales: { type: 'string' }, 'ballot-seconds': { type: 'string' }, 'share-images': { type: 'string' } } as const;
const SECTIONS = ['build', 'js', 'search', 'lighthouse', 'ballots', 'sortition'];

type Say = (line?: string) => void;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const bin = (n: string) => join('node_modules', '.bin', n);
// Any SITE_URL will do: the bench measures the build, nothing is published; the sites are served at
// the root (no BASE_PATH, whatever .env says).
const env = { ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: 'https://bench.invalid', BASE_PATH: '' };

/** A difference with its sign: +1.5, −22.3 (a negative cost is a real result, not a typo). */
const signed = (n: number, digits = 1) => `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(digits)}`;

/**
 * Build each site size (astro, then the search index, each measured); returns the dist of each.
 * `images` both: first an astro build without share images (SHARE_IMAGES=0), then the measured one
 * with them, drawn from an empty cache (what a first build costs; rebuilds reuse the cache).
 */
async function buildSection(say: Say, scales: number[], images: 'on' | 'off' | 'both'): Promise<Map<number, string>> {
  const dists = new Map<number, string>();
  say('## Build (astro build, then the search index)');
  say('');
  if (images === 'both') say('"without share images": the same astro build with SHARE_IMAGES=0; the main columns include drawing every share image from an empty cache.');
  if (images === 'both') say('');
  const extra = images === 'both' ? ' without share images | share images cost |' : '';
  say(`| site | bodies | HTML pages | astro build | pages/s | peak memory |${extra} search index (time, peak memory) | search documents per locale | index size |`);
  say(`| --- | ---: | ---: | ---: | ---: | ---: |${images === 'both' ? ' ---: | ---: |' : ''} ---: | --- | ---: |`);
  for (const scale of scales) {
    const content = scale === 1 ? 'content' : join('.local', 'sites', `x${scale}`);
    // The body count is what the generator wrote (or what the demo holds), never a formula.
    const bodies = scale === 1 ? readdirSync(join(content, 'bodies')).length : generate({ out: content, seed: 'open-results-demo', scale, years: 3, from: 'content' }).bodies;
    const dist = join('.local', 'bench', `dist-x${scale}`);
    let without = '';
    let withoutSeconds = 0;
    // Each build starts from no dist/: emptying the last build's output (tens of thousands of files at
    // ×100) is not the build's work, and would land only on the second build of a pair.
    const fresh = () => rmSync(dist, { recursive: true, force: true });
    if (images === 'both') {
      fresh();
      const plain = await measure(bin('astro'), ['build', '--outDir', dist], { ...env, CONTENT_DIR: content, SHARE_IMAGES: '0' });
      withoutSeconds = plain.status === 0 ? plain.seconds : 0;
      without = plain.status === 0 ? `${plain.seconds.toFixed(1)} s` : 'failed';
    }
    const cache = mkdtempSync(join(tmpdir(), 'open-results-bench-share-'));
    fresh();
    const build = await measure(bin('astro'), ['build', '--outDir', dist], { ...env, CONTENT_DIR: content, SHARE_IMAGE_CACHE: cache, ...(images === 'off' ? { SHARE_IMAGES: '0' } : {}) });
    rmSync(cache, { recursive: true, force: true });
    if (build.status !== 0) {
      say(`| ×${scale} | build failed: ${build.output.split('\n').slice(-5).join(' ')} |`);
      continue;
    }
    dists.set(scale, dist);
    const pages = listHtml(dist).length;
    const drawn = /wrote (\d+) share images \((\d+) drawn/.exec(build.output);
    const cost = withoutSeconds ? `${signed(build.seconds - withoutSeconds)} s (${signed(((build.seconds - withoutSeconds) / withoutSeconds) * 100, 0)} %), ${drawn ? `${drawn[2]} images drawn` : 'n/a'}` : '';
    // The index is built from the same content folder as the pages (records come from the dataset).
    const idx = await measure(bin('node'), ['scripts/build/search-index.ts', dist], { ...env, CONTENT_DIR: content });
    const index = idx.status === 0 ? `${idx.seconds.toFixed(1)} s (${mb(idx.peakBytes)})` : `failed: ${idx.output.split('\n').slice(-3).join(' ')}`;
    const docs = /search index: (.*) in [\d.]+ s/.exec(idx.output)?.[1] ?? 'n/a';
    const size = existsSync(join(dist, 'pagefind')) ? mb(dirSize(join(dist, 'pagefind'))) : 'n/a';
    say(`| ×${scale} | ${bodies} | ${pages} | ${build.seconds.toFixed(1)} s | ${(pages / build.seconds).toFixed(0)} | ${mb(build.peakBytes)} |${images === 'both' ? ` ${without} | ${cost} |` : ''} ${index} | ${docs} | ${size} |`);
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
  say('## Lighthouse, mobile (lighthouse npm package driving Debian Chromium; simulated slow 4G, 4× CPU slowdown), every page type in every locale');
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
  say('CPU per ballot: CPU time each process used during the run over accepted ballots (database: PostgreSQL and its');
  say('backends; Node: the stack\'s gateway and auth service in this process, plus the client in the node runs).');
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
  const images = values['share-images'] ?? 'both';
  if (!['on', 'off', 'both'].includes(images)) throw new UsageError(`--share-images is on, off or both, not "${images}"`);
  // Lighthouse alone needs one build of the demo, with its images (link previews are part of what it reads).
  const dists = needsBuild ? await buildSection(say, want('build') || want('search') ? scales : [1], want('build') ? (images as 'on' | 'off' | 'both') : 'on') : new Map<number, string>();
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
    usage: ['[--only build,js,search,lighthouse,ballots,sortition] [--scales 1,10,100] [--ballot-seconds 10] [--share-images both|on|off]'],
    options,
    help: ['--only     some sections only', '--scales   site sizes (multiples of the demo) for the build section', '--ballot-seconds  how long each ballot run lasts',
      '--share-images  both (default): also time each build without share images (SHARE_IMAGES=0); on or off: build once, with or without them'],
    run: ({ values }) => bench(values),
  });
}
