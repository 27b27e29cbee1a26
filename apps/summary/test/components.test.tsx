import { describe, expect, it } from 'vitest';
import { segments, yMaxOf } from '../src/components/RateChart.js';
import { sortRows } from '../src/components/SummaryTable.js';
import { money, points, change, gap, pace, periodLabel } from '../src/format.js';

type Row = Parameters<typeof sortRows>[0][number];

function row(code: string, rank: number, metCount: number, caseRate: string | null): Row {
  const cell = (value: string | null) => ({
    value,
    target: null,
    provisional: false,
    met: null,
    gapPoints: null,
    forecast: null,
    onTrack: null,
  });
  return {
    unit: code,
    scope: 'total',
    officer: null,
    code,
    name: `Chi cục ${code}`,
    rank,
    metrics: {
      caseRate: cell(caseRate),
      moneyRate: cell(null),
      caseCarryOverReduction: cell(null),
      moneyCarryOverReduction: cell(null),
    },
    metCount,
    allFour: metCount === 4,
    atRisk: [],
  };
}

describe('the table sorts', () => {
  const rows = [row('C', 3, 1, '50.00'), row('A', 1, 4, '10.00'), row('B', 2, 2, null)];
  const codes = (key: Parameters<typeof sortRows>[1], reversed = false) =>
    sortRows(rows, key, reversed).map((r) => r.code);
  it('by rank, name, met count, and a metric from the best with unknown values last', () => {
    expect(codes('rank')).toEqual(['A', 'B', 'C']);
    expect(codes('rank', true)).toEqual(['C', 'B', 'A']);
    expect(codes('name')).toEqual(['A', 'B', 'C']);
    expect(codes('metCount')).toEqual(['A', 'B', 'C']);
    expect(codes('caseRate')).toEqual(['C', 'A', 'B']);
  });
});

describe('the chart', () => {
  const curve = {
    target: '40.00',
    provisional: false,
    points: [1, 2, 3].map((m) => ({
      month: m,
      calendar: `${m + 9}/2016`,
      thisYear: m <= 2 ? '10.00' : null,
      lastYear: m === 2 ? null : '20.00',
      pace: '3.33',
    })),
  };
  it('scales in four steps of 5, 10, 20 or 25, with 5 points above the data, 100 at most', () => {
    expect(yMaxOf(curve)).toBe(80); // 40 + 5 > 40 (4 × 10): four steps of 20
    expect(yMaxOf({ ...curve, target: '14.00' })).toBe(40); // 20 + 5 > 20: steps of 10
    expect(yMaxOf({ ...curve, target: '99.00' })).toBe(100);
    expect(yMaxOf({ ...curve, target: null, points: [] })).toBe(20);
  });
  it('breaks a line where a value is missing', () => {
    const x = (m: number) => m * 10;
    const y = (v: number) => v;
    expect(segments(curve.points, 'thisYear', x, y)).toEqual(['10.0,10.0 20.0,10.0']);
    expect(segments(curve.points, 'lastYear', x, y)).toEqual(['10.0,20.0', '30.0,20.0']);
  });
});

describe('the summary prints vi-VN', () => {
  it('money in tỷ đồng from digits, differences in words', () => {
    expect(money('1234549999999')).toBe('1.234,5 tỷ đồng');
    expect(money(null)).toBe('–');
    expect(points('-1.49')).toBe('giảm 1,49 điểm');
    expect(change('107.69')).toBe('tăng 107,69 %');
    expect(gap('-2.50')).toBe('còn thiếu 2,50 điểm so với chỉ tiêu');
    expect(pace('7.50')).toBe('vượt tiến độ 7,50 điểm');
    expect(periodLabel(2017, 9)).toBe('9 tháng năm 2017 (đến 06/2017)');
  });
});
