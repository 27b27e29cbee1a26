// Report workflow, deadlines (statistics.md §10) and public-list helpers (§11), worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  TT01_2013,
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
