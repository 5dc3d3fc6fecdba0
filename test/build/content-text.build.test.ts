// Content text is text: a name containing markup is shown escaped, and a text missing its
// English translation is shown in zh-Hant with a visible note. Builds a copy of the demo
// content with one body changed, so the check runs through the real pages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { TEST_SITE } from '../helpers/build.ts';
import { withoutJsonLd } from '../helpers/schemaorg.ts';

const root = resolve('.');
let tmp = '';
let dist = '';
const NAME = '<em>國民</em><script>alert(1)</script>權益委員會';
const page = (p: string) => readFileSync(join(dist, p, 'index.html'), 'utf8');

beforeAll(() => {
  mkdirSync(join(root, 'test/.tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'test/.tmp/text-'));
  const content = join(tmp, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const file = join(content, 'bodies/acrc.yaml');
  const body = parse(readFileSync(file, 'utf8'));
  body.name = { 'zh-Hant': NAME }; // no English name
  delete body.shortName;
  writeFileSync(file, stringify(body));
  dist = join(tmp, 'dist');
  execFileSync('node_modules/.bin/astro', ['build', '--outDir', dist], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: content, SITE_URL: TEST_SITE },
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('content text in pages', () => {
  it('escapes markup in content text instead of rendering it', () => {
    for (const p of ['bodies/acrc', 'en/bodies/acrc', 'bodies', 'en/bodies']) {
      const html = page(p);
      expect(html, p).toContain('&lt;em&gt;國民&lt;/em&gt;&lt;script&gt;alert(1)&lt;/script&gt;權益委員會');
      // JSON-LD carries the name as JSON text with every "<" escaped, so it cannot close its element.
      const ld = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      expect(ld.length, p).toBe(1);
      expect(ld[0], p).not.toContain('<');
      if (p.endsWith('acrc')) expect(JSON.stringify(JSON.parse(ld[0]!)), p).toContain(NAME);
      // Inside a quoted attribute value (a row link's accessible name) "<" is text, not markup; everywhere else it must be escaped.
      const markup = withoutJsonLd(html).replace(/="[^"]*"/g, '=""');
      expect(markup, p).not.toContain('<em>國民</em>');
      expect(markup, p).not.toMatch(/<script\b/i);
    }
  });

  it('shows a missing English text in zh-Hant, marked, with a visible note', () => {
    const html = page('en/bodies/acrc');
    expect(html).toMatch(/<h1><span lang="zh-Hant-TW">&lt;em&gt;國民[^<]*<\/span> <span class="untranslated">\(not yet translated; shown in Chinese\)<\/span><\/h1>/);
    expect(page('bodies/acrc')).not.toContain('class="untranslated"');
  });
});
