// Nothing is deployed yet, so every SQL function is defined once, in its final form: a later
// migration that redefines one (or drops and recreates it) must be folded into the first.
// Once a project is live this test is where the policy changes: from then on, migrations append.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', 'supabase', 'migrations');

/** Every `create [or replace] function name(` / `drop function name` in the migrations, with file and line. */
export function functionDefinitions(files: { name: string; text: string }[]) {
  const creates: { fn: string; where: string; replace: boolean }[] = [];
  const drops: string[] = [];
  for (const { name, text } of files) {
    // Comments may mention functions; only statements count.
    const sql = text.replace(/--[^\n]*/g, (c) => ' '.repeat(c.length));
    const line = (i: number) => sql.slice(0, i).split('\n').length;
    for (const m of sql.matchAll(/\bcreate\s+(or\s+replace\s+)?function\s+([a-z_][\w.]*)\s*\(/gi)) {
      creates.push({ fn: m[2]!.toLowerCase(), where: `${name}:${line(m.index)}`, replace: !!m[1] });
    }
    for (const m of sql.matchAll(/\bdrop\s+function\s+(?:if\s+exists\s+)?([a-z_][\w.]*)/gi)) drops.push(`${name}:${line(m.index)} ${m[1]}`);
  }
  const byName = new Map<string, string[]>();
  for (const c of creates) byName.set(c.fn, [...(byName.get(c.fn) ?? []), c.where]);
  return { creates, drops, duplicates: [...byName].filter(([, w]) => w.length > 1).map(([fn, w]) => `${fn}: ${w.join(', ')}`) };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort().map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

test('each SQL function is created in exactly one place, never replaced or dropped', () => {
  const { creates, drops, duplicates } = functionDefinitions(files);
  expect(creates.length).toBeGreaterThan(20);
  expect(duplicates).toEqual([]);
  expect(creates.filter((c) => c.replace).map((c) => `${c.where} ${c.fn}`)).toEqual([]);
  expect(drops).toEqual([]);
});

test('the check notices a function defined in two migrations', () => {
  const twice = [
    { name: 'a.sql', text: 'create function public.f(x int) returns int language sql as $$ select 1 $$;' },
    { name: 'b.sql', text: '-- create function public.f( in a comment is fine\ncreate or replace function public.f(x int) returns int language sql as $$ select 2 $$;' },
  ];
  const r = functionDefinitions(twice);
  expect(r.duplicates).toEqual(['public.f: a.sql:1, b.sql:2']);
  expect(r.creates.filter((c) => c.replace)).toHaveLength(1);
  expect(functionDefinitions([{ name: 'c.sql', text: 'drop function public.f(int);' }]).drops).toEqual(['c.sql:1 public.f']);
});
