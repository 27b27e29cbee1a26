/**
 * @thads/api: the tRPC API of the console and the summary. The apps import only `type AppRouter`;
 * the server mounts `appRouter` with `createContext`.
 */
export { createContext, type ApiDeps, type Context } from './context.js';
export { DOMAIN_ERROR_TO_TRPC, domainCodeOf, domainErrorToTRPC } from './errors.js';
export { appRouter, createCaller, type AppRouter } from './root.js';
export { databaseAnswers } from './routers/health.js';
export { reportInput } from './routers/reports.js';
export { buildUnitTree, type UnitNode } from './routers/units.js';
export { placeOf, renderReportForms, resolveFormInput, type FormFormat, type RenderedForms } from './services/forms.js';
