// Astro renders the Markdown of the content folder (case texts, methodology prose); everything
// else pages read comes from the one data path, siteData() (src/lib/site.ts). The loader takes
// the Markdown from the validated dataset, so a bad file stops the build before any page is
// written, with every problem listed as `path:line: field: reason`.
import { defineCollection } from 'astro:content';
import type { LoaderContext } from 'astro/loaders';
import { z } from 'zod';
import { LOCALES } from './i18n/locales.ts';
import { validatedContent } from './lib/load.ts';
import { markdownEntries } from './lib/markdown.ts';

export const collections = {
  /** One entry per Markdown text: `case/<id>/<locale>` and `methodology/<locale>` (see src/lib/markdown.ts). */
  texts: defineCollection({
    loader: {
      name: 'open-results:texts',
      load: async (ctx: LoaderContext) => {
        ctx.store.clear();
        for (const e of markdownEntries(validatedContent())) {
          ctx.store.set({ id: e.id, data: { locale: e.locale }, body: e.body, rendered: await ctx.renderMarkdown(e.body) });
        }
      },
    },
    schema: z.object({ locale: z.enum(LOCALES) }),
  }),
};
