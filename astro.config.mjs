// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import { fileURLToPath } from 'node:url';
import { basePath, deploySettings, loadDotEnv } from './scripts/lib/deploy-settings.ts';

// Deploy settings (docs/deploy.md): SITE_URL and BASE_PATH from the environment or `.env`. A build
// without SITE_URL stops (canonical links, sitemap, feeds and citations would point at a
// placeholder host); `astro dev` runs without it. BASE_PATH puts the site under a path (a GitHub
// Pages project site): Astro's assets here, every other URL in the route table (src/i18n/routes.ts).
loadDotEnv();

// Static output only: every published number must work with JS off and the backend down.
export default defineConfig({
  output: 'static',
  site: process.env.SITE_URL?.trim() || undefined,
  base: basePath() || undefined,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    {
      name: 'open-results:deploy-settings',
      hooks: {
        'astro:config:setup': ({ command }) => {
          if (command === 'build') deploySettings();
        },
      },
    },
    svelte(),
    // `client:interaction` (src/lib/search/interaction-directive.ts): the search island hydrates on
    // first use, keeping the search page under its 10 KB-of-JS budget until someone searches.
    {
      name: 'open-results:client-interaction',
      hooks: {
        'astro:config:setup': ({ addClientDirective }) =>
          addClientDirective({ name: 'interaction', entrypoint: './src/lib/search/interaction-directive.ts' }),
      },
    },
    // Each locale's 404 page where hosts look for it: en/404.html, not en/404/index.html.
    {
      name: 'open-results:not-found-pages',
      hooks: {
        'astro:build:done': async ({ dir }) => {
          const { moveLocaleNotFoundPages } = await import('./scripts/build/not-found-pages.ts');
          moveLocaleNotFoundPages(fileURLToPath(dir));
        },
      },
    },
    // Every page table's own downloads (/data/<scope>/<table>.*, src/lib/opendata/write.ts): written
    // after the pages, served from memory in dev.
    {
      name: 'open-results:page-data',
      hooks: {
        'astro:build:done': async ({ dir, logger }) => {
          const { writePageDataFiles } = await import('./src/lib/opendata/write.ts');
          logger.info(`wrote ${writePageDataFiles(fileURLToPath(dir))} page-table data files`);
        },
        'astro:server:setup': ({ server }) => {
          server.middlewares.use(async (req, res, next) => {
            const { pageDataFile } = await import('./src/lib/opendata/write.ts');
            const f = req.url?.includes('/data/') ? pageDataFile(req.url) : undefined;
            if (!f) return next();
            res.setHeader('Content-Type', f.type);
            res.end(f.body());
          });
        },
      },
    },
    // Link-preview images of bodies, cycles and cases, and the site's one image (src/lib/share/images.ts):
    // drawn in a worker thread while the pages build (or after them where no worker can start), each
    // cached under its content's hash so a rebuild draws only what changed; drawn on request in dev.
    (() => {
      /** @type {ReturnType<typeof import('./src/lib/share/images.ts').startShareImages>} */
      let started;
      return {
        name: 'open-results:share-images',
        hooks: {
          'astro:build:start': async () => {
            const { startShareImages } = await import('./src/lib/share/images.ts');
            started = startShareImages();
          },
          'astro:build:done': async ({ dir, logger }) => {
            const { finishShareImages } = await import('./src/lib/share/images.ts');
            const { siteData } = await import('./src/lib/site.ts');
            const t0 = performance.now();
            const r = await finishShareImages(fileURLToPath(dir), () => siteData(), started);
            const how = r.drawn === 0 ? 'all from the cache' : `${r.drawn} drawn ${r.beside ? 'beside the page build' : `after it on ${r.threads} ${r.threads === 1 ? 'thread' : 'threads'}`}, the rest from the cache`;
            logger.info(`wrote ${r.written} share images (${how}); ${((performance.now() - t0) / 1000).toFixed(1)} s after the pages`);
          },
          'astro:server:setup': ({ server }) => {
            server.middlewares.use(async (req, res, next) => {
              if (!req.url?.includes('/share/') || !req.url.endsWith('.png')) return next();
              const { shareImages } = await import('./src/lib/share/images.ts');
              const { renderCard } = await import('./src/lib/share/render.ts');
              const { siteData } = await import('./src/lib/site.ts');
              const image = shareImages(siteData()).find((i) => i.path === req.url);
              if (!image) return next();
              res.setHeader('Content-Type', 'image/png');
              res.end(await renderCard(image.text));
            });
          },
        },
      };
    })(),
  ],
  i18n: {
    locales: ['zh-Hant', 'en'],
    defaultLocale: 'zh-Hant',
    routing: { prefixDefaultLocale: false },
  },
  // Content root can be swapped (fixtures, generated benchmark sites) without code changes.
  vite: { define: {} },
  devToolbar: { enabled: false },
});
