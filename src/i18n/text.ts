// Localized content text (names, summaries …): its zod schema and how a page picks the words of
// a locale. The source locale is required; a missing translation falls back to it, marked.
import { z } from 'zod';
import { LOCALE_FACTS, LOCALES, SOURCE_LOCALE, type Locale } from './locales.ts';

const words = z.string().trim().min(1, 'must not be empty');

/**
 * Plain text in each locale. Always text, never markup: pages escape it. The source locale
 * (zh-Hant) is required; others are optional, and a page says when it shows the source instead.
 */
export const localizedText = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, l === SOURCE_LOCALE ? words : words.optional()])) as {
    [L in Locale]: L extends typeof SOURCE_LOCALE ? typeof words : z.ZodOptional<typeof words>;
  },
);
export type LocalizedText = z.infer<typeof localizedText>;

/** A localized text picked for display: the text, its language, and whether it is a fallback. */
export interface Picked {
  text: string;
  /** Locale the text is actually written in. */
  locale: Locale;
  /** True when the requested locale was missing and the source text is shown instead. */
  fallback: boolean;
}

/** The text of `value` in `locale`, falling back to the source locale (marked as a fallback). */
export function pick(value: LocalizedText, locale: Locale): Picked {
  const own = value[locale];
  if (own !== undefined) return { text: own, locale, fallback: false };
  return { text: value[SOURCE_LOCALE], locale: SOURCE_LOCALE, fallback: true };
}

/** Just the string of `pick` (for titles and attributes, where a note cannot be shown). */
export function text(value: LocalizedText | undefined, locale: Locale): string {
  return value ? pick(value, locale).text : '';
}

/** A localized text from per-locale cells (`remarks`, `remarks_en` …), or undefined when the source cell is empty. */
export function fromCells(cells: Partial<Record<Locale, string | undefined>>): LocalizedText | undefined {
  const source = cells[SOURCE_LOCALE];
  if (!source) return undefined;
  const out: Partial<Record<Locale, string>> = {};
  for (const l of LOCALES) if (cells[l]) out[l] = cells[l];
  return out as LocalizedText;
}

/** A localized column's name in a CSV file: `remarks` for the source locale, `remarks_en` … for others. */
export function columnOf(prefix: string, locale: Locale): string {
  return locale === SOURCE_LOCALE ? prefix : `${prefix}_${LOCALE_FACTS[locale].column}`;
}

/** zod shape of a localized CSV column: one cell per locale (`remarks`, `remarks_en`, `remarks_ko` …). */
export function localizedCells<S extends z.ZodType>(prefix: string, cell: S): Record<string, S> {
  return Object.fromEntries(LOCALES.map((l) => [columnOf(prefix, l), cell]));
}

/** The localized text held in a CSV row's cells for `prefix`, or undefined when the source cell is empty. */
export function textOfCells(prefix: string, row: Record<string, unknown>): LocalizedText | undefined {
  return fromCells(Object.fromEntries(LOCALES.map((l) => [l, row[columnOf(prefix, l)] as string | undefined])));
}

/** Every written version of a localized text, source first (e.g. to accept a name in any language). */
export function allTexts(value: LocalizedText | undefined): string[] {
  return value ? LOCALES.map((l) => value[l]).filter((v): v is string => !!v) : [];
}
