// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// Static output only: every published number must work with JS off and the backend down.
export default defineConfig({
  output: 'static',
  site: process.env.SITE_URL ?? 'https://open-results.example',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [svelte()],
  i18n: {
    locales: ['zh-Hant', 'en'],
    defaultLocale: 'zh-Hant',
    routing: { prefixDefaultLocale: false },
  },
  // Content root can be swapped (fixtures, generated benchmark sites) without code changes.
  vite: { define: {} },
  devToolbar: { enabled: false },
});
