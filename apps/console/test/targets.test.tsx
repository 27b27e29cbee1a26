// The targets pages' formatting and the progress table, rendered to HTML without a browser.
import type { ProgressJson } from '@thads/domain';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  calendarMonthVi,
  formatGap,
  formatMetricValue,
  formatVsPace,
  integerInput,
  percentInput,
} from '../src/pages/targets/format.js';
import { ProgressTable } from '../src/pages/targets/index.js';

describe('targets formatting (vi-VN)', () => {
  it('reads what users type', () => {
    expect(percentInput(' 72,5 % ')).toBe('72.5');
    expect(percentInput('70')).toBe('70');
    expect(percentInput('')).toBeNull();
    expect(integerInput('1.500.000')).toBe('1500000');
    expect(integerInput('1 500 000')).toBe('1500000');
    expect(integerInput(' ')).toBeNull();
  });

  it('prints values, gaps and pace', () => {
    expect(formatMetricValue('caseRate', '34.50')).toBe('34,50 %');
    expect(formatMetricValue('moneyCompleted', '1234567')).toBe('1.234.567 đ');
    // Past 2^53, exact.
    expect(formatMetricValue('moneyCompleted', '9007199254740993')).toBe('9.007.199.254.740.993 đ');
    expect(formatMetricValue('casesCompleted', '3')).toBe('3 việc');
    expect(formatMetricValue('caseRate', null)).toBe('–');
    expect(formatGap('caseRate', '-28.72')).toBe('còn thiếu 28,72 điểm');
    expect(formatGap('moneyRate', '0.71')).toBe('vượt 0,71 điểm');
    expect(formatGap('caseCarryOverReduction', '0.00')).toBe('đạt đúng chỉ tiêu');
    expect(formatGap('casesCompleted', '-1')).toBe('còn thiếu 1 việc');
    expect(formatGap('moneyCompleted', '50')).toBe('vượt 50 đ');
    expect(formatVsPace('13.28')).toBe('vượt tiến độ 13,28 điểm');
    expect(formatVsPace('-20.71')).toBe('chậm tiến độ 20,71 điểm');
    expect(calendarMonthVi(2018, 1)).toBe('Tháng 10/2017');
    expect(calendarMonthVi(2018, 5)).toBe('Tháng 02/2018');
  });
});

const metric = (over: Partial<ProgressJson['metrics']['caseRate']>) => ({
  value: null,
  target: null,
  provisional: false,
  met: null,
  gapPoints: null,
  pace: null,
  vsPacePoints: null,
  forecast: null,
  onTrack: null,
  ...over,
});

describe('ProgressTable', () => {
  it('shows Hà Nội, 5 months of 2018: 43.28 % against 72 %, 28.72 points short, 13.28 ahead of pace', () => {
    const progress: ProgressJson = {
      unit: 'HN',
      scope: 'total',
      officer: null,
      year: 2018,
      month: 5,
      metrics: {
        caseRate: metric({
          value: '43.28',
          target: '72.00',
          met: false,
          gapPoints: '-28.72',
          pace: '30.00',
          vsPacePoints: '13.28',
          forecast: '78.51',
          onTrack: true,
        }),
        moneyRate: metric({ value: '34.50', target: '35.00', provisional: true, met: false }),
        caseCarryOverReduction: metric({}),
        moneyCarryOverReduction: metric({}),
      },
      allFour: false,
    };
    const html = renderToString(<ProgressTable progress={progress} caption="Hà Nội" />);
    expect(html).toContain('43,28 %');
    expect(html).toContain('72,00 %');
    expect(html).toContain('còn thiếu 28,72 điểm');
    expect(html).toContain('vượt tiến độ 13,28 điểm');
    expect(html).toContain('78,51 %');
    expect(html).toContain('Chưa đạt · Dự báo đạt');
    expect(html).toContain('tạm tính');
    expect(html).toContain('Không đánh giá được');
    expect(html).toContain('Đến tháng 5: chưa đạt cả 4 chỉ tiêu.');
  });
});
