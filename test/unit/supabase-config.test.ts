import { expect, test } from 'vitest';
import { getSupabase, supabaseConfig } from '../../src/lib/supabase.ts';

test('supabaseConfig reads the anon key or the publishable key, and is null when unconfigured', () => {
  expect(supabaseConfig({})).toBeNull();
  expect(supabaseConfig({ PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321' })).toBeNull();
  expect(supabaseConfig({ PUBLIC_SUPABASE_URL: 'http://h', PUBLIC_SUPABASE_ANON_KEY: 'k' })).toEqual({ url: 'http://h', key: 'k' });
  expect(supabaseConfig({ PUBLIC_SUPABASE_URL: 'http://h', PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'p' })).toEqual({ url: 'http://h', key: 'p' });
});

test('getSupabase creates no client outside the browser (Astro prerender)', () => {
  expect(typeof window).toBe('undefined');
  expect(getSupabase()).toBeNull();
});
