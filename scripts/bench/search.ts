// Search benchmark: serves a built site, opens its search page in headless Chromium and measures
// bytes transferred and time for a first and a second query (DESIGN budgets: first ≤ 150 KB and
// ≤ 300 ms on loopback, later ≤ 40 KB). The first query's numbers include hydrating the island
// and loading Pagefind, since that is what a reader waits for.
// Usage: node scripts/bench/search.ts [dist] [--lang zh-Hant|en|both]
import { runCli, UsageError, UserError } from '../lib/cli.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../lib/browser.ts';
import { serveStatic } from '../lib/static-server.ts';

export type BenchLang = 'zh-Hant' | 'en';

export interface QueryMeasure {
  lang: BenchLang;
  query: string;
  /** 'first' includes hydration and Pagefind's fixed files; 'next' is a later query. */
  which: 'first' | 'next';
  requests: number;
  /** Bytes as served (the test server does not compress). */
  bytes: number;
  /** Estimated bytes on the wire from a host that gzips text (Pagefind's index files are already compressed). */
  gzipBytes: number;
  /** From submit to the rendered result count (first: includes loading Pagefind). */
  ms: number;
  /** First query only: from focusing the box to the submit (hydrating the island, typing). */
  hydrateMs: number;
  results: number;
}

export const defaultQueries: Record<BenchLang, [string, string]> = {
  'zh-Hant': ['圖書館', '評估'],
  en: ['library', 'evaluation'],
};

const settled = (page: Page, q: string) =>
  page.waitForFunction(
    (q) => new URL(location.href).searchParams.get('q') === q && !document.querySelector('.busy') && (document.querySelector('[role=status]')?.textContent ?? '').trim() !== '' && performance.now(),
    q,
    { timeout: 60_000, polling: 'raf' },
  );

export async function benchSearch(dist: string, langs: BenchLang[] = ['zh-Hant', 'en'], queries = defaultQueries): Promise<QueryMeasure[]> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  const out: QueryMeasure[] = [];
  try {
    for (const lang of langs) {
      const context = await browser.newContext(); // cold cache per language
      const page = await context.newPage();
      let log: { bytes: number; gzip: number }[] = [];
      page.on('response', async (res) => {
        const body = await res.body().catch(() => Buffer.alloc(0));
        const compressed = /\.(pf_\w+|pagefind|wasm)$|\/pagefind\/(index|fragment)\//.test(res.url()) && !res.url().endsWith('.wasm');
        log.push({ bytes: body.length, gzip: compressed ? body.length : gzipSync(body).length });
      });
      await page.goto(`${server.url}${lang === 'en' ? '/en' : ''}/search/`, { waitUntil: 'networkidle' });
      for (const [i, query] of queries[lang].entries()) {
        log = [];
        // Timed in the page (performance.now), from the reader's first focus / the submit to the
        // rendered result count, so the automation's own round trips are not counted.
        await page.evaluate(() => {
          const w = window as unknown as { __bench: Record<string, number> };
          w.__bench = {};
          document.addEventListener('focusin', () => { w.__bench.focus ??= performance.now(); }, { capture: true, once: true });
          document.addEventListener('submit', () => { w.__bench.submit = performance.now(); }, { capture: true, once: true });
        });
        const input = page.locator('#search-q');
        await input.focus(); // first use hydrates the island (client:interaction)
        await page.waitForSelector('astro-island:not([ssr])');
        await input.fill(query);
        await input.press('Enter'); // submit: search at once, no typing debounce
        const end = (await (await settled(page, query)).jsonValue()) as number;
        const t = (await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench))!;
        await page.waitForLoadState('networkidle');
        const status = (await page.locator('[role=status]').textContent()) ?? '';
        out.push({
          lang, query, which: i === 0 ? 'first' : 'next', requests: log.length,
          bytes: log.reduce((a, r) => a + r.bytes, 0), gzipBytes: log.reduce((a, r) => a + r.gzip, 0),
          ms: end - t.submit!, hydrateMs: i === 0 && t.focus !== undefined ? t.submit! - t.focus : 0,
          results: Number(/\d+/.exec(status)?.[0] ?? 0),
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

export function formatBench(rows: QueryMeasure[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const head = ['lang', 'query', 'which', 'requests', 'served', 'gzip est.', 'search time', 'hydrate+type', 'results'];
  const body = rows.map((r) => [r.lang, r.query, r.which, String(r.requests), kb(r.bytes), kb(r.gzipBytes), `${r.ms.toFixed(0)} ms`, r.which === 'first' ? `${r.hydrateMs.toFixed(0)} ms` : '', String(r.results)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length + (/[\u3400-\u9fff]/.test(b[i]!) ? [...b[i]!].length : 0))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - [...c].length - (/[\u3400-\u9fff]/.test(c) ? [...c].length : 0)))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

if (import.meta.main) {
  await runCli({
    command: 'npm run bench:search --',
    summary: 'Search bytes and time in headless Chromium on a built site (measures and prints).',
    usage: ['[dist] [--lang zh-Hant|en|both]'],
    options: { lang: { type: 'string' } },
    positionals: { max: 1 },
    async run({ values, positionals: [distArg = 'dist'] }) {
      const dist = resolve(distArg);
      if (!existsSync(`${dist}/pagefind/pagefind.js`)) throw new UserError(`no Pagefind index in ${dist} (run npm run build first)`);
      const lang = values.lang ?? 'both';
      if (!['zh-Hant', 'en', 'both'].includes(lang)) throw new UsageError(`--lang must be zh-Hant, en or both, got "${lang}"`);
      const langs: BenchLang[] = lang === 'both' ? ['zh-Hant', 'en'] : [lang as BenchLang];
      console.log(`Search benchmark on ${dist}`);
      console.log(formatBench(await benchSearch(dist, langs)));
    },
  });
}
