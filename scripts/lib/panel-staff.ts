// Staff side of the citizen panel: the pieces behind scripts/staff/panel-pool.ts,
// scripts/staff/panel-publish-draw.ts and scripts/staff/round.ts, exported for the db and e2e tests.
// Everything here uses the service-role key (never shipped to a browser).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { panelDrawSchema, type PanelDraw } from '../../src/schemas/panelDraw.ts';
import { panelRoundSchema, type PanelRound, type PanelRoundResult, type PanelTurnout } from '../../src/schemas/panelRound.ts';
import { poolCommitment } from '../../src/lib/sortition/commitment.ts';
import { formatPoolCsv } from '../../src/lib/sortition/io.ts';
import type { DrawRecord, Pool } from '../../src/lib/sortition/schema.ts';
import { ageBand, POOL_CATEGORIES } from '../../src/lib/panel/strata.ts';
import { distributionCount, distributionMean, distributionSum, tallyIssues, type ScoreDistribution } from '../../src/lib/panel/tally.ts';

export class StaffError extends Error {}

export interface StaffConfig {
  url: string;
  serviceRoleKey: string;
}

/**
 * SUPABASE_URL + the project's secret key (SUPABASE_SECRET_KEY, `sb_secret_…`; the legacy
 * SUPABASE_SERVICE_ROLE_KEY JWT is still accepted), or else the local stack running from
 * `stackDir` (its state and secrets files, as `npm run stack` writes them).
 */
export function staffConfig(env: NodeJS.ProcessEnv = process.env, stackDir = env.PANEL_STACK_DIR ?? '.local/stack'): StaffConfig {
  const key = env.SUPABASE_SECRET_KEY || env.SUPABASE_SERVICE_ROLE_KEY;
  if (env.SUPABASE_URL) {
    // Never fall back to the local stack when a hosted project was meant.
    if (!key) throw new StaffError('SUPABASE_URL is set but no key is: set SUPABASE_SECRET_KEY (sb_secret_…, or the legacy SUPABASE_SERVICE_ROLE_KEY).');
    if (key.startsWith('sb_publishable_')) throw new StaffError('that is the publishable key: staff commands need the secret key (sb_secret_…) in SUPABASE_SECRET_KEY.');
    return { url: env.SUPABASE_URL, serviceRoleKey: key };
  }
  const state = join(resolve(stackDir), 'stack-state.json');
  const secrets = join(resolve(stackDir), 'stack-secrets.json');
  if (existsSync(state) && existsSync(secrets)) {
    const { apiUrl } = JSON.parse(readFileSync(state, 'utf8')) as { apiUrl: string };
    const { serviceRoleKey } = JSON.parse(readFileSync(secrets, 'utf8')) as { serviceRoleKey: string };
    return { url: apiUrl, serviceRoleKey };
  }
  throw new StaffError('No panel database: set SUPABASE_URL and SUPABASE_SECRET_KEY (or the legacy SUPABASE_SERVICE_ROLE_KEY), or start the local stack with `npm run stack`.');
}

export function staffClient(cfg: StaffConfig): SupabaseClient {
  return createClient(cfg.url, cfg.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
}

const PAGE = 1000; // PostgREST db-max-rows

/** Every row of a paged PostgREST read, PAGE at a time. */
export async function all<T>(page: (from: number, to: number) => PromiseLike<{ data: T[] | null; error: { message: string; code?: string } | null }>): Promise<T[]> {
  const out: T[] = [];
  for (let from = 0; ; from += PAGE) {
    const { data, error } = await page(from, from + PAGE - 1);
    if (error) throw new StaffError(`${error.code ?? ''} ${error.message}`.trim());
    out.push(...(data ?? []));
    if (!data || data.length < PAGE) return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Pool export

export interface PoolExport {
  pool: Pool;
  csv: string;
  commitment: string;
  ageReferenceYear: number;
}

/**
 * Applicants with status `applied` as the pseudonymous pool: pseudonym, region, age band,
 * gender. Email, birth year, occupation and user id never leave the database.
 */
export async function exportPool(client: SupabaseClient, ageReferenceYear = new Date().getUTCFullYear()): Promise<PoolExport> {
  const rows = await all<{ pseudonym: string; region: string; birth_year: number; gender: string }>((from, to) =>
    client.from('applicants').select('pseudonym,region,birth_year,gender').eq('status', 'applied').order('pseudonym').range(from, to),
  );
  if (rows.length === 0) throw new StaffError('There are no applicants with status "applied".');
  const pool: Pool = rows.map((r) => ({
    id: r.pseudonym,
    features: { region: r.region, age: ageBand(r.birth_year, ageReferenceYear), gender: r.gender },
  }));
  return { pool, csv: formatPoolCsv(pool, POOL_CATEGORIES), commitment: poolCommitment(pool), ageReferenceYear };
}

// ---------------------------------------------------------------------------------------------
// Draw publication

export interface PublishDrawOptions {
  contentDir: string;
  id: string;
  title: { 'zh-Hant': string; en?: string };
  record: DrawRecord;
  pool: Pool;
  /** How many of the reserve order to record as reserves in the database. */
  reserveCount: number;
  ageReferenceYear: number;
  demo?: boolean;
}

export async function publishDraw(client: SupabaseClient, o: PublishDrawOptions): Promise<{ databaseId: string; file: string; poolFile: string }> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) throw new StaffError(`--id must be lowercase letters, digits and hyphens, got "${o.id}"`);
  const commitment = poolCommitment(o.pool);
  if (commitment !== o.record.poolCommitment) {
    throw new StaffError(`The pool file's commitment ${commitment} differs from the record's ${o.record.poolCommitment}: wrong pool file?`);
  }
  const reserve = o.record.reserve.slice(0, Math.max(0, o.reserveCount));
  const wanted = [...o.record.panel, ...reserve];
  const byPseudonym = new Map<string, { id: string; status: string }>();
  for (let i = 0; i < wanted.length; i += 200) {
    const chunk = wanted.slice(i, i + 200);
    const { data, error } = await client.from('applicants').select('id,pseudonym,status').in('pseudonym', chunk);
    if (error) throw new StaffError(error.message);
    for (const r of data ?? []) byPseudonym.set(r.pseudonym as string, { id: r.id as string, status: r.status as string });
  }
  const problems = wanted
    .map((p) => [p, byPseudonym.get(p)] as const)
    .filter(([, a]) => !a || a.status !== 'applied')
    .map(([p, a]) => `${p}: ${a ? `status is ${a.status}` : 'no such applicant (deleted their data?)'}`);
  if (problems.length) {
    throw new StaffError(`These pool members can no longer be recorded; re-run the draw without them:\n  ${problems.join('\n  ')}`);
  }
  const { data, error } = await client.rpc('record_draw', {
    p_title: o.title.en ?? o.title['zh-Hant'],
    p_pool_commitment: o.record.poolCommitment,
    p_seed: o.record.seed,
    p_record: o.record,
    p_selected: o.record.panel.map((p) => byPseudonym.get(p)!.id),
    p_reserve: reserve.map((p) => byPseudonym.get(p)!.id),
  });
  if (error) throw new StaffError(`record_draw: ${error.code} ${error.message}`);
  const databaseId = (data as { id: string }).id;
  const published: PanelDraw = panelDrawSchema.parse({
    id: o.id,
    title: o.title,
    ...(o.demo ? { demo: true } : {}),
    databaseId,
    poolFile: `${o.id}.pool.csv`,
    ageReferenceYear: o.ageReferenceYear,
    reserveRecorded: reserve.length,
    ...o.record,
  });
  const dir = join(o.contentDir, 'panel-draws');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${o.id}.yaml`);
  const poolFile = join(dir, published.poolFile);
  writeFileSync(file, `# Published panel draw. Verify: npm run draw -- verify --record ${file} --pool ${poolFile}\n` + stringifyYaml(published, { lineWidth: 0 }));
  writeFileSync(poolFile, formatPoolCsv([...o.pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), POOL_CATEGORIES));
  return { databaseId, file, poolFile };
}

/** The published draw (content/panel-draws/*.yaml) with this content id or database id. */
export function findDraw(contentDir: string, idOrDatabaseId: string): PanelDraw | undefined {
  const dir = join(contentDir, 'panel-draws');
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const raw = parseYaml(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    const d = panelDrawSchema.safeParse({ id: f.replace(/\.yaml$/, ''), ...raw });
    if (d.success && (d.data.id === idOrDatabaseId || d.data.databaseId === idOrDatabaseId)) return d.data;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rounds

export interface CreateRoundOptions {
  contentDir: string;
  draw: string;
  title: string;
  method: 'approval' | 'score';
  maxApprovals?: number;
  cases: string[];
  opensAt: Date;
  closesAt: Date;
}

export async function createRound(client: SupabaseClient, o: CreateRoundOptions): Promise<{ id: string; closesAt: string }> {
  const draw = findDraw(o.contentDir, o.draw);
  const drawId = draw?.databaseId ?? (/^[0-9a-f-]{36}$/.test(o.draw) ? o.draw : undefined);
  if (!drawId) throw new StaffError(`Unknown draw "${o.draw}": give a content/panel-draws id (with databaseId) or the draw's database id.`);
  const missing = o.cases.filter((c) => !existsSync(join(o.contentDir, 'cases', c)));
  if (missing.length) throw new StaffError(`Unknown case id(s): ${missing.join(', ')} (no content/cases/<id>/).`);
  const { data, error } = await client.rpc('create_round', {
    p_title: o.title,
    p_method: o.method,
    p_opens_at: o.opensAt.toISOString(),
    p_closes_at: o.closesAt.toISOString(),
    p_draw_id: drawId,
    p_case_ids: o.cases,
    p_max_approvals: o.method === 'approval' ? (o.maxApprovals ?? null) : null,
  });
  if (error) throw new StaffError(`create_round: ${error.code} ${error.message}`);
  const r = data as { id: string; closes_at: string };
  return { id: r.id, closesAt: r.closes_at };
}

export interface ExportRoundOptions {
  contentDir: string;
  roundId: string;
  id: string;
  title?: { 'zh-Hant': string; en?: string };
  demo?: boolean;
}

const iso = (s: string) => new Date(s).toISOString();

/**
 * After close: tally (with the score distribution), turnout by stratum and the counted receipt
 * codes → content/panel-rounds/<id>.yaml. Everything comes from sealed, aggregate-only RPCs;
 * no ballot's choices are read, so none can be published.
 */
export async function exportRound(client: SupabaseClient, o: ExportRoundOptions): Promise<{ file: string; round: PanelRound }> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) throw new StaffError(`--id must be lowercase letters, digits and hyphens, got "${o.id}"`);
  const meta = await client
    .from('voting_rounds')
    .select('id,title,method,max_approvals,opens_at,closes_at,draw_id,round_candidates(case_id)')
    .eq('id', o.roundId)
    .maybeSingle();
  if (meta.error) throw new StaffError(meta.error.message);
  if (!meta.data) throw new StaffError(`No voting round ${o.roundId}.`);
  const r = meta.data as unknown as {
    title: string; method: 'approval' | 'score'; max_approvals: number | null; opens_at: string; closes_at: string; draw_id: string;
    round_candidates: { case_id: string }[];
  };
  const tally = await client.rpc('round_tally', { p_round_id: o.roundId });
  if (tally.error) {
    throw new StaffError(tally.error.code === 'ORV04' ? `The round is still open until ${r.closes_at}; export after it closes.` : tally.error.message);
  }
  const turnout = await client.rpc('round_turnout', { p_round_id: o.roundId });
  if (turnout.error) throw new StaffError(turnout.error.message);
  // Bare receipt codes: the database never hands out a receipt together with its choices.
  const receipts = await all<{ receipt: string }>((from, to) =>
    client.rpc('published_receipts', { p_round_id: o.roundId }).range(from, to),
  );
  const rows = tally.data as { case_id: string; ballots: number; approvals: number | null; score_count: number | null; score_sum: number | null; score_mean: number | string | null }[];
  const candidates = r.round_candidates.map((c) => c.case_id).sort();
  const ballots = rows[0]?.ballots ?? 0;
  if (receipts.length !== ballots) throw new StaffError(`round_tally counts ${ballots} ballots but published_receipts lists ${receipts.length}.`);

  const byCase = new Map(rows.map((x) => [x.case_id, x]));
  const missing = candidates.filter((c) => !byCase.has(c));
  if (missing.length || rows.length !== candidates.length) throw new StaffError(`round_tally does not list the round's candidates (missing: ${missing.join(', ') || 'none'}).`);
  let results: PanelRoundResult[];
  if (r.method === 'approval') {
    results = candidates.map((c) => ({ case: c, approvals: byCase.get(c)!.approvals ?? 0 }));
  } else {
    // Aggregates only: how many ballots gave each case each score.
    const given = await all<{ case_id: string; score: number; ballots: number }>((from, to) =>
      client.rpc('round_score_distribution', { p_round_id: o.roundId }).range(from, to),
    );
    results = candidates.map((c) => {
      const distribution: ScoreDistribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      for (const g of given.filter((x) => x.case_id === c)) distribution[String(g.score) as keyof ScoreDistribution] = g.ballots;
      const db = byCase.get(c)!;
      const mean = db.score_mean === null ? null : Number(db.score_mean);
      // The distribution and round_tally must tell the same story.
      if (db.score_count !== distributionCount(distribution) || db.score_sum !== distributionSum(distribution) || mean !== distributionMean(distribution)) {
        throw new StaffError(`Tally mismatch for ${c}: round_tally ${JSON.stringify(db)}, round_score_distribution ${JSON.stringify(distribution)}.`);
      }
      return { case: c, count: db.score_count, mean, distribution };
    });
  }

  const draw = findDraw(o.contentDir, r.draw_id);
  if (!draw) throw new StaffError(`The round's draw ${r.draw_id} is not published in ${o.contentDir}/panel-draws (run panel-publish-draw first).`);
  const panelIn = new Map(draw.strata.map((s) => [`${s.category}/${s.value}`, s.selected]));
  const turnoutRows: PanelTurnout[] = (turnout.data as { category: 'region' | 'age' | 'gender'; value: string; voters: number }[]).map((t) => {
    const panel = panelIn.get(`${t.category}/${t.value}`);
    return { category: t.category, value: t.value, voters: t.voters, ...(panel === undefined ? {} : { panel }) };
  });
  // Strata of the panel nobody from voted still appear, with 0 voters.
  for (const s of draw.strata) {
    if (s.selected > 0 && !turnoutRows.some((t) => t.category === s.category && t.value === s.value) && ['region', 'age', 'gender'].includes(s.category)) {
      turnoutRows.push({ category: s.category as PanelTurnout['category'], value: s.value, voters: 0, panel: s.selected });
    }
  }
  const order = ['region', 'age', 'gender'];
  turnoutRows.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

  const round = panelRoundSchema.parse({
    id: o.id,
    title: o.title ?? { 'zh-Hant': r.title },
    method: r.method,
    ...(r.method === 'approval' ? { maxApprovals: r.max_approvals } : {}),
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    draw: draw.id,
    databaseId: o.roundId,
    exportedAt: new Date().toISOString(),
    ballots,
    results,
    turnout: turnoutRows,
    receipts: receipts.map((x) => x.receipt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    ...(o.demo ? { demo: true } : {}),
  });
  // Never write a file the site's loader would refuse.
  const issues = tallyIssues(round);
  if (issues.length) throw new StaffError(`The exported tally does not add up:\n  ${issues.map((x) => `${x.field}: ${x.reason}`).join('\n  ')}`);
  const dir = join(o.contentDir, 'panel-rounds');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${o.id}.yaml`);
  writeFileSync(file, `# Results of a closed panel voting round, exported by scripts/staff/round.ts close-export.\n` + stringifyYaml(round, { lineWidth: 0 }));
  return { file, round };
}
