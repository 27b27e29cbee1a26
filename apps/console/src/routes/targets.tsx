import { ROLES } from '@thads/domain';
import { OfficerTargetsPage, ProgressPage, TargetsMatrixPage } from '../pages/targets/index.js';
import type { ConsoleRoute } from './types.js';

/** Unit targets of a working year (set by the Cục manager; read by every role in its scope). */
export const targetsRoute: ConsoleRoute = {
  path: 'chi-tieu',
  nav: 'Chỉ tiêu',
  roles: ROLES,
  render: ({ today }) => <TargetsMatrixPage today={today} />,
};

/** Officers' monthly targets (set by the head of the unit). */
export const officerTargetsRoute: ConsoleRoute = {
  path: 'chi-tieu-chap-hanh-vien',
  nav: 'Chỉ tiêu chấp hành viên',
  roles: ROLES,
  render: ({ today }) => <OfficerTargetsPage today={today} />,
};

/** Where a unit and its officers stand against their targets. */
export const progressRoute: ConsoleRoute = {
  path: 'tien-do',
  nav: 'Tiến độ',
  roles: ROLES,
  render: ({ today }) => <ProgressPage today={today} />,
};
