// Per-data-dir secrets: generated once, stored next to the database they protect, so keys
// stay valid across restarts and `reset` (which wipes the data dir) rotates everything.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export interface StackSecrets {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  passwords: { supabase_admin: string; postgres: string; authenticator: string; supabase_auth_admin: string };
}

const FILE = 'stack-secrets.json';
const TEN_YEARS = 10 * 365 * 24 * 3600;

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
// Passwords end up inside connection URLs: keep them URL-safe hex.
const password = () => randomBytes(18).toString('hex');

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Supabase-style API keys: long-lived HS256 JWTs whose `role` PostgREST switches to. */
export async function signApiKey(secret: string, role: 'anon' | 'service_role'): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: 'supabase-local', role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + TEN_YEARS)
    .sign(secretKey(secret));
}

export async function loadOrCreateSecrets(dataDir: string): Promise<StackSecrets> {
  const path = join(dataDir, FILE);
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as StackSecrets;
  const jwtSecret = random(48); // PostgREST needs >= 32 characters
  const secrets: StackSecrets = {
    jwtSecret,
    anonKey: await signApiKey(jwtSecret, 'anon'),
    serviceRoleKey: await signApiKey(jwtSecret, 'service_role'),
    passwords: { supabase_admin: password(), postgres: password(), authenticator: password(), supabase_auth_admin: password() },
  };
  await writeFile(path, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}
