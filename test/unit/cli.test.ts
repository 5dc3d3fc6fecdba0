// Every command in package.json answers --help with its usage (exit 0) and changes nothing, and
// refuses an unknown option with exit 2 and no stack trace. Run as a user would, in a scratch copy
// of the repository that is its own git repo, so `git status` shows anything a command wrote.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** package.json scripts that run one of our CLIs: name → its file under scripts/. */
const commands = Object.entries(scripts).flatMap(([name, line]) => {
  const m = /^node (scripts\/\S+\.ts)\b/.exec(line);
  return m ? [[name, m[1]!] as const] : [];
});

let scratch = '';
const git = (...args: string[]) => spawnSync('git', args, { cwd: scratch, encoding: 'utf8' });

function run(name: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // `npm run x -- args` runs the script line with args appended; do the same without npm's noise.
    const [, ...fixed] = scripts[name]!.split(' ');
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [...fixed, ...args], {
      cwd: scratch,
      env: { ...process.env, SUPABASE_URL: '', SUPABASE_SECRET_KEY: '', SUPABASE_SERVICE_ROLE_KEY: '', CONTENT_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Run each command with the same args, two at a time (2 cores). */
async function runAll(args: string[]) {
  const out = new Map<string, Awaited<ReturnType<typeof run>>>();
  const queue = [...commands];
  await Promise.all([0, 1].map(async () => {
    for (let c = queue.shift(); c; c = queue.shift()) out.set(c[0], await run(c[0], args));
  }));
  return out;
}

const status = () => git('status', '--porcelain', '--ignored', '--untracked-files=all').stdout;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'open-results-cli-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim().split('\n');
  for (const f of files) {
    try {
      cpSync(join(ROOT, f), join(scratch, f), { recursive: true });
    } catch {
      // a file deleted in the working tree but still listed
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'scratch');
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('every CLI', () => {
  it('is reachable from package.json (no command hidden in scripts/)', () => {
    const mains = spawnSync('git', ['grep', '-l', '^if (import.meta.main)', '--', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim().split('\n');
    const listed = new Set(commands.map(([, f]) => f));
    expect(mains.filter((f) => !listed.has(f))).toEqual([]);
    expect(commands.length).toBeGreaterThanOrEqual(20);
  });

  it('--help prints usage, exits 0 and changes nothing', async () => {
    const before = status();
    const results = await runAll(['--help']);
    const wrong = [...results].filter(([, r]) => r.code !== 0 || !/Usage:\n {2}npm (run |start)/.test(r.stdout) || r.stderr !== '');
    expect(wrong.map(([n, r]) => `${n}: exit ${r.code}, ${r.stdout.slice(0, 80)} ${r.stderr.slice(0, 200)}`)).toEqual([]);
    expect(status()).toBe(before);
  }, 300_000);

  it('an unknown option exits 2 with one line and the usage, never a stack trace, and changes nothing', async () => {
    const before = status();
    const results = await runAll(['--no-such-option']);
    const wrong = [...results].filter(([, r]) => r.code !== 2 || !/^[\w:-]+: Unknown option '--no-such-option'\n/.test(r.stderr) || /\n\s+at /.test(r.stderr));
    expect(wrong.map(([n, r]) => `${n}: exit ${r.code}: ${r.stderr.slice(0, 300)}`)).toEqual([]);
    expect(status()).toBe(before);
  }, 300_000);
});
