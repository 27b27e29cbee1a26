import { aggregatesRouter } from './routers/aggregates.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { casesRouter } from './routers/cases.js';
import { classificationRouter } from './routers/classification.js';
import { healthRouter } from './routers/health.js';
import { importsRouter } from './routers/imports.js';
import { officersRouter } from './routers/officers.js';
import { pendingDecisionsRouter } from './routers/pending-decisions.js';
import { plansRouter } from './routers/plans.js';
import { progressRouter } from './routers/progress.js';
import { publicListRouter } from './routers/public-list.js';
import { reportsRouter } from './routers/reports.js';
import { summaryRouter } from './routers/summary.js';
import { targetsRouter } from './routers/targets.js';
import { unitsRouter } from './routers/units.js';
import { usersRouter } from './routers/users.js';
import { workflowRouter } from './routers/workflow.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  health: healthRouter,
  units: unitsRouter,
  officers: officersRouter,
  reports: reportsRouter,
  cases: casesRouter,
  classification: classificationRouter,
  imports: importsRouter,
  targets: targetsRouter,
  progress: progressRouter,
  publicList: publicListRouter,
  summary: summaryRouter,
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  workflow: workflowRouter,
  aggregates: aggregatesRouter,
  pendingDecisions: pendingDecisionsRouter,
  plans: plansRouter,
});

/** The API's type: the only thing the apps import from this package. */
export type AppRouter = typeof appRouter;

/** Calls procedures directly, without HTTP (tests, scripts). */
export const createCaller = createCallerFactory(appRouter);
