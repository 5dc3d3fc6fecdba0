/// <reference types="astro/client" />
// Browser-side Supabase client for the panel islands. Configured at build time with
// PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY (or PUBLIC_SUPABASE_PUBLISHABLE_KEY);
// the same islands work against the local stack or a hosted project.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

export interface SupabaseConfig {
  url: string;
  key: string;
}

/** The public config, or null when the panel backend is not configured for this build. */
export function supabaseConfig(
  env: Record<string, string | undefined> = import.meta.env as Record<string, string | undefined>,
): SupabaseConfig | null {
  const url = env.PUBLIC_SUPABASE_URL?.trim();
  const key = (env.PUBLIC_SUPABASE_ANON_KEY ?? env.PUBLIC_SUPABASE_PUBLISHABLE_KEY)?.trim();
  return url && key ? { url, key } : null;
}

let client: SupabaseClient | null | undefined;

/**
 * Lazily creates the client, in the browser only: creating it at module top level would run
 * during Astro's prerender and fail the build. Returns null on the server and when the build
 * has no Supabase config, so islands can say "the panel is not open here".
 */
export function getSupabase(): SupabaseClient | null {
  if (typeof window === 'undefined') return null;
  if (client !== undefined) return client;
  const cfg = supabaseConfig();
  client = cfg
    ? createClient(cfg.url, cfg.key, { auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false } })
    : null;
  return client;
}
