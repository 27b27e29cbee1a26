import { describe, expect, it } from 'vitest';
import {
  flattenUnitTree,
  formatCount,
  formatMoney,
  formatRate,
  monthLabelVi,
  workingPeriodOf,
} from '../src/format.js';

describe('vi-VN formatting', () => {
  it('groups thousands with dots, money with đ, keeps đồng past 2^53', () => {
    expect(formatCount(1234)).toBe('1.234');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('–');
    expect(formatMoney('1234567')).toBe('1.234.567 đ');
    expect(formatMoney('2700')).toBe('2.700 đ');
    expect(formatMoney('-123')).toBe('-123 đ');
    expect(formatMoney('9007199254740993')).toBe('9.007.199.254.740.993 đ');
    expect(formatMoney(null)).toBe('–');
    expect(() => formatMoney('12.5')).toThrow(RangeError);
  });

  it('writes rates with a decimal comma', () => {
    expect(formatRate('34.50')).toBe('34,50 %');
    expect(formatRate('-59.26')).toBe('-59,26 %');
    expect(formatRate(null)).toBe('–');
  });

  it('names months of the working year by how many months they cover', () => {
    expect(monthLabelVi(2018, 5)).toBe('5 tháng (đến 02/2018)');
    expect(monthLabelVi(2018, 1)).toBe('1 tháng (đến 10/2017)');
    expect(monthLabelVi(2017, 12)).toBe('12 tháng (đến 09/2017)');
  });

  it('finds the working period of a day', () => {
    expect(workingPeriodOf(new Date(2018, 1, 15))).toEqual({ year: 2018, month: 5 });
    expect(workingPeriodOf(new Date(2017, 9, 1))).toEqual({ year: 2018, month: 1 });
    expect(workingPeriodOf(new Date(2017, 8, 30))).toEqual({ year: 2017, month: 12 });
  });

  it('flattens the unit tree parents first', () => {
    const tree = [
      {
        code: 'HN',
        name: 'Cục',
        kind: 'cuc',
        active: true,
        children: [
          { code: 'HN-BDI', name: 'Ba Đình', kind: 'quan', active: true, children: [] },
          { code: 'HN-HK', name: 'Hoàn Kiếm', kind: 'quan', active: false, children: [] },
        ],
      },
    ];
    expect(flattenUnitTree(tree)).toEqual([
      { code: 'HN', name: 'Cục', depth: 0, active: true },
      { code: 'HN-BDI', name: 'Ba Đình', depth: 1, active: true },
      { code: 'HN-HK', name: 'Hoàn Kiếm', depth: 1, active: false },
    ]);
  });
});
