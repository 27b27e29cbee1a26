import { UnlockRequestsPage } from '../pages/workflow/index.js';
import type { ConsoleRoute } from './types.js';

/** Unlock requests of a locked registry: asked with a reason, granted by the Cục manager. */
export const unlockRequestsRoute: ConsoleRoute = {
  path: 'mo-khoa',
  nav: 'Yêu cầu mở khóa',
  roles: ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'],
  render: ({ today, user }) => (
    <UnlockRequestsPage today={today} role={user.role} defaultUnit={user.unit} />
  ),
};
