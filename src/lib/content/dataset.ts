// The shape of everything the site publishes, once validated, and the lookups every reader of it
// shares. Types only plus small pure functions: the loader fills it, pages and open data read it.
import type { Locale } from '../../i18n/locales.ts';
import type { Body } from '../../schemas/body.ts';
import type { CaseFrontmatter, CaseTranslation } from '../../schemas/exemplaryCase.ts';
import type { Cycle } from '../../schemas/cycle.ts';
import type { FollowUp } from '../../schemas/followUp.ts';
import type { Program, ProgramRating, ProgramReview } from '../../schemas/program.ts';
import type { IndicatorResult, Result } from '../../schemas/result.ts';
import type { Framework, Scheme } from '../../schemas/scheme.ts';
import type { References } from '../../schemas/references.ts';
import type { Site } from '../../schemas/site.ts';
import type { PanelContent } from '../panel/content.ts';

/** An exemplary case with its text in each locale present. */
export interface ExemplaryCase {
  id: string;
  /** Facts and source-language words (from the source locale's file, `zh-Hant.md`). */
  data: CaseFrontmatter;
  /** Markdown body per locale; a missing locale is shown as "not yet translated". */
  bodies: Partial<Record<Locale, string>>;
  /** Translated words per locale (the source locale's words are `data` itself). */
  translations: Partial<Record<Locale, CaseTranslation>>;
  /** Where each locale file lives (for error messages). */
  files: Partial<Record<Locale, string>>;
}

/** The methodology page's prose in one locale: `content/methodology/<locale>.md`. */
export interface MethodologyText {
  /** Section ids and titles (and the source pages each summarises), in the order of the `##` headings of `body`. */
  sections: { id: string; title: string; source?: string; pages?: string }[];
  /** Markdown. */
  body: string;
  file: string;
}

/** Everything published, validated. */
export interface Dataset {
  site: Site;
  bodies: Body[];
  schemes: Scheme[];
  cycles: Cycle[];
  results: Result[];
  indicatorResults: IndicatorResult[];
  programReview?: ProgramReview;
  programs: Program[];
  programRatings: ProgramRating[];
  cases: ExemplaryCase[];
  followUps: FollowUp[];
  /** Sources statements cite and the demo's assumptions (content/references.yaml). */
  references: References;
  /** How the evaluations work, per locale. */
  methodology: Partial<Record<Locale, MethodologyText>>;
  /** Citizen-panel draws and closed voting rounds published back into content/. */
  panel: PanelContent;
}

/** Where an entity came from, able to point at the line of any of its fields. */
export interface Origin {
  file: string;
  lineOf(path: readonly PropertyKey[]): number;
}

/** A dataset as the loader produced it, with what validation needs to point at files. */
export interface LoadedDataset extends Dataset {
  /** Ids of every entity file present, valid or not, so one bad file does not cascade into "unknown id" elsewhere. */
  declared: Record<'body' | 'scheme' | 'cycle' | 'program', Set<string>>;
  /**
   * Files with problems whose dependent checks wait until they are fixed: a cycle id (its results
   * file: ranks and grades), `indicators/<cycle>` (goal scores), `program-ratings` (budget chains).
   */
  incomplete: Set<string>;
  /** Where each entity came from: `kind:id` → file and line, for integrity messages. */
  origins: Map<string, Origin>;
}

/** The framework that applies to a cycle: its scheme's framework of the cycle's year. */
export function frameworkOf(scheme: Scheme | undefined, cycle: Pick<Cycle, 'year'> | undefined): Framework | undefined {
  return cycle && scheme?.frameworks.find((f) => f.year === cycle.year);
}
