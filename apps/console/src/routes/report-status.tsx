import { StatusBoardPage } from '../pages/workflow/index.js';
import type { ConsoleRoute } from './types.js';

/** Every unit's report of a period: status, deadline, on time or not. */
export const reportStatusRoute: ConsoleRoute = {
  path: 'tinh-trang-bao-cao',
  nav: 'Tình trạng gửi báo cáo',
  roles: ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'],
  render: ({ today }) => <StatusBoardPage today={today} />,
};
