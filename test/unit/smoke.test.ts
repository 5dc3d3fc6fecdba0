import { expect, test } from 'vitest';
test('node is 24', () => {
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
});
