// The code type-checks: `astro check` covers .astro and .ts, `svelte-check` the Svelte islands.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const run = (bin: string, args: string[]) => spawnSync(join('node_modules', '.bin', bin), args, { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });

test('astro check reports no errors', () => {
  const r = run('astro', ['check']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toMatch(/- 0 errors/);
});

test('svelte-check reports no errors', () => {
  const r = run('svelte-check', ['--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toMatch(/found 0 errors/);
});
