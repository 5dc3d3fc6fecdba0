// .env.example lists every variable the code, the build and supabase/config.toml read, and .env
// (where real values go) is ignored by git.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
// The operating system's, not ours.
const SYSTEM = new Set(['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'USER', 'SHELL', 'TMPDIR', 'NODE_ENV', 'NODE_OPTIONS']);

function variablesUsed(): Map<string, string> {
  const used = new Map<string, string>();
  const files = git('ls-files', '-co', '--exclude-standard', 'scripts', 'src', 'astro.config.mjs', 'supabase/config.toml').trim().split('\n');
  for (const file of files.filter((f) => /\.(ts|mjs|astro|svelte|toml)$/.test(f))) {
    let text = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.toml')) text = text.replace(/#.*$/gm, ''); // settings, not their explanations
    const patterns = [/process\.env\.([A-Z][A-Z0-9_]+)/g, /import\.meta\.env\.([A-Z][A-Z0-9_]+)/g, /\benv\.([A-Z][A-Z0-9_]+)/g, /env\(([A-Z][A-Z0-9_]+)\)/g, /process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g];
    for (const re of patterns) for (const m of text.matchAll(re)) if (!SYSTEM.has(m[1]!)) used.set(m[1]!, file);
  }
  return used;
}

test('.env.example names every environment variable the project reads', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
  const used = variablesUsed();
  expect(used.size).toBeGreaterThan(8);
  expect([...used].filter(([v]) => !listed.has(v)).map(([v, f]) => `${v} (${f})`)).toEqual([]);
});

test('.env and supabase/.env are ignored; .env.example is not', () => {
  const ignored = (p: string) => {
    try {
      git('check-ignore', '-q', p);
      return true;
    } catch {
      return false;
    }
  };
  expect(ignored('.env')).toBe(true);
  expect(ignored('.env.production')).toBe(true);
  expect(ignored('supabase/.env')).toBe(true);
  expect(ignored('.env.example')).toBe(false);
});
