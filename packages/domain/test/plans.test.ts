// Enforcement plans (issue 7): overdue and "due this month", the templates' dates, what completing
// the month's cases adds to the targets, and coverage. Every expected date is counted by hand on a
// calendar.
import { describe, expect, it } from 'vitest';
import {
  PLAN_TEMPLATES,
  addDays,
  applyTemplate,
  completionGain,
  coverageRate,
  daysBetween,
  isDueThisMonth,
  isOverdue,
  measureStanding,
  monthOf,
  monthlyOutlook,
  planCoverage,
  planTemplate,
} from '../src/index.js';

describe('calendar days', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2017-02-25', 5)).toBe('2017-03-02'); // 28 days in Feb 2017
    expect(addDays('2016-02-25', 5)).toBe('2016-03-01'); // 29 in Feb 2016
    expect(addDays('2017-12-25', 10)).toBe('2018-01-04');
    expect(addDays('2018-01-04', -10)).toBe('2017-12-25');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // 2000 is a leap year
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01'); // 1900 is not
    expect(addDays('2017-01-01', 365)).toBe('2018-01-01');
    expect(daysBetween('2017-01-01', '2018-01-01')).toBe(365);
    expect(daysBetween('2017-03-02', '2017-02-25')).toBe(-5);
    expect(() => addDays('2017-02-30', 1)).toThrow(RangeError);
  });

  it('gives the calendar month of a date', () => {
    expect(monthOf('2018-02-14')).toEqual({ first: '2018-02-01', last: '2018-02-28' });
    expect(monthOf('2016-02-01')).toEqual({ first: '2016-02-01', last: '2016-02-29' });
  });
});

describe('overdue and due this month', () => {
  const today = '2018-03-15';
  it('is overdue only when still open and due before today', () => {
    expect(isOverdue({ status: 'planned', dueOn: '2018-03-14' }, today)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueOn: '2017-12-31' }, today)).toBe(true);
    expect(isOverdue({ status: 'planned', dueOn: '2018-03-15' }, today)).toBe(false); // due today
    expect(isOverdue({ status: 'done', dueOn: '2018-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueOn: '2018-01-01' }, today)).toBe(false);
  });

  it('is due this month when open and due between the 1st and the last day of today’s month', () => {
    expect(isDueThisMonth({ status: 'planned', dueOn: '2018-03-01' }, today)).toBe(true);
    expect(isDueThisMonth({ status: 'planned', dueOn: '2018-03-31' }, today)).toBe(true);
    expect(isDueThisMonth({ status: 'planned', dueOn: '2018-04-01' }, today)).toBe(false);
    expect(isDueThisMonth({ status: 'planned', dueOn: '2018-02-28' }, today)).toBe(false);
    expect(isDueThisMonth({ status: 'done', dueOn: '2018-03-20' }, today)).toBe(false);
  });

  it('names one standing for each measure', () => {
    expect(measureStanding({ status: 'planned', dueOn: '2018-03-02' }, today)).toBe('overdue');
    expect(measureStanding({ status: 'planned', dueOn: '2018-03-15' }, today)).toBe(
      'due_this_month',
    );
    expect(measureStanding({ status: 'in_progress', dueOn: '2018-03-31' }, today)).toBe(
      'due_this_month',
    );
    expect(measureStanding({ status: 'planned', dueOn: '2018-04-01' }, today)).toBe('upcoming');
    expect(measureStanding({ status: 'done', dueOn: '2018-03-02' }, today)).toBe('done');
    expect(measureStanding({ status: 'cancelled', dueOn: '2018-03-02' }, today)).toBe('cancelled');
  });

  it('uses the local date given: the last day of a month, then the first of the next', () => {
    const m = { status: 'planned', dueOn: '2018-01-31' };
    expect(measureStanding(m, '2018-01-31')).toBe('due_this_month');
    expect(measureStanding(m, '2018-02-01')).toBe('overdue');
    expect(isDueThisMonth(m, '2018-02-01')).toBe(false);
  });
});

describe('templates', () => {
  const moneyFull = planTemplate('money_full')!;

  it('counts a fresh case’s steps from its decision date (Điều 39, 45, 44 …)', () => {
    // QĐ THA of 2018-03-01, planned the same day.
    const steps = applyTemplate(
      moneyFull,
      { receivedOn: '2018-02-26', decisionDate: '2018-03-01', reverificationDue: null },
      '2018-03-01',
    );
    expect(steps.map((s) => [s.kind, s.dueOn])).toEqual([
      ['notify', '2018-03-04'], // decision + 3
      ['voluntary', '2018-03-11'], // decision + 10 (Điều 45)
      ['verify', '2018-03-21'], // voluntary + 10 (Điều 44)
      ['coercion', '2018-04-05'], // + 15
      ['seizure', '2018-04-20'], // + 15
      ['valuation', '2018-04-27'], // + 7
      ['auction', '2018-06-06'], // + 40: 3 days of April, 31 of May, 6 of June
      ['payout', '2018-06-16'], // + 10
    ]);
    expect(steps.every((s) => !s.clamped)).toBe(true);
  });

  it('uses the intake date when there is no decision date', () => {
    const steps = applyTemplate(
      planTemplate('money_voluntary')!,
      { receivedOn: '2017-12-25', decisionDate: null, reverificationDue: null },
      '2017-12-25',
    );
    expect(steps.map((s) => [s.kind, s.dueOn])).toEqual([
      ['notify', '2017-12-28'],
      ['voluntary', '2018-01-04'],
      ['payout', '2018-01-14'],
    ]);
  });

  it('sets a step the law dates in the past to today, and the steps after it follow from today', () => {
    // Decision 2018-03-01, planned on 2018-03-08: notification (03-04) is past, the voluntary
    // deadline (03-11) is not.
    const steps = applyTemplate(
      moneyFull,
      { receivedOn: '2018-02-26', decisionDate: '2018-03-01', reverificationDue: null },
      '2018-03-08',
    );
    expect(steps[0]).toMatchObject({
      kind: 'notify',
      dueOn: '2018-03-08',
      computedOn: '2018-03-04',
      clamped: true,
    });
    expect(steps[1]).toMatchObject({ kind: 'voluntary', dueOn: '2018-03-11', clamped: false });
    expect(steps[2]).toMatchObject({ kind: 'verify', dueOn: '2018-03-21' });

    // A case of 2016 planned on 2018-03-08: notification and the voluntary deadline are today;
    // verification 10 days after the (moved) voluntary deadline, coercion 15 days after that.
    const old = applyTemplate(
      moneyFull,
      { receivedOn: '2016-05-01', decisionDate: null, reverificationDue: null },
      '2018-03-08',
    );
    expect(old.slice(0, 4).map((s) => [s.kind, s.dueOn, s.clamped])).toEqual([
      ['notify', '2018-03-08', true],
      ['voluntary', '2018-03-08', true],
      ['verify', '2018-03-18', false],
      ['coercion', '2018-04-02', false], // 13 days to 03-31, then 2
    ]);
  });

  it('re-verifies an unable case on its due date, and notifies the result 5 days later', () => {
    const tpl = planTemplate('unable_reverify')!;
    const dates = { receivedOn: '2016-11-01', decisionDate: null, reverificationDue: '2018-08-31' };
    expect(applyTemplate(tpl, dates, '2018-06-01').map((s) => [s.kind, s.dueOn])).toEqual([
      ['reverify', '2018-08-31'],
      ['notify', '2018-09-05'],
    ]);
    // Overdue re-verification: today.
    expect(applyTemplate(tpl, dates, '2018-09-10').map((s) => s.dueOn)).toEqual([
      '2018-09-10',
      '2018-09-15',
    ]);
  });

  it('has stable codes, Vietnamese labels and a legal note for every step', () => {
    expect(PLAN_TEMPLATES.map((t) => t.code)).toEqual([
      'money_full',
      'money_voluntary',
      'non_money',
      'unable_reverify',
    ]);
    for (const t of PLAN_TEMPLATES)
      for (const s of t.steps) expect(s.basisVi.length).toBeGreaterThan(10);
    expect(planTemplate('nope')).toBeUndefined();
  });
});

describe('what completing the month’s cases adds', () => {
  it('adds 1 case and the remaining money of each open case, once', () => {
    const gain = completionGain([
      { caseId: 'c1', state: 'able', remaining: 500n },
      { caseId: 'c8', state: 'postponed', remaining: 400n },
      { caseId: 'c12', state: 'able', remaining: 0n }, // a non-money obligation: 1 case, 0 đ
      { caseId: 'c1', state: 'able', remaining: 500n }, // listed twice
      { caseId: 'c10', state: 'completed', remaining: 0n }, // already closed
    ]);
    expect(gain).toEqual({ cases: 3n, money: 900n });
  });

  it('compares with the month’s targets', () => {
    const outlook = monthlyOutlook({
      completed: { cases: 1n, money: 200n },
      target: { cases: 3n, money: 2000n },
      gain: { cases: 3n, money: 900n },
    });
    expect(outlook.cases).toEqual({
      completed: 1n,
      target: 3n,
      gain: 3n,
      ifAllDone: 4n,
      missingNow: 2n,
      missingIfAllDone: 0n,
      reachesTarget: true,
    });
    expect(outlook.money).toMatchObject({
      ifAllDone: 1100n,
      missingNow: 1800n,
      missingIfAllDone: 900n,
      reachesTarget: false,
    });
    const none = monthlyOutlook({
      completed: { cases: null, money: 0n },
      target: { cases: 2n, money: null },
      gain: { cases: 1n, money: 10n },
    });
    expect(none.cases).toMatchObject({ ifAllDone: null, missingNow: null, reachesTarget: null });
    expect(none.money).toMatchObject({ ifAllDone: 10n, missingNow: null, reachesTarget: null });
  });
});

describe('coverage', () => {
  it('counts open cases with and without an open measure, and overdue measures', () => {
    const today = '2018-03-15';
    const coverage = planCoverage(
      [
        // planned ahead
        { state: 'able', measures: [{ status: 'planned', dueOn: '2018-03-20' }] },
        // an overdue measure and a done one
        {
          state: 'unable',
          measures: [
            { status: 'in_progress', dueOn: '2018-03-01' },
            { status: 'done', dueOn: '2018-02-01' },
          ],
        },
        // everything done or cancelled: nothing ahead, so without a plan
        {
          state: 'postponed',
          measures: [
            { status: 'done', dueOn: '2018-01-01' },
            { status: 'cancelled', dueOn: '2018-01-02' },
          ],
        },
        // no measure at all
        { state: 'suspended', measures: [] },
        // closed: not counted as a case, but its overdue open measure is
        { state: 'completed', measures: [{ status: 'planned', dueOn: '2018-03-10' }] },
      ],
      today,
    );
    expect(coverage).toEqual({
      openCases: 4,
      casesWithPlan: 2,
      casesWithoutPlan: 2,
      openMeasures: 3,
      overdueMeasures: 2,
      casesWithOverdue: 2,
      rate: 5000n,
    });
  });

  it('rounds the rate half away from zero, and has none without open cases', () => {
    expect(coverageRate(2, 3)).toBe(6667n); // 66,666… %
    expect(coverageRate(1, 8)).toBe(1250n);
    expect(coverageRate(0, 0)).toBeNull();
  });
});
