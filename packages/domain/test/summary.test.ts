// The leadership summary's pure helpers: tỷ đồng formatting, comparisons with the same period last
// year, metrics met and at risk, and the ranking. Expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  atRiskMetrics,
  compareFigure,
  compareRank,
  describeChangePercentVi,
  describeGapVi,
  describePaceVi,
  describePointsVi,
  formatViBillionDong,
  metCount,
  metCountLabelVi,
  metLabelVi,
  onTrackLabelVi,
  rankOf,
  type MetricProgress,
  type UnitMetric,
} from '../src/index.js';

describe('formatViBillionDong: đồng as tỷ đồng, one decimal, exact from bigint', () => {
  it.each([
    [1_234_549_999_999n, '1.234,5 tỷ đồng'], // 1 234.549 999 999 tỷ
    [1_234_550_000_000n, '1.234,6 tỷ đồng'], // exactly half: away from zero
    [50_000_000n, '0,1 tỷ đồng'],
    [49_999_999n, '0,0 tỷ đồng'],
    [0n, '0,0 tỷ đồng'],
    [-50_000_000n, '-0,1 tỷ đồng'],
    [-49_999_999n, '0,0 tỷ đồng'], // never "-0,0"
    [2_700_000_000n, '2,7 tỷ đồng'],
    // Beyond 2^53 đồng: 12 345 678 901.234 567 89 tỷ.
    [12_345_678_901_234_567_890n, '12.345.678.901,2 tỷ đồng'],
  ])('%s → %s', (value, text) => {
    expect(formatViBillionDong(value)).toBe(text);
  });

  it('takes other decimals', () => {
    expect(formatViBillionDong(1_234_567_890n, 2)).toBe('1,23 tỷ đồng');
    expect(formatViBillionDong(1_500_000_000n, 0)).toBe('2 tỷ đồng');
    expect(() => formatViBillionDong(1n, 10)).toThrow(RangeError);
  });
});

describe('compareFigure: counts and money relatively, in percent', () => {
  it('is (value − last year) ÷ last year × 100, two decimals', () => {
    expect(compareFigure(3n, 1n).changePercent).toBe(20_000n); // +200.00 %
    expect(compareFigure(2_700n, 1_300n).changePercent).toBe(10_769n); // 1400/1300 = 107.692…
    expect(compareFigure(1n, 3n).changePercent).toBe(-6_667n); // −66.666…
  });
  it('is null without a base', () => {
    expect(compareFigure(5n, 0n).changePercent).toBeNull();
    expect(compareFigure(null, 3n).changePercent).toBeNull();
    expect(compareFigure(3n, null).changePercent).toBeNull();
  });
});

function metric(met: boolean | null, onTrack: boolean | null): MetricProgress {
  return {
    value: null,
    target: null,
    provisional: false,
    met,
    gapPoints: null,
    pace: null,
    vsPacePoints: null,
    forecast: null,
    onTrack,
  };
}

describe('metCount and atRiskMetrics', () => {
  const metrics: Record<UnitMetric, MetricProgress> = {
    caseRate: metric(true, false),
    moneyRate: metric(true, true),
    caseCarryOverReduction: metric(false, null),
    moneyCarryOverReduction: metric(null, false),
  };
  it('counts only met === true', () => expect(metCount({ metrics })).toBe(2));
  it('flags only onTrack === false', () =>
    expect(atRiskMetrics({ metrics })).toEqual(['caseRate', 'moneyCarryOverReduction']));
});

describe('the ranking', () => {
  it('ranks by targets met, then case rate, then money rate; ties share a rank', () => {
    const rows = [
      { metCount: 2, caseRate: 5_000n, moneyRate: 3_000n },
      { metCount: 4, caseRate: 100n, moneyRate: 100n },
      { metCount: 2, caseRate: 5_000n, moneyRate: 3_000n },
      { metCount: 2, caseRate: null, moneyRate: 9_000n },
      { metCount: 2, caseRate: 5_000n, moneyRate: 2_000n },
    ];
    expect(rankOf(rows)).toEqual([2, 1, 2, 5, 4]);
    expect(compareRank(rows[0]!, rows[2]!)).toBe(0);
  });
  it('puts an unknown money rate last among equals', () => {
    expect(
      rankOf([
        { metCount: 0, caseRate: 1n, moneyRate: null },
        { metCount: 0, caseRate: 1n, moneyRate: 0n },
      ]),
    ).toEqual([2, 1]);
  });
});

describe('the summary in words', () => {
  it('says points, percent, pace and gap in Vietnamese', () => {
    expect(describePointsVi(1_250n)).toBe('tăng 12,50 điểm');
    expect(describePointsVi(-149n)).toBe('giảm 1,49 điểm');
    expect(describePointsVi(0n)).toBe('không đổi');
    expect(describePointsVi(null)).toBe('–');
    expect(describeChangePercentVi(10_769n)).toBe('tăng 107,69 %');
    expect(describeChangePercentVi(-6_667n)).toBe('giảm 66,67 %');
    expect(describePaceVi(750n)).toBe('vượt tiến độ 7,50 điểm');
    expect(describePaceVi(-200n)).toBe('chậm tiến độ 2,00 điểm');
    expect(describePaceVi(0n)).toBe('đúng tiến độ');
    expect(describeGapVi(-250n)).toBe('còn thiếu 2,50 điểm so với chỉ tiêu');
    expect(describeGapVi(462n)).toBe('vượt chỉ tiêu 4,62 điểm');
    expect(describeGapVi(0n)).toBe('bằng chỉ tiêu');
    expect([metLabelVi(true), metLabelVi(false), metLabelVi(null)]).toEqual([
      'Đạt',
      'Chưa đạt',
      'Chưa đánh giá',
    ]);
    expect(onTrackLabelVi(false)).toBe('Dự báo không đạt');
    expect([metCountLabelVi(4), metCountLabelVi(2)]).toEqual([
      'Đạt cả 4 chỉ tiêu',
      'Đạt 2/4 chỉ tiêu',
    ]);
  });
});
