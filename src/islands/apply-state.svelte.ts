// State of the application island: the form (kept across reloads in this tab), the review step,
// the applicant's application and seats, and the confirmation steps of every destructive action
// (withdraw, decline a seat, delete my data), each saying what it costs before it happens.
// Private fields; changed only through the methods below.
import * as api from '../lib/panel/api.ts';
import {
  CONSENT_VERSION, emptyDraft, validateApplication, type Application, type ApplicationDraft, type ApplicationIssue,
} from '../lib/panel/application.ts';
import type { Say } from '../lib/panel/say.ts';
import type { PanelSession } from './panel-state.svelte.ts';

export type ApplyStep = 'form' | 'confirm' | 'mine' | 'withdraw' | 'decline' | 'delete' | 'deleted';
type Issues = Partial<Record<keyof ApplicationDraft, ApplicationIssue>>;

const DRAFT_KEY = 'open-results:panel-apply-draft';
const FIELDS = ['region', 'birthYear', 'gender', 'occupation', 'consent'] as const;

/** A seat that still holds something to give up (withdrawing costs it). */
export const activeSeat = (p: api.MyPanel | null) => p?.seats.find((s) => ['selected', 'confirmed', 'reserve'].includes(s.status));

export class ApplyState {
  #step: ApplyStep = $state('form');
  #draft: ApplicationDraft = $state(emptyDraft());
  #issues: Issues = $state({});
  #valid: Application | null = $state(null);
  #panel: api.MyPanel | null = $state(null);
  #status = $state('');
  #loadError: api.ErrorKind | null = $state(null);
  #loadedFor = '';
  #declining: api.Seat | null = $state(null);
  #restored = false;
  readonly #session: PanelSession;
  readonly #say: Say;

  constructor(session: PanelSession, say: Say) {
    this.#session = session;
    this.#say = say;
  }

  get step() { return this.#step; }
  get draft(): Readonly<ApplicationDraft> { return this.#draft; }
  get issues(): Readonly<Issues> { return this.#issues; }
  get valid() { return this.#valid; }
  get panel() { return this.#panel; }
  get application() { return this.#panel?.application ?? null; }
  get seats() { return this.#panel?.seats ?? []; }
  /** The live message (announced by a status region). */
  get status() { return this.#status; }
  get loadError() { return this.#loadError; }
  /** The seat whose decline awaits confirmation. */
  get declining() { return this.#declining; }

  /** What was typed before a reload (this tab only). */
  restore(storage: Storage | undefined) {
    try {
      const saved = storage?.getItem(DRAFT_KEY);
      if (saved) this.#draft = { ...emptyDraft(), ...(JSON.parse(saved) as Partial<ApplicationDraft>) };
    } catch {
      /* storage unavailable or garbled: keep the empty draft */
    }
    this.#restored = true;
  }

  /** Keeps the draft in this tab's storage (called from an effect, so every change is saved). */
  persist(storage: Storage | undefined) {
    const snapshot = JSON.stringify(this.#draft);
    if (!this.#restored) return;
    try {
      storage?.setItem(DRAFT_KEY, snapshot);
    } catch {
      /* ignore */
    }
  }

  setField<K extends keyof ApplicationDraft>(field: K, value: ApplicationDraft[K]) {
    this.#draft = { ...this.#draft, [field]: value };
  }

  /** Loads the signed-in person's application and seats, once per user. */
  async loadFor(userId: string) {
    if (!userId || this.#loadedFor === userId) return;
    this.#loadedFor = userId;
    await this.reload();
  }

  async reload() {
    this.#loadError = null;
    try {
      this.#show(await api.myPanel(this.#session.client));
    } catch (e) {
      this.#loadError = api.classifyError(e);
      if (this.#loadError === 'sessionExpired') this.signedOut();
    }
  }

  #show(p: api.MyPanel) {
    this.#panel = p;
    this.#step = p.application ? 'mine' : 'form';
  }

  signedOut() {
    this.#loadedFor = '';
    this.#panel = null;
    this.#step = 'form';
    if (this.#session.phase === 'signed-in') void this.#session.forget();
  }

  /** Validates the form; returns the id of the first invalid field to focus, or null when it moved on to review. */
  review(): string | null {
    this.#session.touch();
    const r = validateApplication($state.snapshot(this.#draft));
    if (r.ok) {
      this.#issues = {};
      this.#valid = r.value;
      this.#step = 'confirm';
      return null;
    }
    this.#issues = r.issues;
    this.#valid = null;
    return `apply-${FIELDS.find((f) => r.issues[f])}`;
  }

  async submit(storage: Storage | undefined) {
    const a = this.#valid;
    if (!a) return;
    const p = await this.#session.run(() =>
      api.submitApplication(this.#session.client, { region: a.region, birthYear: a.birthYear, gender: a.gender, consentVersion: a.consentVersion, occupation: a.occupation ?? null }),
    );
    if (!p) return;
    this.#status = this.#say.t('apply.submitted');
    try {
      storage?.removeItem(DRAFT_KEY);
    } catch {
      /* ignore */
    }
    this.#show(p);
  }

  /** Back to the form; from "my application", filled with it (consent asked again). */
  edit(fromApplication: boolean) {
    this.#session.touch();
    this.#session.fail(null);
    const m = this.application;
    if (fromApplication && m) {
      this.#draft = { region: m.region, birthYear: String(m.birth_year), gender: m.gender, occupation: m.occupation ?? '', consent: false };
    }
    this.#step = 'form';
  }

  /** Opens a confirmation step (withdraw, delete) or goes back to "my application". */
  ask(step: 'withdraw' | 'delete' | 'mine') {
    this.#session.touch();
    this.#session.fail(null);
    this.#step = step;
  }

  askDecline(seat: api.Seat) {
    this.#declining = seat;
    this.ask('mine');
    this.#step = 'decline';
  }

  async withdraw() {
    const p = await this.#session.run(() => api.withdrawApplication(this.#session.client));
    if (!p) return;
    this.#status = this.#say.t('apply.withdrawn');
    this.#show(p);
  }

  async confirmSeat(drawId: string) {
    const p = await this.#session.run(() => api.confirmSeat(this.#session.client, drawId));
    if (!p) return;
    this.#status = this.#say.t('seat.confirmed');
    this.#show(p);
  }

  async decline() {
    const seat = this.#declining;
    if (!seat) return;
    const p = await this.#session.run(() => api.declineSeat(this.#session.client, seat.draw_id));
    if (!p) return;
    this.#declining = null;
    this.#status = this.#say.t('seat.declined');
    this.#show(p);
  }

  async deleteData() {
    const done = await this.#session.run(() => api.deleteMyData(this.#session.client));
    if (!done) return;
    this.#panel = null;
    this.#draft = emptyDraft();
    await this.#session.forget();
    this.#loadedFor = '';
    this.#step = 'deleted';
    this.#status = this.#say.t('apply.deleted');
  }
}

export { CONSENT_VERSION };
