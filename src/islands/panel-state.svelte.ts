// Shared state of the panel islands: the lazily created Supabase client and the email-code
// sign-in. The client (supabase-js's Auth and PostgREST clients, ~28 KB gzip) is loaded by a
// dynamic import after hydration, so nothing touches Supabase during prerender.
import type { PanelClient } from '../lib/supabase.ts';
import { classifyError, type ErrorKind } from '../lib/panel/errors.ts';
import { isLoopbackUrl } from '../lib/panel/messages.ts';

export type SessionPhase = 'loading' | 'not-configured' | 'signed-out' | 'signed-in';

export class PanelSession {
  phase: SessionPhase = $state('loading');
  email = $state('');
  code = $state('');
  codeSent = $state(false);
  userEmail = $state('');
  userId = $state('');
  busy = $state(false);
  error: ErrorKind | null = $state(null);
  notice = $state('');
  /** Dev mailbox URL when the API is on this machine; never shown for a remote project. */
  mailboxUrl = $state('');
  client: PanelClient | null = null;
  /** True after the first user action: from then on, step changes move focus. */
  interacted = $state(false);

  async init(): Promise<void> {
    const { getSupabase, supabaseConfig } = await import('../lib/supabase.ts');
    this.client = getSupabase();
    if (!this.client) {
      this.phase = 'not-configured';
      return;
    }
    const url = supabaseConfig()?.url ?? '';
    if (isLoopbackUrl(url)) this.mailboxUrl = `${url.replace(/\/$/, '')}/mailbox`;
    // Reads the stored session from localStorage: works offline too.
    const { data } = await this.client.auth.getSession();
    const user = data.session?.user;
    if (user) {
      this.userEmail = user.email ?? '';
      this.userId = user.id;
      this.phase = 'signed-in';
    } else {
      this.phase = 'signed-out';
    }
  }

  /** Runs `fn` with busy/error bookkeeping; returns its result or undefined on failure. */
  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.interacted = true;
    this.busy = true;
    this.error = null;
    try {
      return await fn();
    } catch (e) {
      this.error = classifyError(e);
      if (this.error === 'sessionExpired') await this.forget();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async sendCode(): Promise<boolean> {
    const email = this.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.error = 'emailInvalid';
      return false;
    }
    const ok = await this.run(async () => {
      const { error } = await this.client!.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
      if (error) throw error;
      return true;
    });
    if (ok) {
      this.codeSent = true;
      this.code = '';
    }
    return !!ok;
  }

  async verify(): Promise<boolean> {
    const token = this.code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(token)) {
      this.error = 'codeInvalid';
      return false;
    }
    const user = await this.run(async () => {
      const { data, error } = await this.client!.auth.verifyOtp({ email: this.email.trim(), token, type: 'email' });
      if (error) throw error;
      return data.user;
    });
    if (!user) return false;
    this.userEmail = user.email ?? this.email.trim();
    this.userId = user.id;
    this.code = '';
    this.codeSent = false;
    this.phase = 'signed-in';
    return true;
  }

  restart(): void {
    this.codeSent = false;
    this.code = '';
    this.error = null;
  }

  /** Drops the local session (also when the server cannot be reached). */
  async forget(): Promise<void> {
    try {
      await this.client?.auth.signOut({ scope: 'local' });
    } catch {
      /* offline: the local session is removed anyway */
    }
    this.userEmail = '';
    this.userId = '';
    this.phase = 'signed-out';
  }

  async signOut(): Promise<void> {
    this.busy = true;
    await this.forget();
    this.busy = false;
  }
}

/**
 * Moves keyboard and screen-reader focus to a step heading when it appears because of
 * something the person did (not on the first render after page load).
 */
export function focusOnMount(node: HTMLElement, enabled: boolean): void {
  if (enabled) queueMicrotask(() => node.focus());
}
