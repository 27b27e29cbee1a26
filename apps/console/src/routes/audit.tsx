import { AuditPage } from '../pages/audit/AuditPage.js';
import type { ConsoleRoute } from './types.js';

/** The audit trail, filtered and paged, and its hash-chain check. */
export const auditRoute: ConsoleRoute = {
  path: 'nhat-ky',
  nav: 'Nhật ký kiểm toán',
  roles: ['admin', 'cuc_manager', 'leadership'],
  render: () => <AuditPage />,
};
