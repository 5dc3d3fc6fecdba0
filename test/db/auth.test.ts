// Properties of the local auth stand-in, through supabase-js and raw HTTP like a browser.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { anonClient, latestCode, serviceClient, signIn, sql, stack, uniqueEmail } from './helpers.ts';

const s = () => stack();
const headers = (bearer?: string) => ({
  apikey: s().anonKey,
  authorization: `Bearer ${bearer ?? s().anonKey}`,
  'content-type': 'application/json',
  'x-supabase-api-version': '2024-01-01',
});
const post = (path: string, body: unknown, bearer?: string) =>
  fetch(`${s().apiUrl}/auth/v1${path}`, { method: 'POST', headers: headers(bearer), body: JSON.stringify(body) });

describe('one-time codes', () => {
  test('a code expires: refused after its expiry, accepted before it', async () => {
    const email = uniqueEmail('expiry');
    const client = anonClient();
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    const [row] = await sql<{ ttl: number }>(
      'select extract(epoch from expires_at - created_at)::int as ttl from auth.otp_codes where email = $1',
      [email],
    );
    expect(row!.ttl).toBeLessThanOrEqual(600);
    expect(row!.ttl).toBeGreaterThan(0);
    const code = await latestCode(email);
    await sql(`update auth.otp_codes set expires_at = now() - interval '1 second' where email = $1`, [email]);
    const expired = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(expired.error?.code).toBe('otp_expired');
    expect(expired.error?.status).toBe(403);
    // Same code, expiry moved back: accepted, so it was the expiry that refused it.
    await sql(`update auth.otp_codes set expires_at = now() + interval '1 minute' where email = $1`, [email]);
    const ok = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(ok.error).toBeNull();
    expect(ok.data.session?.access_token).toBeTruthy();
  });

  test('codes have 8 digits and are single use', async () => {
    const email = uniqueEmail('once');
    const client = anonClient();
    await client.auth.signInWithOtp({ email });
    const code = await latestCode(email);
    expect(code).toMatch(/^\d{8}$/);
    expect((await client.auth.verifyOtp({ email, token: code, type: 'email' })).error).toBeNull();
    const again = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
    expect(again.error?.code).toBe('otp_expired');
  });

  test('wrong guesses are limited per code (429 over_request_rate_limit); a new code starts afresh', async () => {
    const email = uniqueEmail('guess');
    const client = anonClient();
    await client.auth.signInWithOtp({ email });
    const code = await latestCode(email);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) {
      const r = await client.auth.verifyOtp({ email, token: wrong, type: 'email' });
      expect(r.error?.code).toBe('otp_expired');
    }
    // Past the per-code limit even the right code is refused.
    const limited = await client.auth.verifyOtp({ email, token: code, type: 'email' });
    expect(limited.error?.status).toBe(429);
    expect(limited.error?.code).toBe('over_request_rate_limit');

    // A new code resets the per-code count (the per-address and per-client limits are in auth-limits.test.ts).
    await client.auth.signInWithOtp({ email });
    const code2 = await latestCode(email);
    expect(code2).not.toBe(code);
    expect((await client.auth.verifyOtp({ email, token: code2, type: 'email' })).error).toBeNull();
  });

  test('parallel guesses cannot exceed the per-code limit', async () => {
    const email = uniqueEmail('parallel');
    await anonClient().auth.signInWithOtp({ email });
    const code = await latestCode(email);
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0'));
    const results = await Promise.all(guesses.map((token) => post('/verify', { email, token, type: 'email' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 403)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(25);
  });

  test('no enumeration: known and unknown addresses get identical answers', async () => {
    const known = await signIn(uniqueEmail('known'));
    const unknown = uniqueEmail('unknown');
    const strip = async (r: Response) => ({
      status: r.status,
      body: await r.text(),
      headers: [...r.headers.keys()].filter((h) => h !== 'date').sort(),
    });
    expect(await strip(await post('/otp', { email: known.email, create_user: true })))
      .toEqual(await strip(await post('/otp', { email: unknown, create_user: true })));
    expect(await strip(await post('/verify', { email: known.email, token: '12345678', type: 'email' })))
      .toEqual(await strip(await post('/verify', { email: unknown, token: '12345678', type: 'email' })));
  });

  test('password sign-up, password sign-in and anonymous sign-in are refused', async () => {
    const client = anonClient();
    const up = await client.auth.signUp({ email: uniqueEmail('pw'), password: 'correct horse battery staple' });
    expect(up.error?.status).toBe(422);
    expect(up.error?.code).toBe('email_provider_disabled');
    const pw = await client.auth.signInWithPassword({ email: uniqueEmail('pw'), password: 'whatever-123' });
    expect(pw.error?.code).toBe('email_provider_disabled');
    const anon = await client.auth.signInAnonymously();
    expect(anon.error?.code).toBe('anonymous_provider_disabled');
  });
});

describe('tokens', () => {
  const secret = () => new TextEncoder().encode(s().jwtSecret);
  const wrong = new TextEncoder().encode('x'.repeat(48));
  const claims = (sub: string, role = 'authenticated') => ({
    aud: 'authenticated', role, sub, email: 'x@example.org', session_id: randomUUID(), app_metadata: { role: 'admin' },
  });
  const rest = (token: string) =>
    fetch(`${s().apiUrl}/rest/v1/voting_rounds?select=id`, { headers: headers(token) });
  const user = (token: string) => fetch(`${s().apiUrl}/auth/v1/user`, { headers: headers(token) });

  test('forged, alg:none, expired, wrong-secret and self-signed service_role tokens get 401', async () => {
    const me = await signIn();
    const now = Math.floor(Date.now() / 1000);
    const [h, p, sig] = me.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, app_metadata: { role: 'admin' } })).toString('base64url'), sig].join('.');
    const bad: Record<string, string> = {
      tampered,
      'alg none': new UnsecuredJWT(claims(me.userId)).setIssuedAt().setExpirationTime('1h').encode(),
      'alg none as service_role': new UnsecuredJWT({ role: 'service_role' }).setExpirationTime('1h').encode(),
      expired: await new SignJWT(claims(me.userId)).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 7200)
        .setExpirationTime(now - 3600).sign(secret()),
      'wrong secret': await new SignJWT(claims(me.userId)).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(wrong),
      'self-signed service_role': await new SignJWT({ role: 'service_role' }).setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h').sign(wrong),
      garbage: 'not-a-jwt',
    };
    for (const [name, token] of Object.entries(bad)) {
      expect([name, (await rest(token)).status]).toEqual([name, 401]);
      expect([name, (await user(token)).status]).toEqual([name, 401]);
    }
    // The genuine token works on both, so the 401s above are about the tokens.
    expect((await rest(me.accessToken)).status).toBe(200);
    expect((await user(me.accessToken)).status).toBe(200);
  });

  // PostgREST allows 30 s of clock skew past exp, so this waits that long.
  test('a token accepted once is refused once it expires (a cache of decoded tokens must not outlive exp)', { timeout: 60_000 }, async () => {
    const me = await signIn();
    const exp = Math.floor(Date.now() / 1000) + 3;
    const short = await new SignJWT(claims(me.userId)).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(secret());
    expect((await rest(short)).status).toBe(200);
    expect((await rest(short)).status).toBe(200); // now in the cache, if anything is cached
    await new Promise((r) => setTimeout(r, (exp + 32) * 1000 - Date.now()));
    expect((await rest(short)).status).toBe(401);
  });

  test('the gateway requires a known API key', async () => {
    const none = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`);
    expect(none.status).toBe(401);
    const forged = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`, { headers: { apikey: 'eyJhbGciOiJub25lIn0.e30.' } });
    expect(forged.status).toBe(401);
    const ok = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`, { headers: { apikey: s().anonKey } });
    expect(ok.status).toBe(200);
  });

  test('access tokens carry the documented claims and a unique jti', async () => {
    const me = await signIn();
    const { data } = await me.client.auth.refreshSession();
    const decode = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString());
    const a = decode(me.accessToken);
    const b = decode(data.session!.access_token);
    for (const k of ['aud', 'role', 'sub', 'email', 'exp', 'iat', 'session_id', 'aal', 'amr', 'iss', 'jti', 'app_metadata']) {
      expect(a).toHaveProperty(k);
    }
    expect(a.aud).toBe('authenticated');
    expect(a.role).toBe('authenticated');
    expect(a.sub).toBe(me.userId);
    expect(a.jti).not.toBe(b.jti);
    expect(a.session_id).toBe(b.session_id);
  });

  test('refresh tokens rotate: the old one is refused after use, and its reuse ends the session', async () => {
    const me = await signIn();
    const first = await me.client.auth.refreshSession({ refresh_token: me.refreshToken });
    expect(first.error).toBeNull();
    const rotated = first.data.session!.refresh_token;
    expect(rotated).not.toBe(me.refreshToken);
    const reuse = await post('/token?grant_type=refresh_token', { refresh_token: me.refreshToken });
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).code).toBe('refresh_token_already_used');
    // Reuse signals a stolen token: the whole session, including the rotated token, is gone.
    const after = await post('/token?grant_type=refresh_token', { refresh_token: rotated });
    expect(after.status).toBe(400);
    expect((await after.json()).code).toBe('refresh_token_not_found');
    const unknown = await post('/token?grant_type=refresh_token', { refresh_token: 'nope' });
    expect((await unknown.json()).code).toBe('refresh_token_not_found');
  });

  test('sign-out ends the session for /auth/v1/user', async () => {
    const me = await signIn();
    expect((await me.client.auth.signOut()).error).toBeNull();
    const r = await user(me.accessToken);
    expect(r.status).toBe(403);
    expect((await r.json()).code).toBe('session_not_found');
  });
});

describe('admin role', () => {
  test('app_metadata.role is settable only with the service-role key', async () => {
    const me = await signIn();
    const body = JSON.stringify({ app_metadata: { role: 'admin' } });
    for (const bearer of [s().anonKey, me.accessToken]) {
      const r = await fetch(`${s().apiUrl}/auth/v1/admin/users/${me.userId}`, { method: 'PUT', headers: headers(bearer), body });
      expect(r.status).toBe(403);
      expect((await r.json()).code).toBe('not_admin');
    }
    // A user cannot write app_metadata through its own endpoint either.
    const self = await me.client.auth.updateUser({ data: { role: 'admin' } });
    expect(self.error).not.toBeNull();
    expect((await me.client.rpc('is_admin')).data).toBe(false);

    const { data, error } = await serviceClient().auth.admin.updateUserById(me.userId, { app_metadata: { role: 'admin' } });
    expect(error).toBeNull();
    expect(data.user?.app_metadata.role).toBe('admin');
    await me.client.auth.refreshSession();
    expect((await me.client.rpc('is_admin')).data).toBe(true);
  });
});

describe('gateway', () => {
  test('CORS preflight for the site origin allows the supabase-js headers', async () => {
    const r = await fetch(`${s().apiUrl}/rest/v1/rpc/cast_ballot`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4321', 'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,apikey,content-type,x-client-info' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    const allowed = r.headers.get('access-control-allow-headers')!.split(/,\s*/);
    for (const h of ['authorization', 'apikey', 'content-type', 'x-client-info', 'x-supabase-api-version', 'prefer',
      'accept-profile', 'content-profile', 'range']) expect(allowed).toContain(h);
    const get = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`, { headers: { apikey: s().anonKey, origin: 'http://localhost:4321' } });
    expect(get.headers.get('access-control-expose-headers')).toContain('content-range');
    const evil = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const evilGet = await fetch(`${s().apiUrl}/rest/v1/voting_rounds`, { headers: { apikey: s().anonKey, origin: 'https://evil.example' } });
    expect(evilGet.status).toBe(200);
    expect(evilGet.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the dev mailbox page is accessible HTML, newest first', async () => {
    const email = uniqueEmail('mailbox');
    await anonClient().auth.signInWithOtp({ email });
    await new Promise((r) => setTimeout(r, 5));
    await anonClient().auth.signInWithOtp({ email });
    const html = await (await fetch(`${s().apiUrl}/mailbox?email=${encodeURIComponent(email)}`)).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<th scope="col">Code</th>');
    const codes = [...html.matchAll(/<code class="code">(\d+)<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(2);
    expect(codes[0]).toBe(await latestCode(email));
  });

  test('the dev mailbox answers only loopback Host names and sends no CORS headers', async () => {
    const email = uniqueEmail('rebind');
    await anonClient().auth.signInWithOtp({ email });
    const port = new URL(s().apiUrl).port;
    const get = (host: string, path: string, origin?: string) => new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, headers: { host, ...(origin ? { origin } : {}) } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      }).on('error', reject);
    });
    const path = `/mailbox.json?email=${encodeURIComponent(email)}`;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const r = await get(host, path, 'http://localhost:4321');
      expect([host, r.status]).toEqual([host, 200]);
      expect(r.body).toContain(await latestCode(email));
      // Not even this machine's site origins may read the codes from a script.
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    // A DNS name pointed at 127.0.0.1 (DNS rebinding) or any other Host: refused, codes never sent.
    for (const host of [`evil.example:${port}`, 'attacker.test', `127.0.0.1.nip.io:${port}`]) {
      for (const p of [path, '/mailbox']) {
        const r = await get(host, p);
        expect([host, p, r.status]).toEqual([host, p, 403]);
        expect(r.body).not.toContain(await latestCode(email));
      }
    }
    const pre = await fetch(`${s().apiUrl}/mailbox.json`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4321', 'access-control-request-method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('request bodies over 1 MiB are refused at the gateway (413) and never reach PostgreSQL', async () => {
    const big = JSON.stringify({ p_round_id: randomUUID(), p_choices: ['x'.repeat(5 * 1024 * 1024)], p_idempotency_key: randomUUID() });
    const r = await fetch(`${s().apiUrl}/rest/v1/rpc/cast_ballot`, { method: 'POST', headers: headers(), body: big });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ code: 'request_too_large' });
    // Without a length (chunked): cut off at the cap as it streams.
    const chunked = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${s().apiUrl}/rest/v1/rpc/cast_ballot`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
        headers: { ...headers(), 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', () => resolve(413)); // the gateway may cut the upload off after answering
      for (let i = 0; i < 40; i++) req.write('x'.repeat(64 * 1024));
      req.end();
      void reject;
    });
    expect(chunked).toBe(413);
    const auth = await fetch(`${s().apiUrl}/auth/v1/otp`, { method: 'POST', headers: headers(), body: JSON.stringify({ email: 'x@example.org', pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(auth.status).toBe(413);
    // Under the cap, the request is passed on (and refused by PostgREST/PostgreSQL for what it is).
    const small = await fetch(`${s().apiUrl}/rest/v1/rpc/cast_ballot`, { method: 'POST', headers: headers(), body: JSON.stringify({ p_round_id: randomUUID(), p_choices: ['x'.repeat(900 * 1024)], p_idempotency_key: randomUUID() }) });
    expect(small.status).toBe(401); // anon may not vote: it reached the database
  });
});
