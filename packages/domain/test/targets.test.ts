// Targets, pace and forecast (statistics.md §9, interfaces.md §8). Expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  forecastRate,
  forecastReduction,
  formatCenti,
  meetsAll,
  metricProgress,
  paceAt,
  parseCenti,
  type RuleSet,
} from '../src/index.js';

const c = parseCenti;
const noHistory = { atMonth: null, atYearEnd: null };

describe('gap and pace', () => {
  it('Hà Nội 5 months of 2018: 43.28 % against 72 % is 28.72 points short', () => {
    const p = metricProgress({
      metric: 'caseRate',
      month: 5,
      value: c('43.28'),
      target: c('72'),
      provisional: false,
      previousYear: noHistory,
      ruleSet: TT01_2013,
    });
    expect(formatCenti(p.gapPoints!)).toBe('-28.72');
    expect(p.met).toBe(false);
    // pace = 72 × 5 ÷ 12 = 30.00; 43.28 − 30.00 = 13.28 ahead
    expect(formatCenti(p.pace!)).toBe('30.00');
    expect(formatCenti(p.vsPacePoints!)).toBe('13.28');
  });

  it('48.49 % at month 6 against a 73 % target is 11.99 points ahead of pace', () => {
    expect(formatCenti(paceAt(c('73'), 6))).toBe('36.50');
    const p = metricProgress({
      metric: 'caseRate',
      month: 6,
      value: c('48.49'),
      target: c('73'),
      provisional: true,
      previousYear: noHistory,
      ruleSet: TT01_2013,
    });
    expect(formatCenti(p.vsPacePoints!)).toBe('11.99');
    expect(p.provisional).toBe(true);
  });

  it('rounds the pace half away from zero: 72.50 × 1 ÷ 12 = 6.0416… → 6.04; 70.10 × 5 ÷ 12 = 29.2083… → 29.21', () => {
    expect(formatCenti(paceAt(c('72.50'), 1))).toBe('6.04');
    expect(formatCenti(paceAt(c('70.10'), 5))).toBe('29.21');
    // 0.06 × 1 ÷ 12 = 0.005 exactly → 0.01
    expect(formatCenti(paceAt(c('0.06'), 1))).toBe('0.01');
  });
});

describe('met', () => {
  it('meets at equality under TT01-2013 (≥), not under a strict rule set', () => {
    const strict: RuleSet = { ...TT01_2013, targetComparison: 'gt' };
    const base = { metric: 'moneyRate' as const, month: 12, value: c('30'), target: c('30.00'), provisional: false, previousYear: noHistory };
    expect(metricProgress({ ...base, ruleSet: TT01_2013 }).met).toBe(true);
    expect(metricProgress({ ...base, ruleSet: strict }).met).toBe(false);
  });

  it('is null, never true, when the value or the target is unknown; allFour is then false', () => {
    const p = metricProgress({
      metric: 'caseCarryOverReduction',
      month: 12,
      value: null,
      target: c('0'),
      provisional: false,
      previousYear: noHistory,
      ruleSet: TT01_2013,
    });
    expect(p.met).toBeNull();
    expect(p.onTrack).toBeNull();
    expect(p.pace).toBeNull();
    expect(meetsAll([p])).toBe(false);
  });
});

describe('forecast', () => {
  it('without history: value × 12 ÷ n, capped at 100.00', () => {
    // 43.28 × 12 ÷ 5 = 103.872 → capped
    expect(formatCenti(forecastRate(c('43.28'), 5, noHistory)!)).toBe('100.00');
    // 20.00 × 12 ÷ 7 = 34.2857… → 34.29
    expect(formatCenti(forecastRate(c('20'), 7, noHistory)!)).toBe('34.29');
  });

  it('with the previous year curve: value × R(Y−1,12) ÷ R(Y−1,n)', () => {
    // 43.28 × 80.00 ÷ 40.00 = 86.56
    expect(formatCenti(forecastRate(c('43.28'), 5, { atMonth: c('40'), atYearEnd: c('80') })!)).toBe('86.56');
    // 33.33 × 75.55 ÷ 41.17 = 61.16… (2518.0815 / 41.17 = 61.1630…) → 61.16
    expect(formatCenti(forecastRate(c('33.33'), 6, { atMonth: c('41.17'), atYearEnd: c('75.55') })!)).toBe('61.16');
    // previous month-n rate 0 → straight line instead: 10 × 12 ÷ 3 = 40.00
    expect(formatCenti(forecastRate(c('10'), 3, { atMonth: c('0'), atYearEnd: c('50') })!)).toBe('40.00');
  });

  it('at month 12 the forecast is the value', () => {
    expect(formatCenti(forecastRate(c('81.20'), 12, { atMonth: c('40'), atYearEnd: c('80') })!)).toBe('81.20');
    expect(formatCenti(forecastReduction(c('-3.10'), 12, noHistory)!)).toBe('-3.10');
  });

  it('a reduction: value + (v(Y−1,12) − v(Y−1,n)); null without history', () => {
    // −12.40 + (5.00 − (−2.00)) = −5.40
    expect(formatCenti(forecastReduction(c('-12.40'), 5, { atMonth: c('-2'), atYearEnd: c('5') })!)).toBe('-5.40');
    expect(forecastReduction(c('-12.40'), 5, noHistory)).toBeNull();
  });

  it('on track compares the forecast with the full-year target', () => {
    const p = metricProgress({
      metric: 'caseRate',
      month: 5,
      value: c('43.28'),
      target: c('72'),
      provisional: false,
      previousYear: { atMonth: c('40'), atYearEnd: c('80') },
      ruleSet: TT01_2013,
    });
    expect(formatCenti(p.forecast!)).toBe('86.56');
    expect(p.onTrack).toBe(true);
    expect(p.met).toBe(false);
  });
});
