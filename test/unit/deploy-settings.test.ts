import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DeploySettingsError, deploySettings, loadDotEnv } from '../../scripts/lib/deploy-settings.ts';

test('SITE_URL is required and must be an http(s) origin', () => {
  expect(deploySettings({ SITE_URL: 'https://results.example.gov' })).toEqual({ site: 'https://results.example.gov', base: '' });
  expect(deploySettings({ SITE_URL: ' https://results.example.gov/ ' })).toEqual({ site: 'https://results.example.gov', base: '' });
  expect(deploySettings({ SITE_URL: 'http://127.0.0.1:4321' })).toEqual({ site: 'http://127.0.0.1:4321', base: '' });
  for (const bad of [undefined, '', '  ', 'results.example.gov', 'ftp://x.example', 'https://x.example/path/', 'https://x.example/?q=1']) {
    expect(() => deploySettings({ SITE_URL: bad }), String(bad)).toThrow(DeploySettingsError);
  }
});

test('BASE_PATH is optional: "", "/", "/x", "x/" and "/a/b/" normalise; anything else is a one-line mistake', () => {
  const base = (b?: string) => deploySettings({ SITE_URL: 'https://owner.github.io', BASE_PATH: b }).base;
  expect([undefined, '', '/', '/open-results', 'open-results/', '/a/b/'].map(base)).toEqual(['', '', '', '/open-results', '/open-results', '/a/b']);
  for (const bad of ['/a b', '/x?y', '/../etc', '/a/./b', 'https://x/y']) expect(() => base(bad), bad).toThrow(DeploySettingsError);
});

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('.env fills what the environment does not set, and never overrides it (an empty value included)', () => {
  dir = mkdtempSync(join(tmpdir(), 'or-dotenv-'));
  expect(loadDotEnv(dir)).toBeUndefined();
  writeFileSync(join(dir, '.env'), 'OR_TEST_A=from-file\nOR_TEST_B=from-file\nOR_TEST_C=from-file\n');
  // In a process of its own, as the commands run (vitest's process.env is not the real one).
  const script = `import { loadDotEnv } from ${JSON.stringify(join(import.meta.dirname, '../../scripts/lib/deploy-settings.ts'))};
    loadDotEnv(${JSON.stringify(dir)}); console.log(JSON.stringify([process.env.OR_TEST_A, process.env.OR_TEST_B, process.env.OR_TEST_C]));`;
  const env: NodeJS.ProcessEnv = { ...process.env, OR_TEST_A: 'from-env', OR_TEST_B: '' };
  delete env.OR_TEST_C;
  const out = execFileSync(join(import.meta.dirname, '../../node_modules/.bin/node'), ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual(['from-env', '', 'from-file']);
});
