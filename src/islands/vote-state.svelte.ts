// State of the voting island: the rounds the member may vote in (one ballot form each), the
// member's seats (to say when a seat still needs confirming) and every receipt the member was
// given, counted or void. Private fields; changed only through the methods below.
import * as api from '../lib/panel/api.ts';
import { validateBallot, type BallotIssue } from '../lib/panel/ballot.ts';
import type { Say } from '../lib/panel/say.ts';
import type { PanelSession } from './panel-state.svelte.ts';

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One round's ballot form. */
export class RoundBallot {
  readonly round: api.MyRound;
  #approvals: string[] = $state([]);
  #scores: Record<string, string> = $state({});
  #ballot: { choices: api.Choices; receipt: string; updated_at: string } | null = $state(null);
  #issue: BallotIssue | null = $state(null);
  #error: api.ErrorKind | null = $state(null);
  #busy = $state(false);
  #justCast = $state(false);
  /** Idempotency key of the submission in flight or last failed, reused by retries of the same choices. */
  #pendingKey: string | null = null;
  #pendingChoices = '';

  constructor(round: api.MyRound) {
    this.round = round;
    this.#scores = Object.fromEntries(round.candidates.map((id) => [id, '']));
    if (round.receipt && round.choices && round.updated_at) this.#show(round.choices, round.receipt, round.updated_at);
  }

  get approvals(): readonly string[] { return this.#approvals; }
  get scores(): Readonly<Record<string, string>> { return this.#scores; }
  get ballot() { return this.#ballot; }
  get issue() { return this.#issue; }
  get error() { return this.#error; }
  get busy() { return this.#busy; }
  get justCast() { return this.#justCast; }
  get open() { return Date.parse(this.round.opens_at) <= Date.now(); }

  #show(choices: api.Choices, receipt: string, updatedAt: string) {
    this.#ballot = { choices, receipt, updated_at: updatedAt };
    if (Array.isArray(choices)) this.#approvals = [...choices];
    else for (const [id, v] of Object.entries(choices)) this.#scores[id] = String(v);
  }

  toggle(id: string, on: boolean) {
    this.#approvals = on ? [...new Set([...this.#approvals, id])] : this.#approvals.filter((x) => x !== id);
  }

  setScore(id: string, value: string) {
    this.#scores = { ...this.#scores, [id]: value };
  }

  #choices(): unknown {
    if (this.round.method === 'approval') return this.round.candidates.filter((id) => this.#approvals.includes(id));
    return Object.fromEntries(Object.entries(this.#scores).filter(([, v]) => v !== '').map(([id, v]) => [id, Number(v)]));
  }

  /** Casts (or changes) the ballot; retries a network failure with the same key. Returns the receipt, or null. */
  async cast(session: PanelSession): Promise<{ receipt: string; changed: boolean } | null> {
    session.touch();
    this.#error = null;
    this.#justCast = false;
    const check = validateBallot({ method: this.round.method, maxApprovals: this.round.max_approvals, candidates: this.round.candidates }, this.#choices());
    if (!check.ok) {
      this.#issue = check.issue;
      return null;
    }
    this.#issue = null;
    const json = JSON.stringify(check.value);
    // A retry of the same choices (after a network failure) reuses the key: the database returns
    // the same receipt instead of counting twice.
    if (!this.#pendingKey || this.#pendingChoices !== json) {
      this.#pendingKey = newKey();
      this.#pendingChoices = json;
    }
    const key = this.#pendingKey;
    this.#busy = true;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const receipt = await api.castBallot(session.client, { roundId: this.round.round_id, choices: check.value, idempotencyKey: key });
          const changed = this.#ballot !== null && this.#ballot.receipt !== receipt;
          this.#pendingKey = null;
          this.#show(check.value, receipt, new Date().toISOString());
          this.#justCast = true;
          return { receipt, changed };
        } catch (e) {
          const kind = api.classifyError(e);
          if (kind !== 'network' || attempt >= 2) {
            this.#error = kind;
            if (kind === 'sessionExpired') await session.forget();
            return null;
          }
          await sleep(400 * 2 ** attempt);
        }
      }
    } finally {
      this.#busy = false;
    }
  }
}

export class VoteState {
  #rounds: RoundBallot[] = $state([]);
  #receipts: api.MyReceipt[] = $state([]);
  #panel: api.MyPanel | null = $state(null);
  #loaded = $state(false);
  #loadError: api.ErrorKind | null = $state(null);
  #status = $state('');
  #loadedFor = '';
  readonly #session: PanelSession;
  readonly #say: Say;

  constructor(session: PanelSession, say: Say) {
    this.#session = session;
    this.#say = say;
  }

  get rounds(): readonly RoundBallot[] { return this.#rounds; }
  get receipts(): readonly api.MyReceipt[] { return this.#receipts; }
  get loaded() { return this.#loaded; }
  get loadError() { return this.#loadError; }
  get status() { return this.#status; }
  /** A seat drawn but not confirmed yet (voting needs the confirmation first). */
  get unconfirmedSeat() { return this.#panel?.seats.find((s) => s.status === 'selected'); }

  async loadFor(userId: string) {
    if (!userId || this.#loadedFor === userId) return;
    this.#loadedFor = userId;
    await this.reload();
  }

  async reload() {
    this.#loadError = null;
    this.#loaded = false;
    try {
      const c = this.#session.client;
      const [rounds, receipts, panel] = await Promise.all([api.myRounds(c), api.myReceipts(c), api.myPanel(c)]);
      this.#rounds = rounds.map((r) => new RoundBallot(r));
      this.#receipts = receipts;
      this.#panel = panel;
      this.#loaded = true;
    } catch (e) {
      this.#loadError = api.classifyError(e);
      if (this.#loadError === 'sessionExpired') this.signedOut();
    }
  }

  signedOut() {
    this.#loadedFor = '';
    this.#rounds = [];
    this.#receipts = [];
    if (this.#session.phase === 'signed-in') void this.#session.forget();
  }

  async cast(rb: RoundBallot) {
    const r = await rb.cast(this.#session);
    if (!r) return;
    this.#status = this.#say.t(r.changed ? 'vote.changedDone' : 'vote.castDone', { receipt: r.receipt });
    // The receipts list shows the new one counted and the old one void.
    try {
      this.#receipts = await api.myReceipts(this.#session.client);
    } catch {
      /* the list refreshes on the next load */
    }
  }
}
