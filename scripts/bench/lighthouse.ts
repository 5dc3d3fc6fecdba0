// Lighthouse (the npm package, driving Debian Chromium) on a built site: mobile performance,
// accessibility and SEO scores per page type in every locale (SEO should be 100 everywhere, issue 18),
// plus a 390 px full-page screenshot of each page type for review.
// A measurement for `npm run bench`, never a pass/fail test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM, launchBrowser } from '../lib/browser.ts';
import { serveStatic } from '../lib/static-server.ts';
import { siteData } from '../../src/lib/site.ts';

/** Page types measured, with one example each (locale-neutral demo paths). */
export const LIGHTHOUSE_PAGES: [string, string][] = [
  ['home', '/'], ['cycle', '/cycles/specific-evaluation-2024/'], ['body', '/bodies/seoul/'], ['program', '/programs/acrc-open-data/'],
  ['case', '/cases/seoul-mobile-library/'], ['search', '/search/'], ['data', '/data/'], ['panel apply', '/panel/apply/'],
];


/** Every page type, for the 390 px screenshots (the Lighthouse pages first). */
export const SCREENSHOT_PAGES: [string, string][] = [
  ...LIGHTHOUSE_PAGES, ['cycles', '/cycles/'], ['bodies', '/bodies/'], ['program rating', '/programs/rating/effective/'], ['programs', '/programs/'], ['consequences', '/programs/consequences/'],
  ['cases', '/cases/'], ['methodology', '/methodology/'], ['corrections', '/corrections/'], ['data', '/data/'], ['panel', '/panel/'],
  ['panel vote', '/panel/vote/'], ['panel receipts', '/panel/receipts/'], ['panel results', '/panel/results/'],
  ['panel round', '/panel/rounds/demo-2026-round-1/'], ['panel draw', '/panel/draws/demo-2026/'], ['not found', '/no-such-page/'], ['home (en)', '/en/'], ['home (ko)', '/ko/'],
];

export interface LighthouseRow {
  name: string;
  path: string;
  performance: number | undefined;
  accessibility: number | undefined;
  seo: number | undefined;
  /** The SEO audits that did not pass, by id (empty at 100). */
  seoFailed: string[];
  lcpMs: number | undefined;
  screenshot: string;
}

/** Chromium with a DevTools port for Lighthouse; resolves once it listens. */
function startChromium(profile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err.slice(-500)}`)));
  });
}

/** Scores of one page with Lighthouse's default (mobile, simulated throttling) settings. */
async function score(url: string, port: number): Promise<Pick<LighthouseRow, 'performance' | 'accessibility' | 'seo' | 'seoFailed' | 'lcpMs'>> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'seo'] });
  const lhr = result?.lhr;
  const pct = (s: number | null | undefined) => (typeof s === 'number' ? Math.round(s * 100) : undefined);
  const seoAudits = lhr?.categories.seo?.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]!) ?? [];
  return {
    performance: pct(lhr?.categories.performance?.score),
    accessibility: pct(lhr?.categories.accessibility?.score),
    seo: pct(lhr?.categories.seo?.score),
    seoFailed: seoAudits.filter((a) => a.score !== null && a.score < 1).map((a) => a.id),
    lcpMs: lhr?.audits['largest-contentful-paint']?.numericValue,
  };
}

/** Full-page screenshots at 390 px (a common phone width) into `outDir`. */
async function screenshots(base: string, pages: [string, string][], outDir: string): Promise<Map<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const files = new Map<string, string>();
  for (const [name, path] of pages) {
    await page.goto(base + path, { waitUntil: 'load' });
    const file = join(outDir, `${name.replace(/\W+/g, '-')}-390.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.set(name, file);
  }
  await browser.close();
  return files;
}

export async function benchLighthouse(dist: string, outDir: string, pages = LIGHTHOUSE_PAGES, log: (m: string) => void = () => {}): Promise<LighthouseRow[]> {
  const server = await serveStatic(dist);
  const profile = mkdtempSync(join(tmpdir(), 'open-results-lh-'));
  const rows: LighthouseRow[] = [];
  try {
    const shots = await screenshots(server.url, SCREENSHOT_PAGES, outDir);
    const { child, port } = await startChromium(profile);
    try {
      // Every published locale of the demo, from its route table (the default one is at the root).
      const { routes } = siteData('content');
      for (const locale of routes.locales) {
        for (const [name, neutral] of pages) {
          const path = routes.localize(locale, neutral);
          const other = locale !== routes.defaultLocale;
          log(`lighthouse: ${name} ${path}`);
          rows.push({ name: other ? `${name} (${locale})` : name, path, ...(await score(server.url + path, port)), screenshot: other ? '' : (shots.get(name) ?? '') });
        }
      }
    } finally {
      child.kill();
    }
  } finally {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return rows;
}

export function formatLighthouseTable(rows: LighthouseRow[]): string[] {
  const n = (v: number | undefined) => (v === undefined ? 'n/a' : String(v));
  return [
    '| page type | example | performance | accessibility | SEO | SEO audits failed | LCP (simulated) | screenshot (390 px) |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.path} | ${n(r.performance)} | ${n(r.accessibility)} | ${n(r.seo)} | ${r.seoFailed.join(', ') || '–'} | ${r.lcpMs === undefined ? 'n/a' : `${(r.lcpMs / 1000).toFixed(1)} s`} | ${r.screenshot} |`),
  ];
}
