// The console's side of the supervision of "chưa có điều kiện" decisions (issue 7): what a proposal
// needs before it is sent, and who sees the list page.
import { ROLES, ROLE_LABELS, type Role } from '@thads/domain';
import type { CurrentUser } from '@thads/ui';
import { describe, expect, it } from 'vitest';
import { actionLabel, entityLabel } from '../src/pages/audit/labels.js';
import { EMPTY_EVENT, decisionInputOf } from '../src/pages/registry/EventFields.js';
import { ROUTES } from '../src/routes/index.js';
import { navigationFor } from '../src/Shell.js';

const DRAFT = {
  ...EMPTY_EVENT,
  kind: 'unable' as const,
  date: '2017-08-01',
  ground: 'b',
  decisionNo: ' 30/QĐ-CCTHADS ',
  verificationNo: ' 12/BB-XM ',
  verificationDate: '2017-07-20',
};

describe('a proposed "chưa có điều kiện" decision', () => {
  it('is sent with its ground, number and verification record, trimmed', () => {
    expect(decisionInputOf(DRAFT)).toEqual({
      decision: {
        decisionDate: '2017-08-01',
        ground: 'b',
        decisionNo: '30/QĐ-CCTHADS',
        verificationNo: '12/BB-XM',
        verificationDate: '2017-07-20',
      },
    });
  });

  it('needs the ground, the number and the verification record, made before the decision', () => {
    expect(decisionInputOf({ ...DRAFT, ground: '' })).toEqual({
      error: 'Cần chọn căn cứ (điểm a, b hoặc c)',
    });
    expect(decisionInputOf({ ...DRAFT, verificationNo: ' ' })).toEqual({
      error: 'Cần số biên bản xác minh làm căn cứ',
    });
    expect(decisionInputOf({ ...DRAFT, verificationDate: '' })).toEqual({
      error: 'Cần ngày lập biên bản xác minh',
    });
    expect(decisionInputOf({ ...DRAFT, verificationDate: '2017-08-02' })).toEqual({
      error: 'Biên bản xác minh phải lập trước hoặc cùng ngày ra quyết định',
    });
  });
});

describe('the list of decisions waiting for review', () => {
  it('is in every role’s navigation (reviewers act, the others read)', () => {
    for (const role of ROLES as readonly Role[]) {
      const user: CurrentUser = {
        username: `u-${role}`,
        displayName: role,
        role,
        roleLabel: ROLE_LABELS[role],
        unit: null,
        officer: null,
      };
      expect(navigationFor(ROUTES, user).map((r) => r.nav)).toContain(
        'QĐ chưa có điều kiện chờ duyệt',
      );
    }
  });
});

describe('the audit page', () => {
  it('names the decisions and their steps in Vietnamese', () => {
    expect(entityLabel('pending_decision')).toBe('QĐ chưa có điều kiện chờ duyệt');
    expect(['propose', 'repropose', 'confirm', 'return', 'withdraw'].map(actionLabel)).toEqual([
      'Đề xuất',
      'Sửa và đề xuất lại',
      'Xác nhận',
      'Trả lại (có lý do)',
      'Rút, thu hồi',
    ]);
  });
});
