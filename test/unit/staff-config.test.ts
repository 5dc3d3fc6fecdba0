// Staff CLIs read the hosted project's secret key under its new name (SUPABASE_SECRET_KEY,
// `sb_secret_…`) or the legacy one (SUPABASE_SERVICE_ROLE_KEY), and never fall back to the local
// stack when SUPABASE_URL names a hosted project.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { StaffError, staffConfig } from '../../scripts/lib/panel-staff.ts';

const noStack = mkdtempSync(join(tmpdir(), 'or-no-stack-'));
afterAll(() => rmSync(noStack, { recursive: true, force: true }));
const url = 'https://abcdefghijklmnopqrst.supabase.co';

test('the new secret key, the legacy service-role key, the new one winning when both are set', () => {
  expect(staffConfig({ SUPABASE_URL: url, SUPABASE_SECRET_KEY: 'sb_secret_x' }, noStack)).toEqual({ url, serviceRoleKey: 'sb_secret_x' });
  expect(staffConfig({ SUPABASE_URL: url, SUPABASE_SERVICE_ROLE_KEY: 'eyJlegacy' }, noStack)).toEqual({ url, serviceRoleKey: 'eyJlegacy' });
  expect(staffConfig({ SUPABASE_URL: url, SUPABASE_SECRET_KEY: 'sb_secret_x', SUPABASE_SERVICE_ROLE_KEY: 'eyJlegacy' }, noStack).serviceRoleKey).toBe('sb_secret_x');
});

test('SUPABASE_URL without a key, or with the publishable key, is a one-line mistake', () => {
  expect(() => staffConfig({ SUPABASE_URL: url }, noStack)).toThrow(StaffError);
  expect(() => staffConfig({ SUPABASE_URL: url }, noStack)).toThrow(/SUPABASE_URL is set but no key is: set SUPABASE_SECRET_KEY/);
  expect(() => staffConfig({ SUPABASE_URL: url, SUPABASE_SECRET_KEY: 'sb_publishable_x' }, noStack)).toThrow(/publishable key/);
});

test('nothing set and no local stack: says what to set', () => {
  expect(() => staffConfig({}, noStack)).toThrow(/set SUPABASE_URL and SUPABASE_SECRET_KEY \(or the legacy SUPABASE_SERVICE_ROLE_KEY\), or start the local stack/);
});
