// The panel's database API as the browser sees it: one typed function per RPC that an applicant,
// a member or anyone may call (supabase/migrations/*.sql), and one error type. The staff RPCs are
// in scripts/lib/panel-staff.ts. Every failure becomes a PanelApiError whose `kind` the islands
// turn into words (`panel.ui.error.<kind>` in src/i18n/dictionaries, through ./say.ts); raw
// messages are never shown.

/** What went wrong, in the terms the islands speak to people. */
export type ErrorKind =
  | 'network'
  | 'notOpenYet'
  | 'closed'
  | 'invalidChoices'
  | 'sealed'
  | 'withheld'
  | 'notAllowed'
  | 'invalidInput'
  | 'notFound'
  | 'locked'
  | 'noApplication'
  | 'noSeat'
  | 'seatDeadlinePassed'
  | 'seatState'
  | 'codeInvalid'
  | 'tooManyAttempts'
  | 'tooManyEmails'
  | 'emailInvalid'
  | 'sessionExpired'
  | 'unknown';

/**
 * Every code the database raises on purpose (see the list in the first migration), and the
 * PostgreSQL / PostgREST / Auth codes a client mistake can produce, mapped to a kind.
 */
export const ERROR_CODES: Readonly<Record<string, ErrorKind>> = {
  // Our SQLSTATEs.
  '42501': 'notAllowed',
  '22023': 'invalidInput',
  ORA01: 'locked',
  ORA02: 'noApplication',
  ORD01: 'invalidInput',
  ORD02: 'notFound',
  ORS01: 'noSeat',
  ORS02: 'seatDeadlinePassed',
  ORS03: 'seatState',
  ORV00: 'notFound',
  ORV01: 'notOpenYet',
  ORV02: 'closed',
  ORV03: 'invalidChoices',
  ORV04: 'sealed',
  ORV05: 'withheld',
  ORV06: 'invalidInput',
  // PostgreSQL refusing a malformed argument before our code runs (and classes 22 and 54, below).
  '23514': 'invalidInput', // check constraint
  '42883': 'notFound', // no such function
  // PostgREST refusing a request it cannot map.
  PGRST100: 'invalidInput',
  PGRST102: 'invalidInput',
  PGRST103: 'invalidInput',
  PGRST106: 'invalidInput',
  PGRST107: 'invalidInput',
  PGRST200: 'invalidInput',
  PGRST202: 'notFound',
  PGRST203: 'invalidInput',
  PGRST204: 'invalidInput',
  PGRST301: 'sessionExpired',
  PGRST302: 'sessionExpired',
  PGRST303: 'sessionExpired',
  // The gateway.
  request_too_large: 'invalidInput',
  // Supabase Auth.
  otp_expired: 'codeInvalid',
  over_request_rate_limit: 'tooManyAttempts',
  over_email_send_rate_limit: 'tooManyEmails',
  email_address_invalid: 'emailInvalid',
  bad_jwt: 'sessionExpired',
  session_not_found: 'sessionExpired',
  user_not_found: 'sessionExpired',
  refresh_token_not_found: 'sessionExpired',
  refresh_token_already_used: 'sessionExpired',
  session_expired: 'sessionExpired',
};

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  name?: unknown;
  message?: unknown;
}

/** Classifies an error from supabase-js (auth or PostgREST), fetch, or our own code. */
export function classifyError(e: unknown): ErrorKind {
  if (e == null) return 'unknown';
  if (e instanceof PanelApiError) return e.kind;
  const err = (typeof e === 'object' ? e : { message: String(e) }) as ErrorLike;
  const code = typeof err.code === 'string' ? err.code : '';
  const name = typeof err.name === 'string' ? err.name : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const status = typeof err.status === 'number' ? err.status : undefined;
  const known = Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code] : undefined;
  if (known) return known;
  // Any other malformed value PostgreSQL refuses (class 22 data exception) or finds too large or
  // too deep to handle (class 54).
  if (/^(22|54)[0-9A-Z]{3}$/.test(code)) return 'invalidInput';
  if (code === 'validation_failed' && /email/i.test(message)) return 'emailInvalid';
  if (code === 'validation_failed') return 'invalidInput';
  if (name === 'AuthSessionMissingError') return 'sessionExpired';
  if (name === 'AuthRetryableFetchError' || status === 0 || name === 'TypeError' ||
      /failed to fetch|fetcherror|networkerror|network request failed|load failed|econnrefused/i.test(message)) {
    return 'network';
  }
  if (status === 429) return 'tooManyAttempts';
  if (status === 401 || status === 403) return 'sessionExpired';
  return 'unknown';
}

/** A failed call: the kind to show, and the code and HTTP status behind it (for logs and tests). */
export class PanelApiError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly status: number | undefined;
  constructor(cause: ErrorLike) {
    super(typeof cause.message === 'string' ? cause.message : 'panel API error');
    this.name = 'PanelApiError';
    this.code = typeof cause.code === 'string' ? cause.code : '';
    this.status = typeof cause.status === 'number' ? cause.status : undefined;
    this.kind = classifyError(cause);
  }
}

/** What the functions below need of a client: supabase-js's or src/lib/supabase.ts's `rpc`. */
export interface RpcClient {
  rpc(fn: string, args?: Record<string, unknown>): PromiseLike<{ data: unknown; error: ErrorLike | null; status?: number }>;
}

async function call<T>(c: RpcClient, fn: string, args?: Record<string, unknown>): Promise<T> {
  let res: Awaited<ReturnType<RpcClient['rpc']>>;
  try {
    res = await c.rpc(fn, args);
  } catch (e) {
    throw new PanelApiError(e as ErrorLike); // fetch itself failed
  }
  if (res.error) throw new PanelApiError({ ...res.error, status: res.status ?? res.error.status });
  return res.data as T;
}

// ---------------------------------------------------------------------------------------------
// Applications and seats

export type ApplicationStatus = 'applied' | 'drawn' | 'withdrawn';
export type SeatStatus = 'selected' | 'confirmed' | 'declined' | 'lapsed' | 'withdrawn' | 'reserve';

export interface Application {
  region: string;
  birth_year: number;
  gender: string;
  occupation: string | null;
  consent_version: string;
  consented_at: string;
  status: ApplicationStatus;
  pseudonym: string;
  updated_at: string;
}

export interface Seat {
  draw_id: string;
  draw_title: string;
  pseudonym: string;
  status: SeatStatus;
  /** Holds or held a panel seat (false: a reserve never called). */
  seat: boolean;
  reserve_rank: number | null;
  confirm_by: string | null;
  /** For a reserve called up: whose seat it fills. */
  replaces: string | null;
  /** The strata frozen at the draw. */
  strata: Record<string, string>;
  changed_at: string;
}

export interface MyPanel {
  application: Application | null;
  seats: Seat[];
}

export interface ApplicationInput {
  region: string;
  birthYear: number;
  gender: string;
  consentVersion: string;
  occupation?: string | null;
}

/** The caller's application and seats. */
export const myPanel = (c: RpcClient) => call<MyPanel>(c, 'my_panel');

/** Apply, or change an application not yet drawn. */
export const submitApplication = (c: RpcClient, a: ApplicationInput) =>
  call<MyPanel>(c, 'submit_application', {
    p_region: a.region,
    p_birth_year: a.birthYear,
    p_gender: a.gender,
    p_consent_version: a.consentVersion,
    p_occupation: a.occupation ?? null,
  });

/** Withdraw the application and give up every seat for good. */
export const withdrawApplication = (c: RpcClient) => call<MyPanel>(c, 'withdraw_application');

/** Accept a seat before its deadline. */
export const confirmSeat = (c: RpcClient, drawId: string) => call<MyPanel>(c, 'confirm_seat', { p_draw_id: drawId });

/** Turn down a seat not yet confirmed. */
export const declineSeat = (c: RpcClient, drawId: string) => call<MyPanel>(c, 'decline_seat', { p_draw_id: drawId });

/** Delete the account and its panel data. */
export const deleteMyData = (c: RpcClient) =>
  call<{ deleted: true; open_ballots_withdrawn: number; closed_ballots_anonymised: number }>(c, 'delete_my_data');

// ---------------------------------------------------------------------------------------------
// Voting

export type Choices = string[] | Record<string, number>;

export interface MyRound {
  round_id: string;
  title: string;
  method: 'approval' | 'score';
  max_approvals: number | null;
  opens_at: string;
  closes_at: string;
  min_ballots: number;
  candidates: string[];
  /** The caller's current ballot in the round, if any. */
  choices: Choices | null;
  receipt: string | null;
  updated_at: string | null;
}

export type ReceiptStatus = 'counted' | 'replaced' | 'withdrawn';

export interface MyReceipt {
  round_id: string;
  round_title: string;
  closes_at: string;
  closed: boolean;
  receipt: string;
  issued_at: string;
  /** counted: the ballot that counts (or will, at the close); replaced: a later ballot replaced it; withdrawn: withdrawn with the seat. */
  status: ReceiptStatus;
}

/** Rounds the caller may vote in now or soon, with their current ballot. */
export const myRounds = (c: RpcClient) => call<MyRound[]>(c, 'my_rounds');

/** Every receipt the caller was given, with what became of it. */
export const myReceipts = (c: RpcClient) => call<MyReceipt[]>(c, 'my_receipts');

/** Cast or change a ballot; the same key again returns the same receipt without a second effect. */
export const castBallot = (c: RpcClient, b: { roundId: string; choices: Choices; idempotencyKey: string }) =>
  call<string>(c, 'cast_ballot', { p_round_id: b.roundId, p_choices: b.choices, p_idempotency_key: b.idempotencyKey });

// ---------------------------------------------------------------------------------------------
// Closed rounds (anyone)

export interface TallyRow {
  case_id: string;
  ballots: number;
  approvals: number | null;
  score_count: number | null;
  score_sum: number | null;
  score_mean: number | string | null;
}

/** After close, with at least the round's minimum of ballots: the tally. */
export const roundTally = (c: RpcClient, roundId: string) => call<TallyRow[]>(c, 'round_tally', { p_round_id: roundId });

/** After close, with at least the minimum, for score rounds: ballots per case and score. */
export const roundScoreDistribution = (c: RpcClient, roundId: string) =>
  call<{ case_id: string; score: number; ballots: number }[]>(c, 'round_score_distribution', { p_round_id: roundId });

/** After close: the counted receipt codes. */
export const publishedReceipts = (c: RpcClient, roundId: string) =>
  call<{ receipt: string }[]>(c, 'published_receipts', { p_round_id: roundId });

/** Every RPC this module wraps (the junk test checks it against what the API exposes). */
export const CLIENT_RPCS = [
  'my_panel', 'submit_application', 'withdraw_application', 'confirm_seat', 'decline_seat', 'delete_my_data',
  'my_rounds', 'my_receipts', 'cast_ballot', 'round_tally', 'round_score_distribution', 'published_receipts',
] as const;
