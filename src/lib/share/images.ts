// Which share image each page points at, and writing them all during the build (astro.config.mjs).
// Bodies, cycles and cases have their own image showing their name and latest grade or result;
// every other page uses the site's one image. Each image is cached under its content's hash, so a
// rebuild draws only the cards whose words changed (docs/seo.md).
//   SHARE_IMAGES=0          no entity images: every page points at the site image (the bench's "without")
//   SHARE_IMAGE_CACHE=dir   where drawn images are kept (default .local/cache/share-images)
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import { LOCALE_FACTS, t, text, type Locale } from '../../i18n/index.ts';
import type { SiteData } from '../site.ts';
import { bodyById } from '../queries.ts';
import { allShareCards, shareCard, type PageRef, type ShareCard, type ShareKind } from '../seo/pages.ts';
import { fontVersions } from './fonts.ts';
import { CARD_LAYOUT_VERSION, type CardText } from './render.ts';
import { drawInto, type DrawJob } from './draw.ts';

/** Whether bodies, cycles and cases get images of their own (SHARE_IMAGES=0 turns them off). */
export function entityImagesOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['0', 'false', 'off', 'no'].includes((env.SHARE_IMAGES ?? '').trim().toLowerCase());
}

/** An entity draws its own card unless images are off or it is a generator's filler body (its kind's card stands in). */
function ownImage(site: SiteData, card: ShareCard): boolean {
  return entityImagesOn() && !(card.kind === 'bodies' && bodyById(site, card.id)?.generated);
}

/** The share image a page points at: its site path and a text alternative in the page's locale. */
export function shareImageFor(site: SiteData, locale: Locale, page: PageRef): { path: string; alt: string } {
  const to = site.routes.in(locale);
  const card = shareCard(site, locale, page);
  const siteAlt = `${text(site.site.name, locale)}: ${t(locale, 'share.siteLine')}`;
  if (!card || !entityImagesOn()) return { path: to.shareImage(), alt: siteAlt };
  if (!ownImage(site, card)) return { path: to.shareImage(card.kind), alt: `${text(site.site.name, locale)}: ${t(locale, KIND_LABEL[card.kind])}` };
  return { path: to.shareImage(card.kind, card.id), alt: `${card.name}: ${card.line}` };
}

/** One image the build writes: its site path and what it shows. */
export interface ShareImage {
  path: string;
  text: CardText;
}

const KIND_LABEL = { bodies: 'nav.bodies', cycles: 'nav.cycles', cases: 'nav.cases' } as const;

function common(site: SiteData, locale: Locale): Pick<CardText, 'lang' | 'script' | 'demo' | 'host'> {
  return {
    lang: LOCALE_FACTS[locale].htmlLang,
    script: LOCALE_FACTS[locale].script,
    ...(site.site.demoData ? { demo: `${t(locale, 'layout.demo.prefix')} ${t(locale, 'layout.demo.short')}` } : {}),
    host: new URL(site.url).host,
  };
}

/** Every image the site's pages point at: the site's per locale, each kind's card where some page uses it, each entity's own. */
export function shareImages(site: SiteData): ShareImage[] {
  const out: ShareImage[] = [];
  const kinds = new Set<string>();
  for (const locale of site.locales) {
    const to = site.routes.in(locale);
    const siteName = text(site.site.name, locale);
    out.push({ path: to.shareImage(), text: { ...common(site, locale), site: text(site.site.publisher, locale), title: siteName, line: t(locale, 'share.siteLine') } });
  }
  if (!entityImagesOn()) return out;
  for (const card of allShareCards(site)) {
    const c = common(site, card.locale);
    const siteName = text(site.site.name, card.locale);
    if (ownImage(site, card)) {
      out.push({ path: site.routes.in(card.locale).shareImage(card.kind, card.id), text: { ...c, site: siteName, title: card.name, line: card.line, ...(card.grade ? { grade: card.grade } : {}) } });
    } else if (!kinds.has(`${card.locale}/${card.kind}`)) {
      kinds.add(`${card.locale}/${card.kind}`);
      out.push({ path: site.routes.in(card.locale).shareImage(card.kind as ShareKind), text: { ...c, site: siteName, title: t(card.locale, KIND_LABEL[card.kind]), line: t(card.locale, 'share.siteLine') } });
    }
  }
  return out;
}

const require = createRequire(import.meta.url);
const versionOf = (pkg: string) => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

/** The cache key of an image: everything that decides its pixels. */
export function imageKey(img: CardText, tools = `${CARD_LAYOUT_VERSION},satori@${versionOf('satori')},resvg@${versionOf('@resvg/resvg-js')},${fontVersions()}`): string {
  return createHash('sha256').update(JSON.stringify({ img, tools })).digest('hex');
}

const WORKER = new URL('./draw-worker.ts', import.meta.url);

/**
 * Draws the images on every core: the page build is over when this runs, so each worker thread
 * gets an equal share (a handful of images are drawn here, not worth a thread's start-up).
 */
async function drawAll(jobs: DrawJob[]): Promise<number> {
  const threads = Math.min(availableParallelism(), 4, Math.floor(jobs.length / 16));
  if (threads < 2 || WORKER.protocol !== 'file:' || !existsSync(WORKER)) {
    await drawInto(jobs, writeFileSync, renameSync);
    return 1;
  }
  // Contiguous shares: jobs come grouped by language, so each thread parses fewer languages' fonts.
  const size = Math.ceil(jobs.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => jobs.slice(i * size, (i + 1) * size));
  await Promise.all(shares.map((share) => new Promise<void>((done, fail) => {
    const w = new Worker(WORKER, { workerData: share });
    w.once('message', () => done());
    w.once('error', fail);
    w.once('exit', (code) => (code === 0 ? done() : fail(new Error(`share-image worker exited with ${code}`))));
  })));
  return threads;
}

/** What a build writes: every image's site path and cache key, and the drawing jobs for those not cached yet. */
export interface ImagePlan {
  cache: string;
  base: string;
  images: { path: string; key: string }[];
  jobs: DrawJob[];
}

const defaultCache = () => process.env.SHARE_IMAGE_CACHE || join('.local', 'cache', 'share-images');

export function planShareImages(site: SiteData, cacheDir = defaultCache()): ImagePlan {
  const cache = resolve(cacheDir);
  mkdirSync(cache, { recursive: true });
  const tools = `${CARD_LAYOUT_VERSION},satori@${versionOf('satori')},resvg@${versionOf('@resvg/resvg-js')},${fontVersions()}`;
  const keyed = shareImages(site).map((img) => ({ img, key: imageKey(img.text, tools) }));
  const jobs = keyed.filter((k) => !existsSync(join(cache, `${k.key}.png`))).map((k) => ({ text: k.img.text, file: join(cache, `${k.key}.png`) }));
  return { cache, base: site.routes.base, images: keyed.map((k) => ({ path: k.img.path, key: k.key })), jobs };
}

/** Copies every planned image from the cache into dist/. */
function copyShareImages(dist: string, plan: ImagePlan): number {
  for (const { path, key } of plan.images) {
    const file = join(dist, path.slice(plan.base.length));
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(join(plan.cache, `${key}.png`), file);
  }
  return plan.images.length;
}

export interface ShareImagesReport {
  written: number;
  drawn: number;
  /** Threads that drew them; 0 when all came from the cache. */
  threads: number;
  /** Whether they were drawn beside the page build rather than after it. */
  beside: boolean;
}

/** Writes every share image into dist/, drawing only those not already in the cache. */
export async function writeShareImages(dist: string, site: SiteData, cacheDir = defaultCache()): Promise<ShareImagesReport> {
  const plan = planShareImages(site, cacheDir);
  const threads = plan.jobs.length ? await drawAll(plan.jobs) : 0;
  return { written: copyShareImages(dist, plan), drawn: plan.jobs.length, threads, beside: false };
}

const BESIDE = new URL('./build-worker.ts', import.meta.url);

/**
 * Starts planning and drawing a build's share images in a worker thread when the page build starts
 * (astro:build:start): Astro renders pages on one core, so on a machine with two the images cost
 * the build little or no time. Undefined where no worker can start (then the build draws after).
 */
export function startShareImages(): Promise<{ plan: ImagePlan; drawn: number }> | undefined {
  if (availableParallelism() < 2 || BESIDE.protocol !== 'file:' || !existsSync(BESIDE)) return undefined;
  const started = new Promise<{ plan: ImagePlan; drawn: number }>((done, fail) => {
    const w = new Worker(BESIDE);
    w.once('message', (m: { plan: ImagePlan; drawn: number }) => done(m));
    w.once('error', fail);
    w.once('exit', (code) => fail(new Error(`share-image worker exited with ${code} before it finished`)));
  });
  // A failing worker (e.g. content with problems, which the page build reports itself) is reported at the end.
  started.catch(() => undefined);
  return started;
}

/** After the page build: the images started beside it, copied into dist/; or all of them drawn now. */
export async function finishShareImages(dist: string, site: () => SiteData, started: ReturnType<typeof startShareImages>): Promise<ShareImagesReport> {
  if (!started) return writeShareImages(dist, site());
  const { plan, drawn } = await started;
  return { written: copyShareImages(dist, plan), drawn, threads: drawn ? 1 : 0, beside: true };
}
