// The panel in a real browser: a built site (PUBLIC_SUPABASE_* pointing at a throwaway local
// stack) served statically, driven by headless Chromium. Apply → status → withdraw → delete;
// a selected member votes, changes the vote, keeps the receipt; the round closes, is exported
// and rebuilt, and the results page shows the tally and the receipt code (never the choices).
// axe on every panel page.
// Last, with the stack stopped, the islands say the service is unreachable and keep input.
import { cpSync, mkdtempSync, readFileSync, rmSync, chmodSync, statSync } from 'node:fs';
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
import { createRound, exportPool, exportRound, publishDraw, staffClient } from '../../scripts/lib/panel-staff.ts';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';
import { astroBuild, listTree } from '../helpers/build.ts';
import { launchBrowser } from '../../scripts/lib/browser.ts';

const tmp = mkdtempSync(join(tmpdir(), 'or-panel-e2e-'));
chmodSync(tmp, 0o711); // PostgreSQL runs as the OS user postgres when tests run as root
const contentDir = join(tmp, 'content');
const dist = join(tmp, 'dist');
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

/** Signs in through the island: email → code from the dev mailbox. */
async function signInUi(page: Page, email: string, locale: 'zh-Hant' | 'en') {
  await page.getByLabel(locale === 'en' ? 'Email' : '電子郵件', { exact: true }).fill(email);
  await page.getByRole('button', { name: locale === 'en' ? 'Send code' : '寄送驗證碼' }).click();
  const codeField = page.getByLabel(locale === 'en' ? '6-digit code' : '6 位數驗證碼', { exact: true });
  await codeField.waitFor();
  // The loopback stack's dev mailbox is pointed out; the code is read from it.
  expect(await page.locator('.dev-note a').getAttribute('href')).toBe(`${stack.apiUrl}/mailbox`);
  await codeField.fill(stack.mailbox(email)!.code);
  await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登入', exact: true }).click();
}

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
  test('code sign-in, validation messages, submit, status, withdraw, delete', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/panel/apply/');
    const email = `e2e-apply-${Date.now()}@example.org`;
    await signInUi(page, email, 'zh-Hant');
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('填寫申請資料');

    // Empty form: every required field says what is wrong, linked with aria-describedby.
    await page.getByRole('button', { name: '下一步：確認資料' }).click();
    await page.waitForSelector('#apply-birthYear-error');
    expect(await page.locator('#apply-errors').textContent()).toContain('4 個欄位');
    expect(await page.locator('#apply-birthYear').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#apply-birthYear').getAttribute('aria-describedby')).toBe('apply-birthYear-hint apply-birthYear-error');
    expect(await page.locator('#apply-birthYear-error').textContent()).toBe('請以四位數字填寫西元出生年。');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-region');
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

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

    await page.getByRole('button', { name: '撤回申請' }).click();
    await page.waitForSelector('.application-status[data-status="withdrawn"]');
    expect((await owner('select status from public.applicants where email = $1', [email]))[0].status).toBe('withdrawn');

    await page.getByRole('button', { name: '刪除我的資料' }).click();
    await expect.poll(() => page.locator('h2:focus').textContent()).toBe('確認刪除資料');
    await page.getByRole('button', { name: '確定刪除' }).click();
    await page.waitForSelector('#apply-deleted-h');
    expect(await owner('select 1 from auth.users where email = $1', [email])).toEqual([]);
    await context.close();
  });
});

describe('vote and published results', () => {
  const email = `e2e-member-${Date.now()}@example.org`;
  let roundId: string;
  let receipt = '';
  let firstReceipt = '';

  test('a selected member votes, changes the vote and keeps the receipt', async () => {
    // Arrange through the real staff pipeline: apply (API), export pool, draw, record, round.
    const member = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false } });
    await member.auth.signInWithOtp({ email });
    await member.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
    const applied = await member.rpc('submit_application', { p_region: 'jeju', p_birth_year: 1990, p_gender: 'other', p_consent_version: 'e2e' });
    expect(applied.error).toBeNull();
    const staff = staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey });
    const { pool } = await exportPool(staff, 2026);
    const mine = pool.filter((m) => m.id === applied.data.pseudonym);
    const { record } = await runDraw({ pool: mine, quotas: proportionalQuotas(mine, 1), panelSize: 1, seed: 'e2e' });
    await publishDraw(staff, { contentDir, id: 'e2e-draw', title: { 'zh-Hant': '端對端測試抽選', en: 'End-to-end draw' }, record, pool: mine, reserveCount: 0, ageReferenceYear: 2026 });
    roundId = (await createRound(staff, {
      contentDir, draw: 'e2e-draw', title: 'E2E round', method: 'approval', maxApprovals: 2, cases: CASES,
      opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 3_600_000),
    })).id;

    const context = await browser.newContext();
    const page = await open(context, '/en/panel/vote/');
    await signInUi(page, email, 'en');
    const round = page.locator(`section[data-round="${roundId}"]`);
    await round.waitFor();
    expect(await round.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await round.locator(`a[href="/en/cases/seoul-mobile-library/"]`).count()).toBe(1);
    const count = round.locator('.count');
    expect(await count.textContent()).toBe('0 of 2 chosen');
    const box = (id: string) => round.locator(`input[type=checkbox][value="${id}"]`);
    await box(CASES[0]!).check();
    await box(CASES[1]!).check();
    await box(CASES[2]!).check();
    expect(await count.textContent()).toBe('3 of 2 chosen');
    await round.getByRole('button', { name: 'Cast ballot' }).click();
    expect(await round.locator('.field-error').textContent()).toBe('You chose more cases than allowed.');
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
    await round.getByRole('button', { name: 'Cast ballot' }).click();
    await round.locator('.receipt').waitFor();
    firstReceipt = (await round.locator('.receipt').textContent())!;
    expect(firstReceipt).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    await page.unroute('**/rest/v1/rpc/cast_ballot');

    // Change the vote: a new receipt, and my_ballot shows the new choices after a reload.
    await box(CASES[0]!).uncheck();
    await box(CASES[2]!).check();
    await round.getByRole('button', { name: 'Change ballot' }).click();
    await expect.poll(() => round.locator('.receipt').textContent()).not.toBe(firstReceipt);
    receipt = (await round.locator('.receipt').textContent())!;
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])');
    await page.locator(`section[data-round="${roundId}"] .receipt`).waitFor();
    expect(await page.locator(`section[data-round="${roundId}"] .receipt`).textContent()).toBe(receipt);
    expect(await box(CASES[0]!).isChecked()).toBe(false);
    expect(await box(CASES[1]!).isChecked()).toBe(true);
    expect(await box(CASES[2]!).isChecked()).toBe(true);
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    await context.close();
  });

  test('after close, export and rebuild, the results page shows the tally and the receipt', async () => {
    await owner("update public.voting_rounds set closes_at = now() - interval '1 second' where id = $1", [roundId]);
    const staff = staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey });
    await exportRound(staff, { contentDir, roundId, id: 'e2e-round', title: { 'zh-Hant': '端對端測試投票', en: 'End-to-end round' } });
    build();
    const context = await browser.newContext();
    const page = await open(context, '/en/panel/rounds/e2e-round/');
    expect(await page.locator('h1').textContent()).toBe('End-to-end round');
    for (const [c, n] of [[CASES[0], '0'], [CASES[1], '1'], [CASES[2], '1']] as const) {
      expect(await page.locator(`tr[data-case="${c}"] .approvals`).textContent()).toBe(n);
    }
    expect(await page.locator(`#r-${receipt}`).count()).toBe(1);
    expect(await page.locator(`#r-${firstReceipt}`).count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    // The counted receipts are bare codes: the member finds theirs, and nothing shows how it voted.
    expect(await page.locator('ol.receipts li').allTextContents()).toEqual([receipt]);
    await page.goto(`${site.url}/panel/rounds/e2e-round/#r-${receipt}`);
    expect(await page.locator(`#r-${receipt}`).textContent()).toBe(receipt);
    expect(await page.locator(`#r-${receipt} a`).getAttribute('href')).toBe(`#r-${receipt}`);
    await context.close();
  });
});

describe('accessibility and page weight', () => {
  test('axe (WCAG 2.2 AA) finds 0 violations on every panel page', async () => {
    const pages = listTree(join(dist, 'panel')).concat(listTree(join(dist, 'en', 'panel')).map((p) => `en/${p}`))
      .filter((p) => p.endsWith('index.html'));
    const paths = pages.map((p) => (p.startsWith('en/') ? `/en/panel/${p.slice(3)}` : `/panel/${p}`).replace(/index\.html$/, ''));
    expect(paths).toEqual(expect.arrayContaining(['/panel/', '/panel/apply/', '/panel/vote/', '/panel/results/', '/en/panel/draws/demo-2026/', '/panel/rounds/demo-2026-round-1/']));
    const context = await browser.newContext();
    const found: string[] = [];
    for (const path of paths) {
      const page = await open(context, path);
      if (await page.locator('astro-island').count()) await page.locator('astro-island form').first().waitFor();
      const r = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      for (const v of r.violations) found.push(`${path} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
      await page.close();
    }
    expect(found).toEqual([]);
    await context.close();
  });

  test('panel pages stay within the JS budget; static panel pages ship none', () => {
    for (const path of ['panel/apply/', 'panel/vote/', 'en/panel/apply/', 'en/panel/vote/']) {
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
    await signInUi(page, email, 'en');
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

