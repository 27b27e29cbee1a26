import { ROLES } from '@thads/domain';
import { ReportScreen } from '@thads/ui';
import type { ConsoleRoute } from './types.js';

/** The monthly report of a unit, scope and officer (the home page). */
export const reportsRoute: ConsoleRoute = {
  path: '',
  nav: 'Báo cáo',
  roles: ROLES,
  render: ({ today }) => <ReportScreen variant="full" withOfficers today={today} />,
};
