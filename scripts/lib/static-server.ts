// A small static file server for a built site (tests, bench, local preview under CSP).
// Loopback only. Serves `dir/index.html` for directories and answers 404 with the site's 404 page
// (the locale's own, as the `_redirects` 404 rules say).
// Headers from a Netlify/Cloudflare-style `_headers` file in the site root are applied, so tests
// see the same Content-Security-Policy a production host would send; so are the rules of its
// `_redirects` file. `headers: false` serves like GitHub Pages (neither file is read). `base`
// serves the site under a path (BASE_PATH), as a project site: `/base/x/` → `dir/x/index.html`;
// anything outside the base path is not this site's (a plain 404).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { notFoundPageFor, parseHeaders, parseRedirects, redirectFor } from '../build/deploy-files.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm', '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_fragment': 'application/octet-stream', '.pagefind': 'application/octet-stream',
};

/** The rules of a `_headers` file (parsed once, in deploy-files.ts) with each path pattern as a RegExp. */
export function parseHeadersFile(text: string): { pattern: RegExp; headers: [string, string][] }[] {
  return parseHeaders(text).map((r) => ({
    pattern: new RegExp('^' + r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$'),
    headers: r.headers,
  }));
}

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveStatic(root: string, options: { port?: number; headers?: boolean; base?: string } = {}): Promise<StaticServer> {
  const base = (options.base ?? '').replace(/\/+$/, '');
  const headersFile = join(root, '_headers');
  const rules = options.headers !== false && existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const redirectsFile = join(root, '_redirects');
  const redirects = options.headers !== false && existsSync(redirectsFile) ? parseRedirects(readFileSync(redirectsFile, 'utf8')) : [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (base && url.pathname === base) {
      res.writeHead(301, { location: `${base}/${url.search}` }).end();
      return;
    }
    if (base && !url.pathname.startsWith(`${base}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found (outside the base path)');
      return;
    }
    const sitePath = url.pathname.slice(base.length);
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(sitePath)));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!path.startsWith(normalize(root + sep)) && path !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    const redirect = redirectFor(url.pathname, redirects);
    if (redirect) {
      res.writeHead(redirect.status, { location: `${redirect.location}${url.search}` }).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      // Like a static host with trailingSlash 'always': /x → /x/, then its index.html.
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      path = join(path, 'index.html');
    }
    let status = 200;
    if (!existsSync(path)) {
      // The locale's own 404 page where the _redirects file names one (as Netlify does), else /404.html.
      status = 404;
      path = join(root, notFoundPageFor(url.pathname, redirects, base).slice(base.length));
    }
    for (const rule of rules) if (rule.pattern.test(sitePath)) for (const [k, v] of rule.headers) res.setHeader(k, v);
    if (!existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(status, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'content-length': statSync(path).size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
