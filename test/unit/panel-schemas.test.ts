// The panel's browser-side schemas (the same module the islands import) and the error wording.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONSENT_VERSION, emptyDraft, validateApplication, type ApplicationDraft } from '../../src/lib/panel/application.ts';
import { classifyError, ERROR_CODES, PanelApiError, submitApplication, type ErrorKind } from '../../src/lib/panel/api.ts';
import { validateBallot, type RoundShape } from '../../src/lib/panel/ballot.ts';
import { isLoopbackUrl } from '../../src/lib/panel/loopback.ts';
import { Say } from '../../src/lib/panel/say.ts';
import { panelWords } from '../../src/lib/panel/words.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { REGION_IDS } from '../../src/lib/panel/regions.ts';
import { ageBand } from '../../src/lib/panel/strata.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const good: ApplicationDraft = { region: 'seoul', birthYear: '1980', gender: 'female', occupation: ' teacher ', consent: true };

describe('application schema', () => {
  test('a complete draft is valid and maps to the RPC arguments', () => {
    const r = validateApplication(good, NOW);
    expect(r).toEqual({ ok: true, value: { region: 'seoul', birthYear: 1980, gender: 'female', occupation: 'teacher', consent: true, consentVersion: CONSENT_VERSION } });
    if (r.ok) {
      // The typed client sends exactly the RPC's arguments.
      const sent: unknown[] = [];
      void submitApplication({ rpc: (fn, args) => { sent.push([fn, args]); return Promise.resolve({ data: null, error: null }); } },
        { region: r.value.region, birthYear: r.value.birthYear, gender: r.value.gender, consentVersion: r.value.consentVersion, occupation: r.value.occupation });
      expect(sent).toEqual([['submit_application', { p_region: 'seoul', p_birth_year: 1980, p_gender: 'female', p_consent_version: CONSENT_VERSION, p_occupation: 'teacher' }]]);
    }
  });

  test('occupation is optional; blank means none (null in the RPC)', () => {
    const r = validateApplication({ ...good, occupation: '   ' }, NOW);
    expect(r.ok && r.value.occupation).toBe(undefined);
    const sent: Record<string, unknown>[] = [];
    if (r.ok) void submitApplication({ rpc: (_fn, args) => { sent.push(args!); return Promise.resolve({ data: null, error: null }); } }, { ...r.value, occupation: r.value.occupation });
    expect(sent[0]?.p_occupation).toBeNull();
  });

  test('age limits match submit_application: 18 to 120 in the current year', () => {
    expect(validateApplication({ ...good, birthYear: '2008' }, NOW).ok).toBe(true); // turns 18 in 2026
    expect(validateApplication({ ...good, birthYear: '1906' }, NOW).ok).toBe(true); // 120
    expect(validateApplication({ ...good, birthYear: '2009' }, NOW)).toEqual({ ok: false, issues: { birthYear: 'birthYear.range' } });
    expect(validateApplication({ ...good, birthYear: '1905' }, NOW)).toEqual({ ok: false, issues: { birthYear: 'birthYear.range' } });
  });

  test.each([
    ['region missing', { region: '' }, { region: 'region.required' }],
    ['region not one of the 17', { region: 'tokyo' }, { region: 'region.required' }],
    ['birth year missing', { birthYear: '' }, { birthYear: 'birthYear.required' }],
    ['birth year not a number', { birthYear: '19x0' }, { birthYear: 'birthYear.required' }],
    ['birth year with decimals', { birthYear: '1980.5' }, { birthYear: 'birthYear.required' }],
    ['gender missing', { gender: '' }, { gender: 'gender.required' }],
    ['gender unknown', { gender: 'x' }, { gender: 'gender.required' }],
    ['occupation longer than 200', { occupation: 'a'.repeat(201) }, { occupation: 'occupation.tooLong' }],
    ['consent not given', { consent: false }, { consent: 'consent.required' }],
  ] as const)('%s', (_name, change, issues) => {
    expect(validateApplication({ ...good, ...change } as ApplicationDraft, NOW)).toEqual({ ok: false, issues });
  });

  test('an empty draft lists every required field', () => {
    const r = validateApplication(emptyDraft(), NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.issues).sort()).toEqual(['birthYear', 'consent', 'gender', 'region']);
  });

  test('region ids are exactly the region_id domain of the migration, in order', () => {
    const sql = readFileSync('supabase/migrations/20261123000100_foundation.sql', 'utf8');
    const list = /create domain public\.region_id as text\s+check \(value in \(([^)]*)\)\)/.exec(sql)![1]!;
    expect([...list.matchAll(/'([a-z]+)'/g)].map((m) => m[1])).toEqual([...REGION_IDS]);
  });

  test('gender and consent version limits match the applicants table', () => {
    const sql = readFileSync('supabase/migrations/20261123000300_applicants.sql', 'utf8');
    expect(sql).toContain("gender in ('female', 'male', 'other')");
    expect(sql).toContain('char_length(occupation) <= 200');
    expect(sql).toContain('char_length(consent_version) between 1 and 50');
    expect(CONSENT_VERSION.length).toBeLessThanOrEqual(50);
  });
});

describe('ballot schema', () => {
  const approval: RoundShape = { method: 'approval', maxApprovals: 2, candidates: ['a', 'b', 'c'] };
  const score: RoundShape = { method: 'score', maxApprovals: null, candidates: ['a', 'b', 'c'] };

  test('valid approval and score ballots', () => {
    expect(validateBallot(approval, ['a'])).toEqual({ ok: true, value: ['a'] });
    expect(validateBallot(approval, ['a', 'c'])).toEqual({ ok: true, value: ['a', 'c'] });
    expect(validateBallot(score, { a: 1, c: 5 })).toEqual({ ok: true, value: { a: 1, c: 5 } });
  });

  test.each([
    ['approval: none', approval, [], 'approval.none'],
    ['approval: more than k', approval, ['a', 'b', 'c'], 'approval.tooMany'],
    ['approval: duplicate', approval, ['a', 'a'], 'approval.duplicate'],
    ['approval: not a candidate', approval, ['x'], 'choice.unknown'],
    ['approval: an object', approval, { a: 1 }, undefined],
    ['score: empty', score, {}, 'score.none'],
    ['score: 0', score, { a: 0 }, 'score.range'],
    ['score: 6', score, { a: 6 }, 'score.range'],
    ['score: 2.5', score, { a: 2.5 }, 'score.range'],
    ['score: a string', score, { a: '3' }, 'score.range'],
    ['score: not a candidate', score, { x: 3 }, 'choice.unknown'],
    ['score: a list', score, ['a'], undefined],
  ] as const)('%s is refused', (_name, round, choices, issue) => {
    const r = validateBallot(round, choices);
    expect(r.ok).toBe(false);
    if (issue) expect(!r.ok && r.issue).toBe(issue);
  });

  test('the same rules the database enforces (cast_ballot raises ORV03 for each)', () => {
    const sql = readFileSync('supabase/migrations/20261123000600_ballots.sql', 'utf8');
    for (const rule of ["'^[1-5]$'", 'n < 1 or n > r.max_approvals', 'a case can be approved only once', 'must be a candidate of this round']) {
      expect(sql).toContain(rule);
    }
  });
});

describe('error messages', () => {
  test.each([
    [{ code: 'ORV01', message: 'x' }, 'notOpenYet'],
    [{ code: 'ORV02' }, 'closed'],
    [{ code: 'ORV03' }, 'invalidChoices'],
    [{ code: 'ORV04' }, 'sealed'],
    [{ code: '42501' }, 'notAllowed'],
    [{ code: '22023' }, 'invalidInput'],
    [{ code: 'ORV00' }, 'notFound'],
    [{ code: 'ORV05' }, 'withheld'],
    [{ code: 'ORA01' }, 'locked'],
    [{ code: 'ORS02' }, 'seatDeadlinePassed'],
    [{ code: '22P02' }, 'invalidInput'],
    [{ code: 'P0002' }, 'unknown'],
    [{ code: 'otp_expired', status: 403, name: 'AuthApiError' }, 'codeInvalid'],
    [{ code: 'over_request_rate_limit', status: 429 }, 'tooManyAttempts'],
    [{ code: 'over_email_send_rate_limit', status: 429 }, 'tooManyEmails'],
    [{ code: 'validation_failed', message: 'Unable to validate email address: invalid format' }, 'emailInvalid'],
    [{ code: 'PGRST301', message: 'JWT expired' }, 'sessionExpired'],
    [{ name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' }, 'network'],
    [{ message: 'TypeError: Failed to fetch', code: '', details: '' }, 'network'],
    [new TypeError('Failed to fetch'), 'network'],
    [{ message: '{"weird":"json"}' }, 'unknown'],
    [null, 'unknown'],
  ])('%j → %s', (err, kind) => {
    expect(classifyError(err)).toBe(kind);
  });

  test('every kind and every field issue has words in every locale; raw input is never echoed', () => {
    const kinds = [...new Set([...Object.values(ERROR_CODES), 'network', 'unknown'])] as ErrorKind[];
    const issues = ['region.required', 'birthYear.required', 'birthYear.range', 'gender.required', 'occupation.tooLong', 'consent.required',
      'approval.none', 'approval.tooMany', 'approval.duplicate', 'choice.unknown', 'score.none', 'score.range'];
    for (const locale of LOCALES) {
      const say = new Say(panelWords(locale, 'Asia/Seoul'));
      for (const k of kinds) expect(say.error(k), `${locale} ${k}`).toMatch(/\S{2}/);
      for (const i of issues) expect(say.t(`field.${i}` as never), `${locale} ${i}`).toMatch(/\S{2}/);
    }
    const en = new Say(panelWords('en', 'Asia/Seoul'));
    expect(en.error(classifyError({ message: '{"code":"XX000","details":"secret"}' }))).not.toContain('{');
    expect(en.error(new PanelApiError({ code: 'ORV02' }).kind)).toBe('Voting in this round has closed; ballots can no longer be cast or changed.');
  });

  test('times are shown in the site time zone, with the zone named', () => {
    const ko = new Say(panelWords('ko', 'Asia/Seoul'));
    expect(ko.time('2026-03-15T09:00:00Z')).toMatch(/2026.*3.*15.*6:00.*GMT\+9/);
    expect(new Say(panelWords('en', 'Asia/Seoul')).time('2026-03-15T09:00:00Z')).toMatch(/March 15, 2026.*6:00\sPM GMT\+9/);
  });

  test('the dev mailbox is mentioned only for a loopback API', () => {
    expect(isLoopbackUrl('http://127.0.0.1:54321')).toBe(true);
    expect(isLoopbackUrl('http://localhost:54321')).toBe(true);
    expect(isLoopbackUrl('https://abc.supabase.co')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('age bands', () => {
  test('bands by age reached in the reference year', () => {
    expect(ageBand(2008, 2026)).toBe('18-29');
    expect(ageBand(1997, 2026)).toBe('18-29');
    expect(ageBand(1996, 2026)).toBe('30-39');
    expect(ageBand(1957, 2026)).toBe('60-69');
    expect(ageBand(1956, 2026)).toBe('70+');

  });
});
