// Every RPC the API exposes, called with junk — as anon and as a panel member — must answer a
// client mistake with a 4xx and a stable error code the islands map to words, never a 5xx (which
// clients retry, and which anyone could trigger at will). The RPCs are discovered from PostgREST's
// OpenAPI description for each role, so a new function is covered without editing this file.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { classifyError, CLIENT_RPCS } from '../../src/lib/panel/api.ts';
import { apply, closeRound, createRound, recordDraw, signIn, signInAdmin, stack, type SignedIn } from './helpers.ts';

/** The staff RPCs (refused inside unless staff) and internal helpers the API may expose to signed-in users. */
const STAFF_RPCS = ['record_draw', 'replace_vacant_seats', 'draw_seat_changes', 'create_round', 'round_turnout', 'verify_audit_log', 'is_admin'];
const ANON_RPCS = ['published_receipts', 'round_score_distribution', 'round_tally'];

let member: SignedIn;
let drawId: string;
let openRound: string;
let closedRound: string;

interface Rpc {
  name: string;
  params: { name: string; format: string }[];
}

async function exposed(bearer: string): Promise<Rpc[]> {
  const r = await fetch(`${stack().apiUrl}/rest/v1/`, { headers: { apikey: stack().anonKey, authorization: `Bearer ${bearer}`, accept: 'application/openapi+json' } });
  const doc = (await r.json()) as { paths: Record<string, { post?: { parameters?: { in: string; schema?: { properties?: Record<string, { format?: string; type?: string }> } }[] } }> };
  return Object.entries(doc.paths)
    .filter(([p, v]) => p.startsWith('/rpc/') && v.post)
    .map(([p, v]) => {
      const body = v.post!.parameters?.find((x) => x.in === 'body');
      const props = body?.schema?.properties ?? {};
      return { name: p.slice(5), params: Object.entries(props).map(([name, s]) => ({ name, format: s.format ?? s.type ?? '' })) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A value of the right shape for each parameter, pointing at real rows where it can. */
function plausible(param: string, format: string): unknown {
  const now = Date.now();
  const byName: Record<string, unknown> = {
    p_round_id: openRound, p_draw_id: drawId, p_choices: ['case-a'], p_idempotency_key: randomUUID(), p_region: 'seoul',
    p_birth_year: 1980, p_gender: 'female', p_consent_version: 'junk-test', p_occupation: null, p_title: 'junk', p_method: 'approval',
    p_opens_at: new Date(now - 60e3).toISOString(), p_closes_at: new Date(now + 3600e3).toISOString(), p_case_ids: ['case-a'],
    p_max_approvals: 1, p_min_ballots: 1, p_record: {}, p_strata: {}, p_reserve_count: 0, p_confirm_by: new Date(now + 86400e3).toISOString(),
    p_confirm_within: '1 hour',
  };
  if (param in byName) return byName[param];
  if (/uuid/.test(format)) return randomUUID();
  if (/int|numeric/.test(format)) return 1;
  if (/json/.test(format)) return {};
  if (/\[\]/.test(format)) return [];
  return 'x';
}

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const JUNK: unknown[] = [
  null, '', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', -1, 0, 2 ** 31, -(2 ** 63), 1e308, 1.5, true, false, [], {}, [null],
  ['x'], { a: 1 }, 'x'.repeat(100_000), '\u0000', 'nul\u0000inside', '😀'.repeat(500), "'; drop table public.ballots; --",
  '9999-12-31T23:59:59Z', '-infinity', '1 millennium', '-2147483649 days', nested(3000), ['case-a', 'case-a'], { 'case-a': 6 },
];

interface Seen {
  rpc: string;
  body: string;
  status: number;
  code: string;
}

async function call(bearer: string, rpc: string, body: string | undefined, method = 'POST'): Promise<Seen> {
  const r = await fetch(`${stack().apiUrl}/rest/v1/rpc/${rpc}${method === 'GET' ? '?p_round_id=junk&x=1' : ''}`, {
    method,
    headers: { apikey: stack().anonKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await r.text();
  let code = '';
  try {
    code = String((JSON.parse(text) as { code?: unknown }).code ?? '');
  } catch {
    code = text.slice(0, 40);
  }
  return { rpc, body: (body ?? '').slice(0, 120), status: r.status, code };
}

/** Every junk request for one RPC: bad bodies, each junk value everywhere, each junk value in one parameter. */
function requests(rpc: Rpc): { body: string | undefined; method?: string }[] {
  const valid = () => Object.fromEntries(rpc.params.map((p) => [p.name, plausible(p.name, p.format)]));
  const out: { body: string | undefined; method?: string }[] = [
    { body: undefined }, { body: 'not json' }, { body: '[]' }, { body: '"x"' }, { body: '1' }, { body: '{}' }, { body: '{"p_a":' },
    { body: JSON.stringify(valid()) }, { body: JSON.stringify({ ...valid(), p_unknown_argument: 1 }) }, { body: undefined, method: 'GET' },
  ];
  for (const j of JUNK) {
    if (rpc.params.length) out.push({ body: JSON.stringify(Object.fromEntries(rpc.params.map((p) => [p.name, j]))) });
    for (const p of rpc.params) out.push({ body: JSON.stringify({ ...valid(), [p.name]: j }) });
  }
  return out;
}

async function attack(bearer: string, rpcs: Rpc[]): Promise<Seen[]> {
  // Withdrawing and deleting last, so the member keeps a seat for the other calls (and the calls
  // after deletion are of a token whose user is gone).
  const last = ['withdraw_application', 'delete_my_data'];
  const order = [...rpcs.filter((r) => !last.includes(r.name)), ...last.flatMap((n) => rpcs.filter((r) => r.name === n))];
  const seen: Seen[] = [];
  for (const rpc of order) {
    const jobs = requests(rpc);
    for (let i = 0; i < jobs.length; i += 4) {
      seen.push(...(await Promise.all(jobs.slice(i, i + 4).map((j) => call(bearer, rpc.name, j.body, j.method)))));
    }
  }
  return seen;
}

function report(seen: Seen[]) {
  const fivexx = seen.filter((s) => s.status >= 500).map((s) => `${s.rpc} ${s.status} ${s.code} ${s.body}`);
  const unmapped = seen.filter((s) => s.status >= 400 && classifyError({ code: s.code, status: s.status }) === 'unknown').map((s) => `${s.rpc} ${s.status} "${s.code}" ${s.body}`);
  const codes = new Map<string, number>();
  for (const s of seen) if (s.status >= 400) codes.set(`${s.status} ${s.code}`, (codes.get(`${s.status} ${s.code}`) ?? 0) + 1);
  return { fivexx: [...new Set(fivexx)], unmapped: [...new Set(unmapped)], codes: Object.fromEntries([...codes].sort()) };
}

beforeAll(async () => {
  const admin = await signInAdmin();
  member = await signIn();
  const a = await apply(member, 'gwangju', 1970, 'male');
  drawId = (await recordDraw(admin, [a], [], { confirm: [member] })).id;
  openRound = (await createRound(admin, drawId)).id;
  closedRound = (await createRound(admin, drawId)).id;
  const { error } = await member.client.rpc('cast_ballot', { p_round_id: closedRound, p_choices: ['case-b'], p_idempotency_key: randomUUID() });
  if (error) throw error;
  await closeRound(closedRound);
});

describe('junk through every exposed RPC', () => {
  test('anon: exactly the public RPCs are exposed, and junk never gets a 5xx', async () => {
    const rpcs = await exposed(stack().anonKey);
    expect(rpcs.map((r) => r.name)).toEqual(ANON_RPCS);
    // Also with a real closed round id where a round id goes, so the reads run to the end.
    const seen = await attack(stack().anonKey, rpcs);
    const again = await Promise.all(ANON_RPCS.map((rpc) => call(stack().anonKey, rpc, JSON.stringify({ p_round_id: closedRound }))));
    const r = report([...seen, ...again]);
    console.log(`anon: ${seen.length + again.length} requests to ${rpcs.length} RPCs; refusals by status and code:`, r.codes);
    expect(r.fivexx).toEqual([]);
    expect(r.unmapped).toEqual([]);
    expect(seen.length).toBeGreaterThan(200);
  });

  test('a panel member: only the member and staff RPCs are exposed, and junk never gets a 5xx', async () => {
    const rpcs = await exposed(member.accessToken);
    const names = rpcs.map((r) => r.name);
    expect(names.filter((n) => !(CLIENT_RPCS as readonly string[]).includes(n) && !STAFF_RPCS.includes(n))).toEqual([]);
    expect([...CLIENT_RPCS].sort().filter((n) => !names.includes(n))).toEqual([]);
    const seen = await attack(member.accessToken, rpcs);
    const r = report(seen);
    console.log(`member: ${seen.length} requests to ${rpcs.length} RPCs; refusals by status and code:`, r.codes);
    expect(r.fivexx).toEqual([]);
    expect(r.unmapped).toEqual([]);
    expect(seen.length).toBeGreaterThan(1000);
    // The calls reached the rules, not only the parser: the database's own codes came back.
    for (const code of ['42501', '22023', 'ORV03', 'ORV04', 'ORS03']) expect(Object.keys(r.codes).some((k) => k.endsWith(` ${code}`)), code).toBe(true);
  });
});
