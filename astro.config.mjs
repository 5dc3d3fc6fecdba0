// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// Static output only: every published number must work with JS off and the backend down.
export default defineConfig({
  output: 'static',
  site: process.env.SITE_URL ?? 'https://open-results.example',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
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
