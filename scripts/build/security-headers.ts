// After `astro build`: hash every inline script and style in dist/ and write dist/_headers with
// the site's Content-Security-Policy (connect-src: the site and PUBLIC_SUPABASE_URL only).
//   npm run security-headers -- [dist]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCsp, collectInlineHashes, emptyHashes, headersFile } from '../../src/lib/csp.ts';
import { listHtml } from '../lib/html-files.ts';
import { runCli } from '../lib/cli.ts';

export function writeSecurityHeaders(dist: string, supabaseUrl = process.env.PUBLIC_SUPABASE_URL): string {
  const hashes = emptyHashes();
  for (const page of listHtml(dist)) collectInlineHashes(readFileSync(join(dist, page), 'utf8'), hashes);
  const csp = buildCsp(hashes, supabaseUrl || undefined);
  writeFileSync(join(dist, '_headers'), headersFile(csp));
  return csp;
}

if (import.meta.main) {
  await runCli({
    command: 'npm run security-headers --',
    summary: 'Hash every inline script and style of a built site and write its _headers (Content-Security-Policy).',
    usage: ['[dist]'],
    options: {},
    help: ['dist  the built site (default dist); PUBLIC_SUPABASE_URL is allowed in connect-src'],
    positionals: { max: 1 },
    run({ positionals: [dist = 'dist'] }) {
      const csp = writeSecurityHeaders(dist);
      console.log(`security-headers: wrote ${join(dist, '_headers')} (${csp.length} characters of CSP)`);
    },
  });
}
