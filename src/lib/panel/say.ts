// How the panel islands speak: a word by key with `{name}` placeholders filled, a count in the
// locale's plural rules, an error kind's message, and a time in the site's time zone with the zone
// named. Only types come from ./words.ts, so no dictionary is bundled into the browser.
import type { ErrorKind } from './api.ts';
import type { PanelWordKey, PanelWords } from './words.ts';

export class Say {
  readonly #w: PanelWords;
  readonly #plural: Intl.PluralRules;
  readonly #time: Intl.DateTimeFormat;

  constructor(words: PanelWords) {
    this.#w = words;
    this.#plural = new Intl.PluralRules(words.intl);
    this.#time = new Intl.DateTimeFormat(words.intl, {
      year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: words.timeZone, timeZoneName: 'shortOffset',
    });
  }

  get locale() {
    return this.#w.locale;
  }

  /** The word for `key`, placeholders filled (an unknown placeholder stays visible). */
  t(key: PanelWordKey, vars: Record<string, string | number> = {}): string {
    return this.#w.words[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  }

  /** `<key>One` when the plural rules say "one" and the dictionary has it, else `key`; `{n}` is the count. */
  count(key: PanelWordKey, n: number, vars: Record<string, string | number> = {}): string {
    const one = `${key}One` as PanelWordKey;
    return this.t(this.#plural.select(n) === 'one' && one in this.#w.words ? one : key, { n, ...vars });
  }

  /** The message for an error kind. */
  error(kind: ErrorKind): string {
    return this.t(`error.${kind}` as PanelWordKey);
  }

  /** An instant in the site's time zone, formatted by Intl with the zone named. */
  time(instant: string | Date): string {
    const d = typeof instant === 'string' ? new Date(instant) : instant;
    return Number.isNaN(d.getTime()) ? String(instant) : this.#time.format(d);
  }
}
