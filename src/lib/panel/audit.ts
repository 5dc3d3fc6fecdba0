// Independent check of the database's hash-chained audit log (supabase/migrations/
// 20261123000200_audit_log.sql): the same digest recomputed outside PostgreSQL, so a verifier does
// not have to trust verify_audit_log() on the server it is checking. Also the receipt check for a
// closed voting round: published counted receipts = issued − replaced − withdrawn.
import { createHash } from 'node:crypto';

/** One audit_log row as read through the API (detail as PostgreSQL's jsonb text). */
export interface AuditRow {
  /** Position in the chain, from 1 without gaps. */
  seq: number;
  /** Timestamp as returned by PostgREST (any offset, 0–6 fractional digits). */
  at: string;
  /** Acting user, null for the service role and for ballot receipts. */
  actor: string | null;
  /** e.g. draw.recorded, round.created, ballot.receipt, ballot.withdrawn. */
  action: string;
  /** e.g. round:<uuid>. */
  subject: string | null;
  /** `detail::text` exactly as PostgreSQL prints the jsonb value (the digest covers that text). */
  detail: string;
  /** Hash of the previous row (64 zeros for the first). */
  prev_hash: string;
  /** sha256 over prev_hash and this row's fields. */
  hash: string;
}

const GENESIS = '0'.repeat(64);

/**
 * The timestamp as the database hashes it: UTC, microseconds, `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
 * Parsed by hand because Date keeps only milliseconds.
 */
export function auditTimestamp(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(at.trim());
  if (!m) throw new Error(`unreadable audit timestamp: ${at}`);
  const zone = m[4] === 'Z' ? 'Z' : `${m[4]!.slice(0, 3)}:${m[4]!.slice(3).replace(':', '') || '00'}`;
  const whole = new Date(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(whole.getTime())) throw new Error(`unreadable audit timestamp: ${at}`);
  return `${whole.toISOString().slice(0, 19)}.${(m[3] ?? '').padEnd(6, '0')}Z`;
}

/** public.audit_row_digest, recomputed. */
export function auditRowDigest(row: Omit<AuditRow, 'hash'>): string {
  const text = [
    row.prev_hash, String(row.seq), auditTimestamp(row.at), row.actor ?? '', row.action, row.subject ?? '', row.detail,
  ].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Outcome of walking the chain. */
export type ChainCheck =
  | { ok: true; rowsChecked: number; lastHash: string }
  | { ok: false; rowsChecked: number; firstBadSeq: number; reason: string };

/** Walk the rows in seq order: no gap, each links to the previous hash, each hash recomputes. */
export function verifyAuditChain(rows: readonly AuditRow[]): ChainCheck {
  let prev = GENESIS;
  let n = 0;
  for (const r of [...rows].sort((a, b) => a.seq - b.seq)) {
    const fail = (reason: string): ChainCheck => ({ ok: false, rowsChecked: n, firstBadSeq: r.seq, reason });
    if (r.seq !== n + 1) return fail(`expected seq ${n + 1}, found ${r.seq} (a row is missing)`);
    if (r.prev_hash !== prev) return fail('prev_hash does not match the previous row’s hash');
    if (auditRowDigest(r) !== r.hash) return fail('hash does not match the row’s content (the row was changed)');
    prev = r.hash;
    n++;
  }
  return { ok: true, rowsChecked: n, lastHash: prev };
}

/** SHA-256 of a receipt code, as the ballot triggers store it. */
export const receiptHash = (receipt: string) => createHash('sha256').update(receipt, 'utf8').digest('hex');

/** Outcome of comparing a closed round's published receipts with the receipts the log saw issued. */
export interface ReceiptCheck {
  /** True when the published list is exactly the receipts still standing in the log. */
  ok: boolean;
  /** Receipts issued (first ballots and changes). */
  issued: number;
  /** Of those, replaced by a later change. */
  replaced: number;
  /** Of those, withdrawn while the round was open. */
  withdrawn: number;
  /** Receipts that should be counted: issued − replaced − withdrawn. */
  standing: number;
  /** Hashes of standing receipts missing from the published list (dropped ballots). */
  missing: string[];
  /** Published receipts the log never saw issued, or saw replaced or withdrawn. */
  unexpected: string[];
}

/** Compare the log's receipt rows for `roundId` with the published counted receipts. */
export function checkRoundReceipts(rows: readonly AuditRow[], roundId: string, published: readonly string[]): ReceiptCheck {
  const subject = `round:${roundId}`;
  const standing = new Set<string>();
  let issued = 0;
  let replaced = 0;
  let withdrawn = 0;
  for (const r of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (r.subject !== subject) continue;
    const d = JSON.parse(r.detail) as { receipt_sha256?: string; replaces_sha256?: string };
    if (r.action === 'ballot.receipt' && d.receipt_sha256) {
      issued++;
      standing.add(d.receipt_sha256);
      if (d.replaces_sha256 && standing.delete(d.replaces_sha256)) replaced++;
    } else if (r.action === 'ballot.withdrawn' && d.receipt_sha256 && standing.delete(d.receipt_sha256)) {
      withdrawn++;
    }
  }
  const publishedHashes = new Map(published.map((p) => [receiptHash(p), p]));
  const missing = [...standing].filter((h) => !publishedHashes.has(h)).sort();
  const unexpected = [...publishedHashes].filter(([h]) => !standing.has(h)).map(([, p]) => p).sort();
  return {
    ok: missing.length === 0 && unexpected.length === 0 && publishedHashes.size === published.length,
    issued, replaced, withdrawn, standing: standing.size, missing, unexpected,
  };
}
