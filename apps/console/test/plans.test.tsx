// The console's plan pages: who sees which link, who is offered the plan forms, and the paths.
import { ROLE_LABELS, ROLES, type Role } from '@thads/domain';
import type { CurrentUser } from '@thads/ui';
import { describe, expect, it } from 'vitest';
import { planPath } from '../src/pages/plans/MyWorkPage.js';
import { editsPlans } from '../src/pages/plans/PlanPage.js';
import { ROUTES } from '../src/routes/index.js';
import { navigationFor } from '../src/Shell.js';

function userOf(role: Role): CurrentUser {
  return {
    username: `u-${role}`,
    displayName: `Người dùng ${role}`,
    role,
    roleLabel: ROLE_LABELS[role],
    unit: role === 'clerk' || role === 'unit_head' || role === 'officer' ? 'HN-BDI' : null,
    officer: role === 'officer' ? 'BDI-1' : null,
  };
}

describe('plan pages', () => {
  it('shows "Việc của tôi" to everyone and coverage to every role but officer', () => {
    for (const role of ROLES) {
      const labels = navigationFor(ROUTES, userOf(role)).map((r) => r.nav);
      expect(labels).toContain('Việc của tôi');
      expect(labels.includes('Kế hoạch thi hành án')).toBe(role !== 'officer');
    }
    expect(ROUTES.map((r) => r.path)).toEqual(
      expect.arrayContaining(['viec-cua-toi', 'ke-hoach', 'ke-hoach/:caseId']),
    );
  });

  it('offers the plan forms to officers, unit heads and Cục managers only', () => {
    expect(ROLES.filter(editsPlans)).toEqual(['cuc_manager', 'unit_head', 'officer']);
  });

  it('links a case’s plan by its id, escaped', () => {
    expect(planPath('c1')).toBe('/ke-hoach/c1');
    expect(planPath('12/2018 A')).toBe('/ke-hoach/12%2F2018%20A');
  });
});
