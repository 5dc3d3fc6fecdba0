/// <reference types="astro/client" />
// Browser-side Supabase client for the panel islands. Configured at build time with
// PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY (or PUBLIC_SUPABASE_PUBLISHABLE_KEY);
// the same islands work against the local stack or a hosted project.
//
// Built from supabase-js's own Auth and PostgREST clients, wired the way supabase-js's
// createClient wires them (same storage key, same apikey/Authorization headers), without the
// realtime, storage and functions clients the panel never uses: 28 KB gzip instead of 55 KB,
// which keeps a panel page within its 75 KB budget (README, "Budgets"). Scripts and tests use supabase-js.
import { AuthClient } from '@supabase/auth-js';
import { PostgrestClient } from '@supabase/postgrest-js';

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

/** Auth plus the REST API, with the signed-in user's token on every REST request. */
export function createPanelClient(cfg: SupabaseConfig, options: { persistSession?: boolean } = {}) {
  const base = cfg.url.replace(/\/+$/, '');
  const auth = new AuthClient({
    url: `${base}/auth/v1`,
    headers: { apikey: cfg.key, Authorization: `Bearer ${cfg.key}` },
    // supabase-js's key, so a session stored by either client is found by the other.
    storageKey: `sb-${new URL(base).hostname.split('.')[0]}-auth-token`,
    persistSession: options.persistSession ?? true,
    autoRefreshToken: true,
    detectSessionInUrl: false,
  });
  const fetchWithAuth: typeof fetch = async (input, init) => {
    const { data } = await auth.getSession();
    const headers = new Headers(init?.headers);
    headers.set('apikey', cfg.key);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${data.session?.access_token ?? cfg.key}`);
    return fetch(input, { ...init, headers });
  };
  const rest = new PostgrestClient(`${base}/rest/v1`, { fetch: fetchWithAuth });
  return { auth, from: rest.from.bind(rest), rpc: rest.rpc.bind(rest) };
}

/** What the islands talk to. */
export type PanelClient = ReturnType<typeof createPanelClient>;

let client: PanelClient | null | undefined;

/**
 * Lazily creates the client, in the browser only: creating it at module top level would run
 * during Astro's prerender and fail the build. Returns null on the server and when the build
 * has no Supabase config, so islands can say "the panel is not open here".
 */
export function getSupabase(): PanelClient | null {
  if (typeof window === 'undefined') return null;
  if (client !== undefined) return client;
  const cfg = supabaseConfig();
  client = cfg ? createPanelClient(cfg) : null;
  return client;
}
