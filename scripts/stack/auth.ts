// A DEVELOPMENT STAND-IN for Supabase Auth (GoTrue): the subset of its HTTP API that
// @supabase/auth-js uses for email one-time codes, with GoTrue's response shapes and error codes.
// Users live in auth.users like on Supabase. Never offer this for production.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import type { Mailbox } from './mailbox.ts';
import { secretKey } from './secrets.ts';

/**
 * Limits on one-time codes, per address and per client (the connecting IP address), within a
 * sliding window. Someone who knows an address is stopped by the per-client limits long before
 * the per-address ones: guessing cannot lock the address's owner out (the per-address guess limit
 * stops only the clients that guessed wrong for it), and using up the address's codes takes
 * several clients (each may ask for a few codes per address).
 */
export interface AuthLimits {
  /** Window for every count below (GoTrue counts per 5 min to an hour). */
  windowSeconds: number;
  /** Wrong guesses on one code before it is burnt (a new code is needed). */
  maxGuessesPerCode: number;
  /** Codes sent to one address per window, whoever asks (a cap on mail to one person). */
  maxSendsPerAddress: number;
  /** Codes one client may ask for one address per window. */
  maxSendsPerClientAndAddress: number;
  /** Wrong guesses for one address per window, counting every client; then clients that guessed wrong are refused. */
  maxFailuresPerAddress: number;
  /** Codes one client may ask for per window, whatever the addresses. */
  maxSendsPerClient: number;
  /** Wrong guesses one client may make per window, whatever the addresses. */
  maxFailuresPerClient: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  windowSeconds: 900,
  maxGuessesPerCode: 5,
  maxSendsPerAddress: 10,
  maxSendsPerClientAndAddress: 3,
  maxFailuresPerAddress: 20,
  maxSendsPerClient: 30,
  maxFailuresPerClient: 10,
};

export interface AuthConfig {
  pool: pg.Pool;
  jwtSecret: string;
  mailbox: Mailbox;
  issuer: string;
  accessTokenTtlSeconds?: number; // GoTrue default 3600
  otpTtlSeconds?: number; // <= 600; GoTrue's default is a day
  otpLength?: number; // >= 8 (ASVS 2.7.6: at least 20 bits); supabase/config.toml otp_length matches
  limits?: Partial<AuthLimits>;
}

const API_VERSION = '2024-01-01';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

interface UserRow {
  id: string;
  email: string;
  email_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The client a request comes from: the connecting address. No forwarding header is trusted (the
 * gateway is the only entry, and it connects clients straight through).
 */
export const clientOf = (req: IncomingMessage) => (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function userJson(u: UserRow) {
  const app = { provider: 'email', providers: ['email'], ...(u.raw_app_meta_data ?? {}) };
  return {
    id: u.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: u.email,
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: '',
    confirmed_at: iso(u.confirmed_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: app,
    user_metadata: u.raw_user_meta_data ?? {},
    identities: [
      {
        identity_id: u.id,
        id: u.id,
        user_id: u.id,
        identity_data: { email: u.email, email_verified: true, phone_verified: false, sub: u.id },
        provider: 'email',
        last_sign_in_at: iso(u.last_sign_in_at),
        created_at: iso(u.created_at),
        updated_at: iso(u.updated_at),
        email: u.email,
      },
    ],
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    is_anonymous: false,
  };
}

const USER_COLUMNS =
  'id, email, email_confirmed_at, confirmed_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at';

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413, 'request_too_large', 'Request body too large');
    chunks.push(c as Buffer);
  }
  if (!size) return {};
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
}

/** The auth stand-in: one instance per stack, answering /auth/v1/* through `handle`. */
export class AuthService {
  readonly #c: Required<AuthConfig>;
  readonly #limits: AuthLimits;
  readonly #key: Uint8Array;

  constructor(cfg: AuthConfig) {
    this.#c = {
      accessTokenTtlSeconds: 3600,
      otpTtlSeconds: 600,
      otpLength: 8,
      // Options left undefined keep their defaults.
      ...Object.fromEntries(Object.entries(cfg).filter(([, v]) => v !== undefined)),
    } as Required<AuthConfig>;
    this.#limits = { ...DEFAULT_AUTH_LIMITS, ...Object.fromEntries(Object.entries(cfg.limits ?? {}).filter(([, v]) => v !== undefined)) };
    if (this.#c.otpTtlSeconds > 600) throw new Error('otpTtlSeconds must be at most 600');
    // 8 digits ≈ 26.6 bits; 6 digits (≈ 19.9 bits) is under ASVS 2.7.6's 20.
    if (this.#c.otpLength < 8) throw new Error('otpLength must be at least 8');
    this.#key = secretKey(this.#c.jwtSecret);
  }

  // Code hashes are keyed so a database dump alone does not allow brute-forcing the codes.
  #codeHash(email: string, code: string) {
    return sha256(`${this.#c.jwtSecret}\0${email}\0${code}`);
  }

  async #tx<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.#c.pool.connect();
    try {
      await db.query('begin');
      const out = await fn(db);
      await db.query('commit');
      return out;
    } catch (e) {
      await db.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      db.release();
    }
  }

  async #issueSession(db: pg.PoolClient, user: UserRow, sessionId?: string, parent?: string) {
    const now = Math.floor(Date.now() / 1000);
    if (!sessionId) {
      sessionId = randomUUID();
      await db.query('insert into auth.sessions (id, user_id) values ($1, $2)', [sessionId, user.id]);
    } else {
      await db.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [sessionId]);
    }
    const refreshToken = randomBytes(32).toString('base64url');
    await db.query('insert into auth.refresh_tokens (token, user_id, session_id, parent) values ($1, $2, $3, $4)', [
      sha256(refreshToken),
      user.id,
      sessionId,
      parent ?? null,
    ]);
    const u = userJson(user);
    const exp = now + this.#c.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      phone: '',
      app_metadata: u.app_metadata,
      user_metadata: u.user_metadata,
      aal: 'aal1',
      amr: [{ method: 'otp', timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.#c.issuer)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomUUID()) // two tokens issued in the same second must differ
      .sign(this.#key);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.#c.accessTokenTtlSeconds,
      expires_at: exp,
      refresh_token: refreshToken,
      user: u,
    };
  }

  async #verifyBearer(req: IncomingMessage): Promise<JWTPayload> {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw new HttpError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    try {
      // Only HS256 with our secret: alg "none", other algorithms and foreign keys are refused.
      const { payload } = await jwtVerify(m[1]!, this.#key, { algorithms: ['HS256'] });
      return payload;
    } catch (e) {
      throw new HttpError(401, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${(e as Error).message}`);
    }
  }

  async #requireUser(req: IncomingMessage) {
    const claims = await this.#verifyBearer(req);
    if (claims.role !== 'authenticated' || typeof claims.sub !== 'string') {
      throw new HttpError(401, 'bad_jwt', 'invalid claim: missing sub claim');
    }
    const session = await this.#c.pool.query('select 1 from auth.sessions where id = $1 and user_id = $2', [
      claims.session_id,
      claims.sub,
    ]);
    if (!session.rowCount) {
      throw new HttpError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    const { rows } = await this.#c.pool.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [claims.sub]);
    if (!rows[0]) throw new HttpError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return { claims, user: rows[0] };
  }

  async #requireServiceRole(req: IncomingMessage) {
    const claims = await this.#verifyBearer(req);
    if (claims.role !== 'service_role') throw new HttpError(403, 'not_admin', 'User not allowed');
  }

  // ---- endpoints -------------------------------------------------------------------------

  /** Events in the window for this address or this client. */
  async #recent(db: pg.PoolClient, kind: 'sent' | 'failed', by: 'email' | 'client', value: string): Promise<number> {
    const { rows } = await db.query(
      `select count(*)::int as n from auth.otp_events where ${by} = $1 and kind = $2 and at > now() - make_interval(secs => $3)`,
      [value, kind, this.#limits.windowSeconds],
    );
    return rows[0].n as number;
  }

  /** Serialises one client's and one address's requests (client first, always), so counts cannot be raced past. */
  async #lockFor(db: pg.PoolClient, client: string, email: string) {
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [`otp-client:${client}`]);
    await db.query('select pg_advisory_xact_lock(hashtext($1))', [email]);
    // Housekeeping: events older than the window no longer count for any limit.
    await db.query(`delete from auth.otp_events where (email = $1 or client = $2) and at < now() - make_interval(secs => $3)`, [
      email,
      client,
      this.#limits.windowSeconds,
    ]);
  }

  async #otp(body: Record<string, unknown>, client: string) {
    if (body.phone) throw new HttpError(422, 'phone_provider_disabled', 'Phone sign-ins are disabled');
    const email = String(body.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 255) {
      throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
    }
    // Never look the address up here: known and unknown addresses get the same answer.
    const code = String(randomInt(0, 10 ** this.#c.otpLength)).padStart(this.#c.otpLength, '0');
    await this.#tx(async (db) => {
      await this.#lockFor(db, client, email);
      if ((await this.#recent(db, 'sent', 'client', client)) >= this.#limits.maxSendsPerClient) {
        throw new HttpError(429, 'over_request_rate_limit', 'Too many codes requested from this client; try again later');
      }
      const mine = await db.query(
        `select count(*)::int as n from auth.otp_events where email = $1 and client = $2 and kind = 'sent' and at > now() - make_interval(secs => $3)`,
        [email, client, this.#limits.windowSeconds],
      );
      if (mine.rows[0].n >= this.#limits.maxSendsPerClientAndAddress || (await this.#recent(db, 'sent', 'email', email)) >= this.#limits.maxSendsPerAddress) {
        throw new HttpError(429, 'over_email_send_rate_limit', 'Email rate limit exceeded');
      }
      // Only the newest code is valid: asking again supersedes earlier ones.
      await db.query('update auth.otp_codes set used_at = now() where email = $1 and used_at is null', [email]);
      await db.query(
        `insert into auth.otp_codes (id, email, code_hash, user_data, create_user, expires_at)
         values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [randomUUID(), email, this.#codeHash(email, code), body.data ?? {}, body.create_user !== false, this.#c.otpTtlSeconds],
      );
      await db.query(`insert into auth.otp_events (email, kind, client) values ($1, 'sent', $2)`, [email, client]);
    });
    this.#c.mailbox.deliver(email, code, this.#c.otpTtlSeconds);
    return {};
  }

  async #verify(body: Record<string, unknown>, client: string) {
    const type = String(body.type ?? '');
    if (!['email', 'magiclink', 'signup'].includes(type)) {
      throw new HttpError(400, 'validation_failed', 'Verify requires type "email" for email one-time codes');
    }
    if (body.token_hash) throw new HttpError(400, 'validation_failed', 'Link verification is not supported; use the code');
    const email = String(body.email ?? '').trim().toLowerCase();
    const token = String(body.token ?? '').trim();
    if (!email || !token) throw new HttpError(400, 'validation_failed', 'Verify requires an email and a token');
    const result = await this.#tx(async (db) => {
      // Serialises guesses per client and per address, so parallel guesses cannot slip past the this.#limits.
      await this.#lockFor(db, client, email);
      if ((await this.#recent(db, 'failed', 'client', client)) >= this.#limits.maxFailuresPerClient) {
        return new HttpError(429, 'over_request_rate_limit', 'Too many wrong codes from this client; try again later');
      }
      if ((await this.#recent(db, 'failed', 'email', email)) >= this.#limits.maxFailuresPerAddress) {
        // Only clients that guessed wrong for this address are stopped: not its owner.
        const mine = await db.query(
          `select 1 from auth.otp_events where email = $1 and client = $2 and kind = 'failed' and at > now() - make_interval(secs => $3) limit 1`,
          [email, client, this.#limits.windowSeconds],
        );
        if (mine.rowCount) return new HttpError(429, 'over_request_rate_limit', 'Too many attempts for this address; try again later');
      }
      const { rows } = await db.query(
        `select id, code_hash, attempts, user_data, create_user, expires_at > now() as live
           from auth.otp_codes where email = $1 and used_at is null order by created_at desc limit 1`,
        [email],
      );
      const row = rows[0];
      if (row && row.attempts >= this.#limits.maxGuessesPerCode) {
        return new HttpError(429, 'over_request_rate_limit', 'Too many attempts for this code; request a new code');
      }
      const expected = Buffer.from(row?.code_hash ?? sha256('no code'), 'hex');
      const given = Buffer.from(this.#codeHash(email, token), 'hex');
      const ok = row && row.live && timingSafeEqual(expected, given);
      if (!ok) {
        if (row) await db.query('update auth.otp_codes set attempts = attempts + 1 where id = $1', [row.id]);
        await db.query(`insert into auth.otp_events (email, kind, client) values ($1, 'failed', $2)`, [email, client]);
        return new HttpError(403, 'otp_expired', 'Token has expired or is invalid');
      }
      await db.query('update auth.otp_codes set used_at = now() where id = $1', [row.id]);
      // A success clears this client's wrong guesses for the address (not other clients').
      await db.query(`delete from auth.otp_events where email = $1 and client = $2 and kind = 'failed'`, [email, client]);
      let user = (
        await db.query<UserRow>(
          `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), last_sign_in_at = now(), updated_at = now()
            where email = $1 returning ${USER_COLUMNS}`,
          [email],
        )
      ).rows[0];
      if (!user) {
        if (!row.create_user) return new HttpError(422, 'otp_disabled', 'Signups not allowed for otp');
        user = (
          await db.query<UserRow>(
            `insert into auth.users (id, aud, role, email, email_confirmed_at, last_sign_in_at, raw_app_meta_data,
                                     raw_user_meta_data, created_at, updated_at)
             values ($1, 'authenticated', 'authenticated', $2, now(), now(), $3, $4, now(), now())
             returning ${USER_COLUMNS}`,
            [randomUUID(), email, { provider: 'email', providers: ['email'] }, row.user_data ?? {}],
          )
        ).rows[0]!;
      }
      return this.#issueSession(db, user);
    });
    // Failures are returned, not thrown, so the attempt counters above are committed.
    if (result instanceof HttpError) throw result;
    return result;
  }

  async #refresh(body: Record<string, unknown>) {
    const token = String(body.refresh_token ?? '');
    if (!token) throw new HttpError(400, 'validation_failed', 'Refresh token is required');
    const result = await this.#tx(async (db) => {
      const { rows } = await db.query(
        `select id, user_id, session_id, revoked from auth.refresh_tokens where token = $1 for update`,
        [sha256(token)],
      );
      const rt = rows[0];
      if (!rt) return new HttpError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (rt.revoked) {
        // Reuse of a rotated token means it leaked: end the whole session (GoTrue's reuse detection).
        await db.query('delete from auth.sessions where id = $1', [rt.session_id]);
        return new HttpError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
      await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [rt.id]);
      const user = (await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [rt.user_id])).rows[0];
      if (!user) return new HttpError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      return this.#issueSession(db, user, rt.session_id, sha256(token));
    });
    if (result instanceof HttpError) throw result;
    return result;
  }

  async #logout(req: IncomingMessage, scope: string) {
    const { claims } = await this.#requireUser(req);
    if (scope === 'local') await this.#c.pool.query('delete from auth.sessions where id = $1', [claims.session_id]);
    else if (scope === 'others') {
      await this.#c.pool.query('delete from auth.sessions where user_id = $1 and id <> $2', [claims.sub, claims.session_id]);
    } else await this.#c.pool.query('delete from auth.sessions where user_id = $1', [claims.sub]);
  }

  #mergeMeta(current: Record<string, unknown> | null, patch: unknown): Record<string, unknown> {
    const out = { ...(current ?? {}) };
    if (patch && typeof patch === 'object' && !Array.isArray(patch)) {
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k]; // GoTrue: a null value removes the key
        else out[k] = v;
      }
    }
    return out;
  }

  async #adminUpdateUser(id: string, body: Record<string, unknown>) {
    if (body.password || body.email || body.phone) {
      throw new HttpError(422, 'validation_failed', 'Only app_metadata, user_metadata and email_confirm can be changed here');
    }
    const result = await this.#tx(async (db) => {
      const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1 for update`, [id]);
      const u = rows[0];
      if (!u) return new HttpError(404, 'user_not_found', 'User not found');
      const app = this.#mergeMeta(u.raw_app_meta_data, body.app_metadata);
      app.provider = 'email'; // provider fields belong to the auth server
      app.providers = ['email'];
      const meta = this.#mergeMeta(u.raw_user_meta_data, body.user_metadata);
      const updated = await db.query<UserRow>(
        `update auth.users set raw_app_meta_data = $2, raw_user_meta_data = $3, updated_at = now(),
                email_confirmed_at = case when $4 then coalesce(email_confirmed_at, now()) else email_confirmed_at end
          where id = $1 returning ${USER_COLUMNS}`,
        [id, app, meta, body.email_confirm === true],
      );
      return userJson(updated.rows[0]!);
    });
    if (result instanceof HttpError) throw result;
    return result;
  }

  async #adminCreateUser(body: Record<string, unknown>) {
    if (body.password) throw new HttpError(422, 'email_provider_disabled', 'Password sign-ins are disabled');
    const email = String(body.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email)) throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
    const app = this.#mergeMeta({ provider: 'email', providers: ['email'] }, body.app_metadata);
    try {
      const { rows } = await this.#c.pool.query<UserRow>(
        `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', $2, case when $3 then now() end, $4, $5, now(), now())
         returning ${USER_COLUMNS}`,
        [randomUUID(), email, body.email_confirm === true, app, body.user_metadata ?? {}],
      );
      return userJson(rows[0]!);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new HttpError(422, 'email_exists', 'A user with this email address has already been registered');
      }
      throw e;
    }
  }

  async #route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const m = req.method ?? 'GET';
    const send = (status: number, body?: unknown) => {
      res.setHeader('x-supabase-api-version', API_VERSION);
      if (body === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      }
    };
    if (m === 'GET' && path === '/health') {
      return send(200, { version: 'local-dev', name: 'GoTrue (local development stand-in)', description: 'NOT FOR PRODUCTION' });
    }
    if (m === 'GET' && path === '/settings') {
      return send(200, {
        external: { email: true, phone: false, anonymous_users: false },
        disable_signup: false,
        mailer_autoconfirm: false,
        phone_autoconfirm: false,
        sms_provider: '',
        saml_enabled: false,
      });
    }
    if (m === 'POST' && path === '/otp') return send(200, await this.#otp(await readBody(req), clientOf(req)));
    if (m === 'POST' && path === '/verify') return send(200, await this.#verify(await readBody(req), clientOf(req)));
    if (m === 'POST' && path === '/token') {
      const grant = query.get('grant_type');
      const body = await readBody(req);
      if (grant === 'refresh_token') return send(200, await this.#refresh(body));
      if (grant === 'password') {
        throw new HttpError(400, 'email_provider_disabled', 'Password sign-ins are disabled: sign in with an email code');
      }
      throw new HttpError(400, 'validation_failed', 'unsupported_grant_type');
    }
    if (m === 'POST' && path === '/signup') {
      const body = await readBody(req);
      if (!body.email && !body.phone) {
        throw new HttpError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
      }
      throw new HttpError(422, 'email_provider_disabled', 'Sign-ups with a password are disabled: sign in with an email code');
    }
    if (m === 'GET' && path === '/user') return send(200, userJson((await this.#requireUser(req)).user));
    if (m === 'PUT' && path === '/user') {
      await this.#requireUser(req);
      throw new HttpError(422, 'validation_failed', 'Updating your own user is not supported by the local auth stand-in');
    }
    if (m === 'POST' && path === '/logout') {
      await this.#logout(req, query.get('scope') ?? 'global');
      return send(204);
    }
    const admin = /^\/admin\/users(?:\/([0-9a-f-]{36}))?$/i.exec(path);
    if (admin && (await this.#adminRoute(req, admin[1], m, query, send))) return;
    throw new HttpError(404, 'not_found', `${m} /auth/v1${path} is not provided by the local auth stand-in`);
  }

  /** The service-role admin API (/admin/users…). Returns false when nothing matched. */
  async #adminRoute(req: IncomingMessage, id: string | undefined, m: string, query: URLSearchParams, send: (status: number, body?: unknown) => void): Promise<boolean> {
    await this.#requireServiceRole(req);
    if (!id && m === 'GET') {
      const page = Math.max(1, Number(query.get('page') ?? 1));
      const perPage = Math.min(1000, Math.max(1, Number(query.get('per_page') ?? 50)));
      const { rows } = await this.#c.pool.query<UserRow>(
        `select ${USER_COLUMNS} from auth.users order by created_at, id limit $1 offset $2`,
        [perPage, (page - 1) * perPage],
      );
      return (send(200, { users: rows.map(userJson), aud: 'authenticated' }), true);
    }
    if (!id && m === 'POST') return (send(200, await this.#adminCreateUser(await readBody(req))), true);
    if (id && m === 'GET') {
      const { rows } = await this.#c.pool.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [id]);
      if (!rows[0]) throw new HttpError(404, 'user_not_found', 'User not found');
      return (send(200, userJson(rows[0])), true);
    }
    if (id && m === 'PUT') return (send(200, await this.#adminUpdateUser(id, await readBody(req))), true);
    if (id && m === 'DELETE') {
      const r = await this.#c.pool.query('delete from auth.users where id = $1', [id]);
      if (!r.rowCount) throw new HttpError(404, 'user_not_found', 'User not found');
      return (send(200, {}), true);
    }
    return false;
  }

  /** `path` is the part after /auth/v1. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    try {
      await this.#route(req, res, path, query);
    } catch (e) {
      const err =
        e instanceof HttpError ? e : new HttpError(500, 'unexpected_failure', `Unexpected failure: ${(e as Error).message}`);
      if (!(e instanceof HttpError)) console.error('[auth]', e);
      res.setHeader('x-supabase-api-version', API_VERSION);
      // GoTrue: API version >= 2024-01-01 gets {code, message}; older clients {code:<status>, error_code, msg}.
      const modern = (req.headers['x-supabase-api-version'] ?? '') >= API_VERSION;
      const body = modern
        ? { code: err.code, message: err.message }
        : { code: err.status, error_code: err.code, msg: err.message };
      if (!res.headersSent) {
        res.writeHead(err.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      }
    }
  }

}

export function createAuthService(cfg: AuthConfig): AuthService {
  return new AuthService(cfg);
}
