// Rates, changes and rounding (statistics.md §7), exact money beyond 2^53 (§4), periods (§1),
// the re-verification clamp (§11) and vi-VN formatting. Expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  addMonthsClamped,
  carryOverChange,
  completionRate,
  describePeriod,
  divRoundHalfAwayFromZero,
  formatCenti,
  formatCentiOrNull,
  formatViInteger,
  formatViMoney,
  formatViPercent,
  formatViPercentText,
  parseCenti,
  percentCenti,
  registryLines,
  replayCaseOrThrow,
  reportPeriod,
  workingMonthOf,
  workingYearOf,
  type RuleSet,
} from '../src/index.js';
import { partialLines } from './helpers.js';

const rate = (completed: bigint | number, able: bigint | number) =>
  formatCentiOrNull(
    completionRate(partialLines({ completed: BigInt(completed), able: BigInt(able) })),
  );
const change = (current: bigint | number, base: bigint | number, ruleSet: RuleSet = TT01_2013) =>
  formatCentiOrNull(
    carryOverChange(
      partialLines({ ableCarriedOver: BigInt(current), carriedOver: BigInt(current) }),
      partialLines({ ableCarriedOver: BigInt(base), carriedOver: BigInt(base) }),
      ruleSet,
    ),
  );

describe('R = X ÷ K × 100, rounded half away from zero to two decimals', () => {
  it('exact .005 boundaries round up', () => {
    expect(rate(1, 32)).toBe('3.13'); // 3.125
    expect(rate(1, 800)).toBe('0.13'); // 0.125
    expect(rate(1, 160)).toBe('0.63'); // 0.625
    expect(rate(1, 20000)).toBe('0.01'); // 0.005
    expect(rate(3, 400)).toBe('0.75'); // exact
    expect(rate(1, 64)).toBe('1.56'); // 1.5625: below the half
    expect(rate(9999, 20000)).toBe('50.00'); // 49.995
  });
  it('just below a half rounds down', () => {
    expect(rate(1, 20001)).toBe('0.00'); // 0.0049997…
    expect(rate(49_994_999, 100_000_000)).toBe('49.99'); // 49.994999
  });
  it('ordinary values', () => {
    expect(rate(1, 3)).toBe('33.33');
    expect(rate(2, 3)).toBe('66.67');
    expect(rate(7, 8)).toBe('87.50');
    expect(rate(5, 5)).toBe('100.00');
    expect(rate(0, 5)).toBe('0.00');
    expect(rate(9317, 21528)).toBe('43.28'); // Hà Nội, 5 months of 2018
  });
  it('K = 0 gives no rate (null), not 0 and not 100; unknown X or K too', () => {
    expect(rate(0, 0)).toBeNull();
    expect(completionRate(partialLines({ able: 5n }))).toBeNull();
    expect(completionRate(partialLines({ completed: 5n }))).toBeNull();
  });
  it('divRoundHalfAwayFromZero: negative halves go away from zero', () => {
    expect(divRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(5n, -2n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(-7n, 3n)).toBe(-2n);
    expect(divRoundHalfAwayFromZero(0n, 3n)).toBe(0n);
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
    expect(percentCenti(1n, 0n)).toBeNull();
  });
});

describe('carryOverChange: Δ% = (KCS(Y, n) − KCS(Y−1, 12)) ÷ KCS(Y−1, 12) × 100', () => {
  it('published: 210,041 against 144,857 is +45.00 % (no plus sign)', () => {
    expect(change(210041, 144857)).toBe('45.00');
  });
  it('negative values round half away from zero', () => {
    expect(change(19999, 20000)).toBe('-0.01'); // −0.005 exactly
    expect(change(1100, 2700)).toBe('-59.26'); // −59.259…
    expect(change(0, 7)).toBe('-100.00');
  });
  it('−0.00 never appears: a change rounding to zero is 0.00', () => {
    expect(change(20000, 20001)).toBe('0.00'); // −0.0049997…
    expect(change(5, 5)).toBe('0.00');
    expect(formatCenti(-0n)).toBe('0.00');
    expect(formatCenti(parseCenti('-0.00'))).toBe('0.00');
  });
  it('a base of 0 or unknown gives null', () => {
    expect(change(5, 0)).toBeNull();
    expect(carryOverChange(partialLines({ ableCarriedOver: 5n }), null, TT01_2013)).toBeNull();
    expect(
      carryOverChange(partialLines({ ableCarriedOver: 5n }), partialLines({}), TT01_2013),
    ).toBeNull();
    expect(
      carryOverChange(partialLines({}), partialLines({ ableCarriedOver: 5n }), TT01_2013),
    ).toBeNull();
  });
  it('the rule set chooses the base line: KCS under TT01-2013, CKS when switched', () => {
    const current = partialLines({ ableCarriedOver: 50n, carriedOver: 80n });
    const base = partialLines({ ableCarriedOver: 40n, carriedOver: 100n });
    expect(formatCentiOrNull(carryOverChange(current, base, TT01_2013))).toBe('25.00');
    const cks: RuleSet = { ...TT01_2013, id: 'TEST-CKS', carryOverBase: 'carriedOver' };
    expect(formatCentiOrNull(carryOverChange(current, base, cks))).toBe('-20.00');
  });
  it('differences of rates are points between rounded operands: 43.28 − 44.09 = −0.81', () => {
    expect(formatCenti(parseCenti('43.28') - parseCenti('44.09'))).toBe('-0.81');
  });
});

describe('money beyond 2^53 stays exact', () => {
  const BIG = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a double
  it('a registry of three such cases sums exactly', () => {
    const cases = [1, 2, 3].map((i) =>
      replayCaseOrThrow({
        id: `big${i}`,
        unit: 'U',
        receivedOn: '2016-11-01',
        amount: BIG * BigInt(i),
        events:
          i === 1
            ? [
                { date: '2017-01-01', kind: 'pay', amount: BIG },
                { date: '2017-01-01', kind: 'complete' },
              ]
            : [],
      }),
    );
    const money = registryLines(cases, reportPeriod(2017, 12)).money;
    // T = BIG × (1 + 2 + 3) = 54 043 195 528 445 958; X = BIG; D = BIG × 5.
    expect(money.totalReceived).toBe(54_043_195_528_445_958n);
    expect(money.completed).toBe(BIG);
    expect(money.inProgress).toBe(45_035_996_273_704_965n);
    expect(money.ableCarriedOver).toBe(45_035_996_273_704_965n);
    expect(formatCentiOrNull(completionRate(money))).toBe('16.67'); // 1/6 = 16.666…
  });
  it('a rate at a .005 boundary with K far past 2^53 is decided exactly', () => {
    // X ÷ K = 1/20000 exactly → 0.005 % → 0.01; one đồng more on K → just below → 0.00.
    expect(rate(BIG, BIG * 20000n)).toBe('0.01');
    expect(rate(BIG, BIG * 20000n + 1n)).toBe('0.00');
    // 1/32 of K → 3.125 % → 3.13; one đồng less of X → 3.12
    expect(rate(BIG * 4n, BIG * 128n)).toBe('3.13');
    expect(rate(BIG * 4n - 1n, BIG * 128n)).toBe('3.12');
  });
  it('national-scale money (4 × 10^14 × 10^4 for a rate) does not overflow', () => {
    expect(rate(400_000_000_000_001n, 800_000_000_000_000n)).toBe('50.00');
    expect(change(400_000_000_000_000n - 1n, 800_000_000_000_000n)).toBe('-50.00');
  });
});

describe('periods (§1)', () => {
  it('working year 2018, month 5 is 2017-10-01 to 2018-02-28', () => {
    expect(reportPeriod(2018, 5)).toEqual({
      year: 2018,
      month: 5,
      start: '2017-10-01',
      end: '2018-02-28',
    });
    expect(describePeriod(reportPeriod(2018, 5))).toBe(
      '05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018',
    );
  });
  it('month 12 is the whole working year', () => {
    expect(reportPeriod(2017, 12)).toMatchObject({ start: '2016-10-01', end: '2017-09-30' });
  });
  it('months 1, 3, 4: October, December, January', () => {
    expect(reportPeriod(2018, 1).end).toBe('2017-10-31');
    expect(reportPeriod(2018, 2).end).toBe('2017-11-30');
    expect(reportPeriod(2018, 3).end).toBe('2017-12-31');
    expect(reportPeriod(2018, 4).end).toBe('2018-01-31');
    expect(reportPeriod(2018, 7).end).toBe('2018-04-30');
  });
  it('February of a leap year: working year 2020, month 5 ends 2020-02-29; 2100 is not leap, 2000 is', () => {
    expect(reportPeriod(2020, 5)).toMatchObject({ start: '2019-10-01', end: '2020-02-29' });
    expect(reportPeriod(2019, 5).end).toBe('2019-02-28');
    expect(reportPeriod(2100, 5).end).toBe('2100-02-28');
    expect(reportPeriod(2000, 5).end).toBe('2000-02-29');
  });
  it('month outside 1..12 is rejected', () => {
    expect(() => reportPeriod(2018, 0)).toThrow(RangeError);
    expect(() => reportPeriod(2018, 13)).toThrow(RangeError);
    expect(() => reportPeriod(2018, 1.5)).toThrow(RangeError);
  });
  it('the working year and month of a date', () => {
    expect(workingYearOf('2017-10-01')).toBe(2018);
    expect(workingYearOf('2017-09-30')).toBe(2017);
    expect(workingMonthOf('2017-10-01')).toBe(1);
    expect(workingMonthOf('2018-02-28')).toBe(5);
    expect(workingMonthOf('2017-09-30')).toBe(12);
  });
});

describe('addMonthsClamped (§11 re-verification)', () => {
  it('2017-08-31 + 6 months = 2018-02-28', () =>
    expect(addMonthsClamped('2017-08-31', 6)).toBe('2018-02-28'));
  it('clamps to 29 February in a leap year', () =>
    expect(addMonthsClamped('2019-08-31', 6)).toBe('2020-02-29'));
  it('12 months, across a year, and a day that exists', () => {
    expect(addMonthsClamped('2017-08-31', 12)).toBe('2018-08-31');
    expect(addMonthsClamped('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonthsClamped('2017-12-15', 1)).toBe('2018-01-15');
    expect(addMonthsClamped('2017-03-31', 6)).toBe('2017-09-30');
  });
});

describe('vi-VN formatting', () => {
  it('integers with dot thousands separators, exact past 2^53', () => {
    expect(formatViInteger(1234567n)).toBe('1.234.567');
    expect(formatViInteger(1234567)).toBe('1.234.567');
    expect(formatViInteger(0n)).toBe('0');
    expect(formatViInteger(999n)).toBe('999');
    expect(formatViInteger(1000n)).toBe('1.000');
    expect(formatViInteger(-1234n)).toBe('-1.234');
    expect(formatViInteger(9_007_199_254_740_993n)).toBe('9.007.199.254.740.993');
    expect(formatViMoney(470581046000n)).toBe('470.581.046.000 đ');
  });
  it('percentages with a decimal comma', () => {
    expect(formatViPercent(3450n)).toBe('34,50 %');
    expect(formatViPercent(parseCenti('34.5'))).toBe('34,50 %'); // the PLO headline "34.5"
    expect(formatViPercent(-81n)).toBe('-0,81 %');
    expect(formatViPercent(0n)).toBe('0,00 %');
    expect(formatViPercent(null)).toBe('–');
    expect(formatViPercentText('43.28')).toBe('43,28 %');
  });
  it('parseCenti reads up to two decimals and rejects the rest', () => {
    expect(parseCenti('70')).toBe(7000n);
    expect(parseCenti('72.5')).toBe(7250n);
    expect(parseCenti('-12.40')).toBe(-1240n);
    expect(() => parseCenti('1.234')).toThrow(RangeError);
    expect(() => parseCenti('abc')).toThrow(RangeError);
  });
});
