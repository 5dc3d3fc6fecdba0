// The built site carries the public Supabase URL and anon key only: never the service-role key,
// the JWT secret or a database password, even when they sit in the build environment.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fullBuild, listTree } from '../helpers/build.ts';
import { stack } from './helpers.ts';

const out = mkdtempSync(join(tmpdir(), 'open-results-dist-secrets-'));
let files: string[] = [];
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(() => {
  const s = stack();
  // A careless deploy environment: secrets next to the public variables.
  const run = fullBuild('content', out, {
    PUBLIC_SUPABASE_URL: s.apiUrl,
    PUBLIC_SUPABASE_ANON_KEY: s.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: s.serviceRoleKey,
    SUPABASE_JWT_SECRET: s.jwtSecret,
    DATABASE_URL: s.superuserDbUrl,
  });
  expect(run.status, run.output).toBe(0);
  files = listTree(out);
});

test('the site is built against the configured Supabase origin', () => {
  expect(readFileSync(join(out, '_headers'), 'utf8')).toContain(`connect-src 'self' ${new URL(stack().apiUrl).origin}`);
});

test('no service-role key, JWT secret or database password anywhere in dist/', () => {
  const s = stack();
  const password = new URL(s.superuserDbUrl).password;
  const secrets = { serviceRoleKey: s.serviceRoleKey, jwtSecret: s.jwtSecret, dbPassword: password, serviceRolePayload: s.serviceRoleKey.split('.')[1]! };
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const text = readFileSync(join(out, f), 'latin1');
    for (const [name, value] of Object.entries(secrets)) expect(text.includes(value), `${name} found in ${f}`).toBe(false);
  }
});
