// Content collections. One loader reads and validates the whole `content/` folder once
// (src/lib/content/load.ts): schemas per file, then cross-file integrity. If anything is wrong
// the build stops before a single page is written, listing every problem as
// `path:line: field: reason`. CONTENT_DIR points the build at another folder (fixtures, benchmarks).
import { defineCollection } from 'astro:content';
import type { LoaderContext } from 'astro/loaders';
import { z } from 'zod';
import { bodySchema } from './schemas/body.ts';
import { caseSchema, caseTranslationSchema } from './schemas/exemplaryCase.ts';
import { cycleSchema } from './schemas/cycle.ts';
import { followUpSchema } from './schemas/followUp.ts';
import { programRatingSchema, programReviewSchema, programSchema } from './schemas/program.ts';
import { indicatorResultSchema, resultSchema } from './schemas/result.ts';
import { schemeSchema } from './schemas/scheme.ts';
import { siteSchema } from './schemas/site.ts';
import { contentDir, validatedContent } from './lib/content/source.ts';
import type { Dataset } from './lib/content/load.ts';

type Entry = { id: string; data: Record<string, unknown> };

/** A collection filled from the validated dataset. */
function fromDataset(name: string, pick: (ds: Dataset) => Entry[] | Promise<Entry[]>) {
  return {
    name: `open-results:${name}`,
    load: async (ctx: LoaderContext) => {
      const ds = validatedContent(contentDir());
      ctx.store.clear();
      for (const e of await pick(ds)) ctx.store.set({ id: e.id, data: e.data });
    },
  };
}

const withId = <T extends { id: string }>(list: T[]) => list.map((x) => ({ id: x.id, data: x as unknown as Record<string, unknown> }));

/** A case in one locale: its words and facts plus rendered Markdown. */
const caseEntrySchema = caseTranslationSchema.extend({
  /** Case id (folder name). */
  caseId: z.string(),
  /** Locale of this text. */
  locale: z.enum(['zh-Hant', 'en']),
  /** Facts and source-language words from the zh-Hant file. */
  facts: caseSchema,
});

export const collections = {
  site: defineCollection({ loader: fromDataset('site', (ds) => [{ id: 'site', data: ds.site as unknown as Record<string, unknown> }]), schema: siteSchema }),
  programReview: defineCollection({
    loader: fromDataset('program-review', (ds) => (ds.programReview ? [{ id: 'program-review', data: ds.programReview as unknown as Record<string, unknown> }] : [])),
    schema: programReviewSchema,
  }),
  bodies: defineCollection({ loader: fromDataset('bodies', (ds) => withId(ds.bodies)), schema: bodySchema }),
  schemes: defineCollection({ loader: fromDataset('schemes', (ds) => withId(ds.schemes)), schema: schemeSchema }),
  cycles: defineCollection({ loader: fromDataset('cycles', (ds) => withId(ds.cycles)), schema: cycleSchema }),
  programs: defineCollection({ loader: fromDataset('programs', (ds) => withId(ds.programs)), schema: programSchema }),
  followUps: defineCollection({ loader: fromDataset('follow-ups', (ds) => withId(ds.followUps)), schema: followUpSchema }),
  results: defineCollection({
    loader: fromDataset('results', (ds) => ds.results.map((r) => ({ id: `${r.cycle}/${r.body}`, data: r as unknown as Record<string, unknown> }))),
    schema: resultSchema,
  }),
  indicatorResults: defineCollection({
    loader: fromDataset('indicator-results', (ds) => ds.indicatorResults.map((r) => ({ id: `${r.cycle}/${r.body}/${r.indicator}`, data: r as unknown as Record<string, unknown> }))),
    schema: indicatorResultSchema,
  }),
  programRatings: defineCollection({
    loader: fromDataset('program-ratings', (ds) => ds.programRatings.map((r) => ({ id: `${r.program}/${r.year}`, data: r as unknown as Record<string, unknown> }))),
    schema: programRatingSchema,
  }),
  cases: defineCollection({
    loader: {
      name: 'open-results:cases',
      load: async (ctx: LoaderContext) => {
        const ds = validatedContent(contentDir());
        ctx.store.clear();
        for (const c of ds.cases) {
          for (const locale of ['zh-Hant', 'en'] as const) {
            const body = c.bodies[locale];
            if (body === undefined) continue;
            const words = locale === 'zh-Hant' ? c.data : c.translations[locale]!;
            ctx.store.set({
              id: `${c.id}/${locale}`,
              data: { title: words.title, summary: words.summary, outcomes: words.outcomes, images: words.images, caseId: c.id, locale, facts: c.data },
              body,
              rendered: await ctx.renderMarkdown(body),
            });
          }
        }
      },
    },
    schema: caseEntrySchema,
  }),
};
