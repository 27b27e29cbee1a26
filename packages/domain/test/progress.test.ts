// The progress object of interfaces.md §8 and the officers' target proposal, on the registry of
// statistics.md §12. Every expected figure was worked out by hand from the cases of §12 (the
// derivations are in the comments); none is an output of the code.
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  annualGoal,
  assembleReport,
  buildProgress,
  parseCenti,
  progressToJson,
  proposeOfficerTargets,
  registryLines,
  reportPeriod,
  spreadEvenly,
  type ContributionFilter,
  type Report,
  type TargetSet,
} from '../src/index.js';
import { readWorkedExample } from './helpers.js';

const { replayed } = readWorkedExample();
const c = parseCenti;

interface Subject {
  unit: string;
  scope: 'own' | 'total';
  units: string[];
  filter: ContributionFilter;
}
const HN_BDI: Subject = { unit: 'HN-BDI', scope: 'total', units: ['HN-BDI'], filter: {} };
const BDI_1: Subject = {
  unit: 'HN-BDI',
  scope: 'own',
  units: ['HN-BDI'],
  filter: { officer: 'BDI-1' },
};

function linesAt(s: Subject, year: number, month: number) {
  const cases = replayed.filter((r) => s.units.includes(r.case.unit));
  return registryLines(cases, reportPeriod(year, month), s.filter);
}

/** A registry report resolved like resolveReport: its own previous-year month 12 and month n−1. */
function reportAt(s: Subject, year: number, month: number): Report {
  return assembleReport({
    unit: s.unit,
    scope: s.scope,
    officer: s.filter.officer ?? null,
    period: reportPeriod(year, month),
    ruleSet: TT01_2013,
    source: 'registry',
    lines: linesAt(s, year, month),
    previousYearEnd: linesAt(s, year - 1, 12),
    previousMonth: month > 1 ? linesAt(s, year, month - 1) : null,
  });
}

function progressOf(s: Subject, year: number, month: number, targets: TargetSet) {
  return progressToJson(
    buildProgress({
      report: reportAt(s, year, month),
      previousYearAtMonth: reportAt(s, year - 1, month),
      previousYearEnd: reportAt(s, year - 1, 12),
      previousMonth: month > 1 ? reportAt(s, year, month - 1) : null,
      targets,
      ruleSet: TT01_2013,
    }),
  );
}

const official = (text: string) => ({ value: c(text), provisional: false });
const METRIC_KEYS = [
  'value',
  'target',
  'provisional',
  'met',
  'gapPoints',
  'pace',
  'vsPacePoints',
  'forecast',
  'onTrack',
];

describe('progress of HN-BDI, working year 2017, month 12 (statistics.md §12)', () => {
  // §12: cases K 7, X 3, R 42.86; money K 2800, X 1700, R 60.71. The 2016 month-12 bases come from
  // the registry itself (period 2015-10-01..2016-09-30: c1 K 1000 X 300, c4 X 1000, c8 H 400,
  // c10 D 700, c11 D 900): KCS 4 cases and 2700 đồng, as §12 states. So carryOverChange is
  // (4 − 4) ÷ 4 = 0.00 and (1100 − 2700) ÷ 2700 = −59.26 %, and the reduction values 0.00 and 59.26.
  const targets: TargetSet = {
    caseRate: official('70'),
    moneyRate: official('60'),
    caseCarryOverReduction: official('0'),
    moneyCarryOverReduction: { value: c('0'), provisional: true },
  };

  it('writes every figure of interfaces.md §8 with the keys in order', () => {
    const json = progressOf(HN_BDI, 2017, 12, targets);
    expect(Object.keys(json)).toEqual([
      'unit',
      'scope',
      'officer',
      'year',
      'month',
      'metrics',
      'allFour',
    ]);
    expect(Object.keys(json.metrics)).toEqual([
      'caseRate',
      'moneyRate',
      'caseCarryOverReduction',
      'moneyCarryOverReduction',
    ]);
    for (const m of Object.values(json.metrics)) expect(Object.keys(m!)).toEqual(METRIC_KEYS);
    expect(json).toEqual({
      unit: 'HN-BDI',
      scope: 'total',
      officer: null,
      year: 2017,
      month: 12,
      metrics: {
        // 42.86 − 70.00 = −27.14; pace at 12 = 70 × 12 ÷ 12 = 70.00; at month 12 the forecast is the value.
        caseRate: {
          value: '42.86',
          target: '70.00',
          provisional: false,
          met: false,
          gapPoints: '-27.14',
          pace: '70.00',
          vsPacePoints: '-27.14',
          forecast: '42.86',
          onTrack: false,
        },
        // 60.71 ≥ 60.00: met by 0.71.
        moneyRate: {
          value: '60.71',
          target: '60.00',
          provisional: false,
          met: true,
          gapPoints: '0.71',
          pace: '60.00',
          vsPacePoints: '0.71',
          forecast: '60.71',
          onTrack: true,
        },
        // 0.00 ≥ 0.00 under TT01-2013 (≥).
        caseCarryOverReduction: {
          value: '0.00',
          target: '0.00',
          provisional: false,
          met: true,
          gapPoints: '0.00',
          pace: null,
          vsPacePoints: null,
          forecast: '0.00',
          onTrack: true,
        },
        moneyCarryOverReduction: {
          value: '59.26',
          target: '0.00',
          provisional: true,
          met: true,
          gapPoints: '59.26',
          pace: null,
          vsPacePoints: null,
          forecast: '59.26',
          onTrack: true,
        },
      },
      // caseRate is not met.
      allFour: false,
    });
  });

  it('"đạt cả 4 chỉ tiêu" once the case rate target is 40: 42.86 ≥ 40', () => {
    const json = progressOf(HN_BDI, 2017, 12, { ...targets, caseRate: official('40') });
    expect(json.metrics.caseRate.met).toBe(true);
    expect(json.allFour).toBe(true);
  });

  it('a metric without a target is not evaluable: met and onTrack null, allFour false', () => {
    const { moneyCarryOverReduction: _dropped, ...three } = targets;
    const json = progressOf(HN_BDI, 2017, 12, { ...three, caseRate: official('40') });
    expect(json.metrics.moneyCarryOverReduction).toEqual({
      value: '59.26',
      target: null,
      provisional: false,
      met: null,
      gapPoints: null,
      pace: null,
      vsPacePoints: null,
      forecast: '59.26',
      onTrack: null,
    });
    expect(json.allFour).toBe(false);
  });
});

describe('progress of HN-BDI, working year 2017, month 6 (forecast from the 2016 curve)', () => {
  // Month 6 of 2017 ends 2017-03-31. In the report: c1 K 700 X 200 (D), c2 N (money K 100 X 100),
  // c3 still open (transfer comes 2017-05-01): K 800 X 100, c5 X2 (K 600 X 600), c6 U, c8 H 400,
  // c9 D 200 (suspended only 2017-04-01), c10 D 700 (paid only 2017-06-01), c11 U, c12 D 0.
  //   cases K 7 (c1 c3 c5 c8 c9 c10 c12), X 1 (c5): R 14.29; KCS 6.
  //   money K 700+100+800+600+400+200+700 = 3500, X 200+100+100+600 = 1000: R 28.57; KCS 2500.
  // 2016 month 6 (ends 2016-03-31): c4 X1 (K 1000 X 1000), c10 D 700, c11 D 900:
  //   cases K 3 X 1 R 33.33, KCS 2; money K 2600 X 1000 R 38.46, KCS 1600.
  // 2016 month 12: cases K 5 X 1 R 20.00, KCS 4; money K 4000 X 1300 R 32.50, KCS 2700.
  // 2015 month 12 (ends 2015-09-30; c4 open, paid only 2016-01-01): KCS 1 case, 1000 đồng.
  // carryOverChange: 2016/6 (2 − 1) ÷ 1 = +100.00 and (1600 − 1000) ÷ 1000 = +60.00;
  //   2016/12 +300.00 and +170.00; 2017/6 (6 − 4) ÷ 4 = +50.00 and (2500 − 2700) ÷ 2700 = −7.41.
  const targets: TargetSet = {
    caseRate: official('70'),
    moneyRate: official('35'),
    caseCarryOverReduction: official('0'),
    moneyCarryOverReduction: official('5'),
  };

  it('pace, gap and forecasts', () => {
    const json = progressOf(HN_BDI, 2017, 6, targets);
    expect(json.metrics).toEqual({
      // pace 70 × 6 ÷ 12 = 35.00; 14.29 − 35.00 = −20.71;
      // forecast 14.29 × 20.00 ÷ 33.33 = 285.8 ÷ 33.33 = 8.5748… → 8.57.
      caseRate: {
        value: '14.29',
        target: '70.00',
        provisional: false,
        met: false,
        gapPoints: '-55.71',
        pace: '35.00',
        vsPacePoints: '-20.71',
        forecast: '8.57',
        onTrack: false,
      },
      // pace 17.50; 28.57 − 17.50 = 11.07 ahead; forecast 28.57 × 32.50 ÷ 38.46 = 928.525 ÷ 38.46
      // = 24.1426… → 24.14 < 35: at risk.
      moneyRate: {
        value: '28.57',
        target: '35.00',
        provisional: false,
        met: false,
        gapPoints: '-6.43',
        pace: '17.50',
        vsPacePoints: '11.07',
        forecast: '24.14',
        onTrack: false,
      },
      // value −50.00; forecast −50.00 + (v(2016,12) − v(2016,6)) = −50.00 + (−300.00 − (−100.00)) = −250.00.
      caseCarryOverReduction: {
        value: '-50.00',
        target: '0.00',
        provisional: false,
        met: false,
        gapPoints: '-50.00',
        pace: null,
        vsPacePoints: null,
        forecast: '-250.00',
        onTrack: false,
      },
      // value 7.41 ≥ 5.00 so far; forecast 7.41 + (−170.00 − (−60.00)) = −102.59.
      moneyCarryOverReduction: {
        value: '7.41',
        target: '5.00',
        provisional: false,
        met: true,
        gapPoints: '2.41',
        pace: null,
        vsPacePoints: null,
        forecast: '-102.59',
        onTrack: false,
      },
    });
    expect(json.allFour).toBe(false);
  });
});

describe("an officer's progress: BDI-1, working year 2017, month 4 (January 2017)", () => {
  // BDI-1 has c1 (C, A = 1000 − 300 = 700). c1's 200 is paid on 2017-01-10, in month 4.
  //   cases K 1 X 0: R 0.00, KCS 1; money K 700 X 200: R 28.57, KCS 500.
  // 2016 month 12 (the officer's own base): KCS 1 and 700, so carryOverChange 0.00 and
  //   (500 − 700) ÷ 700 = −28.57: values 0.00 and 28.57.
  // 2016 month 4 (ends 2016-01-31): c1 not yet received, K 0: no rate, so the rate forecast is the
  //   straight line: 0.00 × 12 ÷ 4 = 0.00 and 28.57 × 12 ÷ 4 = 85.71; the reductions have no
  //   previous-year value at month 4 (the 2015 base is 0): forecast null.
  // Completed in month 4 alone: cases 0 − 0 = 0; money X(4) − X(3) = 200 − 0 = 200.
  const targets: TargetSet = {
    caseRate: official('70'),
    moneyRate: official('35'),
    casesCompleted: { value: 1n, provisional: false },
    moneyCompleted: { value: 150n, provisional: false },
  };

  it('adds casesCompleted and moneyCompleted for the month alone, as strings of digits', () => {
    const json = progressOf(BDI_1, 2017, 4, targets);
    expect(json.officer).toBe('BDI-1');
    expect(json.scope).toBe('own');
    expect(Object.keys(json.metrics)).toEqual([
      'caseRate',
      'moneyRate',
      'caseCarryOverReduction',
      'moneyCarryOverReduction',
      'casesCompleted',
      'moneyCompleted',
    ]);
    expect(json.metrics).toEqual({
      // pace 70 × 4 ÷ 12 = 23.333… → 23.33.
      caseRate: {
        value: '0.00',
        target: '70.00',
        provisional: false,
        met: false,
        gapPoints: '-70.00',
        pace: '23.33',
        vsPacePoints: '-23.33',
        forecast: '0.00',
        onTrack: false,
      },
      // pace 35 × 4 ÷ 12 = 11.666… → 11.67; 28.57 − 11.67 = 16.90.
      moneyRate: {
        value: '28.57',
        target: '35.00',
        provisional: false,
        met: false,
        gapPoints: '-6.43',
        pace: '11.67',
        vsPacePoints: '16.90',
        forecast: '85.71',
        onTrack: true,
      },
      caseCarryOverReduction: {
        value: '0.00',
        target: null,
        provisional: false,
        met: null,
        gapPoints: null,
        pace: null,
        vsPacePoints: null,
        forecast: null,
        onTrack: null,
      },
      moneyCarryOverReduction: {
        value: '28.57',
        target: null,
        provisional: false,
        met: null,
        gapPoints: null,
        pace: null,
        vsPacePoints: null,
        forecast: null,
        onTrack: null,
      },
      casesCompleted: {
        value: '0',
        target: '1',
        provisional: false,
        met: false,
        gapPoints: '-1',
        pace: null,
        vsPacePoints: null,
        forecast: null,
        onTrack: null,
      },
      moneyCompleted: {
        value: '200',
        target: '150',
        provisional: false,
        met: true,
        gapPoints: '50',
        pace: null,
        vsPacePoints: null,
        forecast: null,
        onTrack: null,
      },
    });
    expect(json.allFour).toBe(false);
  });

  it('month 12 alone: X(12) − X(11) = 200 − 200 = 0 đồng; month 1 is X(1) itself (0)', () => {
    const m12 = progressOf(BDI_1, 2017, 12, { moneyCompleted: { value: 0n, provisional: false } });
    expect(m12.metrics.moneyCompleted).toMatchObject({
      value: '0',
      target: '0',
      met: true,
      gapPoints: '0',
    });
    expect(m12.metrics.casesCompleted).toMatchObject({ value: '0', target: null, met: null });
    const m1 = progressOf(BDI_1, 2017, 1, {});
    expect(m1.metrics.moneyCompleted?.value).toBe('0');
  });
});

describe('officer monthly target proposal', () => {
  it('G = ⌈K × rate ÷ 100⌉: 25 cases at 70 % = 17.5 → 18; 1.000.000.000 đ at 35.50 % = 355.000.000', () => {
    expect(annualGoal(25n, c('70'))).toBe(18n);
    expect(annualGoal(1_000_000_000n, c('35.50'))).toBe(355_000_000n);
    // 3 cases at 33.33 % = 0.9999 → 1.
    expect(annualGoal(3n, c('33.33'))).toBe(1n);
    expect(annualGoal(0n, c('70'))).toBe(0n);
    expect(annualGoal(10n, null)).toBeNull();
  });

  it('spreads evenly, larger shares first, summing exactly', () => {
    // cumulative ⌈18 × i ÷ 12⌉ = 2 3 5 6 8 9 11 12 14 15 17 18.
    expect(spreadEvenly(18n, 12)).toEqual([2n, 1n, 2n, 1n, 2n, 1n, 2n, 1n, 2n, 1n, 2n, 1n]);
    // 355.000.000 ÷ 12 = 29.583.333,33…: cumulative 29.583.334, 59.166.667, 88.750.000, …
    const money = spreadEvenly(355_000_000n, 12);
    expect(money.slice(0, 3)).toEqual([29_583_334n, 29_583_333n, 29_583_333n]);
    expect(money.reduce((a, b) => a + b, 0n)).toBe(355_000_000n);
    expect(spreadEvenly(5n, 3)).toEqual([2n, 2n, 1n]);
  });

  it('proposes per officer from month 1, or what remains from a later month', () => {
    const [a, b] = proposeOfficerTargets({
      caseRate: c('70'),
      moneyRate: null,
      officers: [
        { officer: 'BDI-1', able: { cases: 25n, money: 1000n } },
        // From month 7: G = ⌈40 × 0.7⌉ = 28, 20 done, 8 left over 6 months: ⌈8i/6⌉ = 2 3 4 6 7 8.
        {
          officer: 'BDI-2',
          able: { cases: 40n, money: 0n },
          completedBefore: { cases: 20n, money: 0n },
        },
      ],
    });
    expect(a!.goal).toEqual({ cases: 18n, money: null });
    expect(a!.months).toHaveLength(12);
    expect(a!.months[0]).toEqual({ month: 1, casesCompleted: 2n, moneyCompleted: null });
    const later = proposeOfficerTargets({
      caseRate: c('70'),
      moneyRate: c('50'),
      fromMonth: 7,
      officers: [
        {
          officer: 'BDI-2',
          able: { cases: 40n, money: 1000n },
          completedBefore: { cases: 20n, money: 600n },
        },
      ],
    })[0]!;
    expect(later.goal).toEqual({ cases: 28n, money: 500n });
    expect(later.months.map((m) => m.month)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(later.months.map((m) => m.casesCompleted)).toEqual([2n, 1n, 1n, 2n, 1n, 1n]);
    // 600 already done ≥ G 500: nothing left.
    expect(later.months.every((m) => m.moneyCompleted === 0n)).toBe(true);
    expect(b!.goal.cases).toBe(28n);
    expect(() =>
      proposeOfficerTargets({ caseRate: null, moneyRate: null, officers: [], fromMonth: 13 }),
    ).toThrow(RangeError);
  });
});
