// Builds a complete site the way `npm run build` does (astro build → Pagefind → sitemap) into a
// scratch folder. Content pages (cases, bodies, cycles) are built on another branch; until they
// exist here, minimal stand-ins are written for the routes that are missing, carrying the same
// Pagefind metadata markup as PagefindMeta.astro, so search can be tested end to end. Real pages,
// once present, are never overwritten.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { astroBuild } from './build.ts';
import { loadContent, type Dataset } from '../../src/lib/content/load.ts';
import { htmlLang, paths, type Lang } from '../../src/lib/opendata/index.ts';
import { kindLabels, pagefindMetaHtml, type PagefindMetaProps } from '../../src/lib/search/meta.ts';
import { buildSearchIndex, type SearchIndexReport } from '../../scripts/search-index.ts';
import { writeSitemap } from '../../scripts/sitemap.ts';

export const SITE = 'https://open-results.example';

export interface BuiltSite {
  dist: string;
  dataset: Dataset;
  search: SearchIndexReport;
  /** Routes written as stand-ins because the real pages do not exist yet. */
  standIns: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function loadOrThrow(contentDir: string): Dataset {
  const { dataset, problems } = loadContent(contentDir);
  if (problems.length) throw new Error(`content has problems: ${problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.reason}`).join('\n')}`);
  return dataset;
}

export async function buildSite(contentDir: string, dist: string): Promise<BuiltSite> {
  const run = astroBuild(contentDir, dist, { SITE_URL: SITE });
  if (run.status !== 0) throw new Error(`astro build failed:\n${run.output}`);
  const dataset = loadOrThrow(contentDir);
  const standIns = writeStandIns(dataset, dist);
  const search = await buildSearchIndex(dist);
  writeSitemap(dist, SITE);
  return { dist, dataset, search, standIns };
}

function page(lang: Lang, title: string, meta: PagefindMetaProps, body: string): string {
  return `<!doctype html><html lang="${htmlLang[lang]}"><head><meta charset="utf-8"><title>${esc(title)}</title></head>` +
    `<body><main><h1>${esc(title)}</h1>${body}${pagefindMetaHtml(meta)}</main></body></html>`;
}

export function writeStandIns(ds: Dataset, dist: string): string[] {
  const written: string[] = [];
  const put = (path: string, html: string) => {
    const file = join(dist, path, 'index.html');
    if (existsSync(file)) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    written.push(path);
  };
  const bodyById = new Map(ds.bodies.map((b) => [b.id, b]));
  const schemeById = new Map(ds.schemes.map((s) => [s.id, s]));
  const cycleById = new Map(ds.cycles.map((c) => [c.id, c]));
  for (const lang of ['zh-Hant', 'en'] as const) {
    const t = (x: { 'zh-Hant': string; en?: string } | undefined) => (x ? (lang === 'en' ? (x.en ?? x['zh-Hant']) : x['zh-Hant']) : '');
    const bodyName = (id: string | undefined) => (id ? t(bodyById.get(id)?.name) : undefined);
    const schemeName = (cycleId: string) => t(schemeById.get(cycleById.get(cycleId)!.scheme)!.shortName ?? schemeById.get(cycleById.get(cycleId)!.scheme)!.name);

    for (const c of ds.cases) {
      const words = lang === 'en' ? c.translations.en : c.data;
      const text = c.bodies[lang];
      if (!words || !text) continue;
      const b = bodyById.get(c.data.body)!;
      put(paths.case(lang, c.id), page(lang, words.title, {
        lang, type: 'case', year: c.data.year, body: bodyName(b.id), bodyKind: b.kind, region: bodyName(b.region),
        scheme: c.data.cycle ? schemeName(c.data.cycle) : undefined,
      }, `<p>${esc(words.summary)}</p><ul>${words.outcomes.map((o) => `<li>${esc(o)}</li>`).join('')}</ul><div>${esc(text)}</div>`));
    }

    for (const b of ds.bodies) {
      const results = ds.results.filter((r) => r.body === b.id).map((r) => ({ r, c: cycleById.get(r.cycle)! }));
      const rows = results.map(({ r, c }) => `<li>${c.year} ${esc(schemeName(c.id))}: #${r.rank}, ${esc(r.grade)}, ${r.total}</li>`).join('');
      put(paths.body(lang, b.id), page(lang, t(b.name), {
        lang, type: 'body', year: results.map(({ c }) => c.year), scheme: results.map(({ c }) => schemeName(c.id)), body: t(b.name),
        bodyKind: b.kind, region: bodyName(b.region), grade: results.map(({ r }) => r.grade),
      }, `<p>${esc(kindLabels[lang][b.kind])}</p><ul>${rows}</ul>`));
    }

    for (const c of ds.cycles) {
      const results = ds.results.filter((r) => r.cycle === c.id);
      const title = lang === 'en' ? `${schemeName(c.id)} ${c.year}` : `${c.year} 年${schemeName(c.id)}`;
      put(paths.cycle(lang, c.id), page(lang, title, { lang, type: 'cycle', year: c.year, scheme: schemeName(c.id) },
        `<p>${esc(t(c.summary))}</p><ol>${results.map((r) => `<li>${esc(bodyName(r.body)!)} ${esc(r.grade)}</li>`).join('')}</ol>`));
    }
  }
  return written;
}
