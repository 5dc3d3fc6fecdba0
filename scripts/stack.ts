// Local Supabase stand-in: `node scripts/stack.ts start|reset|admin <email>`.
// Development only: the auth service is a stand-in and must never face the internet.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startStack, STATE_FILE, type Stack } from './local-stack/index.ts';
import { isAlive } from './local-stack/postgres.ts';
import { PortTakenError } from './local-stack/ports.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: '.local/stack' },
    'api-port': { type: 'string' },
    'db-port': { type: 'string' },
    'otp-ttl': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const dataDir = resolve(values['data-dir']!);
const command = positionals[0] ?? 'start';

const usage = `Usage: node scripts/stack.ts <command> [options]
  start                 run PostgreSQL, PostgREST, auth stand-in and gateway until Ctrl-C
  reset                 delete the local data dir (database, keys, secrets)
  admin <email>         give an existing user app_metadata.role = 'admin' (stack must be running)
Options: --data-dir DIR (.local/stack)  --api-port N (54321)  --db-port N (54322)  --otp-ttl SECONDS (600)`;

function runningState(): { pid: number; apiUrl: string } | null {
  const f = join(dataDir, STATE_FILE);
  if (!existsSync(f)) return null;
  const state = JSON.parse(readFileSync(f, 'utf8')) as { pid: number; apiUrl: string };
  return isAlive(state.pid) ? state : null;
}

async function start() {
  const running = runningState();
  if (running) throw new Error(`A stack is already running from ${dataDir} (pid ${running.pid}, ${running.apiUrl}).`);
  const port = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const t0 = Date.now();
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      ports: { api: port(values['api-port']), db: port(values['db-port']) },
      // A port the user asked for explicitly must not silently move.
      strictPorts: values['api-port'] !== undefined || values['db-port'] !== undefined,
      otpTtlSeconds: values['otp-ttl'] ? Number(values['otp-ttl']) : undefined,
      log: (l) => console.log(`  ${l}`),
    });
  } catch (e) {
    if (e instanceof PortTakenError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  for (const m of stack.movedPorts) console.log(`  note: ${m}`);
  const p = stack.pids();
  console.log(`
Local Supabase stand-in is running (started in ${((Date.now() - t0) / 1000).toFixed(1)} s).
DEVELOPMENT ONLY: the auth service is a local stand-in for Supabase Auth. Never use it in production.

  API URL        ${stack.apiUrl}            (PUBLIC_SUPABASE_URL)
  REST           ${stack.apiUrl}/rest/v1/
  Auth           ${stack.apiUrl}/auth/v1/
  Dev mailbox    ${stack.apiUrl}/mailbox   (one-time sign-in codes land here)
  DB URL         ${stack.dbUrl}
  anon key       ${stack.anonKey}
                 (PUBLIC_SUPABASE_ANON_KEY)
  service_role   ${stack.serviceRoleKey}
                 (server-side only; never ship it to a browser)
  JWT secret     ${stack.jwtSecret}
  data dir       ${dataDir}
  processes      postgres ${p.postgres}, postgrest ${p.postgrest}

Make someone admin: node scripts/stack.ts admin someone@example.org
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      console.log('Stopping already; please wait.');
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping PostgREST and PostgreSQL...`);
    const force = setTimeout(() => {
      console.error('Shutdown is taking too long; exiting.');
      process.exit(1);
    }, 20_000);
    await stack.stop();
    clearTimeout(force);
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
}

async function reset() {
  const running = runningState();
  if (running) throw new Error(`Stop the running stack first (pid ${running.pid}, ${running.apiUrl}).`);
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Deleted ${dataDir}. The next start creates a fresh database, new keys and applies seed.sql.`);
}

async function admin(email: string | undefined) {
  if (!email) throw new Error('Usage: node scripts/stack.ts admin <email>');
  const running = runningState();
  if (!running) throw new Error(`No running stack found in ${dataDir}: start it with npm run stack.`);
  const { serviceRoleKey } = JSON.parse(readFileSync(join(dataDir, 'stack-secrets.json'), 'utf8')) as { serviceRoleKey: string };
  const headers = { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' };
  const list = (await (await fetch(`${running.apiUrl}/auth/v1/admin/users?per_page=1000`, { headers })).json()) as {
    users: { id: string; email: string }[];
  };
  const user = list.users.find((u) => u.email === email.trim().toLowerCase());
  if (!user) throw new Error(`No user ${email}: sign in once with an email code first.`);
  const res = await fetch(`${running.apiUrl}/auth/v1/admin/users/${user.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ app_metadata: { role: 'admin' } }),
  });
  if (!res.ok) throw new Error(`Admin API refused: ${res.status} ${await res.text()}`);
  console.log(`${email} is now admin. The role reaches the JWT on the next token refresh or sign-in.`);
}

try {
  if (values.help) console.log(usage);
  else if (command === 'start') await start();
  else if (command === 'reset') await reset();
  else if (command === 'admin') await admin(positionals[1]);
  else {
    console.error(usage);
    process.exit(2);
  }
} catch (e) {
  console.error(`\n${(e as Error).message}`);
  process.exit(1);
}
