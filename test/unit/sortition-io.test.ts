import { describe, expect, test } from 'vitest';
import { formatDrawRecordYaml, formatPoolCsv, formatQuotasYaml, parseDrawRecordYaml, parsePoolCsv, parseQuotasYaml } from '../../src/lib/sortition/io.ts';
import { generatePool } from '../../src/lib/sortition/synthetic.ts';
import type { DrawRecord } from '../../src/lib/sortition/schema.ts';

describe('pool CSV', () => {
  test('parses id + category columns', () => {
    expect(parsePoolCsv('id,region,gender\nA1,north,f\n\nB2,south,m\n', 'pool.csv')).toEqual([
      { id: 'A1', features: { region: 'north', gender: 'f' } },
      { id: 'B2', features: { region: 'south', gender: 'm' } },
    ]);
  });

  test('round-trips the synthetic pool', () => {
    const { pool } = generatePool(50, 's', 5);
    expect(parsePoolCsv(formatPoolCsv(pool, ['age', 'gender', 'region']), 'p.csv')).toEqual(pool);
  });

  test('errors carry file:line: field: reason', () => {
    expect(() => parsePoolCsv('name,region\nA,x\n', 'p.csv')).toThrow('p.csv:1: header: first column must be "id", found "name"');
    expect(() => parsePoolCsv('id,region\nA,x\nB\n', 'p.csv')).toThrow('p.csv:3: row: expected 2 fields, found 1');
    expect(() => parsePoolCsv('id,region,gender\nA,x,f\nB,,m\n', 'p.csv')).toThrow('p.csv:3: region: must not be empty');
    expect(() => parsePoolCsv('id,region\nA,x\nA,y\n', 'p.csv')).toThrow('p.csv:3: id: duplicate "A" (first on line 2)');
  });
});

describe('quotas YAML', () => {
  test('round-trips generated quotas', () => {
    const { quotas } = generatePool(100, 's', 10);
    expect(parseQuotasYaml(formatQuotasYaml(quotas), 'q.yaml')).toEqual(quotas);
  });

  test('reports the line of a bad field', () => {
    const text = 'gender:\n  f: { min: 1, max: 2 }\n  m: { min: 3, max: 1 }\nage:\n  young: { min: -1, max: 2 }\n';
    expect(() => parseQuotasYaml(text, 'q.yaml')).toThrow(/q\.yaml:3: gender\.m: min must be ≤ max/);
    expect(() => parseQuotasYaml(text, 'q.yaml')).toThrow(/q\.yaml:5: age\.young\.min: /);
    expect(() => parseQuotasYaml('a: [1,\n', 'q.yaml')).toThrow(/q\.yaml:\d+: yaml: /);
  });
});

describe('draw record YAML', () => {
  test('round-trips, including seeds and ids that look like numbers', () => {
    const record: DrawRecord = {
      format: 'open-results/panel-draw/v1',
      algorithm: { name: 'leximin', version: '1.0.0', solver: 'highs 1.15.1' },
      panelSize: 2,
      quotas: { g: { f: { min: 1, max: 1 }, m: { min: 1, max: 1 } } },
      poolSize: 3,
      poolCommitment: 'a'.repeat(64),
      seed: '0042',
      selectionProbability: { min: 0.5, max: 1, mean: 2 / 3 },
      baseline: { category: 'g', minProbability: 0.5 },
      distributionSize: 2,
      distributionHash: 'b'.repeat(64),
      strata: [{ category: 'g', value: 'f', pool: 2, selected: 1, min: 1, max: 1 }],
      panel: ['007', '1e3'],
      reserve: ['12'],
    };
    expect(parseDrawRecordYaml(formatDrawRecordYaml(record), 'r.yaml')).toEqual(record);
    expect(() => parseDrawRecordYaml(formatDrawRecordYaml(record).replace('a'.repeat(64), 'xyz'), 'r.yaml')).toThrow(/r\.yaml:\d+: poolCommitment: /);
  });
});
