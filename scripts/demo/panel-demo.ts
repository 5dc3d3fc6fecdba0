// Regenerates the demo panel content (content/panel-commitments/demo-2026.yaml,
// content/panel-draws/demo-2026.* and content/panel-rounds/demo-2026-round-1.yaml) by running the
// real staff pipeline against a throwaway local stack loaded with supabase/seed.sql's invented
// applicants:
//   export pool → proportional quotas → commitment → seed → LEXIMIN draw → record + publish →
//   members sign in with codes from the dev mailbox and confirm (one declines) → the deadline
//   passes → a reserve is called in published order and confirms → round → members vote → round
//   closes (database clock) → close-export.
//   npm run panel:demo -- [--content-dir content]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/cli.ts';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { startStack, type Stack } from '../stack/index.ts';
import { commitPool, createRound, exportPool, exportRound, publishDraw, replaceSeats, staffClient } from '../lib/panel-staff.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';

async function member(stack: Stack, email: string): Promise<SupabaseClient> {
  const c = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  await c.auth.signInWithOtp({ email });
  const { error } = await c.auth.verifyOtp({ email, token: stack.mailbox(email)!.code, type: 'email' });
  if (error) throw error;
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Demo {
  stack: Stack;
  db: pg.Client;
  staff: SupabaseClient;
  contentDir: string;
}

/** Pool, quotas and commitment; then, once the seed is known, the draw, recorded and published. */
async function demoDraw(d: Demo) {
  const year = 2026;
  const { pool, commitment } = await exportPool(d.staff, { ageReferenceYear: year, categories: ['region', 'age', 'gender'] });
  const panelSize = 15;
  const quotas = proportionalQuotas(pool, panelSize);
  const committed = commitPool({
    contentDir: d.contentDir, id: 'demo-2026', pool, quotas, panelSize,
    seedSource: {
      'zh-Hant': '示範：虛構的公開樂透開獎號碼（真實抽選應使用事先公告、任何人都能查證的公開亂數來源）',
      en: 'Demo: invented public lottery numbers (a real draw uses a public random source announced beforehand that anyone can check)',
      ko: '예시: 가상의 공개 복권 당첨 번호(실제 추첨은 미리 공고되고 누구나 확인할 수 있는 공개 난수 출처를 사용합니다)',
    },
  });
  console.log(`pool of ${pool.length}, commitment ${commitment}; published ${committed.file}`);
  await sleep(1100); // the seed becomes known only after the commitment was published
  const seedPublishedAt = new Date();
  const { record } = await runDraw({ pool, quotas, panelSize, seed: 'demo-2026-public-seed-0417' });
  record.createdAt = new Date().toISOString();
  // A short confirmation window, so the demo can show a seat that lapses into a replacement.
  const confirmBy = new Date(Date.now() + 20_000);
  const draw = await publishDraw(d.staff, {
    contentDir: d.contentDir, id: 'demo-2026', demo: true, ageReferenceYear: year, record, pool, reserveCount: 8, confirmBy, seedPublishedAt,
    title: { 'zh-Hant': '2026 年國民評鑑團抽選（示範）', en: '2026 citizen panel draw (demo)', ko: '2026년 국민평가단 추첨(예시)' },
  });
  console.log(`published ${draw.file}`);
  return { record, drawId: draw.databaseId, confirmBy };
}

/** Members confirm, one declines, one never answers; after the deadline reserves are called and confirm. */
async function demoSeats(d: Demo, panel: string[], drawId: string, confirmBy: Date) {
  const emailOf = async (pseudonyms: string[]) =>
    (await d.db.query<{ email: string; pseudonym: string }>('select email, pseudonym from public.applicants where pseudonym = any($1) order by pseudonym', [pseudonyms])).rows;
  const seated = await emailOf(panel);
  for (const [i, m] of seated.entries()) {
    if (i === seated.length - 1) continue; // does not answer: the seat lapses
    const { error } = await (await member(d.stack, m.email)).rpc(i === 1 ? 'decline_seat' : 'confirm_seat', { p_draw_id: drawId });
    if (error) throw error;
  }
  await sleep(Math.max(0, confirmBy.getTime() - Date.now()) + 500);
  const replaced = await replaceSeats(d.staff, { contentDir: d.contentDir, draw: 'demo-2026', confirmWithinHours: 168 });
  console.log(`replacements: ${replaced.replacements.map((r) => `${r.out} → ${r.in}`).join(', ') || 'none'}`);
  for (const m of await emailOf(replaced.replacements.map((r) => r.in))) {
    const { error } = await (await member(d.stack, m.email)).rpc('confirm_seat', { p_draw_id: drawId });
    if (error) throw error;
  }
}

/** A score round most of the confirmed panel votes in, as real members would; closed and exported. */
async function demoRound(d: Demo, drawId: string) {
  const cases = ['busan-barrier-free-coast', 'gwangju-community-solar', 'jeju-zero-waste-market', 'seoul-mobile-library'];
  const round = await createRound(d.staff, {
    contentDir: d.contentDir, draw: 'demo-2026', title: 'Exemplary cases 2026 (demo round)', method: 'score', cases, minBallots: 10,
    opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + 25_000),
  });
  const confirmed = (await d.db.query<{ email: string }>(
    `select a.email from public.panel_members m join public.applicants a on a.id = m.applicant_id
      where m.draw_id = $1 and m.status = 'confirmed' order by m.pseudonym`, [drawId])).rows;
  const voters = confirmed.slice(0, 12);
  for (const [i, m] of voters.entries()) {
    const choices: Record<string, number> = {};
    cases.forEach((id, j) => {
      if ((i + j) % 5 !== 4) choices[id] = 1 + ((i * 3 + j * 2 + (j === 3 ? 2 : 0)) % 5);
    });
    const { error } = await (await member(d.stack, m.email)).rpc('cast_ballot', { p_round_id: round.id, p_choices: choices, p_idempotency_key: crypto.randomUUID() });
    if (error) throw error;
  }
  console.log(`${voters.length} ballots cast; waiting for the round to close…`);
  await sleep(Math.max(0, Date.parse(round.closesAt) - Date.now()) + 1000);
  const out = await exportRound(d.staff, {
    contentDir: d.contentDir, roundId: round.id, id: 'demo-2026-round-1', demo: true,
    title: { 'zh-Hant': '2026 年優秀施政案例評分（示範）', en: 'Exemplary cases 2026: scores (demo)', ko: '2026년 우수사례 점수 평가(예시)' },
  });
  console.log(`published ${out.file}`);
}

async function panelDemo(contentDir: string): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'or-panel-demo-'));
  await chmod(tmp, 0o711); // PostgreSQL runs as the OS user postgres when we are root
  const stack = await startStack({ dataDir: join(tmp, 'stack'), ports: { api: 0, db: 0 }, persistent: false });
  const db = new pg.Client({ connectionString: stack.superuserDbUrl });
  try {
    // A regenerated demo replaces the previous one (a real commitment is published once).
    for (const f of ['panel-commitments/demo-2026.yaml', 'panel-draws/demo-2026.yaml', 'panel-draws/demo-2026.pool.csv', 'panel-rounds/demo-2026-round-1.yaml']) {
      await rm(join(contentDir, f), { force: true });
    }
    // seed.sql ships a placeholder draw and open round for local development; the demo runs the
    // real procedure instead, so start from "everyone applied".
    await db.connect();
    await db.query(`delete from public.round_candidates; delete from public.voting_rounds; delete from public.panel_members;
                    delete from public.panel_draws; update public.applicants set status = 'applied'`);
    const d: Demo = { stack, db, staff: staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey }), contentDir };
    const { record, drawId, confirmBy } = await demoDraw(d);
    await demoSeats(d, record.panel, drawId, confirmBy);
    await demoRound(d, drawId);
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await runCli({
    command: 'npm run panel:demo --',
    summary: 'Regenerate the demo panel draw and closed round in content/ through the real staff pipeline on a throwaway stack.',
    usage: ['[--content-dir content]'],
    options: { 'content-dir': { type: 'string' } },
    run: ({ values }) => panelDemo(values['content-dir'] ?? 'content'),
  });
}
