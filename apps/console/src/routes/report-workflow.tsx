import { WorkflowPage } from '../pages/workflow/index.js';
import type { ConsoleRoute } from './types.js';

/**
 * One report's workflow: sign and submit (head of the unit), approve or return (Cục manager),
 * versions with their hashes, changed since submitted. Not for officers (their data is their cases).
 */
export const reportWorkflowRoute: ConsoleRoute = {
  path: 'quy-trinh-bao-cao',
  nav: 'Gửi, duyệt báo cáo',
  roles: ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'],
  render: ({ today, user }) => <WorkflowPage today={today} defaultUnit={user.unit} />,
};
