import { UsersPage } from '../pages/users/UsersPage.js';
import type { ConsoleRoute } from './types.js';

/** Account administration: create, change role or unit, reset password, lock. */
export const usersRoute: ConsoleRoute = {
  path: 'nguoi-dung',
  nav: 'Người dùng',
  roles: ['admin'],
  render: ({ user }) => <UsersPage self={user.username} />,
};
