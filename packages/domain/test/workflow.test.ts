// Report workflow, deadlines (statistics.md §10) and public-list helpers (§11), worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  TT01_2013,
  diffReportLines,
  findingKey,
  timelinessOf,
  unacknowledgedWarnings,
  type Finding,
  foldForSearch,
  isOnTime,
  localDateOf,
  matchesNameSearch,
  nextStatus,
  reverificationDue,
  submissionDeadline,
} from '../src/index.js';

describe('workflow', () => {
  it('moves draft → submitted → approved, or returned and resubmitted', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
  });

  it('reopens an approved report (a granted unlock) to returned, and nothing else', () => {
    expect(nextStatus('approved', 'reopen')).toBe('returned');
    expect(() => nextStatus('submitted', 'reopen')).toThrow(/Không thể mở lại/);
  });

  it('refuses the other moves with a Vietnamese reason', () => {
    expect(() => nextStatus('draft', 'approve')).toThrow(DomainError);
    expect(() => nextStatus('approved', 'submit')).toThrow(/Đã duyệt/);
    expect(() => nextStatus('returned', 'approve')).toThrow(/Bị trả lại/);
  });
});

describe('deadlines in Asia/Ho_Chi_Minh', () => {
  it('day 3 of the next month for a Chi cục, day 6 for the Cục', () => {
    // 2018 month 5 ends 2018-02-28 → deadlines in March 2018
    expect(submissionDeadline(2018, 5, false, TT01_2013)).toBe('2018-03-03');
    expect(submissionDeadline(2018, 5, true, TT01_2013)).toBe('2018-03-06');
    // month 3 ends in December → January of the working year
    expect(submissionDeadline(2018, 3, false, TT01_2013)).toBe('2018-01-03');
    // month 12 ends 30 September → 3 October
    expect(submissionDeadline(2017, 12, false, TT01_2013)).toBe('2017-10-03');
  });

  it('uses the local date: 2018-03-03T16:59:59Z is 23:59:59 on the 3rd in Hà Nội (UTC+7), 17:00Z is the 4th', () => {
    expect(localDateOf('2018-03-03T16:59:59Z', 'Asia/Ho_Chi_Minh')).toBe('2018-03-03');
    expect(localDateOf('2018-03-03T17:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('2018-03-04');
    expect(isOnTime('2018-03-03T16:59:59Z', 2018, 5, false, TT01_2013)).toBe(true);
    expect(isOnTime('2018-03-03T17:00:00Z', 2018, 5, false, TT01_2013)).toBe(false);
    expect(isOnTime('2018-03-03T17:00:00Z', 2018, 5, true, TT01_2013)).toBe(true);
    // 2018-03-02T17:30Z is already 00:30 on the 3rd locally: on time
    expect(isOnTime('2018-03-02T17:30:00Z', 2018, 5, false, TT01_2013)).toBe(true);
  });
});

describe('public list', () => {
  it('folds Vietnamese names for search', () => {
    expect(foldForSearch('Đặng Văn Đức')).toBe('dang van duc');
    expect(foldForSearch('  NGUYỄN   Thị  Hồng ')).toBe('nguyen thi hong');
    expect(matchesNameSearch('Đặng Văn Đức', 'dang van duc')).toBe(true);
    expect(matchesNameSearch('Đặng Văn Đức', 'van du')).toBe(true);
    expect(matchesNameSearch('Đặng Văn Đức', 'dang van dung')).toBe(false);
  });

  it('re-verification is due 6 months later, clamped to the month end; 12 when yearly', () => {
    expect(reverificationDue('2017-08-31', false, TT01_2013)).toBe('2018-02-28');
    expect(reverificationDue('2019-08-31', false, TT01_2013)).toBe('2020-02-29');
    expect(reverificationDue('2017-03-15', false, TT01_2013)).toBe('2017-09-15');
    expect(reverificationDue('2017-08-31', true, TT01_2013)).toBe('2018-08-31');
  });
});

describe('acknowledgements and changes since submitted', () => {
  const v12: Finding = {
    rule: 'V12',
    severity: 'warning',
    measure: 'cases',
    message: 'Việc c2 chưa công khai',
  };
  const v3: Finding = { rule: 'V3', severity: 'error', measure: 'money', message: 'P khác K + N' };

  it('keys a finding by rule, measure and message; a warning needs a non-blank comment', () => {
    expect(findingKey(v12)).toBe('V12|cases|Việc c2 chưa công khai');
    expect(unacknowledgedWarnings([v12, v3], {})).toEqual([v12]);
    expect(unacknowledgedWarnings([v12, v3], { [findingKey(v12)]: '  ' })).toEqual([v12]);
    expect(unacknowledgedWarnings([v12, v3], { [findingKey(v12)]: 'Đã rà soát' })).toEqual([]);
  });

  it('lists every differing line of both measures with the change, counts as digit strings', () => {
    const submitted = {
      cases: { broughtForward: 4, able: 7, inProgress: null },
      money: { completed: '1700', reduced: '100', inProgress: '500' },
    };
    const current = {
      cases: { broughtForward: 4, able: 8, inProgress: 2 },
      money: { completed: '1800', reduced: '100', inProgress: '400' },
    };
    expect(diffReportLines(submitted, current)).toEqual([
      { measure: 'cases', line: 'able', submitted: '7', current: '8', change: '1' },
      { measure: 'cases', line: 'inProgress', submitted: null, current: '2', change: null },
      { measure: 'money', line: 'completed', submitted: '1700', current: '1800', change: '100' },
      { measure: 'money', line: 'inProgress', submitted: '500', current: '400', change: '-100' },
    ]);
    expect(diffReportLines(submitted, submitted)).toEqual([]);
    // Money beyond 2^53 stays exact.
    expect(
      diffReportLines(
        { cases: {}, money: { completed: '9007199254740993' } },
        { cases: {}, money: { completed: '9007199254740994' } },
      )[0]?.change,
    ).toBe('1');
  });

  it('timeliness: on time or late once submitted, else pending until the local deadline day ends, then overdue', () => {
    // 2018 month 5: a Chi cục's deadline is 2018-03-03 in Hà Nội.
    expect(
      timelinessOf('2018-03-03T16:59:59Z', '2018-04-01T00:00:00Z', 2018, 5, false, TT01_2013),
    ).toBe('on_time');
    expect(
      timelinessOf('2018-03-03T17:00:00Z', '2018-04-01T00:00:00Z', 2018, 5, false, TT01_2013),
    ).toBe('late');
    expect(timelinessOf(null, '2018-03-03T16:59:59Z', 2018, 5, false, TT01_2013)).toBe('pending');
    expect(timelinessOf(null, '2018-03-03T17:00:00Z', 2018, 5, false, TT01_2013)).toBe('overdue');
    expect(timelinessOf(null, '2018-03-03T17:00:00Z', 2018, 5, true, TT01_2013)).toBe('pending');
    expect(timelinessOf(null, '2018-03-06T17:00:00Z', 2018, 5, true, TT01_2013)).toBe('overdue');
  });
});
