/**
 * Every page of the console, in navigation order. To add a page: write src/routes/<name>.tsx
 * exporting a `ConsoleRoute` (path, nav label, roles, render) and add it here, once.
 */
import { accountRoute } from './account.js';
import { aggregateEntryRoute } from './aggregate-entry.js';
import { auditRoute } from './audit.js';
import { coverageRoute, myWorkRoute, planRoute } from './plans.js';
import { reviewRoute } from './classification.js';
import { publicListRoute } from './public-list.js';
import {
  caseRoute,
  casesBehindRoute,
  casesRoute,
  importRoute,
  intakeRoute,
  pendingDecisionsRoute,
  unitsRoute,
} from './registry.js';
import { reportStatusRoute } from './report-status.js';
import { reportWorkflowRoute } from './report-workflow.js';
import { reportsRoute } from './reports.js';
import { officerTargetsRoute, progressRoute, targetsRoute } from './targets.js';
import type { ConsoleRoute } from './types.js';
import { unlockRequestsRoute } from './unlock-requests.js';
import { usersRoute } from './users.js';

export type { ConsoleRoute, PageContext } from './types.js';

export const ROUTES: readonly ConsoleRoute[] = [
  reportsRoute,
  casesRoute,
  caseRoute,
  intakeRoute,
  casesBehindRoute,
  pendingDecisionsRoute,
  importRoute,
  reviewRoute,
  unitsRoute,
  myWorkRoute,
  planRoute,
  coverageRoute,
  reportWorkflowRoute,
  reportStatusRoute,
  unlockRequestsRoute,
  aggregateEntryRoute,
  targetsRoute,
  officerTargetsRoute,
  progressRoute,
  publicListRoute,
  usersRoute,
  auditRoute,
  accountRoute,
];
