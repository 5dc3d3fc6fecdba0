// The panel islands' words in one locale: every `panel.ui.*` key of the dictionaries (prefix
// removed), with the locale's Intl settings and the site's time zone. Pages pass them as a prop, so
// the browser never downloads another locale's words; the islands read them through ./say.ts.
import { dictionaries, LOCALE_FACTS, type Locale, type MessageKey } from '../../i18n/index.ts';

/** A `panel.ui.*` key without its prefix. */
export type PanelWordKey = MessageKey extends infer K ? (K extends `panel.ui.${infer R}` ? R : never) : never;

export interface PanelWords {
  locale: Locale;
  /** Intl locale for numbers, dates and plural rules. */
  intl: string;
  /** The site's time zone: times are shown there, with the zone named. */
  timeZone: string;
  words: Record<PanelWordKey, string>;
}

export function panelWords(locale: Locale, timeZone: string): PanelWords {
  const dict = dictionaries[locale];
  const words = Object.fromEntries(
    (Object.keys(dict) as MessageKey[]).filter((k) => k.startsWith('panel.ui.')).map((k) => [k.slice('panel.ui.'.length), dict[k]]),
  ) as Record<PanelWordKey, string>;
  return { locale, intl: LOCALE_FACTS[locale].intl, timeZone, words };
}
