import { describe, expect, it } from 'vitest';
import { MONEY_LINE_CODES, zeroLines } from '../src/index.js';

describe('zeroLines', () => {
  it('has every line code, in order, at 0, and a fresh object each time', () => {
    for (const measure of ['cases', 'money'] as const) {
      const lines = zeroLines(measure);
      expect(Object.keys(lines)).toEqual([...MONEY_LINE_CODES]);
      expect(Object.values(lines).every((v) => v === 0n)).toBe(true);
      expect(zeroLines(measure)).not.toBe(lines);
    }
  });
});
