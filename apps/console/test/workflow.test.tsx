// The reports workflow pages' formatting and navigation, without a browser.
import { ROLES } from '@thads/domain';
import { describe, expect, it } from 'vitest';
import { digitsOf } from '../src/pages/workflow/AggregatePage.js';
import {
  formatLine,
  formatLocalTime,
  intParam,
  periodLabel,
  shortHash,
  statusLabel,
  timelinessLabel,
} from '../src/pages/workflow/format.js';
import { ROUTES } from '../src/routes/index.js';

describe('workflow formatting (vi-VN)', () => {
  it('prints lines, periods, times in Hà Nội and statuses', () => {
    expect(formatLine('cases', 1234)).toBe('1.234');
    expect(formatLine('money', '9007199254740993')).toBe('9.007.199.254.740.993 đ');
    expect(formatLine('money', '-100', true)).toBe('-100 đ');
    expect(formatLine('money', '100', true)).toBe('+100 đ');
    expect(formatLine('cases', null)).toBe('–');
    expect(periodLabel(2017, 12)).toBe('12 tháng năm 2017 (đến 09/2017)');
    expect(periodLabel(2018, 5)).toBe('5 tháng năm 2018 (đến 02/2018)');
    // 16:59:59Z on the 3rd is 23:59 in Hà Nội; 17:00Z is already the 4th.
    expect(formatLocalTime('2017-10-03T16:59:59Z')).toBe('03/10/2017 23:59');
    expect(formatLocalTime('2017-10-03T17:00:00Z')).toBe('04/10/2017 00:00');
    expect(statusLabel('not_started')).toBe('Chưa lập');
    expect(statusLabel('submitted')).toBe('Đã gửi, chờ duyệt');
    expect(timelinessLabel('late')).toBe('Trễ hạn');
    expect(shortHash('a'.repeat(64))).toBe('aaaaaaaaaaaa…');
    expect(intParam('13', 5, 1, 12)).toBe(5);
    expect(intParam('7', 5, 1, 12)).toBe(7);
    expect(digitsOf('1.234.567')).toBe('1234567');
    expect(digitsOf(' 1 234 ')).toBe('1234');
  });

  it('offers the workflow pages to every role but officer', () => {
    const paths = ['quy-trinh-bao-cao', 'tinh-trang-bao-cao', 'mo-khoa', 'so-lieu-tong-hop'];
    for (const path of paths) {
      const route = ROUTES.find((r) => r.path === path);
      expect(route?.nav, path).toBeDefined();
      expect([...route!.roles].sort()).toEqual(ROLES.filter((r) => r !== 'officer').sort());
    }
  });
});
