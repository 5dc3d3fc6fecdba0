// Bootstrap (what Supabase pre-provisions), then supabase/migrations in filename order as the
// non-superuser `postgres` (as `supabase db push` does), then supabase/seed.sql once.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { StackSecrets } from './secrets.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..');
export const SUPABASE_DIR = join(REPO_ROOT, 'supabase');
const MIGRATION_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export function dbUrl(port: number, user: string, password: string, database = 'postgres'): string {
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // server shutdown mid-call surfaces on the query instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function bootstrap(port: number, secrets: StackSecrets): Promise<void> {
  const sql = await readFile(join(HERE, 'bootstrap.sql'), 'utf8');
  const p = secrets.passwords;
  await withClient(dbUrl(port, 'supabase_admin', p.supabase_admin), async (c) => {
    await c.query(sql);
    // Passwords are per data dir; ALTER ROLE cannot take bind parameters.
    for (const role of ['postgres', 'authenticator', 'supabase_auth_admin'] as const) {
      await c.query(`alter role ${role} password ${c.escapeLiteral(p[role])}`);
    }
  });
}

export async function listMigrations(dir = join(SUPABASE_DIR, 'migrations')) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const m = MIGRATION_NAME.exec(file);
    if (!m) throw new Error(`${join(dir, file)}: migration names must look like YYYYMMDDHHmmss_name.sql`);
    return { file, path: join(dir, file), version: m[1], name: m[2] };
  });
}

export interface MigrationResult {
  applied: string[];
  seeded: boolean;
}

export async function migrate(port: number, secrets: StackSecrets, opts: { seed: boolean }): Promise<MigrationResult> {
  const migrations = await listMigrations();
  return withClient(dbUrl(port, 'postgres', secrets.passwords.postgres), async (c) => {
    const done = new Set(
      (await c.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      const sql = await readFile(m.path, 'utf8');
      // One transaction per file: a failing migration leaves nothing half-applied.
      await c.query('begin');
      try {
        await c.query(sql);
        await c.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
          m.version,
          m.name,
          [sql],
        ]);
        await c.query('commit');
      } catch (e) {
        await c.query('rollback').catch(() => undefined);
        const err = e as pg.DatabaseError;
        throw new Error(`supabase/migrations/${m.file}: ${err.message}${err.position ? ` (at character ${err.position})` : ''}`);
      }
      applied.push(m.file);
    }

    let seeded = false;
    const seedPath = join(SUPABASE_DIR, 'seed.sql');
    const seededBefore = (await c.query('select 1 from supabase_migrations.seed_files')).rowCount! > 0;
    if (opts.seed && !seededBefore && existsSync(seedPath)) {
      const sql = await readFile(seedPath, 'utf8');
      await c.query('begin');
      try {
        await c.query(sql);
        await c.query('insert into supabase_migrations.seed_files (path, hash) values ($1, $2)', [
          'supabase/seed.sql',
          createHash('sha256').update(sql).digest('hex'),
        ]);
        await c.query('commit');
      } catch (e) {
        await c.query('rollback').catch(() => undefined);
        throw new Error(`supabase/seed.sql: ${(e as Error).message}`);
      }
      seeded = true;
    }
    if (applied.length) await c.query(`notify pgrst, 'reload schema'`);
    return { applied, seeded };
  });
}
