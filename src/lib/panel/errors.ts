// Panel locale (until src/i18n/ lands on main: zh-Hant and English here, Korean in the dictionaries).
export type Locale = 'zh-Hant' | 'en';

// Plain-language messages for each kind of failure (the kinds and the codes behind them are in
// ./api.ts). Raw messages and JSON are never shown to a citizen.

export type { ErrorKind } from './api.ts';
export { classifyError } from './api.ts';
import { classifyError, type ErrorKind } from './api.ts';

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
  withheld: {
    'zh-Hant': '這一輪計入的選票少於公布結果所需的最低票數，為保護投票秘密，不公布計票結果。',
    en: 'This round counted fewer ballots than the minimum needed to publish results, so the tally is withheld to keep every vote secret.',
  },
  noApplication: { 'zh-Hant': '您還沒有提出申請。', en: 'You have not applied yet.' },
  noSeat: { 'zh-Hant': '您在這次抽選中沒有席位。', en: 'You hold no seat in this draw.' },
  seatDeadlinePassed: { 'zh-Hant': '確認席位的期限已過，席位將由候補遞補。', en: 'The deadline to confirm this seat has passed; a reserve will take it.' },
  seatState: { 'zh-Hant': '您的席位目前的狀態不能進行這個操作。', en: 'Your seat is not in a state that allows this.' },
  locked: {
    'zh-Hant': '您的申請已列入抽選，資料已凍結無法修改；您仍可撤回申請。',
    en: 'Your application was part of a draw, so it is frozen and can no longer be changed; you can still withdraw.',
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
