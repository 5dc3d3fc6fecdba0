// The staff import: spreadsheet exports with Chinese headers, names instead of ids, a BOM and
// CRLF become canonical content files; errors point at the spreadsheet's own rows.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { convertSheet } from '../../src/lib/content/importSheet.ts';
import { loadContent } from '../../src/lib/load.ts';
import { fixtureCopy, MINIMAL, remove } from '../helpers/fixtures.ts';

const node = join(process.cwd(), 'node_modules', '.bin', 'node');
const sheet = (rows: string[]) => Buffer.from('\uFEFF' + rows.join('\r\n') + '\r\n');
const zhSheet = sheet([
  '機關,名次,總分,等第,加分,主要政策,監管革新,政策溝通,備註',
  '甲部,1,92.50,S,2.5,90,90,90,',
  '',
  'Agency B,2,81.50,A,1.0,80,85,75,',
  'ministry-c,3,70.00,B,0,70,70,70,<i>保留</i>',
]);

describe('convertSheet', () => {
  const ds = loadContent(MINIMAL).dataset;
  test('maps zh-Hant headers, body names, BOM and CRLF to the canonical CSV', () => {
    const c = convertSheet('sheet.csv', zhSheet, { kind: 'results', key: 'specific-2023' }, ds);
    expect(c.problems).toEqual([]);
    expect(c.csv).toBe(
      'body,rank,total,grade,bonus,major-policy,regulatory-innovation,policy-communication,remarks\n' +
        'ministry-a,1,92.50,S,2.5,90,90,90,\nagency-b,2,81.50,A,1.0,80,85,75,\nministry-c,3,70.00,B,0,70,70,70,<i>保留</i>\n',
    );
    // Output row 3 (agency-b) came from spreadsheet row 4 (after a blank row).
    expect(c.rowMap.get(3)).toBe(4);
  });
  test('ratings written in Chinese become rating ids', () => {
    const c = convertSheet('r.csv', sheet(['計畫,預算,業務計畫的妥適性,執行效率,成果,卓越績效,回饋與改善力度,總分,評等,次年預算', '公共住宅推動計畫,1000,9,28,36,9,9,91,有效,1050']), { kind: 'program-ratings', key: '2023' }, ds);
    expect(c.problems).toEqual([]);
    expect(c.csv!.split('\n')[1]).toBe('ministry-a-housing,1000,9,28,36,9,9,91,effective,1050');
  });
  test('an unknown header is named with the accepted names', () => {
    const c = convertSheet('sheet.csv', sheet(['機關,分數', '甲部,1']), { kind: 'results', key: 'specific-2023' }, ds);
    expect(c.problems[0]).toMatchObject({ file: 'sheet.csv', line: 1, field: '分數' });
    expect(c.problems[0]!.reason).toContain('total (總分/合計)');
  });
  test('a Big5 export is refused with how to re-export', () => {
    const c = convertSheet('sheet.csv', Buffer.from([0xbe, 0xf7, 0xc3, 0xf6, 0x0a]), { kind: 'results', key: 'specific-2023' }, ds);
    expect(c.problems).toEqual([{ file: 'sheet.csv', line: 1, field: 'file', reason: 'is not valid UTF-8: in Excel choose "CSV UTF-8", in LibreOffice choose character set "Unicode (UTF-8)"' }]);
  });
});

describe('npm run import', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(node, ['scripts/staff/import.ts', ...args, '--content', dir], { encoding: 'utf8' });

  test('dry run validates and writes nothing; a real run writes the canonical file', () => {
    dir = fixtureCopy([remove('results/specific-2023.csv')]);
    writeFileSync(join(dir, 'sheet.csv'), zhSheet);
    const dry = run('results', join(dir, 'sheet.csv'), '--cycle', 'specific-2023', '--dry-run');
    expect(dry.status).toBe(0);
    expect(existsSync(join(dir, 'results/specific-2023.csv'))).toBe(false);
    const real = run('results', join(dir, 'sheet.csv'), '--cycle', 'specific-2023');
    expect(real.status).toBe(0);
    expect(readFileSync(join(dir, 'results/specific-2023.csv'), 'utf8')).toContain('agency-b,2,81.50,A');
    expect(loadContent(dir).problems).toEqual([]);
  });

  test('a bad row is reported at its spreadsheet row and the published file is untouched', () => {
    dir = fixtureCopy();
    const before = readFileSync(join(dir, 'results/specific-2023.csv'), 'utf8');
    writeFileSync(join(dir, 'sheet.csv'), Buffer.from(zhSheet.toString().replace('81.50', '81.90')));
    const r = run('results', join(dir, 'sheet.csv'), '--cycle', 'specific-2023');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sheet\.csv:4: total: expected 81\.50 .* got 81\.9\n/);
    expect(r.stderr).toContain('nothing was written');
    expect(readFileSync(join(dir, 'results/specific-2023.csv'), 'utf8')).toBe(before);
  });
});
