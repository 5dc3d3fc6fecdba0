// The panel islands' session: the lazily created Supabase client and the email-code sign-in.
// Its fields are private; components read them through getters and change them only through the
// methods below. The client (supabase-js's Auth and PostgREST clients) is loaded by a dynamic
// import after hydration, so nothing touches Supabase during prerender.
import type { PanelClient } from '../lib/supabase.ts';
import { classifyError, type ErrorKind } from '../lib/panel/api.ts';
import { isLoopbackUrl } from '../lib/panel/loopback.ts';

export type SessionPhase = 'loading' | 'not-configured' | 'signed-out' | 'signed-in';

export class PanelSession {
  #phase: SessionPhase = $state('loading');
  #email = $state('');
  #code = $state('');
  #codeSent = $state(false);
  #userEmail = $state('');
  #userId = $state('');
  #busy = $state(false);
  #error: ErrorKind | null = $state(null);
  #notice = $state('');
  #mailboxUrl = $state('');
  #interacted = $state(false);
  #client: PanelClient | null = null;

  get phase() { return this.#phase; }
  get email() { return this.#email; }
  get code() { return this.#code; }
  get codeSent() { return this.#codeSent; }
  get userEmail() { return this.#userEmail; }
  get userId() { return this.#userId; }
  get busy() { return this.#busy; }
  get error() { return this.#error; }
  get notice() { return this.#notice; }
  /** Dev mailbox URL when the API is on this machine; never shown for a remote project. */
  get mailboxUrl() { return this.#mailboxUrl; }
  /** True after the first user action: from then on, step changes move focus. */
  get interacted() { return this.#interacted; }
  /** The API client (after init, when configured). */
  get client(): PanelClient {
    if (!this.#client) throw new Error('the panel session is not initialised');
    return this.#client;
  }

  setEmail(v: string) { this.#email = v; }
  setCode(v: string) { this.#code = v; }
  /** The person did something: later step changes move focus. */
  touch() { this.#interacted = true; }
  fail(kind: ErrorKind | null) { this.#error = kind; }

  async init(): Promise<void> {
    const { getSupabase, supabaseConfig } = await import('../lib/supabase.ts');
    this.#client = getSupabase();
    if (!this.#client) {
      this.#phase = 'not-configured';
      return;
    }
    const url = supabaseConfig()?.url ?? '';
    if (isLoopbackUrl(url)) this.#mailboxUrl = `${url.replace(/\/$/, '')}/mailbox`;
    // Reads the stored session from localStorage: works offline too.
    const { data } = await this.#client.auth.getSession();
    const user = data.session?.user;
    if (user) this.#signedIn(user.email ?? '', user.id);
    else this.#phase = 'signed-out';
  }

  #signedIn(email: string, id: string) {
    this.#userEmail = email;
    this.#userId = id;
    this.#phase = 'signed-in';
  }

  /** Runs `fn` with busy/error bookkeeping; returns its result, or undefined on failure (the error is kept). */
  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.#interacted = true;
    this.#busy = true;
    this.#error = null;
    try {
      return await fn();
    } catch (e) {
      this.#error = classifyError(e);
      if (this.#error === 'sessionExpired') await this.forget();
      return undefined;
    } finally {
      this.#busy = false;
    }
  }

  async sendCode(): Promise<boolean> {
    this.#interacted = true;
    const email = this.#email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.#error = 'emailInvalid';
      return false;
    }
    const ok = await this.run(async () => {
      const { error } = await this.client.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
      if (error) throw error;
      return true;
    });
    if (ok) {
      this.#codeSent = true;
      this.#code = '';
    }
    return !!ok;
  }

  async resend(message: string): Promise<void> {
    if (await this.sendCode()) this.#notice = message;
  }

  async verify(): Promise<boolean> {
    this.#interacted = true;
    const token = this.#code.replace(/\s+/g, '');
    if (!/^\d{6,10}$/.test(token)) {
      this.#error = 'codeInvalid';
      return false;
    }
    const user = await this.run(async () => {
      const { data, error } = await this.client.auth.verifyOtp({ email: this.#email.trim(), token, type: 'email' });
      if (error) throw error;
      return data.user;
    });
    if (!user) return false;
    this.#code = '';
    this.#codeSent = false;
    this.#notice = '';
    this.#signedIn(user.email ?? this.#email.trim(), user.id);
    return true;
  }

  restart(): void {
    this.#codeSent = false;
    this.#code = '';
    this.#error = null;
    this.#notice = '';
  }

  /** Drops the local session (also when the server cannot be reached). */
  async forget(): Promise<void> {
    try {
      await this.#client?.auth.signOut({ scope: 'local' });
    } catch {
      /* offline: the local session is removed anyway */
    }
    this.#userEmail = '';
    this.#userId = '';
    this.#phase = 'signed-out';
  }

  async signOut(): Promise<void> {
    this.#busy = true;
    await this.forget();
    this.#busy = false;
  }
}

/**
 * Moves keyboard and screen-reader focus to a step heading when it appears because of
 * something the person did (not on the first render after page load).
 */
export function focusOnMount(node: HTMLElement, enabled: boolean): void {
  if (enabled) queueMicrotask(() => node.focus());
}
