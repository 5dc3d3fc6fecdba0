// The panel application: ONE schema for the browser form (src/islands/PanelApply.svelte) and the
// unit tests, matching the database constraints in supabase/migrations/*_applicants.sql
// (submit_application checks the age again; the database is the last word).
// zod/mini: the same zod, tree-shakable, so the island ships a few KB instead of ~33 KB gzip.
import * as z from 'zod/mini';
import { REGION_IDS } from './regions.ts';
import { GENDERS } from './strata.ts';

/** Version of the consent text shown with the form; stored with the application. */
export const CONSENT_VERSION = 'panel-consent-2026-02';

/** Youngest and oldest allowed ages, as submit_application checks them. */
export const MIN_AGE = 18;
export const MAX_AGE = 120;

/** Message keys (not sentences): the island shows `panel.ui.field.<key>` from the dictionaries. */
export type ApplicationIssue =
  | 'region.required'
  | 'birthYear.required'
  | 'birthYear.range'
  | 'gender.required'
  | 'occupation.tooLong'
  | 'consent.required';

export function applicationSchema(now: Date = new Date()) {
  const year = now.getFullYear();
  return z.strictObject({
    /** One of the 17 local governments (public.region_id). */
    region: z.enum(REGION_IDS, { error: 'region.required' }),
    /** Whole year; the applicant is 18–120 in the current year. */
    birthYear: z
      .int({ error: 'birthYear.required' })
      .check(z.gte(year - MAX_AGE, { error: 'birthYear.range' }), z.lte(year - MIN_AGE, { error: 'birthYear.range' })),
    /** female / male / other (applicants.gender check). */
    gender: z.enum(GENDERS, { error: 'gender.required' }),
    /** Optional, at most 200 characters after trimming; empty means none. */
    occupation: z.pipe(
      z.optional(z.string().check(z.trim(), z.maxLength(200, { error: 'occupation.tooLong' }))),
      z.transform((s: string | undefined) => (s ? s : undefined)),
    ),
    /** The consent box must be ticked. */
    consent: z.literal(true, { error: 'consent.required' }),
    /** Version of the consent text the applicant saw (1–50 characters). */
    consentVersion: z.string().check(z.minLength(1), z.maxLength(50)),
  });
}
export type Application = z.infer<ReturnType<typeof applicationSchema>>;

/** What the form holds while being typed (strings from inputs). */
export interface ApplicationDraft {
  region: string;
  birthYear: string;
  gender: string;
  occupation: string;
  consent: boolean;
}

export const emptyDraft = (): ApplicationDraft => ({ region: '', birthYear: '', gender: '', occupation: '', consent: false });

/** Form strings → schema input. An empty or non-numeric birth year becomes NaN (→ required). */
export function draftToInput(d: ApplicationDraft, consentVersion = CONSENT_VERSION): Record<string, unknown> {
  const by = d.birthYear.trim();
  return {
    region: d.region || undefined,
    birthYear: /^\d{1,4}$/.test(by) ? Number(by) : by === '' ? undefined : Number.NaN,
    gender: d.gender || undefined,
    occupation: d.occupation,
    consent: d.consent,
    consentVersion,
  };
}

/** Validates a draft; on failure gives one message key per field. */
export function validateApplication(
  d: ApplicationDraft,
  now: Date = new Date(),
): { ok: true; value: Application } | { ok: false; issues: Partial<Record<keyof ApplicationDraft, ApplicationIssue>> } {
  const r = applicationSchema(now).safeParse(draftToInput(d));
  if (r.success) return { ok: true, value: r.data };
  const issues: Partial<Record<keyof ApplicationDraft, ApplicationIssue>> = {};
  for (const i of r.error.issues) {
    const field = i.path[0] as keyof ApplicationDraft;
    if (field && !issues[field]) issues[field] = i.message as ApplicationIssue;
  }
  return { ok: false, issues };
}
