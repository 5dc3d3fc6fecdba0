// The API gateway in front of PostgREST and the auth stand-in, on the Supabase CLI's port:
// /rest/v1/* -> PostgREST (prefix stripped), /auth/v1/* -> auth, API-key check, request body cap
// and CORS like Supabase's gateway, plus the dev mailbox page (loopback Host only, no CORS).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { mailboxHtml, type Mailbox } from './mailbox.ts';

export const CORS_ALLOW_HEADERS =
  'authorization, apikey, content-type, x-client-info, x-supabase-api-version, prefer, accept-profile, content-profile, range';
const CORS_EXPOSE_HEADERS = 'content-range, x-supabase-api-version';
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** Largest request body passed on (bytes); larger ones get 413 before reaching PostgREST or auth. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Host names the dev mailbox answers to: a page on any other name (DNS rebinding) gets 403. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export interface GatewayOptions {
  /** Request body cap in bytes (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  anonKey: string;
  serviceRoleKey: string;
  mailbox: Mailbox;
  siteOrigins: string[];
  auth: { handle(req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams): Promise<void> };
}

export interface Gateway {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  setUpstream(restUrl: string): void;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

class GatewayServer implements Gateway {
  readonly server: http.Server;
  readonly #opts: GatewayOptions;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  readonly #sockets = new Set<Socket>();
  readonly #maxBody: number;
  #rest: URL | null = null;

  constructor(opts: GatewayOptions) {
    this.#opts = opts;
    this.#maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
    this.server = http.createServer((req, res) => void this.#route(req, res));
    this.server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
  }

  setUpstream(u: string) {
    this.#rest = new URL(u);
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host, exclusive: true }, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      for (const s of this.#sockets) s.destroy();
      this.#agent.destroy();
    });
  }

  #allowedOrigin(origin: string | undefined) {
    return !!origin && (this.#opts.siteOrigins.includes(origin) || LOOPBACK_ORIGIN.test(origin));
  }

  #cors(req: IncomingMessage, res: ServerResponse) {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    if (this.#allowedOrigin(origin)) {
      res.setHeader('access-control-allow-origin', origin!);
      res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS);
    }
  }

  /** Like Supabase's gateway: a request must carry the anon or service_role key. */
  #checkApiKey(req: IncomingMessage, url: URL, res: ServerResponse): boolean {
    const key = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? undefined;
    if (!key) {
      json(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
      return false;
    }
    if (key !== this.#opts.anonKey && key !== this.#opts.serviceRoleKey) {
      json(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
      return false;
    }
    return true;
  }

  #tooLarge(res: ServerResponse) {
    json(res, 413, { code: 'request_too_large', message: `Request body larger than ${this.#maxBody} bytes`, details: null, hint: null });
  }

  /**
   * Refuses a body announced larger than the cap; for a body without a length (chunked), counts
   * as it streams and cuts it off at the cap. Returns false when the request was answered.
   */
  #capBody(req: IncomingMessage, res: ServerResponse, onOver: () => void): boolean {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.#maxBody) {
      this.#tooLarge(res);
      req.resume();
      return false;
    }
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > this.#maxBody) {
        req.unpipe();
        onOver();
        if (!res.headersSent) this.#tooLarge(res);
        req.destroy();
      }
    });
    return true;
  }

  #proxyRest(req: IncomingMessage, res: ServerResponse, url: URL) {
    const rest = this.#rest;
    if (!rest) return json(res, 503, { message: 'The local stack is still starting' });
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    // Supabase's gateway uses the API key as the bearer token when none is given.
    if (!headers.authorization) headers.authorization = `Bearer ${headers.apikey ?? url.searchParams.get('apikey')}`;
    const path = (url.pathname.slice('/rest/v1'.length) || '/') + url.search;
    const up = http.request({ host: rest.hostname, port: rest.port, method: req.method, path, headers, agent: this.#agent }, (upRes) => {
      for (const [k, v] of Object.entries(upRes.headers)) {
        // PostgREST answers CORS for any origin; only the gateway's origin policy applies.
        if (v !== undefined && !/^(connection|keep-alive|transfer-encoding|access-control-.*)$/i.test(k)) res.setHeader(k, v);
      }
      res.writeHead(upRes.statusCode ?? 502);
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      if (res.writableEnded) return;
      if (!res.headersSent) json(res, 502, { message: `PostgREST unreachable: ${e.message}` });
      else res.destroy();
    });
    if (this.#capBody(req, res, () => up.destroy())) req.pipe(up);
  }

  /**
   * The dev mailbox shows sign-in codes: only to this machine by name, and never to another
   * origin's script (no CORS headers at all, so a page elsewhere cannot read it).
   */
  #mailbox(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return json(res, 403, { message: 'The dev mailbox answers only on localhost / 127.0.0.1' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { message: 'GET only' });
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    res.setHeader('referrer-policy', 'no-referrer');
    const email = url.searchParams.get('email') ?? undefined;
    if (url.pathname === '/mailbox.json') return json(res, 200, this.#opts.mailbox.list(email));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(mailboxHtml(this.#opts.mailbox.list(email), email));
  }

  async #route(req: IncomingMessage, res: ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway');
    } catch {
      return json(res, 400, { message: 'Bad request URL' });
    }
    const p = url.pathname;
    if (p === '/mailbox' || p === '/mailbox/' || p === '/mailbox.json') return this.#mailbox(req, res, url);
    this.#cors(req, res);
    if (req.method === 'OPTIONS') {
      if (this.#allowedOrigin(req.headers.origin)) {
        res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
        res.setHeader('access-control-allow-headers', CORS_ALLOW_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      return res.writeHead(204).end();
    }
    if (p === '/rest/v1' || p.startsWith('/rest/v1/')) {
      if (this.#checkApiKey(req, url, res)) this.#proxyRest(req, res, url);
      return;
    }
    if (p.startsWith('/auth/v1/')) {
      if (!this.#checkApiKey(req, url, res)) return;
      // The auth service reads at most 64 KB itself; here only an announced larger body is refused.
      if (Number(req.headers['content-length'] ?? 0) > this.#maxBody) {
        req.resume();
        return this.#tooLarge(res);
      }
      return this.#opts.auth.handle(req, res, p.slice('/auth/v1'.length), url.searchParams);
    }
    if (req.method === 'GET' && p === '/') {
      return json(res, 200, { name: 'Open Results local Supabase stand-in (development only, not for production)', rest: '/rest/v1/', auth: '/auth/v1/', mailbox: '/mailbox' });
    }
    json(res, 404, { message: `No route for ${req.method} ${p}` });
  }
}

export function createGateway(opts: GatewayOptions): Gateway {
  return new GatewayServer(opts);
}
