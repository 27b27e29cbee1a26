import { AggregatePage } from '../pages/workflow/index.js';
import type { ConsoleRoute } from './types.js';

/** Aggregate reports entered line by line (Cục manager), and their comparison with the registry. */
export const aggregateEntryRoute: ConsoleRoute = {
  path: 'so-lieu-tong-hop',
  nav: 'Số liệu tổng hợp',
  roles: ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'],
  render: ({ today, user }) => (
    <AggregatePage today={today} canEdit={user.role === 'cuc_manager'} />
  ),
};
