// Supabase / PostgREST / auth / network errors → one of a few plain-language messages in
// zh-Hant and English. Raw messages and JSON are never shown to a citizen.

export type Locale = 'zh-Hant' | 'en';

export type ErrorKind =
  | 'network'
  | 'notOpenYet'
  | 'closed'
  | 'invalidChoices'
  | 'sealed'
  | 'notAllowed'
  | 'invalidInput'
  | 'notFound'
  | 'locked'
  | 'codeInvalid'
  | 'tooManyAttempts'
  | 'tooManyEmails'
  | 'emailInvalid'
  | 'sessionExpired'
  | 'unknown';

export interface ErrorLike {
  code?: unknown;
  status?: unknown;
  name?: unknown;
  message?: unknown;
}

/** Classifies an error from supabase-js (auth or PostgREST), fetch, or our own code. */
export function classifyError(e: unknown): ErrorKind {
  if (e == null) return 'unknown';
  const err = (typeof e === 'object' ? e : { message: String(e) }) as ErrorLike;
  const code = typeof err.code === 'string' ? err.code : '';
  const name = typeof err.name === 'string' ? err.name : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const status = typeof err.status === 'number' ? err.status : undefined;
  switch (code) {
    case 'ORV01': return 'notOpenYet';
    case 'ORV02': return 'closed';
    case 'ORV03': return 'invalidChoices';
    case 'ORV04': return 'sealed';
    case '42501': return 'notAllowed';
    case '22023': case '23514': case '22P02': return 'invalidInput';
    case 'P0002': return 'notFound';
    case '55000': return 'locked';
    case 'otp_expired': return 'codeInvalid';
    case 'over_request_rate_limit': return 'tooManyAttempts';
    case 'over_email_send_rate_limit': return 'tooManyEmails';
    case 'email_address_invalid': return 'emailInvalid';
    case 'bad_jwt': case 'session_not_found': case 'user_not_found': case 'refresh_token_not_found':
    case 'refresh_token_already_used': case 'session_expired': case 'PGRST301': case 'PGRST303':
      return 'sessionExpired';
  }
  if (code === 'validation_failed' && /email/i.test(message)) return 'emailInvalid';
  if (name === 'AuthSessionMissingError') return 'sessionExpired';
  if (name === 'AuthRetryableFetchError' || status === 0 || name === 'TypeError' ||
      /failed to fetch|fetcherror|networkerror|network request failed|load failed|econnrefused/i.test(message)) {
    return 'network';
  }
  if (status === 429) return 'tooManyAttempts';
  if (status === 401 || status === 403) return 'sessionExpired';
  return 'unknown';
}

export const ERROR_MESSAGES: Record<ErrorKind, Record<Locale, string>> = {
  network: {
    'zh-Hant': '目前無法連線到評鑑團服務。您輸入的內容都還在，請稍後再試。',
    en: 'The panel service cannot be reached right now. What you typed is kept; please try again later.',
  },
  notOpenYet: { 'zh-Hant': '這一輪投票尚未開始。', en: 'Voting in this round has not opened yet.' },
  closed: { 'zh-Hant': '這一輪投票已經截止，無法再投票或修改。', en: 'Voting in this round has closed; ballots can no longer be cast or changed.' },
  invalidChoices: {
    'zh-Hant': '選票內容不符合本輪規則，請檢查您的選擇。',
    en: 'The ballot does not follow this round’s rules. Please check your choices.',
  },
  sealed: { 'zh-Hant': '投票截止前不公開結果。', en: 'Results stay sealed until voting closes.' },
  notAllowed: {
    'zh-Hant': '您沒有權限進行這個操作（例如未獲選為本輪評鑑委員）。',
    en: 'You are not allowed to do this (for example, you were not selected for this round’s panel).',
  },
  invalidInput: { 'zh-Hant': '部分資料不符合規定，請檢查後再送出。', en: 'Some of the information is not valid. Please check it and submit again.' },
  notFound: { 'zh-Hant': '找不到相關資料，可能已被撤回或刪除。', en: 'Nothing was found; it may have been withdrawn or deleted.' },
  locked: {
    'zh-Hant': '評鑑團已完成抽選，申請資料無法再修改；您仍可撤回申請。',
    en: 'The panel has already been drawn, so the application can no longer be changed; you can still withdraw.',
  },
  codeInvalid: { 'zh-Hant': '驗證碼錯誤或已過期，請重新輸入或索取新的驗證碼。', en: 'The code is wrong or has expired. Enter it again or ask for a new code.' },
  tooManyAttempts: { 'zh-Hant': '嘗試次數過多，請稍候幾分鐘再試。', en: 'Too many attempts. Please wait a few minutes and try again.' },
  tooManyEmails: { 'zh-Hant': '寄出的驗證碼過多，請稍候再索取。', en: 'Too many codes were sent. Please wait before asking for another.' },
  emailInvalid: { 'zh-Hant': '電子郵件地址格式不正確。', en: 'The email address is not valid.' },
  sessionExpired: { 'zh-Hant': '登入已逾時，請重新以驗證碼登入。', en: 'Your sign-in has expired. Please sign in again with a code.' },
  unknown: { 'zh-Hant': '發生未預期的問題，請稍後再試。', en: 'Something unexpected went wrong. Please try again later.' },
};

export function errorMessage(e: unknown, locale: Locale): string {
  return ERROR_MESSAGES[classifyError(e)][locale];
}

/** TRANSITIONAL until the panel's words move into src/i18n (issue 13): the islands speak zh-Hant and English only. */
export const islandLocale = (l: string): Locale => (l === 'zh-Hant' ? 'zh-Hant' : 'en');
