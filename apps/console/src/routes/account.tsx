import { ROLES } from '@thads/domain';
import { AccountPage } from '../pages/account/AccountPage.js';
import type { ConsoleRoute } from './types.js';

/** One's own account: who, which role, and the password change. */
export const accountRoute: ConsoleRoute = {
  path: 'tai-khoan',
  nav: 'Tài khoản của tôi',
  roles: ROLES,
  render: ({ user }) => <AccountPage user={user} />,
};
