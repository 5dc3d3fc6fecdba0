// startStack(): embedded PostgreSQL + real PostgREST + the local auth stand-in + gateway,
// speaking the same HTTP API as a Supabase project. Used by `npm run stack`, the db tests,
// the bench and `npm start`.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createAuthService, type AuthLimits } from './auth.ts';
import { createGateway, type Gateway, type GatewayOptions } from './gateway.ts';
import { Mailbox, type Mail } from './mailbox.ts';
import { bootstrap, dbUrl, migrate } from './migrate.ts';
import { choosePort, ephemeralPort, HOST } from './ports.ts';
import { startPostgres } from './postgres.ts';
import { findPostgrest, startPostgrest, type PostgrestBinary } from './postgrest.ts';
import { loadOrCreateSecrets, type StackSecrets } from './secrets.ts';

export const DEFAULT_API_PORT = 54321;
export const DEFAULT_DB_PORT = 54322;
export const STATE_FILE = 'stack-state.json';

export interface StackOptions {
  /** Kept between runs unless `persistent: false`. */
  dataDir: string;
  /** 0 = any free port. Defaults 54321 / 54322, moving to the next free port when taken. */
  ports?: { api?: number; db?: number };
  /** Fail instead of moving to another port when a requested port is taken. */
  strictPorts?: boolean;
  /** false: delete dataDir on stop, and run PostgreSQL without fsync (tests). */
  persistent?: boolean;
  seed?: boolean;
  otpTtlSeconds?: number;
  /** Limits of the auth stand-in (defaults: DEFAULT_AUTH_LIMITS). Load tools raise the per-client ones: everything comes from 127.0.0.1. */
  authLimits?: Partial<AuthLimits>;
  siteOrigins?: string[];
  log?: (line: string) => void;
}

export interface Stack {
  apiUrl: string;
  dbUrl: string;
  /** Superuser URL (local administration, tests); apps use dbUrl. */
  superuserDbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  ports: { api: number; db: number; postgrest: number };
  movedPorts: string[];
  migrations: { applied: string[]; seeded: boolean };
  pids(): { postgres: number | null; postgrest: number | null };
  mailbox(email: string): Mail | undefined;
  mailboxAll(): Mail[];
  stop(): Promise<void>;
}

type Cleanups = (() => Promise<void>)[];
type AuthRef = { current: { handle: GatewayOptions['auth']['handle'] } | null };

/** Binds the gateway first, so its port is ours; auth requests wait for `auth.current`. */
async function startGateway(opts: StackOptions, secrets: StackSecrets, mailbox: Mailbox, auth: AuthRef, cleanups: Cleanups, moved: string[]) {
  const apiWanted = opts.ports?.api ?? DEFAULT_API_PORT;
  const api = await choosePort('API gateway', apiWanted, { strict: opts.strictPorts, flag: '--api-port' });
  const gateway = createGateway({
    anonKey: secrets.anonKey,
    serviceRoleKey: secrets.serviceRoleKey,
    mailbox,
    siteOrigins: opts.siteOrigins ?? ['http://localhost:4321', 'http://127.0.0.1:4321'],
    auth: {
      handle: async (req, res, path, q) => {
        if (!auth.current) {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"starting"}');
          return;
        }
        return auth.current.handle(req, res, path, q);
      },
    },
  });
  const apiPort = await gateway.listen(api.port, HOST);
  cleanups.push(() => gateway.close());
  if (api.moved) moved.push(`API port ${apiWanted} is taken: using ${apiPort}`);
  return { gateway, apiPort };
}

/** PostgreSQL on a port around the gateway's, bootstrapped and migrated (and seeded once). */
async function startDatabase(opts: StackOptions, dataDir: string, secrets: StackSecrets, apiPort: number, cleanups: Cleanups, moved: string[], log: (l: string) => void) {
  const dbWanted = opts.ports?.db ?? DEFAULT_DB_PORT;
  const db = await choosePort('Database', dbWanted, { strict: opts.strictPorts, avoid: new Set([apiPort]), flag: '--db-port' });
  if (db.moved) moved.push(`Database port ${dbWanted} is taken: using ${db.port}`);
  const postgres = await startPostgres({
    pgDir: join(dataDir, 'pg'),
    port: db.port,
    superuser: 'supabase_admin',
    password: secrets.passwords.supabase_admin,
    fast: !(opts.persistent ?? true),
  });
  cleanups.push(() => postgres.stop());
  log(`PostgreSQL ready on ${db.port}${postgres.initialised ? ' (new cluster)' : ''}`);
  await bootstrap(db.port, secrets);
  const migrations = await migrate(db.port, secrets, { seed: opts.seed ?? true });
  for (const f of migrations.applied) log(`applied ${f}`);
  if (migrations.seeded) log('seeded supabase/seed.sql');
  return { port: db.port, postgres, migrations };
}

/** PostgREST behind the gateway, and the auth stand-in on its own connection pool. */
async function startApi(opts: StackOptions, secrets: StackSecrets, dbPort: number, gateway: Gateway, apiUrl: string, mailbox: Mailbox, cleanups: Cleanups, binary: PostgrestBinary) {
  const postgrestPort = await ephemeralPort();
  const postgrest = await startPostgrest({
    dbUri: dbUrl(dbPort, 'authenticator', secrets.passwords.authenticator),
    jwtSecret: secrets.jwtSecret,
    port: postgrestPort,
    binary,
  });
  cleanups.push(() => postgrest.stop());
  gateway.setUpstream(postgrest.url);
  const pool = new pg.Pool({ connectionString: dbUrl(dbPort, 'supabase_auth_admin', secrets.passwords.supabase_auth_admin), max: 8 });
  pool.on('error', () => undefined); // idle clients die when PostgreSQL stops; nothing to do
  cleanups.push(() => pool.end());
  const auth = createAuthService({
    pool, jwtSecret: secrets.jwtSecret, mailbox, issuer: `${apiUrl}/auth/v1`, otpTtlSeconds: opts.otpTtlSeconds, limits: opts.authLimits,
  });
  return { postgrest, postgrestPort, auth };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dataDir = resolve(opts.dataDir);
  const persistent = opts.persistent ?? true;
  const log = opts.log ?? (() => undefined);
  await mkdir(dataDir, { recursive: true });
  const secrets = await loadOrCreateSecrets(dataDir);
  const mailbox = new Mailbox();
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => log(`cleanup: ${(e as Error).message}`));
  };

  try {
    // Before anything starts: a machine without PostgREST stops here with what to install.
    const postgrestBinary = findPostgrest();
    if (postgrestBinary.note) log(postgrestBinary.note);
    const moved: string[] = [];
    const authRef: AuthRef = { current: null };
    const { gateway, apiPort } = await startGateway(opts, secrets, mailbox, authRef, cleanups, moved);
    const db = await startDatabase(opts, dataDir, secrets, apiPort, cleanups, moved, log);
    const apiUrl = `http://${HOST}:${apiPort}`;
    const api = await startApi(opts, secrets, db.port, gateway, apiUrl, mailbox, cleanups, postgrestBinary);
    authRef.current = api.auth;

    const pids = () => ({ postgres: db.postgres.pid(), postgrest: api.postgrest.pid() });
    const stateFile = join(dataDir, STATE_FILE);
    await writeFile(stateFile, JSON.stringify({ pid: process.pid, apiUrl, dbPort: db.port, pids: pids() }, null, 2) + '\n', { mode: 0o600 });
    cleanups.push(() => rm(stateFile, { force: true }));

    let stopping: Promise<void> | null = null;
    return {
      apiUrl,
      dbUrl: dbUrl(db.port, 'postgres', secrets.passwords.postgres),
      superuserDbUrl: dbUrl(db.port, 'supabase_admin', secrets.passwords.supabase_admin),
      anonKey: secrets.anonKey,
      serviceRoleKey: secrets.serviceRoleKey,
      jwtSecret: secrets.jwtSecret,
      ports: { api: apiPort, db: db.port, postgrest: api.postgrestPort },
      movedPorts: moved,
      migrations: db.migrations,
      pids,
      mailbox: (email) => mailbox.latest(email),
      mailboxAll: () => mailbox.list(),
      stop: () =>
        (stopping ??= (async () => {
          await cleanup(); // reverse start order: auth pool, PostgREST, PostgreSQL, gateway
          if (!persistent) await rm(dataDir, { recursive: true, force: true });
        })()),
    };
  } catch (e) {
    await cleanup();
    if (!persistent) await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}
