// The registry pages' helpers: money as typed, the paths of the cases behind a report line, and
// who sees the registry's pages.
import { ROLE_LABELS, type Role } from '@thads/domain';
import { describe, expect, it } from 'vitest';
import {
  caseListPath,
  casePath,
  casesBehindPath,
  parseMoneyInput,
  viDate,
} from '../src/pages/registry/format.js';
import { eventInputOf, EMPTY_EVENT } from '../src/pages/registry/EventFields.js';
import { ROUTES } from '../src/routes/index.js';
import { navigationFor } from '../src/Shell.js';

describe('registry helpers', () => {
  it('reads money typed with dots or spaces as digits, and refuses anything else', () => {
    expect(parseMoneyInput('1.500.000')).toBe('1500000');
    expect(parseMoneyInput(' 12 000 ')).toBe('12000');
    expect(parseMoneyInput('')).toBe('');
    expect(parseMoneyInput('1,5')).toBeNull();
    expect(parseMoneyInput('-5')).toBeNull();
    expect(parseMoneyInput('9223372036854775807')).toBe('9223372036854775807');
  });

  it('builds the paths of a case, the list and the cases behind a line', () => {
    expect(casePath('QĐ 12/2017')).toBe('/viec/Q%C4%90%2012%2F2017');
    expect(caseListPath({ unit: 'HN-BDI', officer: 'BDI-1', q: undefined })).toBe(
      '/viec?unit=HN-BDI&officer=BDI-1',
    );
    expect(
      casesBehindPath({
        unit: 'HN-BDI',
        year: 2018,
        month: 5,
        scope: 'total',
        officer: null,
        line: 'unable',
        measure: 'money',
      }),
    ).toBe('/viec-theo-dong?unit=HN-BDI&year=2018&month=5&scope=total&line=unable&measure=money');
    expect(viDate('2017-02-01')).toBe('01/02/2017');
  });

  it('checks an event form before sending it', () => {
    expect(eventInputOf({ ...EMPTY_EVENT, date: '2017-02-01', amount: '0' })).toEqual({
      error: 'Số tiền là số nguyên đồng lớn hơn 0, chỉ gồm chữ số',
    });
    expect(
      eventInputOf({ ...EMPTY_EVENT, kind: 'unable', date: '2017-02-01', ground: 'a' }),
    ).toEqual({ error: 'Cần số quyết định về việc chưa có điều kiện thi hành' });
    expect(eventInputOf({ ...EMPTY_EVENT, date: '2017-02-01', amount: '1.000' })).toEqual({
      event: {
        date: '2017-02-01',
        kind: 'pay',
        amount: '1000',
        officer: null,
        ground: null,
        decisionNo: null,
      },
    });
  });

  it('offers intake and import to the roles that enter data only', () => {
    const labels = (role: Role) =>
      navigationFor(ROUTES, {
        username: 'u',
        displayName: 'U',
        role,
        roleLabel: ROLE_LABELS[role],
        unit: null,
        officer: null,
      }).map((r) => r.nav);
    for (const role of ['cuc_manager', 'unit_head', 'clerk'] as const)
      expect(labels(role)).toEqual(expect.arrayContaining(['Việc thi hành án', 'Nhập từ tệp']));
    for (const role of ['admin', 'officer', 'leadership'] as const) {
      expect(labels(role)).toContain('Việc thi hành án');
      expect(labels(role)).not.toContain('Nhập từ tệp');
    }
  });
});
