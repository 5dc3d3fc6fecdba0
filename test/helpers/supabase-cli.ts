// The pinned Supabase CLI (npm `supabase`, a devDependency), run as `npx supabase` would run it,
// with telemetry off.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'supabase');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function supabaseCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(BIN, args, {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Lines in which the CLI complains about the configuration (deprecations, invalid or unreadable values). */
export function configComplaints(run: CliRun): string[] {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((l) => /\bWARN\b|deprecated|Invalid config|Failed reading config|failed to read config|CliConfigParseError/i.test(l));
}
