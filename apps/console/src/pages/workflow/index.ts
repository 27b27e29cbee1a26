export { AggregatePage } from './AggregatePage.js';
export { StatusBoardPage } from './StatusBoardPage.js';
export { UnlockRequestsPage } from './UnlockRequestsPage.js';
export { WorkflowPage } from './WorkflowPage.js';
