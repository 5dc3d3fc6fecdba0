// `npm run build` as a publisher runs it: a short summary by default (Astro's per-page log only
// with --verbose), and no build at all without SITE_URL — one line saying what to set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { SITE } from '../helpers/site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'or-build-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The build command without npm's banner, with the given SITE_URL ('' = unset). */
function build(siteUrl: string) {
  const out = join(scratch, `dist-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(join('node_modules', '.bin', 'node'), ['scripts/build/build.ts', '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, SITE_URL: siteUrl, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { ...r, out };
}

describe('npm run build', () => {
  it('prints at most 25 lines: a summary of pages per language, search index, open data, feeds and time', () => {
    const output = inject('demoBuildOutput');
    const lines = output.trimEnd().split('\n');
    expect(lines.length, output).toBeLessThanOrEqual(25);
    expect(output).not.toMatch(/├─|generating static routes/);
    expect(output).toMatch(/^build: pages +\d+ HTML pages \(zh-Hant-TW \d+, en \d+/m);
    expect(output).toMatch(/^build: search index +\d+ pages in \d+ Pagefind indexes/m);
    expect(output).toMatch(/^build: open data +\d+ files \(csv \d+, json \d+\)/m);
    expect(output).toMatch(/^build: feeds +\d+ files in /m);
    expect(output).toMatch(/^build: headers +_headers, _redirects, CSP <meta> in every page/m);
    expect(output).toMatch(new RegExp(`^build: .*/ ready for ${SITE.replace(/\./g, '\\.')}/ in \\d+\\.\\d s \\(astro`, 'm'));
  });

  it('without SITE_URL stops before building, with one line saying what to set', () => {
    const r = build('');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('build: SITE_URL is not set: set it to the address the site is published at, e.g. SITE_URL=https://results.example.gov npm run build (docs/deploy.md)\n');
    expect(existsSync(r.out)).toBe(false);
  });

  it('refuses a SITE_URL that is not an origin, in one line', () => {
    for (const [value, why] of [['results.example.gov', /not an absolute URL/], ['ftp://results.example.gov', /must start with https:\/\//], ['https://results.example.gov/sub/', /origin only/]] as const) {
      const r = build(value);
      expect(r.status, value).toBe(1);
      expect(r.stderr.trimEnd().split('\n'), value).toHaveLength(1);
      expect(r.stderr, value).toMatch(why);
    }
  });

  it('astro build run directly stops too (no canonical links to a placeholder host)', () => {
    const r = astroBuild('content', join(scratch, 'astro-direct'), { SITE_URL: '' });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('SITE_URL is not set');
    expect(existsSync(join(scratch, 'astro-direct', 'index.html'))).toBe(false);
  });
});
