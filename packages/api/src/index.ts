/**
 * @thads/api: the tRPC API of the console and the summary. The apps import only `type AppRouter`;
 * the server mounts `appRouter` with `createContext`.
 */
export {
  cookieValue,
  createContext,
  createRequestContext,
  requestSession,
  type ApiDeps,
  type Context,
  type RequestSession,
} from './context.js';
export { AnswerCache, type AnswerCacheOptions } from './answer-cache.js';
export { REGISTRY_CACHED_QUERIES } from './routers/summary.js';
export { accessOf, assertReportAccess, assertUnit, subtreeOf, type Access } from './access.js';
export * from './auth/password.js';
export * from './auth/sessions.js';
export * from './auth/schemas.js';
export * from './services/accounts.js';
export {
  EVERYONE,
  INTERNAL_ERROR_MESSAGE,
  OVERSIGHT,
  RoleDenied,
  SIGNED_IN,
  WRITERS,
  type Caller,
  type FieldError,
  type Meta,
} from './trpc.js';
export { DOMAIN_ERROR_TO_TRPC, domainCodeOf, domainErrorToTRPC } from './errors.js';
export { appRouter, createCaller, type AppRouter } from './root.js';
export { databaseAnswers } from './routers/health.js';
export { MAX_IMPORT_FILE_BYTES, UPLOAD_PROCEDURES } from './routers/imports.js';
export { ImportJobs, type ImportJobView } from './services/import-jobs.js';
export { reportInput } from './routers/reports.js';
export { buildUnitTree, type UnitNode } from './routers/units.js';
export {
  placeOf,
  renderReportForms,
  resolveFormInput,
  type FormFormat,
  type RenderedForms,
} from './services/forms.js';
