// The one-time-code limits of the local auth stand-in, per address and per client, on a stack of
// its own with the default limits (the shared test stack raises the per-client ones, since every
// test connects from 127.0.0.1). Different clients connect from different loopback addresses
// (127.0.0.x), which the stand-in tells apart like IP addresses.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_AUTH_LIMITS } from '../../scripts/stack/auth.ts';
import { startStack, type Stack } from '../../scripts/stack/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ dataDir: mkdtempSync(join(tmpdir(), 'or-auth-limits-')), ports: { api: 0, db: 0 }, persistent: false, seed: false });
});
afterAll(() => stack?.stop());

/** POST /auth/v1<path> from the loopback address `from` (one "client"). */
function post(from: string, path: string, body: unknown): Promise<{ status: number; code?: string }> {
  const url = new URL(`${stack.apiUrl}/auth/v1${path}`);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from,
        headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/json',
          'x-supabase-api-version': '2024-01-01', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, code: text ? (JSON.parse(text) as { code?: string }).code : undefined }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;
const send = (from: string, to: string) => post(from, '/otp', { email: to, create_user: true });
const guess = (from: string, to: string, token: string) => post(from, '/verify', { email: to, token, type: 'email' });
const wrongFor = (code: string) => (code === '00000000' ? '11111111' : '00000000');
const L = DEFAULT_AUTH_LIMITS;

describe('per client', () => {
  test(`one client gets ${L.maxSendsPerClient} codes per window, whatever the addresses; another client is not affected`, async () => {
    for (let i = 0; i < L.maxSendsPerClient; i++) expect((await send('127.0.0.3', email('spray'))).status).toBe(200);
    expect(await send('127.0.0.3', email('spray'))).toEqual({ status: 429, code: 'over_request_rate_limit' });
    expect((await send('127.0.0.4', email('other'))).status).toBe(200);
  });

  test('guessing someone\'s code cannot lock its owner out: the guesser is stopped, the owner signs in', async () => {
    const victim = email('victim');
    expect((await send('127.0.0.1', victim)).status).toBe(200);
    const code = stack.mailbox(victim)!.code;
    expect(code).toMatch(/^\d{8}$/);
    // The attacker burns the owner's code (5 wrong guesses), asks for new ones and keeps guessing…
    let refused = 0;
    for (let i = 0; i < L.maxFailuresPerClient + 3; i++) {
      if (i > 0 && i % L.maxGuessesPerCode === 0) await send('127.0.0.5', victim);
      const r = await guess('127.0.0.5', victim, wrongFor(stack.mailbox(victim)!.code));
      if (r.status === 429) refused++;
    }
    // …until the per-client limit stops it.
    expect(await guess('127.0.0.5', victim, stack.mailbox(victim)!.code)).toEqual({ status: 429, code: 'over_request_rate_limit' });
    expect(refused).toBeGreaterThan(0);
    // The owner asks for a fresh code and signs in.
    expect((await send('127.0.0.1', victim)).status).toBe(200);
    expect((await guess('127.0.0.1', victim, stack.mailbox(victim)!.code)).status).toBe(200);
  });
});

describe('per address', () => {
  test(`an address gets at most ${L.maxSendsPerClientAndAddress} codes per client and ${L.maxSendsPerAddress} in all per window`, async () => {
    const to = email('inbox');
    for (let i = 0; i < L.maxSendsPerClientAndAddress; i++) expect((await send('127.0.0.6', to)).status).toBe(200);
    expect(await send('127.0.0.6', to)).toEqual({ status: 429, code: 'over_email_send_rate_limit' });
    let sent = L.maxSendsPerClientAndAddress;
    for (let c = 7; sent < L.maxSendsPerAddress; c++) {
      for (let i = 0; i < L.maxSendsPerClientAndAddress && sent < L.maxSendsPerAddress; i++, sent++) {
        expect((await send(`127.0.0.${c}`, to)).status).toBe(200);
      }
    }
    expect(await send('127.0.0.30', to)).toEqual({ status: 429, code: 'over_email_send_rate_limit' });
    expect(stack.mailboxAll().filter((m) => m.to === to)).toHaveLength(L.maxSendsPerAddress);
  });

  test(`after ${L.maxFailuresPerAddress} wrong guesses from any clients, clients that guessed wrong are refused; one that did not still signs in`, async () => {
    const to = email('target');
    let failures = 0;
    for (let c = 40; failures < L.maxFailuresPerAddress; c++) {
      await send(`127.0.0.${c}`, to);
      for (let i = 0; i < L.maxGuessesPerCode && failures < L.maxFailuresPerAddress; i++, failures++) {
        expect((await guess(`127.0.0.${c}`, to, wrongFor(stack.mailbox(to)!.code))).status).toBe(403);
      }
    }
    // A client that guessed wrong for the address, with the right code: refused.
    await send('127.0.0.41', to);
    expect(await guess('127.0.0.41', to, stack.mailbox(to)!.code)).toEqual({ status: 429, code: 'over_request_rate_limit' });
    // The owner, who never guessed wrong: signs in with the newest code.
    expect((await guess('127.0.0.1', to, stack.mailbox(to)!.code)).status).toBe(200);
  });
});
