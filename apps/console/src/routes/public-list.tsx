import { ROLES } from '@thads/domain';
import { PublicListPage } from '../pages/public-list/PublicListPage.js';
import type { ConsoleRoute } from './types.js';

/** The public list of "chưa có điều kiện" debtors: publication, reconciliation, re-verification. */
export const publicListRoute: ConsoleRoute = {
  path: 'danh-sach-cong-khai',
  nav: 'Danh sách công khai',
  roles: ROLES,
  render: ({ today }) => <PublicListPage today={today} />,
};
