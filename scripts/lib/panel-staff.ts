// Staff side of the citizen panel: the pieces behind scripts/staff/panel-pool.ts,
// panel-publish-draw.ts, panel-seats.ts and round.ts, exported for the db and e2e tests.
// Everything here uses the service-role key (never shipped to a browser). Nothing personal is ever
// written to content/: pseudonyms, strata the draw uses, aggregates and receipt codes only.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { panelCommitmentSchema, panelDrawSchema, type PanelCommitment, type PanelDraw } from '../../src/schemas/panelDraw.ts';
import type { LocalizedText } from '../../src/schemas/common.ts';
import { panelRoundSchema, type PanelRound, type PanelRoundResult, type PanelTurnout } from '../../src/schemas/panelRound.ts';
import { compareStrings, poolCommitment, quotasHash } from '../../src/lib/sortition/commitment.ts';
import { verifySeatChanges } from '../../src/lib/sortition/draw.ts';
import { buildInstance } from '../../src/lib/sortition/instance.ts';
import { formatPoolCsv, parsePoolCsv } from '../../src/lib/sortition/io.ts';
import { PoolInputError, SeatChangesSchema, type DrawRecord, type Pool, type Quotas, type SeatChanges } from '../../src/lib/sortition/schema.ts';
import { ageBand, POOL_CATEGORIES, type PoolCategory } from '../../src/lib/panel/strata.ts';
import { suppressTurnout } from '../../src/lib/panel/suppression.ts';
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
// Pool export and commitment

export interface PoolExport {
  pool: Pool;
  csv: string;
  commitment: string;
  ageReferenceYear: number;
  categories: PoolCategory[];
}

/** The quota categories, which must be among region, age and gender. */
export function quotaCategories(quotas: Quotas): PoolCategory[] {
  const categories = Object.keys(quotas).sort(compareStrings);
  const unknown = categories.filter((c) => !(POOL_CATEGORIES as readonly string[]).includes(c));
  if (unknown.length) throw new StaffError(`Quota categories must be among ${POOL_CATEGORIES.join(', ')}; unknown: ${unknown.join(', ')}.`);
  if (categories.length === 0) throw new StaffError('The quotas name no category.');
  return categories as PoolCategory[];
}

/**
 * Applicants with status `applied` as the pseudonymous pool: the pseudonym and, of region, age
 * band and gender, only the categories the draw's quotas use. Email, birth year, occupation and
 * user id never leave the database.
 */
export async function exportPool(
  client: SupabaseClient,
  o: { ageReferenceYear?: number; categories?: readonly PoolCategory[] } = {},
): Promise<PoolExport> {
  const ageReferenceYear = o.ageReferenceYear ?? new Date().getUTCFullYear();
  const categories = [...(o.categories ?? POOL_CATEGORIES)].sort(compareStrings) as PoolCategory[];
  const rows = await all<{ pseudonym: string; region: string; birth_year: number; gender: string }>((from, to) =>
    client.from('applicants').select('pseudonym,region,birth_year,gender').eq('status', 'applied').order('pseudonym').range(from, to),
  );
  if (rows.length === 0) throw new StaffError('There are no applicants with status "applied".');
  const value = (r: (typeof rows)[number], c: PoolCategory) => (c === 'age' ? ageBand(r.birth_year, ageReferenceYear) : r[c]);
  const pool: Pool = rows.map((r) => ({ id: r.pseudonym, features: Object.fromEntries(categories.map((c) => [c, value(r, c)])) }));
  return { pool, csv: formatPoolCsv(pool, categories), commitment: poolCommitment(pool), ageReferenceYear, categories };
}

export interface CommitPoolOptions {
  contentDir: string;
  id: string;
  pool: Pool;
  quotas: Quotas;
  panelSize: number;
  seedSource: LocalizedText;
  publishedAt?: Date;
}

/**
 * content/panel-commitments/<id>.yaml: the pool commitment, the quotas' hash, the panel size and
 * where the seed will come from. Publish it (build and deploy) BEFORE the seed is known.
 */
export function commitPool(o: CommitPoolOptions): { file: string; commitment: PanelCommitment } {
  checkId(o.id);
  const categories = quotaCategories(o.quotas);
  const columns = [...new Set(o.pool.flatMap((m) => Object.keys(m.features)))].sort(compareStrings);
  if (columns.join() !== categories.join()) {
    throw new StaffError(`The pool holds ${columns.join(', ')} but the quotas use ${categories.join(', ')}: export the pool with the same quotas.`);
  }
  try {
    buildInstance(o.pool, o.quotas, o.panelSize); // every pool value has a quota, sizes are sane
  } catch (e) {
    if (e instanceof PoolInputError) throw new StaffError(e.message);
    throw e;
  }
  const file = join(o.contentDir, 'panel-commitments', `${o.id}.yaml`);
  if (existsSync(file)) throw new StaffError(`${file} exists: a commitment is published once (use a new --id for a new draw).`);
  const commitment = panelCommitmentSchema.parse({
    id: o.id,
    poolCommitment: poolCommitment(o.pool),
    poolSize: o.pool.length,
    categories,
    panelSize: o.panelSize,
    quotasSha256: quotasHash(o.quotas),
    seedSource: o.seedSource,
    publishedAt: (o.publishedAt ?? new Date()).toISOString(),
  });
  mkdirSync(join(o.contentDir, 'panel-commitments'), { recursive: true });
  writeFileSync(file, `# Pool commitment, published before the seed is known. The draw content/panel-draws/${o.id}.yaml must match it.\n` +
    stringifyYaml(commitment, { lineWidth: 0 }));
  return { file, commitment };
}

export function readCommitment(contentDir: string, id: string): PanelCommitment {
  const file = join(contentDir, 'panel-commitments', `${id}.yaml`);
  if (!existsSync(file)) throw new StaffError(`No ${file}: commit to the pool first (npm run panel:pool -- commit) and publish it before the seed is known.`);
  const c = panelCommitmentSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!c.success) throw new StaffError(`${file}: ${c.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return c.data;
}

function checkId(id: string) {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new StaffError(`--id must be lowercase letters, digits and hyphens, got "${id}"`);
}

// ---------------------------------------------------------------------------------------------
// Draw publication

export interface PublishDrawOptions {
  contentDir: string;
  id: string;
  title: LocalizedText;
  record: DrawRecord;
  pool: Pool;
  /** How many of the reserve order get reserve seats in the database. */
  reserveCount: number;
  ageReferenceYear: number;
  /** Members drawn onto the panel must confirm before this. */
  confirmBy: Date;
  /** When the seed became public (after the commitment's publication). */
  seedPublishedAt: Date;
  demo?: boolean;
}

const drawFile = (contentDir: string, id: string) => join(contentDir, 'panel-draws', `${id}.yaml`);
const DRAW_HEADER = (file: string, poolFile: string) =>
  `# Published panel draw. Verify (the draw and every seat replacement): npm run draw -- verify --record ${file} --pool ${poolFile}\n`;

export async function publishDraw(client: SupabaseClient, o: PublishDrawOptions): Promise<{ databaseId: string; file: string; poolFile: string }> {
  checkId(o.id);
  const commitment = poolCommitment(o.pool);
  if (commitment !== o.record.poolCommitment) {
    throw new StaffError(`The pool file's commitment ${commitment} differs from the record's ${o.record.poolCommitment}: wrong pool file?`);
  }
  const committed = readCommitment(o.contentDir, o.id);
  if (committed.poolCommitment !== o.record.poolCommitment) throw new StaffError(`The record's pool (${o.record.poolCommitment}) is not the committed pool (${committed.poolCommitment}).`);
  if (committed.quotasSha256 !== quotasHash(o.record.quotas)) throw new StaffError('The record\'s quotas differ from the committed quotas.');
  if (committed.panelSize !== o.record.panelSize) throw new StaffError(`The record's panel size ${o.record.panelSize} differs from the committed ${committed.panelSize}.`);
  if (o.seedPublishedAt.getTime() > Date.now() + 60_000) {
    throw new StaffError(`The seed publication time ${o.seedPublishedAt.toISOString()} is in the future: draw with a seed that is already public.`);
  }
  if (o.seedPublishedAt.getTime() <= Date.parse(committed.publishedAt)) {
    throw new StaffError(`The seed was published ${o.seedPublishedAt.toISOString()}, not after the commitment (${committed.publishedAt}): the draw would not be verifiable as fair.`);
  }
  const categories = quotaCategories(o.record.quotas);
  const reserve = o.record.reserve.slice(0, Math.max(0, o.reserveCount));
  const features = new Map(o.pool.map((m) => [m.id, m.features]));
  const strata = Object.fromEntries([...o.record.panel, ...reserve].map((p) => [p, Object.fromEntries(categories.map((c) => [c, features.get(p)?.[c]]))]));
  const { data, error } = await client.rpc('record_draw', {
    p_title: o.title.en ?? o.title['zh-Hant'],
    p_record: o.record,
    p_strata: strata,
    p_reserve_count: reserve.length,
    p_confirm_by: o.confirmBy.toISOString(),
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
    ...o.record,
    reserveRecorded: reserve.length,
    seedSource: committed.seedSource,
    seedPublishedAt: o.seedPublishedAt.toISOString(),
    commitmentPublishedAt: committed.publishedAt,
    confirmBy: o.confirmBy.toISOString(),
  });
  const dir = join(o.contentDir, 'panel-draws');
  mkdirSync(dir, { recursive: true });
  const file = drawFile(o.contentDir, o.id);
  const poolFile = join(dir, published.poolFile);
  writeFileSync(file, DRAW_HEADER(file, poolFile) + stringifyYaml(published, { lineWidth: 0 }));
  writeFileSync(poolFile, formatPoolCsv([...o.pool].sort((a, b) => compareStrings(a.id, b.id)), categories));
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

function requireDraw(contentDir: string, id: string): PanelDraw & { databaseId: string } {
  const d = findDraw(contentDir, id);
  if (!d) throw new StaffError(`No published draw "${id}" in ${contentDir}/panel-draws (publish it first: npm run panel:publish-draw).`);
  if (!d.databaseId) throw new StaffError(`The draw "${id}" has no databaseId: it was not recorded in the panel database.`);
  return d as PanelDraw & { databaseId: string };
}

// ---------------------------------------------------------------------------------------------
// Seats: invitations, replacements

export interface Invitation {
  pseudonym: string;
  email: string;
  confirm_by: string;
  replaces: string | null;
}

/** Contact addresses of the members whose seat awaits confirmation (service role only). */
export async function seatInvitations(client: SupabaseClient, o: { contentDir: string; draw: string }): Promise<Invitation[]> {
  const d = requireDraw(o.contentDir, o.draw);
  const { data, error } = await client.rpc('seat_invitations', { p_draw_id: d.databaseId });
  if (error) throw new StaffError(`seat_invitations: ${error.code} ${error.message}`);
  return data as Invitation[];
}

/** Refuses to write a file with contact addresses into a folder that gets published. */
export function checkPrivateOutput(out: string, contentDir: string) {
  const path = resolve(out);
  for (const published of [resolve(contentDir), resolve('content'), resolve('dist'), resolve('public')]) {
    const rel = relative(published, path);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      throw new StaffError(`${out} is inside ${published}, which is published: write contact addresses somewhere private.`);
    }
  }
}

export interface ReplaceResult {
  lapsed: string[];
  replacements: { out: string; in: string; reason: string }[];
  unfilled: string[];
}

/**
 * Seats not confirmed in time lapse; every empty seat is filled from the published reserve order
 * (replace_vacant_seats); then the draw's published record gets the full, replayable list of
 * seat changes.
 */
export async function replaceSeats(client: SupabaseClient, o: { contentDir: string; draw: string; confirmWithinHours: number }): Promise<ReplaceResult & { file: string }> {
  const d = requireDraw(o.contentDir, o.draw);
  const { data, error } = await client.rpc('replace_vacant_seats', { p_draw_id: d.databaseId, p_confirm_within: `${o.confirmWithinHours} hours` });
  if (error) throw new StaffError(`replace_vacant_seats: ${error.code} ${error.message}`);
  const file = await syncSeatChanges(client, o);
  return { ...(data as ReplaceResult), file };
}

/** Writes the seat changes the database holds into the draw's published record (idempotent). */
export async function syncSeatChanges(client: SupabaseClient, o: { contentDir: string; draw: string }): Promise<string> {
  const d = requireDraw(o.contentDir, o.draw);
  const { data, error } = await client.rpc('draw_seat_changes', { p_draw_id: d.databaseId });
  if (error) throw new StaffError(`draw_seat_changes: ${error.code} ${error.message}`);
  const raw = data as Omit<SeatChanges, 'updatedAt'>;
  const seatChanges: SeatChanges = SeatChangesSchema.parse({
    replacements: raw.replacements, unavailable: raw.unavailable, unfilled: raw.unfilled, updatedAt: new Date().toISOString(),
  });
  const file = drawFile(o.contentDir, d.id);
  const published = panelDrawSchema.parse({ ...d, seatChanges: seatChanges.replacements.length || seatChanges.unavailable.length || seatChanges.unfilled.length ? seatChanges : undefined });
  // Never publish what the published rule does not reproduce.
  const poolFile = join(o.contentDir, 'panel-draws', d.poolFile);
  const pool = parsePoolCsv(readFileSync(poolFile, 'utf8'), poolFile);
  const check = verifySeatChanges(published, pool);
  if (!check.ok) throw new StaffError(`The seat changes do not replay with the published rule:\n  ${check.problems.join('\n  ')}`);
  const { id: _id, ...rest } = published;
  void _id;
  writeFileSync(file, DRAW_HEADER(file, poolFile) + stringifyYaml({ id: d.id, ...rest }, { lineWidth: 0 }));
  return file;
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
  /** Results are published only with at least this many ballots (default 10). */
  minBallots?: number;
}

export async function createRound(client: SupabaseClient, o: CreateRoundOptions): Promise<{ id: string; closesAt: string }> {
  const draw = findDraw(o.contentDir, o.draw);
  const drawId = draw?.databaseId ?? (/^[0-9a-f-]{36}$/.test(o.draw) ? o.draw : undefined);
  if (!drawId) throw new StaffError(`Unknown draw "${o.draw}": give a content/panel-draws id (with databaseId) or the draw's database id.`);
  const missing = o.cases.filter((c) => !existsSync(join(o.contentDir, 'cases', c)));
  if (missing.length) throw new StaffError(`Unknown case id(s): ${missing.join(', ')} (no content/cases/<id>/).`);
  if (o.method === 'approval' && o.maxApprovals !== undefined && o.maxApprovals > o.cases.length) {
    throw new StaffError(`--k ${o.maxApprovals} is more than the ${o.cases.length} cases: a ballot can approve at most every case.`);
  }
  const { data, error } = await client.rpc('create_round', {
    p_title: o.title,
    p_method: o.method,
    p_opens_at: o.opensAt.toISOString(),
    p_closes_at: o.closesAt.toISOString(),
    p_draw_id: drawId,
    p_case_ids: o.cases,
    p_max_approvals: o.method === 'approval' ? (o.maxApprovals ?? null) : null,
    p_min_ballots: o.minBallots ?? 10,
  });
  if (error) throw new StaffError(`create_round: ${error.code} ${error.message}`);
  const r = data as { id: string; closes_at: string };
  return { id: r.id, closesAt: r.closes_at };
}

export interface ExportRoundOptions {
  contentDir: string;
  roundId: string;
  id: string;
  title?: LocalizedText;
  demo?: boolean;
}

const iso = (s: string) => new Date(s).toISOString();

type RoundMeta = {
  title: string; method: 'approval' | 'score'; max_approvals: number | null; opens_at: string; closes_at: string; draw_id: string;
  min_ballots: number; round_candidates: { case_id: string }[];
};
type TallyRow = { case_id: string; ballots: number; approvals: number | null; score_count: number | null; score_sum: number | null; score_mean: number | string | null };

async function roundMeta(client: SupabaseClient, roundId: string): Promise<RoundMeta> {
  const meta = await client
    .from('voting_rounds')
    .select('id,title,method,max_approvals,opens_at,closes_at,draw_id,min_ballots,round_candidates(case_id)')
    .eq('id', roundId)
    .maybeSingle();
  if (meta.error) throw new StaffError(meta.error.message);
  if (!meta.data) throw new StaffError(`No voting round ${roundId}.`);
  return meta.data as unknown as RoundMeta;
}

/** The tally as published results: approvals, or count, mean and the 1–5 distribution (checked against each other). */
async function roundResults(client: SupabaseClient, roundId: string, r: RoundMeta, rows: TallyRow[]): Promise<PanelRoundResult[]> {
  const candidates = r.round_candidates.map((c) => c.case_id).sort();
  const byCase = new Map(rows.map((x) => [x.case_id, x]));
  const missing = candidates.filter((c) => !byCase.has(c));
  if (missing.length || rows.length !== candidates.length) throw new StaffError(`round_tally does not list the round's candidates (missing: ${missing.join(', ') || 'none'}).`);
  if (r.method === 'approval') return candidates.map((c) => ({ case: c, approvals: byCase.get(c)!.approvals ?? 0 }));
  // Aggregates only: how many ballots gave each case each score.
  const given = await all<{ case_id: string; score: number; ballots: number }>((from, to) =>
    client.rpc('round_score_distribution', { p_round_id: roundId }).range(from, to),
  );
  return candidates.map((c) => {
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

/** Turnout per stratum of the current panel, beside the panel's size there, small cells suppressed. */
async function publishedTurnout(client: SupabaseClient, o: ExportRoundOptions, draw: PanelDraw, ballots: number): Promise<PanelTurnout[]> {
  const turnout = await client.rpc('round_turnout', { p_round_id: o.roundId });
  if (turnout.error) throw new StaffError(turnout.error.message);
  const raw = turnout.data as { category: PanelTurnout['category']; value: string; voters: number }[];
  const poolFile = join(o.contentDir, 'panel-draws', draw.poolFile);
  const pool = parsePoolCsv(readFileSync(poolFile, 'utf8'), poolFile);
  const current = verifySeatChanges(draw, pool).panel;
  const features = new Map(pool.map((m) => [m.id, m.features]));
  // Every stratum of the current panel (its size there is public), 0 voters included.
  const cells = quotaCategories(draw.quotas).flatMap((category) =>
    Object.keys(draw.quotas[category]!).sort(compareStrings).flatMap((value) => {
      const panel = current.filter((id) => features.get(id)?.[category] === value).length;
      const voters = raw.find((t) => t.category === category && t.value === value)?.voters ?? 0;
      return panel > 0 || voters > 0 ? [{ category, value, voters, panel }] : [];
    }),
  );
  const unknown = raw.filter((t) => !cells.some((c) => c.category === t.category && c.value === t.value));
  if (unknown.length) throw new StaffError(`Turnout names strata the draw does not have: ${unknown.map((t) => `${t.category}=${t.value}`).join(', ')}.`);
  const order = ['region', 'age', 'gender'];
  return suppressTurnout(cells, ballots).sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || compareStrings(a.value, b.value)) as PanelTurnout[];
}

/**
 * After close: the counted receipt codes, and — when at least the round's minimum of ballots was
 * counted — the tally (with the score distribution) and turnout by stratum with small cells
 * suppressed → content/panel-rounds/<id>.yaml. Everything comes from sealed, aggregate-only RPCs;
 * no ballot's choices are read, so none can be published.
 */
export async function exportRound(client: SupabaseClient, o: ExportRoundOptions): Promise<{ file: string; round: PanelRound }> {
  checkId(o.id);
  const r = await roundMeta(client, o.roundId);
  // Bare receipt codes: the database never hands out a receipt together with its choices.
  const first = await client.rpc('published_receipts', { p_round_id: o.roundId }).range(0, 0);
  if (first.error) throw new StaffError(first.error.code === 'ORV04' ? `The round is still open until ${r.closes_at}; export after it closes.` : first.error.message);
  const receipts = await all<{ receipt: string }>((from, to) => client.rpc('published_receipts', { p_round_id: o.roundId }).range(from, to));
  const draw = findDraw(o.contentDir, r.draw_id);
  if (!draw) throw new StaffError(`The round's draw ${r.draw_id} is not published in ${o.contentDir}/panel-draws (run panel:publish-draw first).`);
  const base = {
    id: o.id, title: o.title ?? { 'zh-Hant': r.title }, method: r.method, ...(r.method === 'approval' ? { maxApprovals: r.max_approvals } : {}),
    opensAt: iso(r.opens_at), closesAt: iso(r.closes_at), draw: draw.id, databaseId: o.roundId, exportedAt: new Date().toISOString(),
    ballots: receipts.length, minBallots: r.min_ballots, receipts: receipts.map((x) => x.receipt).sort(compareStrings), ...(o.demo ? { demo: true } : {}),
  };
  const tally = await client.rpc('round_tally', { p_round_id: o.roundId });
  let round: PanelRound;
  if (tally.error?.code === 'ORV05') {
    // Too few ballots: publish that, and the receipts, but nothing that could reveal a vote.
    round = panelRoundSchema.parse({ ...base, withheld: true, results: [], turnout: [] });
  } else {
    if (tally.error) throw new StaffError(tally.error.message);
    const rows = tally.data as TallyRow[];
    const ballots = rows[0]?.ballots ?? 0;
    if (receipts.length !== ballots) throw new StaffError(`round_tally counts ${ballots} ballots but published_receipts lists ${receipts.length}.`);
    round = panelRoundSchema.parse({ ...base, results: await roundResults(client, o.roundId, r, rows), turnout: await publishedTurnout(client, o, draw, ballots) });
  }
  // Never write a file the site's loader would refuse.
  const issues = tallyIssues(round);
  if (issues.length) throw new StaffError(`The exported tally does not add up:\n  ${issues.map((x) => `${x.field}: ${x.reason}`).join('\n  ')}`);
  const dir = join(o.contentDir, 'panel-rounds');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${o.id}.yaml`);
  writeFileSync(file, `# Results of a closed panel voting round, exported by \`npm run round -- close-export\`.\n` + stringifyYaml(round, { lineWidth: 0 }));
  return { file, round };
}
