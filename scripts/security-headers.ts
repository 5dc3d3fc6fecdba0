// After `astro build`: hash every inline script and style in dist/ and write dist/_headers with
// the site's Content-Security-Policy (connect-src: the site and PUBLIC_SUPABASE_URL only).
//   node scripts/security-headers.ts [dist]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCsp, collectInlineHashes, emptyHashes, headersFile } from '../src/lib/csp.ts';
import { listHtml } from './lib/html-files.ts';

export function writeSecurityHeaders(dist: string, supabaseUrl = process.env.PUBLIC_SUPABASE_URL): string {
  const hashes = emptyHashes();
  for (const page of listHtml(dist)) collectInlineHashes(readFileSync(join(dist, page), 'utf8'), hashes);
  const csp = buildCsp(hashes, supabaseUrl || undefined);
  writeFileSync(join(dist, '_headers'), headersFile(csp));
  return csp;
}

if (import.meta.main) {
  const dist = process.argv[2] ?? 'dist';
  const csp = writeSecurityHeaders(dist);
  console.log(`security-headers: wrote ${join(dist, '_headers')} (${csp.length} characters of CSP)`);
}
