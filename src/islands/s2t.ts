// Simplified → Traditional (Taiwan) for search queries, loaded only when a query has Han
// characters. Character-level tables only (≈20 KB gzip): the phrase table that fixes a few
// one-to-many characters (头发 → 頭髮) is ≈400 KB gzip, too heavy for a search box.
import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import TWVariants from 'opencc-js/dict/TWVariants';

export const toTraditional: (s: string) => string = ConverterFactory([STCharacters], [TWVariants]);
