// Words of the panel islands in zh-Hant and English. Errors are in ./errors.ts.
import type { ApplicationIssue } from './application.ts';
import type { BallotIssue } from './ballot.ts';
import type { Locale } from './errors.ts';

export const FIELD_MESSAGES: Record<ApplicationIssue | BallotIssue, Record<Locale, string>> = {
  'region.required': { 'zh-Hant': '請選擇您居住的縣市。', en: 'Choose the region you live in.' },
  'birthYear.required': { 'zh-Hant': '請以四位數字填寫西元出生年。', en: 'Enter your birth year as four digits.' },
  'birthYear.range': { 'zh-Hant': '申請人須年滿 18 歲，出生年須在合理範圍內。', en: 'Applicants must be at least 18, and the birth year must be plausible.' },
  'gender.required': { 'zh-Hant': '請選擇性別。', en: 'Choose a gender.' },
  'occupation.tooLong': { 'zh-Hant': '職業最多 200 個字。', en: 'Occupation can be at most 200 characters.' },
  'consent.required': { 'zh-Hant': '必須同意個人資料使用說明才能申請。', en: 'You must agree to the use of your data to apply.' },
  'approval.none': { 'zh-Hant': '請至少選擇一個案例。', en: 'Choose at least one case.' },
  'approval.tooMany': { 'zh-Hant': '選擇的案例超過上限。', en: 'You chose more cases than allowed.' },
  'approval.duplicate': { 'zh-Hant': '同一案例只能選一次。', en: 'Each case can be chosen only once.' },
  'choice.unknown': { 'zh-Hant': '選擇中有不屬於本輪的案例。', en: 'A choice is not a candidate in this round.' },
  'score.none': { 'zh-Hant': '請至少為一個案例評分。', en: 'Score at least one case.' },
  'score.range': { 'zh-Hant': '分數須為 1 到 5 的整數。', en: 'Scores are whole numbers from 1 to 5.' },
};

export function fieldMessage(key: ApplicationIssue | BallotIssue, locale: Locale): string {
  return FIELD_MESSAGES[key][locale];
}

const zh = {
  loading: '正在載入國民評鑑團服務…',
  notConfigured: '本網站目前未開放國民評鑑團線上服務。',
  unavailable: '目前無法連線到評鑑團服務，請稍後再試。',
  retry: '重試',
  signInHeading: '以電子郵件驗證碼登入',
  emailLabel: '電子郵件',
  emailHint: '我們會寄送一組 6 位數的一次性驗證碼到這個地址。',
  sendCode: '寄送驗證碼',
  codeHeading: '輸入驗證碼',
  codeSentTo: (email: string) => `驗證碼已寄到 ${email}，10 分鐘內有效。`,
  devMailbox: '本機開發環境不會真的寄信：請到開發信箱查看驗證碼',
  codeLabel: '6 位數驗證碼',
  verify: '登入',
  otherEmail: '改用其他電子郵件',
  resend: '重新寄送驗證碼',
  codeResent: '已寄出新的驗證碼。',
  signedInAs: (email: string) => `已登入：${email}`,
  signOut: '登出',
  busy: '處理中…',
  // apply
  formHeading: '填寫申請資料',
  formIntro: '所有欄位除職業外皆為必填。資料只用於抽選國民評鑑團，只有您本人與承辦人員看得到。',
  region: '居住縣市',
  chooseRegion: '請選擇',
  birthYear: '出生年（西元）',
  birthYearHint: '西元四位數字；須年滿 18 歲。',
  gender: '性別',
  genders: { female: '女性', male: '男性', other: '其他' } as Record<string, string>,
  occupation: '職業（選填）',
  consentLegend: '個人資料使用同意',
  consentText:
    '我同意評估辦公室為抽選及聯繫國民評鑑團之目的，處理我的電子郵件、居住縣市、出生年、性別及職業。公開的抽選紀錄只使用隨機代號與年齡層，不會公開姓名、電子郵件或出生年。我可以隨時撤回申請或刪除我的資料。',
  consentVersion: (v: string) => `同意書版本：${v}`,
  consentLabel: '我已閱讀並同意上述說明',
  review: '下一步：確認資料',
  errorsSummary: (n: number) => `有 ${n} 個欄位需要修正。`,
  confirmHeading: '確認申請資料',
  confirmIntro: '請確認以下資料正確，再送出申請。',
  edit: '返回修改',
  submit: '送出申請',
  mineHeading: '我的申請',
  submitted: '申請已送出。',
  status: '申請狀態',
  statuses: {
    applied: '已申請，等待抽選',
    selected: '已獲選為國民評鑑委員',
    reserve: '候補',
    withdrawn: '已撤回',
  } as Record<string, string>,
  pseudonym: '公開抽選紀錄中的代號',
  withdraw: '撤回申請',
  withdrawn: '已撤回申請。',
  reapply: '重新申請',
  changeApplication: '修改申請資料',
  deleteData: '刪除我的資料',
  deleteHeading: '確認刪除資料',
  deleteWarning:
    '這會刪除您的帳號與申請資料，無法復原。進行中的投票會被撤回；已截止的選票仍會計入公開結果，但不再與您有任何關聯。',
  deleteConfirm: '確定刪除',
  cancel: '取消',
  deletedHeading: '資料已刪除',
  deleted: '您的帳號與申請資料已刪除。',
  voteLink: '前往投票',
  // vote
  roundsHeading: '進行中的投票',
  noRounds: '目前沒有您可以參加的投票。只有獲選的國民評鑑委員可以在投票期間投票。',
  closes: '截止時間',
  approvalRule: (k: number) => `最多選擇 ${k} 個案例。`,
  scoreRule: '請為每個案例評 1（最低）到 5（最高）分；未評分的案例不列入計算。',
  chosen: (n: number, k: number) => `已選 ${n} / ${k} 個`,
  scoreOf: (n: number) => `${n} 分`,
  readCase: '閱讀案例',
  cast: '送出選票',
  change: '修改選票',
  castDone: '選票已送出。',
  yourBallot: '您目前的選票',
  receipt: '收據代碼',
  receiptHint: '請保存收據代碼。投票截止後，所有計入的收據會公開在結果頁，您可以確認自己的選票已被計入。',
  lastChanged: '最後更新',
  none: '（無）',
  resultsLink: '投票結果',
} as const;

type Dict = { [K in keyof typeof zh]: (typeof zh)[K] extends (...a: infer A) => string ? (...a: A) => string : (typeof zh)[K] extends Record<string, string> ? Record<string, string> : string };

const en: Dict = {
  loading: 'Loading the citizen panel service…',
  notConfigured: 'The citizen panel is not open on this site.',
  unavailable: 'The panel service cannot be reached right now. Please try again later.',
  retry: 'Try again',
  signInHeading: 'Sign in with an email code',
  emailLabel: 'Email',
  emailHint: 'We will send a 6-digit one-time code to this address.',
  sendCode: 'Send code',
  codeHeading: 'Enter the code',
  codeSentTo: (email: string) => `A code was sent to ${email}. It is valid for 10 minutes.`,
  devMailbox: 'Local development sends no email: find the code in the dev mailbox',
  codeLabel: '6-digit code',
  verify: 'Sign in',
  otherEmail: 'Use another email',
  resend: 'Send a new code',
  codeResent: 'A new code was sent.',
  signedInAs: (email: string) => `Signed in as ${email}`,
  signOut: 'Sign out',
  busy: 'Working…',
  formHeading: 'Your application',
  formIntro: 'All fields except occupation are required. The data is used only to draw the citizen panel and is visible only to you and the staff running the draw.',
  region: 'Region you live in',
  chooseRegion: 'Choose',
  birthYear: 'Birth year',
  birthYearHint: 'Four digits; you must be at least 18.',
  gender: 'Gender',
  genders: { female: 'Female', male: 'Male', other: 'Other' },
  occupation: 'Occupation (optional)',
  consentLegend: 'Consent to the use of your data',
  consentText:
    'I agree that the evaluation office processes my email, region, birth year, gender and occupation to draw and contact the citizen panel. The published draw record uses only random pseudonyms and age bands, never names, emails or birth years. I can withdraw my application or delete my data at any time.',
  consentVersion: (v: string) => `Consent text version: ${v}`,
  consentLabel: 'I have read and agree to the above',
  review: 'Next: review',
  errorsSummary: (n: number) => `${n} field${n === 1 ? ' needs' : 's need'} fixing.`,
  confirmHeading: 'Review your application',
  confirmIntro: 'Check that the details are right, then submit.',
  edit: 'Go back and edit',
  submit: 'Submit application',
  mineHeading: 'My application',
  submitted: 'Your application was submitted.',
  status: 'Status',
  statuses: {
    applied: 'Applied, waiting for the draw',
    selected: 'Selected for the citizen panel',
    reserve: 'Reserve',
    withdrawn: 'Withdrawn',
  },
  pseudonym: 'Your pseudonym in the published draw record',
  withdraw: 'Withdraw application',
  withdrawn: 'Your application was withdrawn.',
  reapply: 'Apply again',
  changeApplication: 'Change my application',
  deleteData: 'Delete my data',
  deleteHeading: 'Confirm deleting your data',
  deleteWarning:
    'This deletes your account and application and cannot be undone. Ballots in open rounds are withdrawn; ballots in closed rounds still count in the published results but are no longer linked to you.',
  deleteConfirm: 'Yes, delete my data',
  cancel: 'Cancel',
  deletedHeading: 'Your data was deleted',
  deleted: 'Your account and application data were deleted.',
  voteLink: 'Go to voting',
  roundsHeading: 'Open voting rounds',
  noRounds: 'There is no round you can vote in right now. Only selected panel members can vote while a round is open.',
  closes: 'Closes',
  approvalRule: (k: number) => `Choose up to ${k} case${k === 1 ? '' : 's'}.`,
  scoreRule: 'Score each case from 1 (lowest) to 5 (highest); cases you do not score are not counted.',
  chosen: (n: number, k: number) => `${n} of ${k} chosen`,
  scoreOf: (n: number) => `${n}`,
  readCase: 'Read the case',
  cast: 'Cast ballot',
  change: 'Change ballot',
  castDone: 'Your ballot was cast.',
  yourBallot: 'Your current ballot',
  receipt: 'Receipt code',
  receiptHint: 'Keep the receipt code. After the round closes, every counted receipt is published on the results page so you can check that your ballot was counted.',
  lastChanged: 'Last changed',
  none: '(none)',
  resultsLink: 'Voting results',
};

export const UI = { 'zh-Hant': zh as unknown as Dict, en } as const;
export type UIText = Dict;

/** Is this API URL on this machine (so the dev mailbox may be mentioned)? */
export function isLoopbackUrl(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\./.test(h);
  } catch {
    return false;
  }
}
