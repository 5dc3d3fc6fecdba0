// The panel in a real browser: a built site (PUBLIC_SUPABASE_* pointing at a throwaway local
// stack) served statically, driven by headless Chromium.
//  - apply: code sign-in, validation, submit; withdrawing and deleting each ask first and say what
//    they cost (cancel changes nothing);
//  - a drawn member confirms the seat, votes, changes the vote: the old receipt is shown void;
//  - after the close, export and rebuild: the receipt is still listed (counted) on the vote page and
//    checkable on the receipt page, also offline; a round below its minimum shows no tally;
//  - axe (WCAG 2.2 AA) on every panel page in every locale; screenshots at 390 and 1280 px;
//  - last, with the stack stopped, the islands say the service is unreachable and keep input.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStack, type Stack } from '../../scripts/stack/index.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { pageWeight } from '../../scripts/bench/page-weight.ts';
import { commitPool, createRound, exportPool, exportRound, publishDraw, staffClient } from '../../scripts/lib/panel-staff.ts';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';
import { astroBuild, listTree } from '../helpers/build.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';

const tmp = mkdtempSync(join(tmpdir(), 'or-panel-e2e-'));
chmodSync(tmp, 0o711); // PostgreSQL runs as the OS user postgres when tests run as root
const contentDir = join(tmp, 'content');
const dist = join(tmp, 'dist');
const SHOTS = join(import.meta.dirname, '..', '.tmp', 'panel-screens');
const CASES = ['busan-barrier-free-coast', 'jeju-zero-waste-market', 'seoul-mobile-library'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let stack: Stack;
let site: StaticServer;
let browser: Browser;
let stackStopped = false;

function build() {
  const r = astroBuild(contentDir, dist, { PUBLIC_SUPABASE_URL: stack.apiUrl, PUBLIC_SUPABASE_ANON_KEY: stack.anonKey });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.output.slice(-4000)}`);
}

async function owner(text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: stack.dbUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url + path);
  if (await page.locator('astro-island').count()) await page.waitForSelector('astro-island:not([ssr])');
  return page;
}

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);

/** Screenshots at a phone's and a desktop's width, to look at (test/.tmp/panel-screens). */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

/** Signs in through the island: email → the 8-digit code from the dev mailbox. */
async function signInUi(page: Page, email: string, words: { email: string; send: string; code: string; verify: string }) {
  await page.getByLabel(words.email, { exact: true }).fill(email);
  await page.getByRole('button', { name: words.send }).click();
  const codeField = page.getByLabel(words.code, { exact: true });
  await codeField.waitFor();
  // The loopback stack's dev mailbox is pointed out; the code is read from it.
  expect(await page.locator('.dev-note a').getAttribute('href')).toBe(`${stack.apiUrl}/mailbox`);
  const code = stack.mailbox(email)!.code;
  expect(code).toMatch(/^\d{8}$/);
  await codeField.fill(code);
  await page.getByRole('button', { name: words.verify, exact: true }).click();
}
const ZH = { email: '電子郵件', send: '寄送驗證碼', code: '8 位數驗證碼', verify: '登入' };
const EN = { email: 'Email', send: 'Send code', code: '8-digit code', verify: 'Sign in' };

beforeAll(async () => {
  cpSync('content', contentDir, { recursive: true });
  site = await serveStatic(dist);
  stack = await startStack({ dataDir: join(tmp, 'stack'), ports: { api: 0, db: 0 }, persistent: false });
  build();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (!stackStopped) await stack?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('apply', () => {
  test('code sign-in, validation messages, submit; withdraw and delete ask first and say what they cost', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/panel/apply/');
    const email = `e2e-apply-${Date.now()}@example.org`;
    await signInUi(page, email, ZH);
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('填寫申請資料');

    // Empty form: every required field says what is wrong, linked with aria-describedby.
    await page.getByRole('button', { name: '下一步：確認資料' }).click();
    await page.waitForSelector('#apply-birthYear-error');
    expect(await page.locator('#apply-errors').textContent()).toContain('4 個欄位');
    expect(await page.locator('#apply-birthYear').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#apply-birthYear').getAttribute('aria-describedby')).toBe('apply-birthYear-hint apply-birthYear-error');
    expect(await page.locator('#apply-birthYear-error').textContent()).toBe('請以四位數字填寫西元出生年。');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-region');
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'apply-errors');

    await page.getByLabel('居住縣市').selectOption('busan');
    await page.getByLabel('出生年（西元）').fill('2015');
    await page.getByLabel('女性').check();
    await page.getByLabel('我已閱讀並同意上述說明').check();
    await page.getByRole('button', { name: '下一步：確認資料' }).click();
    expect(await page.locator('#apply-birthYear-error').textContent()).toBe('申請人須年滿 18 歲，出生年須在合理範圍內。');
    await page.getByLabel('出生年（西元）').fill('1984');
    await page.getByRole('button', { name: '下一步：確認資料' }).click();
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('確認申請資料');
    expect(await page.locator('dl').textContent()).toContain('釜山廣域市');
    await page.getByRole('button', { name: '送出申請' }).click();
    await page.waitForSelector('.application-status[data-status="applied"]');
    expect(await page.locator('[role="status"]').textContent()).toBe('申請已送出。');
    const rows = await owner('select region, birth_year, gender, status from public.applicants where email = $1', [email]);
    expect(rows).toEqual([{ region: 'busan', birth_year: 1984, gender: 'female', status: 'applied' }]);

    // Reload: the session and the application are shown again.
    await page.reload();
    await page.waitForSelector('.application-status[data-status="applied"]');

    // Withdrawing asks first, saying what it costs; cancelling changes nothing.
    await page.getByRole('button', { name: '撤回申請' }).click();
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('確認撤回申請');
    expect(await page.locator('.confirm-step .cost').textContent()).toBe('撤回後，您不會被列入下一次抽選；之後仍可重新申請。');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '取消' }).click();
    await page.waitForSelector('.application-status[data-status="applied"]');
    expect((await owner('select status from public.applicants where email = $1', [email]))[0].status).toBe('applied');
    await page.getByRole('button', { name: '撤回申請' }).click();
    await page.getByRole('button', { name: '確定撤回' }).click();
    await page.waitForSelector('.application-status[data-status="withdrawn"]');
    expect((await owner('select status from public.applicants where email = $1', [email]))[0].status).toBe('withdrawn');

    // So does deleting one's data.
    await page.getByRole('button', { name: '刪除我的資料' }).click();
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('確認刪除資料');
    expect(await page.locator('.confirm-step .cost').textContent()).toContain('無法復原');
    await shoot(page, 'apply-confirm-delete');
    await page.getByRole('button', { name: '取消' }).click();
    await page.waitForSelector('.application-status[data-status="withdrawn"]');
    expect(await owner('select 1 from auth.users where email = $1', [email])).toHaveLength(1);
    await page.getByRole('button', { name: '刪除我的資料' }).click();
    await page.getByRole('button', { name: '確定刪除' }).click();
    await page.waitForSelector('#apply-deleted-h');
    expect(await owner('select 1 from auth.users where email = $1', [email])).toEqual([]);
    await context.close();
  });
});

describe('seat, vote, receipts, published results', () => {
  const email = `e2e-member-${Date.now()}@example.org`;
  let rounds: { counted: string; small: string };
  let receipt = '';
  let firstReceipt = '';

  test('a drawn member confirms the seat, votes, changes the vote: the old receipt is shown void', async () => {
    // Arrange through the real staff pipeline: apply (API), pool, commitment, draw, record, rounds.
    const member = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false } });
    await member.auth.signInWithOtp({ email });
    await member.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
    const applied = await member.rpc('submit_application', { p_region: 'jeju', p_birth_year: 1990, p_gender: 'other', p_consent_version: 'e2e' });
    expect(applied.error).toBeNull();
    const pseudonym = (applied.data as { application: { pseudonym: string } }).application.pseudonym;
    const staff = staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey });
    const { pool } = await exportPool(staff, { ageReferenceYear: 2026, categories: ['region', 'age', 'gender'] });
    const mine = pool.filter((m) => m.id === pseudonym);
    const quotas = proportionalQuotas(mine, 1);
    commitPool({ contentDir, id: 'e2e-draw', pool: mine, quotas, panelSize: 1, seedSource: { 'zh-Hant': '端對端測試種子', en: 'End-to-end seed', ko: '종단 간 시험 시드' }, publishedAt: new Date(Date.now() - 60_000) });
    const { record } = await runDraw({ pool: mine, quotas, panelSize: 1, seed: 'e2e' });
    await publishDraw(staff, {
      contentDir, id: 'e2e-draw', title: { 'zh-Hant': '端對端測試抽選', en: 'End-to-end draw', ko: '종단 간 시험 추첨' }, record, pool: mine, reserveCount: 0,
      ageReferenceYear: 2026, seedPublishedAt: new Date(), confirmBy: new Date(Date.now() + 86400e3),
    });
    const round = (minBallots: number, title: string) => createRound(staff, {
      contentDir, draw: 'e2e-draw', title, method: 'approval', maxApprovals: 2, cases: CASES, minBallots,
      opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000),
    }).then((r) => r.id);
    rounds = { counted: await round(1, 'E2E round'), small: await round(10, 'E2E small round') };

    // The seat is confirmed on the apply page.
    const context = await browser.newContext();
    const applyPage = await open(context, '/en/panel/apply/');
    await signInUi(applyPage, email, EN);
    const seat = applyPage.locator('.seat');
    await seat.waitFor();
    expect(await seat.locator('.seat-status').textContent()).toMatch(/^Drawn: please confirm by .*GMT\+9$/);
    expect(await axe(applyPage)).toEqual([]);
    await shoot(applyPage, 'apply-seat');
    await applyPage.getByRole('button', { name: 'Confirm my seat' }).click();
    await expect.poll(() => seat.getAttribute('data-seat')).toBe('confirmed');
    expect(await applyPage.locator('[role="status"]').textContent()).toBe('Your seat is confirmed. You can vote when a round opens.');

    const page = await open(context, '/en/panel/vote/');
    const section = page.locator(`section[data-round="${rounds.counted}"]`);
    await section.waitFor();
    expect(await section.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await section.locator('time').first().textContent()).toMatch(/GMT\+9/);
    expect(await section.locator(`a[href="/en/cases/seoul-mobile-library/"]`).count()).toBe(1);
    const count = section.locator('.count');
    expect(await count.textContent()).toBe('0 of 2 chosen');
    const box = (id: string) => section.locator(`input[type=checkbox][value="${id}"]`);
    await box(CASES[0]!).check();
    await box(CASES[1]!).check();
    await box(CASES[2]!).check();
    expect(await count.textContent()).toBe('3 of 2 chosen');
    await section.getByRole('button', { name: 'Cast ballot' }).click();
    expect(await section.locator('.field-error').textContent()).toBe('You chose more cases than allowed.');
    await box(CASES[2]!).uncheck();

    // The first attempt fails on the network; the retry carries the same idempotency key.
    const keys: string[] = [];
    let failed = false;
    await page.route('**/rest/v1/rpc/cast_ballot', async (route) => {
      keys.push((route.request().postDataJSON() as { p_idempotency_key: string }).p_idempotency_key);
      if (!failed) {
        failed = true;
        await route.abort('failed');
      } else await route.continue();
    });
    await section.getByRole('button', { name: 'Cast ballot' }).click();
    await section.locator('.receipt').waitFor();
    firstReceipt = (await section.locator('.receipt').textContent())!;
    expect(firstReceipt).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    await page.unroute('**/rest/v1/rpc/cast_ballot');
    expect(await page.locator('[role="status"]').first().textContent()).toBe(`Your ballot was cast. Receipt code: ${firstReceipt}`);

    // Change the vote: a new receipt; the old one is listed as void.
    await box(CASES[0]!).uncheck();
    await box(CASES[2]!).check();
    await section.getByRole('button', { name: 'Change ballot' }).click();
    await expect.poll(() => section.locator('.receipt').textContent()).not.toBe(firstReceipt);
    receipt = (await section.locator('.receipt').textContent())!;
    expect(await page.locator('[role="status"]').first().textContent()).toBe(`Your ballot was changed. New receipt code: ${receipt}; the old receipt is void.`);
    const row = (code: string) => page.locator(`.my-receipts tr[data-receipt="${code}"]`);
    await expect.poll(() => row(firstReceipt).getAttribute('data-status')).toBe('replaced');
    expect(await row(firstReceipt).locator('.receipt-status').textContent()).toContain('Void: replaced by a newer ballot');
    expect(await row(firstReceipt).locator('del').count()).toBe(1);
    expect(await row(receipt).locator('.receipt-status').textContent()).toContain('Valid (counted at the close)');

    // One ballot in the round that needs ten.
    const small = page.locator(`section[data-round="${rounds.small}"]`);
    await small.locator(`input[type=checkbox][value="${CASES[1]}"]`).check();
    await small.getByRole('button', { name: 'Cast ballot' }).click();
    await small.locator('.receipt').waitFor();

    // After a reload the ballot and the receipts are read back from the database.
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])');
    await page.locator(`section[data-round="${rounds.counted}"] .receipt`).waitFor();
    expect(await page.locator(`section[data-round="${rounds.counted}"] .receipt`).textContent()).toBe(receipt);
    expect(await box(CASES[0]!).isChecked()).toBe(false);
    expect(await box(CASES[1]!).isChecked()).toBe(true);
    expect(await box(CASES[2]!).isChecked()).toBe(true);
    expect(await row(firstReceipt).getAttribute('data-status')).toBe('replaced');
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'vote-open');
    await context.close();
  });

  test('after close, export and rebuild: tally published; below the minimum no tally; the receipt stays listed and checkable, offline too', async () => {
    for (const id of Object.values(rounds)) await owner("update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1", [id]);
    const staff = staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey });
    await exportRound(staff, { contentDir, roundId: rounds.counted, id: 'e2e-round', title: { 'zh-Hant': '端對端測試投票', en: 'End-to-end round', ko: '종단 간 시험 투표' } });
    await exportRound(staff, { contentDir, roundId: rounds.small, id: 'e2e-small-round', title: { 'zh-Hant': '端對端小型投票', en: 'End-to-end small round', ko: '종단 간 소규모 투표' } });
    build();
    const context = await browser.newContext();

    const page = await open(context, '/en/panel/rounds/e2e-round/');
    expect(await page.locator('h1').textContent()).toBe('End-to-end round');
    for (const [c, n] of [[CASES[0], '0'], [CASES[1], '1'], [CASES[2], '1']] as const) {
      expect(await page.locator(`tr[data-case="${c}"] .approvals`).textContent()).toBe(n);
    }
    expect(await page.locator(`#r-${receipt}`).count()).toBe(1);
    expect(await page.locator(`#r-${firstReceipt}`).count()).toBe(0);
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
    expect(await page.locator('ol.receipts li').allTextContents()).toEqual([receipt]);

    // A round with fewer ballots than its minimum: no tally, no turnout, and the page says why.
    const small = await open(context, '/en/panel/rounds/e2e-small-round/');
    expect(await small.locator('#tally').count()).toBe(0);
    expect(await small.locator('.turnout').count()).toBe(0);
    expect(await small.locator('tr[data-case]').count()).toBe(0);
    expect(await small.locator('.withheld').textContent()).toContain('This round counted 1 ballot, fewer than the 10 needed to publish results.');
    expect(await small.locator('ol.receipts li').count()).toBe(1);
    await shoot(small, 'round-withheld');

    // The vote page still lists the receipt after the close, counted, with a link to check it.
    const vote = await open(context, '/en/panel/vote/');
    await signInUi(vote, email, EN);
    const row = vote.locator(`.my-receipts tr[data-receipt="${receipt}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('counted');
    expect(await row.locator('.receipt-status').textContent()).toContain('Counted');
    expect(await vote.locator(`.my-receipts tr[data-receipt="${firstReceipt}"]`).getAttribute('data-status')).toBe('replaced');
    expect(await axe(vote)).toEqual([]);
    await shoot(vote, 'vote-closed');
    await row.getByRole('link', { name: `Check ${receipt}` }).click();
    await vote.waitForURL(/\/en\/panel\/receipts\/\?code=/);
    await vote.waitForSelector('astro-island:not([ssr])');
    await expect.poll(() => vote.locator('.check-result').textContent()).toContain(`Counted: code ${receipt} is on the counted list of “End-to-end round”`);

    // Offline: the page checks against the lists it has already loaded.
    const check = await open(context, '/panel/receipts/');
    await context.setOffline(true);
    await check.getByLabel('收據代碼', { exact: true }).fill(receipt.toLowerCase());
    await check.getByRole('button', { name: '核對' }).click();
    await expect.poll(() => check.locator('.check-result').getAttribute('data-result')).toBe('found');
    await check.getByLabel('收據代碼', { exact: true }).fill(firstReceipt);
    await check.getByRole('button', { name: '核對' }).click();
    await expect.poll(() => check.locator('.check-result').getAttribute('data-result')).toBe('notFound');
    await check.getByLabel('收據代碼', { exact: true }).fill('0000');
    await check.getByRole('button', { name: '核對' }).click();
    await expect.poll(() => check.locator('.check-result').getAttribute('data-result')).toBe('invalid');
    await context.setOffline(false);
    await shoot(check, 'receipt-check');
    await context.close();
  });
});

describe('accessibility and page weight', () => {
  test('axe (WCAG 2.2 AA) finds 0 violations on every panel page in every locale', async () => {
    const pages = listTree(dist).filter((p) => /(^|\/)panel\/(.*\/)?index\.html$/.test(p));
    const paths = pages.map((p) => `/${p.replace(/index\.html$/, '')}`);
    expect(paths).toEqual(expect.arrayContaining(['/panel/', '/panel/apply/', '/panel/vote/', '/panel/results/', '/panel/receipts/',
      '/en/panel/draws/demo-2026/', '/ko/panel/rounds/demo-2026-round-1/', '/en/panel/rounds/e2e-small-round/']));
    const context = await browser.newContext();
    const found: string[] = [];
    for (const path of paths) {
      const page = await open(context, path);
      if (await page.locator('astro-island').count()) await page.locator('astro-island form').first().waitFor();
      for (const v of await axe(page)) found.push(`${path} ${v}`);
      if (/^\/(ko\/)?panel\/(draws\/demo-2026\/|)$/.test(path)) await shoot(page, path.replaceAll('/', '_'));
      await page.close();
    }
    expect(found).toEqual([]);
    await context.close();
  });

  test('panel pages stay within the JS budget; static panel pages ship none', () => {
    for (const path of ['panel/apply/', 'panel/vote/', 'en/panel/apply/', 'ko/panel/vote/']) {
      const w = pageWeight(dist, path);
      expect(w.jsWithLazy, path).toBeLessThanOrEqual(75 * 1024);
      expect(w.scripts.some((s) => /supabase/i.test(s)), `${path} loads the Supabase client eagerly`).toBe(false);
    }
    for (const path of ['panel/', 'panel/results/', 'panel/draws/demo-2026/', 'panel/rounds/demo-2026-round-1/', 'en/panel/rounds/e2e-round/']) {
      expect(pageWeight(dist, path).js, path).toBe(0);
    }
  });

  test('no email, birth year or user id of any applicant is anywhere in dist/', async () => {
    const people = await owner('select email, birth_year, user_id::text, id::text, pseudonym from public.applicants');
    const seed = people.filter((p) => p.email.endsWith('@example.org') && p.email.startsWith('demo-applicant-'));
    expect(seed).toHaveLength(60);
    const files = listTree(dist).filter((f) => !statSync(join(dist, f)).isDirectory());
    const texts = files.map((f) => [f, readFileSync(join(dist, f), 'utf8')] as const);
    const hits: string[] = [];
    for (const p of people) {
      const year = new RegExp(`(^|[^0-9A-Za-z/._-])${p.birth_year}([^0-9A-Za-z/._-]|$)`);
      for (const [f, text] of texts) {
        if (text.includes(p.email)) hits.push(`${f}: email ${p.email}`);
        if (text.includes(p.user_id)) hits.push(`${f}: user id ${p.user_id}`);
        if (text.includes(p.id)) hits.push(`${f}: applicant id ${p.id}`);
        // A bare year is everywhere (budgets, history); a leak is a birth year next to the person's
        // pseudonym, or a birth-year field in published data.
        if (text.includes(p.pseudonym) && year.test(text)) hits.push(`${f}: birth year ${p.birth_year} beside pseudonym ${p.pseudonym}`);
      }
    }
    for (const [f, text] of texts) if (!f.endsWith('.js') && /["']?birth_?year["']?\s*[:=]|(^|,)birth_?year(,|$)/im.test(text)) hits.push(`${f}: a birth-year field`);
    expect([...new Set(hits)], [...new Set(hits)].join('\n')).toEqual([]);
  });
});

describe('backend down', () => {
  test('with the stack stopped, the island says so and the half-filled form keeps its input', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/en/panel/apply/');
    const email = `e2e-offline-${Date.now()}@example.org`;
    await signInUi(page, email, EN);
    await page.getByLabel('Region you live in').waitFor();
    await page.getByLabel('Region you live in').selectOption('daegu');
    await page.getByLabel('Birth year').fill('1977');
    await page.getByLabel('Occupation (optional)').fill('librarian');

    await stack.stop();
    stackStopped = true;
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The panel service cannot be reached right now.');
    expect(await page.getByLabel('Region you live in').inputValue()).toBe('daegu');
    expect(await page.getByLabel('Birth year').inputValue()).toBe('1977');
    expect(await page.getByLabel('Occupation (optional)').inputValue()).toBe('librarian');

    // Submitting while offline keeps everything and says why.
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('I have read and agree to the above').check();
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.locator('p.error[role="alert"]').waitFor();
    expect(await page.locator('p.error[role="alert"]').textContent()).toBe(
      'The panel service cannot be reached right now. What you typed is kept; please try again later.');
    await page.getByRole('button', { name: 'Go back and edit' }).click();
    expect(await page.getByLabel('Birth year').inputValue()).toBe('1977');

    // A visitor who is not signed in learns it when asking for a code.
    const visitor = await browser.newContext();
    const other = await open(visitor, '/panel/apply/');
    await other.getByLabel('電子郵件', { exact: true }).fill('someone@example.org');
    await other.getByRole('button', { name: '寄送驗證碼' }).click();
    await other.getByRole('alert').waitFor();
    expect(await other.getByRole('alert').textContent()).toContain('目前無法連線到評鑑團服務');
    await visitor.close();
    await context.close();
  });
});
