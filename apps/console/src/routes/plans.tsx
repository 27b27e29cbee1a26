/**
 * Enforcement plans (issue 7): a case's plan, "Việc của tôi" and plan coverage. Who may do what is
 * the server's (packages/api/src/routers/plans.ts); the pages only hide what would be refused.
 */
import { ROLES, TT01_2013, localDateOf, type Role } from '@thads/domain';
import { CoveragePage } from '../pages/plans/CoveragePage.js';
import { MyWorkPage } from '../pages/plans/MyWorkPage.js';
import { PlanPage } from '../pages/plans/PlanPage.js';
import type { ConsoleRoute } from './types.js';

/** Coverage is for every role but officer (an officer has its own work). */
const COVERAGE_READERS: readonly Role[] = ROLES.filter((r) => r !== 'officer');

/**
 * Today in Hà Nội as YYYY-MM-DD, whatever the browser's time zone: the server counts overdue and
 * "this month" by Asia/Ho_Chi_Minh, so the template dates and form defaults must too (the server
 * still checks every date with its own clock).
 */
function todayIso(today: Date): string {
  return localDateOf(today.toISOString(), TT01_2013.deadlines.timeZone);
}

/** An officer's month: what completing it adds to the targets, overdue and due measures. */
export const myWorkRoute: ConsoleRoute = {
  path: 'viec-cua-toi',
  nav: 'Việc của tôi',
  roles: ROLES,
  render: ({ user }) => <MyWorkPage user={user} />,
};

/** One case's plan: measures, a plan from a template, status and outcome of each measure. */
export const planRoute: ConsoleRoute = {
  path: 'ke-hoach/:caseId',
  roles: ROLES,
  render: ({ user, today }) => <PlanPage user={user} today={todayIso(today)} />,
};

/** Plan coverage per officer (a unit) or per unit (the Cục), with the two lists. */
export const coverageRoute: ConsoleRoute = {
  path: 'ke-hoach',
  nav: 'Kế hoạch thi hành án',
  roles: COVERAGE_READERS,
  render: ({ user }) => <CoveragePage user={user} />,
};
