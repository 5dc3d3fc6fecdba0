// The audit chain recomputed outside the database (its agreement with PostgreSQL's own digest on
// every real row is tested in test/db/audit.test.ts), and the receipt check for closed rounds.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditRowDigest, auditTimestamp, checkRoundReceipts, receiptHash, verifyAuditChain, type AuditRow } from '../../src/lib/panel/audit.ts';

describe('auditTimestamp', () => {
  test.each([
    ['2026-11-23T16:05:01.123456+00:00', '2026-11-23T16:05:01.123456Z'],
    ['2026-11-23T16:05:01.1+00:00', '2026-11-23T16:05:01.100000Z'],
    ['2026-11-23T16:05:01+00:00', '2026-11-23T16:05:01.000000Z'],
    ['2026-11-24T00:05:01.000789+08:00', '2026-11-23T16:05:01.000789Z'],
    ['2026-11-23 10:35:01.5-05:30', '2026-11-23T16:05:01.500000Z'],
    ['2026-11-23T16:05:01.123456Z', '2026-11-23T16:05:01.123456Z'],
    ['2026-11-24 01:05:01+09', '2026-11-23T16:05:01.000000Z'],
  ])('%s → %s', (input, want) => expect(auditTimestamp(input)).toBe(want));

  test('refuses what it cannot read exactly', () => {
    expect(() => auditTimestamp('23/11/2026 16:05')).toThrow('unreadable audit timestamp: 23/11/2026 16:05');
    expect(() => auditTimestamp('2026-11-23T16:05:01.1234567Z')).toThrow(/unreadable/);
  });
});

/** A valid chain built the way the database trigger builds it. */
function chain(entries: { action: string; subject?: string; detail: object }[]): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = '0'.repeat(64);
  entries.forEach((e, i) => {
    const row = { seq: i + 1, at: `2026-11-23T16:00:0${i}.5+00:00`, actor: null, action: e.action, subject: e.subject ?? null, detail: JSON.stringify(e.detail), prev_hash: prev };
    prev = auditRowDigest(row);
    rows.push({ ...row, hash: prev });
  });
  return rows;
}

describe('verifyAuditChain', () => {
  test('the digest is sha256 over the fields the migration names, in its order', () => {
    const row = { seq: 1, at: '2026-11-23T16:00:00+00:00', actor: 'a0000000-0000-4000-8000-000000000001', action: 'round.created', subject: 'round:x', detail: '{"k": 2}', prev_hash: '0'.repeat(64) };
    const text = `${'0'.repeat(64)}|1|2026-11-23T16:00:00.000000Z|a0000000-0000-4000-8000-000000000001|round.created|round:x|{"k": 2}`;
    expect(auditRowDigest(row)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  const rows = chain([
    { action: 'draw.recorded', detail: { n: 1 } },
    { action: 'round.created', subject: 'round:r', detail: {} },
    { action: 'ballot.receipt', subject: 'round:r', detail: { receipt_sha256: 'h' } },
  ]);

  test('an intact chain passes, in any order it is read', () => {
    expect(verifyAuditChain([...rows].reverse())).toEqual({ ok: true, rowsChecked: 3, lastHash: rows[2]!.hash });
    expect(verifyAuditChain([])).toEqual({ ok: true, rowsChecked: 0, lastHash: '0'.repeat(64) });
  });

  test('a changed field, a missing row, a relinked row are each found at their seq', () => {
    const changed = rows.map((r) => (r.seq === 2 ? { ...r, detail: '{"x": 1}' } : r));
    expect(verifyAuditChain(changed)).toEqual({ ok: false, rowsChecked: 1, firstBadSeq: 2, reason: 'hash does not match the row’s content (the row was changed)' });
    expect(verifyAuditChain([rows[0]!, rows[2]!])).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'expected seq 2, found 3 (a row is missing)' });
    // Rewriting row 2 consistently still breaks the link from row 3.
    const forged = { ...rows[1]!, detail: '{"x": 1}' };
    forged.hash = auditRowDigest(forged);
    expect(verifyAuditChain([rows[0]!, forged, rows[2]!])).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'prev_hash does not match the previous row’s hash' });
  });
});

describe('checkRoundReceipts', () => {
  const h = receiptHash;
  const rows = chain([
    { action: 'round.created', subject: 'round:r', detail: {} },
    { action: 'ballot.receipt', subject: 'round:r', detail: { receipt_sha256: h('AAAAAAAAAA') } },
    { action: 'ballot.receipt', subject: 'round:r', detail: { receipt_sha256: h('BBBBBBBBBB'), replaces_sha256: h('AAAAAAAAAA') } },
    { action: 'ballot.receipt', subject: 'round:r', detail: { receipt_sha256: h('CCCCCCCCCC') } },
    { action: 'ballot.receipt', subject: 'round:other', detail: { receipt_sha256: h('DDDDDDDDDD') } },
    { action: 'ballot.receipt', subject: 'round:r', detail: { receipt_sha256: h('EEEEEEEEEE') } },
    { action: 'ballot.withdrawn', subject: 'round:r', detail: { receipt_sha256: h('EEEEEEEEEE') } },
  ]);

  test('the published list must be the issued receipts, minus replaced and withdrawn', () => {
    expect(checkRoundReceipts(rows, 'r', ['BBBBBBBBBB', 'CCCCCCCCCC'])).toEqual({
      ok: true, issued: 4, replaced: 1, withdrawn: 1, standing: 2, missing: [], unexpected: [],
    });
  });

  test('dropped, replaced, withdrawn, foreign, unknown and doubled receipts are each caught', () => {
    expect(checkRoundReceipts(rows, 'r', ['CCCCCCCCCC'])).toMatchObject({ ok: false, missing: [h('BBBBBBBBBB')], unexpected: [] });
    expect(checkRoundReceipts(rows, 'r', ['AAAAAAAAAA', 'BBBBBBBBBB', 'CCCCCCCCCC'])).toMatchObject({ ok: false, unexpected: ['AAAAAAAAAA'] });
    expect(checkRoundReceipts(rows, 'r', ['BBBBBBBBBB', 'CCCCCCCCCC', 'EEEEEEEEEE'])).toMatchObject({ ok: false, unexpected: ['EEEEEEEEEE'] });
    expect(checkRoundReceipts(rows, 'r', ['BBBBBBBBBB', 'CCCCCCCCCC', 'DDDDDDDDDD'])).toMatchObject({ ok: false, unexpected: ['DDDDDDDDDD'] });
    expect(checkRoundReceipts(rows, 'r', ['BBBBBBBBBB', 'CCCCCCCCCC', 'ZZZZZZZZZZ'])).toMatchObject({ ok: false, unexpected: ['ZZZZZZZZZZ'] });
    expect(checkRoundReceipts(rows, 'r', ['BBBBBBBBBB', 'CCCCCCCCCC', 'CCCCCCCCCC'])).toMatchObject({ ok: false, missing: [], unexpected: [] });
  });
});
