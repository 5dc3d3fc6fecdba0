// Regenerates the demo panel content (content/panel-draws/demo-2026.* and
// content/panel-rounds/demo-2026-round-1.yaml) by running the real staff pipeline against a
// throwaway local stack loaded with supabase/seed.sql's invented applicants:
//   export pool → LEXIMIN draw → record + publish → create round → members sign in with codes
//   from the dev mailbox and vote → round closes (database clock) → close-export.
//   npm run panel:demo -- [--content-dir content]
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/cli.ts';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { runDraw } from '../../src/lib/sortition/draw.ts';
import { formatQuotasYaml } from '../../src/lib/sortition/io.ts';
import { startStack } from '../stack/index.ts';
import { createRound, exportPool, exportRound, publishDraw, staffClient } from '../lib/panel-staff.ts';
import { proportionalQuotas } from '../../src/lib/panel/quotas.ts';

async function panelDemo(contentDir: string): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'or-panel-demo-'));
  await chmod(tmp, 0o711); // PostgreSQL runs as the OS user postgres when we are root
  const stack = await startStack({ dataDir: join(tmp, 'stack'), ports: { api: 0, db: 0 }, persistent: false });
  try {
    // seed.sql ships a placeholder draw and open round for local development; the demo runs the
    // real procedure instead, so start from "everyone applied".
    const db = new pg.Client({ connectionString: stack.superuserDbUrl });
    await db.connect();
    await db.query(`delete from public.round_candidates; delete from public.voting_rounds; delete from public.panel_members;
                    delete from public.panel_draws; update public.applicants set status = 'applied'`);
    await db.end();

    const staff = staffClient({ url: stack.apiUrl, serviceRoleKey: stack.serviceRoleKey });
    const year = 2026;
    const { pool, commitment } = await exportPool(staff, year);
    const panelSize = 15;
    const quotas = proportionalQuotas(pool, panelSize);
    await writeFile(join(tmp, 'quotas.yaml'), formatQuotasYaml(quotas));
    const seed = 'demo-2026-public-seed-0417';
    console.log(`pool of ${pool.length}, commitment ${commitment}; drawing ${panelSize} with seed ${seed}…`);
    const { record } = await runDraw({ pool, quotas, panelSize, seed });
    record.createdAt = new Date().toISOString();
    const draw = await publishDraw(staff, {
      contentDir, id: 'demo-2026', demo: true, ageReferenceYear: year, record, pool, reserveCount: 5,
      title: { 'zh-Hant': '2026 年國民評鑑團抽選（示範）', en: '2026 citizen panel draw (demo)' },
    });
    console.log(`published ${draw.file}`);

    const cases = ['busan-barrier-free-coast', 'gwangju-community-solar', 'jeju-zero-waste-market', 'seoul-mobile-library'];
    const votingSeconds = 25;
    const round = await createRound(staff, {
      contentDir, draw: 'demo-2026', title: 'Exemplary cases 2026 (demo round)', method: 'score', cases,
      opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + votingSeconds * 1000),
    });

    // Two thirds of the panel vote, each as a real member would: email code, then cast_ballot.
    const { data: members } = await staff.from('applicants').select('email,pseudonym').in('pseudonym', record.panel).order('pseudonym');
    const voters = (members ?? []).slice(0, Math.ceil(((members ?? []).length * 2) / 3));
    let i = 0;
    for (const m of voters) {
      const c = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      await c.auth.signInWithOtp({ email: m.email });
      const { error: e1 } = await c.auth.verifyOtp({ email: m.email, token: stack.mailbox(m.email)!.code, type: 'email' });
      if (e1) throw e1;
      const choices: Record<string, number> = {};
      cases.forEach((id, j) => {
        if ((i + j) % 5 !== 4) choices[id] = 1 + ((i * 3 + j * 2 + (j === 3 ? 2 : 0)) % 5);
      });
      const { error } = await c.rpc('cast_ballot', { p_round_id: round.id, p_choices: choices, p_idempotency_key: crypto.randomUUID() });
      if (error) throw error;
      i++;
    }
    console.log(`${voters.length} ballots cast; waiting for the round to close…`);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(round.closesAt) - Date.now()) + 1000));
    const out = await exportRound(staff, {
      contentDir, roundId: round.id, id: 'demo-2026-round-1', demo: true,
      title: { 'zh-Hant': '2026 年優秀施政案例評分（示範）', en: 'Exemplary cases 2026: scores (demo)' },
    });
    console.log(`published ${out.file}`);
  } finally {
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
