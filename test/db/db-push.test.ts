// The path a hosted deploy takes: the pinned Supabase CLI applies every migration and the seed
// with `supabase db push --db-url` to a fresh database (PostgreSQL 17 with only what Supabase
// pre-provisions: scripts/stack/bootstrap.sql), and `supabase migration list` agrees that local
// and remote histories match. The schema it builds is the one the local stand-in's own migrator
// builds for the other db tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootstrap, dbUrl, listMigrations } from '../../scripts/stack/migrate.ts';
import { ephemeralPort } from '../../scripts/stack/ports.ts';
import { startPostgres, type PostgresHandle } from '../../scripts/stack/postgres.ts';
import { loadOrCreateSecrets } from '../../scripts/stack/secrets.ts';
import { configComplaints, ROOT, supabaseCli } from '../helpers/supabase-cli.ts';

let dir = '';
let postgres: PostgresHandle;
let url = '';
let superuser = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-db-push-'));
  const secrets = await loadOrCreateSecrets(dir);
  const port = await ephemeralPort();
  postgres = await startPostgres({ pgDir: join(dir, 'pg'), port, superuser: 'supabase_admin', password: secrets.passwords.supabase_admin, fast: true });
  await bootstrap(port, secrets);
  // As on a hosted project: the CLI connects as `postgres` (not a superuser there or here).
  url = `${dbUrl(port, 'postgres', secrets.passwords.postgres)}?sslmode=disable`;
  superuser = dbUrl(port, 'supabase_admin', secrets.passwords.supabase_admin);
});

afterAll(async () => {
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(connectionString: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('supabase db push --db-url (the hosted deploy path)', () => {
  it('the fresh database runs the PostgreSQL major version config.toml declares (hosted projects: 17)', async () => {
    const [row] = await query<{ v: string }>(superuser, "select current_setting('server_version_num') as v");
    const major = Math.floor(Number(row!.v) / 10000);
    const config = parse(readFileSync(join(ROOT, 'supabase', 'config.toml'), 'utf8')) as { db: { major_version: number } };
    expect(major).toBe(config.db.major_version);
    expect(major).toBe(17);
  });

  it('a dry run reads config.toml without a warning and lists every migration and the seed', async () => {
    const run = supabaseCli(['db', 'push', '--dry-run', '--include-seed', '--yes', '--db-url', url]);
    expect(run.status, run.stderr).toBe(0);
    expect(configComplaints(run)).toEqual([]);
    for (const m of await listMigrations()) expect(run.stderr).toContain(m.file);
    expect(run.stderr).toContain('supabase/seed.sql');
    // a dry run changes nothing
    expect(await query(superuser, `select 1 from pg_tables where schemaname = 'public'`)).toEqual([]);
  });

  it('applies every migration in order, then the seed', async () => {
    const run = supabaseCli(['db', 'push', '--include-seed', '--yes', '--db-url', url]);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const applied = [...run.stderr.matchAll(/Applying migration (\S+)\.\.\./g)].map((m) => m[1]);
    expect(applied).toEqual((await listMigrations()).map((m) => m.file));
    expect(run.stderr).toContain('Seeding data from supabase/seed.sql');
    const seeds = await query<{ path: string }>(superuser, 'select path from supabase_migrations.seed_files');
    expect(seeds.map((s) => s.path)).toEqual(['supabase/seed.sql']);
  });

  it('`supabase migration list` shows local and remote histories identical', async () => {
    const run = supabaseCli(['migration', 'list', '--db-url', url, '--output-format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const { migrations } = JSON.parse(run.stdout) as { migrations: { local: string; remote: string }[] };
    const versions = (await listMigrations()).map((m) => m.version);
    expect(migrations.map((m) => m.local)).toEqual(versions);
    expect(migrations.map((m) => m.remote)).toEqual(versions);
  });

  it('a second push has nothing to do', () => {
    const run = supabaseCli(['db', 'push', '--include-seed', '--yes', '--db-url', url]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/up to date/i);
  });

  it('builds the same tables, policies, functions and grants as the local stand-in', async () => {
    const catalog = async (conn: string) => ({
      tables: await query(conn, `select tablename, rowsecurity from pg_tables where schemaname = 'public' order by 1`),
      policies: await query(conn, `select tablename, policyname, cmd, roles::text, qual, with_check from pg_policies where schemaname = 'public' order by 1, 2`),
      functions: await query(conn, `select p.proname, pg_get_function_identity_arguments(p.oid) args, p.prosecdef from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1, 2`),
      grants: await query(conn, `select table_name, grantee, privilege_type from information_schema.role_table_grants where table_schema = 'public' order by 1, 2, 3`),
      routineGrants: await query(conn, `select routine_name, grantee from information_schema.role_routine_grants where routine_schema = 'public' order by 1, 2`),
    });
    const pushed = await catalog(superuser);
    expect(pushed.tables.length).toBeGreaterThan(3);
    expect(pushed).toEqual(await catalog(inject('stack').superuserDbUrl));
  });
});
