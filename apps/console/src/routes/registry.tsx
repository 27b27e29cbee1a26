/**
 * The case registry in the console (issue 5): the case list, a case, intake, the cases behind a
 * report line, the import from files, units and officers. Who may do what is the server's
 * (packages/api/src/routers/cases.ts, imports.ts, units.ts, officers.ts); the pages only hide
 * what would be refused.
 */
import { ROLES, isoDate, type Role } from '@thads/domain';
import { CaseDetailPage } from '../pages/registry/CaseDetailPage.js';
import { CasesBehindPage } from '../pages/registry/CasesBehindPage.js';
import { CasesPage } from '../pages/registry/CasesPage.js';
import { ImportPage } from '../pages/registry/ImportPage.js';
import { IntakePage } from '../pages/registry/IntakePage.js';
import { PendingDecisionsBadge, PendingDecisionsPage } from '../pages/registry/PendingDecisions.js';
import { UnitsPage } from '../pages/registry/UnitsPage.js';
import type { ConsoleRoute } from './types.js';

/** cuc_manager, unit_head and clerk: they enter cases and events. */
const DATA_ENTRY: readonly Role[] = ['cuc_manager', 'unit_head', 'clerk'];

/** Today as YYYY-MM-DD, the default date of the forms (the server checks dates with its own clock). */
function todayIso(today: Date): string {
  return isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
}

/** The case list (sổ thụ lý) with its filters, search and bulk reassignment. */
export const casesRoute: ConsoleRoute = {
  path: 'viec',
  nav: 'Việc thi hành án',
  roles: ROLES,
  render: ({ user }) => <CasesPage user={user} />,
};

/** One case: facts, money, state, public-list status, timeline; its events and corrections. */
export const caseRoute: ConsoleRoute = {
  path: 'viec/:caseId',
  roles: ROLES,
  render: ({ user, today }) => <CaseDetailPage user={user} today={todayIso(today)} />,
};

/** Intake of a new case. */
export const intakeRoute: ConsoleRoute = {
  path: 'thu-ly',
  roles: DATA_ENTRY,
  render: ({ user, today }) => <IntakePage user={user} today={todayIso(today)} />,
};

/** The cases behind one number of a report. */
export const casesBehindRoute: ConsoleRoute = {
  path: 'viec-theo-dong',
  roles: ROLES,
  render: () => <CasesBehindPage />,
};

/** Import of a registry extract (CSV pair or XLSX workbook): check, then import. */
export const importRoute: ConsoleRoute = {
  path: 'nhap-du-lieu',
  nav: 'Nhập từ tệp',
  roles: DATA_ENTRY,
  render: () => <ImportPage />,
};

/** Units and officers. */
export const unitsRoute: ConsoleRoute = {
  path: 'don-vi',
  nav: 'Đơn vị, chấp hành viên',
  roles: ROLES,
  render: ({ user }) => <UnitsPage user={user} />,
};

/**
 * "Chưa có điều kiện" decisions waiting for review (issue 7): unit heads and Cục managers confirm
 * or return them; the others read those of their scope. The badge counts those the account reviews.
 */
export const pendingDecisionsRoute: ConsoleRoute = {
  path: 'quyet-dinh-cho-duyet',
  nav: 'QĐ chưa có điều kiện chờ duyệt',
  roles: ROLES,
  navBadge: ({ user }) => <PendingDecisionsBadge user={user} />,
  render: ({ user }) => <PendingDecisionsPage user={user} />,
};
