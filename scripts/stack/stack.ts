// Local Supabase stand-in: `npm run stack` (start), `npm run stack:reset`, `npm run stack -- admin <email>`.
// Development only: the auth service is a stand-in and must never face the internet.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { intOption, runCli, UsageError, UserError, type CliArgs } from '../lib/cli.ts';
import { startStack, STATE_FILE, type Stack } from './index.ts';
import { isAlive } from './postgres.ts';
import { PortTakenError } from './ports.ts';
import { PostgrestNotFoundError } from './postgrest.ts';

const options = {
  'data-dir': { type: 'string' },
  'api-port': { type: 'string' },
  'db-port': { type: 'string' },
  'otp-ttl': { type: 'string' },
} as const;
type Values = CliArgs<typeof options>['values'];
let dataDir = resolve('.local/stack');

function runningState(): { pid: number; apiUrl: string } | null {
  const f = join(dataDir, STATE_FILE);
  if (!existsSync(f)) return null;
  const state = JSON.parse(readFileSync(f, 'utf8')) as { pid: number; apiUrl: string };
  return isAlive(state.pid) ? state : null;
}

async function start(values: Values) {
  const running = runningState();
  if (running) throw new UserError(`A stack is already running from ${dataDir} (pid ${running.pid}, ${running.apiUrl}).`);
  const port = (name: 'api-port' | 'db-port') => (values[name] === undefined ? undefined : intOption(name, values[name], undefined, 0));
  const t0 = Date.now();
  let stack: Stack;
  try {
    stack = await startStack({
      dataDir,
      ports: { api: port('api-port'), db: port('db-port') },
      // A port the user asked for explicitly must not silently move.
      strictPorts: values['api-port'] !== undefined || values['db-port'] !== undefined,
      otpTtlSeconds: values['otp-ttl'] === undefined ? undefined : intOption('otp-ttl', values['otp-ttl']),
      log: (l) => console.log(`  ${l}`),
    });
  } catch (e) {
    if (e instanceof PortTakenError || e instanceof PostgrestNotFoundError) throw new UserError(e.message);
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

Make someone admin: npm run stack -- admin someone@example.org
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
  if (running) throw new UserError(`Stop the running stack first (pid ${running.pid}, ${running.apiUrl}).`);
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Deleted ${dataDir}. The next start creates a fresh database, new keys and applies seed.sql.`);
}

async function admin(email: string | undefined) {
  if (!email) throw new UsageError('admin needs an email address');
  const running = runningState();
  if (!running) throw new UserError(`No running stack found in ${dataDir}: start it with npm run stack.`);
  const { serviceRoleKey } = JSON.parse(readFileSync(join(dataDir, 'stack-secrets.json'), 'utf8')) as { serviceRoleKey: string };
  const headers = { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' };
  const list = (await (await fetch(`${running.apiUrl}/auth/v1/admin/users?per_page=1000`, { headers })).json()) as {
    users: { id: string; email: string }[];
  };
  const user = list.users.find((u) => u.email === email.trim().toLowerCase());
  if (!user) throw new UserError(`No user ${email}: sign in once with an email code first.`);
  const res = await fetch(`${running.apiUrl}/auth/v1/admin/users/${user.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ app_metadata: { role: 'admin' } }),
  });
  if (!res.ok) throw new Error(`Admin API refused: ${res.status} ${await res.text()}`);
  console.log(`${email} is now admin. The role reaches the JWT on the next token refresh or sign-in.`);
}

if (import.meta.main) {
  await runCli({
    command: 'npm run stack --',
    summary: 'The local Supabase stand-in (embedded PostgreSQL, PostgREST, auth stand-in, gateway). Development only.',
    usage: ['[start] [--data-dir DIR] [--api-port N] [--db-port N] [--otp-ttl SECONDS]', 'reset [--data-dir DIR]', 'admin <email> [--data-dir DIR]'],
    options,
    help: [
      'start          run until Ctrl-C (the default command)',
      'reset          delete the local data dir (database, keys, secrets)',
      'admin <email>  give an existing user app_metadata.role = admin (stack must be running)',
      '--data-dir DIR (.local/stack)  --api-port N (54321)  --db-port N (54322)  --otp-ttl SECONDS (600)',
    ],
    positionals: { max: 2 },
    userErrors: [PortTakenError],
    async run({ values, positionals: [command = 'start', arg] }) {
      dataDir = resolve(values['data-dir'] ?? '.local/stack');
      if (command !== 'admin' && arg !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
      if (command === 'start') await start(values);
      else if (command === 'reset') await reset();
      else if (command === 'admin') await admin(arg);
      else throw new UsageError(`unknown command "${command}" (start, reset or admin)`);
    },
  });
}
