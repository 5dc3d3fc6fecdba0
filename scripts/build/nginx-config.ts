// A complete nginx server block for a built site, generated from the build's own _headers and
// _redirects (the one header source, src/lib/csp.ts), so nginx sends exactly what Netlify,
// Cloudflare Pages and `npm start` send. Regenerate after every build (the CSP holds hashes).
//   npm run nginx-config -- [dist] --server-name results.example.gov [--root /srv/open-results/dist] [--listen 80] [--out file]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { required, runCli, UserError } from '../lib/cli.ts';
import { basePath, DeploySettingsError } from '../lib/deploy-settings.ts';
import { nginxServerBlock, parseHeaders, parseRedirects } from './deploy-files.ts';

export function nginxConfigFor(dist: string, opts: { serverName: string; root?: string; listen?: string[] }, base = basePath()): string {
  if (base) throw new UserError(`the block serves a site at the root of its host, and BASE_PATH is ${base}: build without BASE_PATH for nginx`);
  const headers = join(dist, '_headers');
  if (!existsSync(headers)) throw new UserError(`${headers} does not exist: run npm run build first`);
  const redirects = join(dist, '_redirects');
  return nginxServerBlock(parseHeaders(readFileSync(headers, 'utf8')), existsSync(redirects) ? parseRedirects(readFileSync(redirects, 'utf8')) : [], {
    serverName: opts.serverName,
    root: opts.root ?? resolve(dist),
    listen: opts.listen,
  });
}

if (import.meta.main) {
  await runCli({
    command: 'npm run nginx-config --',
    summary: "Print a complete nginx server block for a built site, with exactly the headers and redirects of its _headers and _redirects.",
    usage: ['[dist] --server-name <host> [--root <path on the server>] [--listen <addr>]... [--out <file>]'],
    options: { 'server-name': { type: 'string' }, root: { type: 'string' }, listen: { type: 'string', multiple: true }, out: { type: 'string' } },
    help: [
      'dist           the built site (default dist)',
      '--server-name  the host name nginx answers for, e.g. results.example.gov',
      '--root         where the built site is on the server (default: the absolute path of dist)',
      '--listen       nginx listen value, repeatable (default 80 and [::]:80; terminate TLS in front or add "443 ssl" and certificates)',
      '--out          write the block to a file instead of printing it',
    ],
    positionals: { max: 1 },
    userErrors: [DeploySettingsError],
    run({ values, positionals: [dist = 'dist'] }) {
      const conf = nginxConfigFor(dist, { serverName: required('server-name', values['server-name']), root: values.root, listen: values.listen });
      if (values.out) {
        writeFileSync(values.out, conf);
        console.log(`nginx-config: wrote ${values.out}`);
      } else process.stdout.write(conf);
    },
  });
}
