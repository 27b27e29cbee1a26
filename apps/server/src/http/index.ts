/** The HTTP side of @thads/server: the app factory, the static serving of built apps, the env. */
export { createApp, type AppOptions } from './app.js';
export {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_PORT,
  DEFAULT_SECURITY,
  DEFAULT_UPLOAD_LIMIT_BYTES,
  parseEnv,
  type SecurityOptions,
  type ServerEnv,
} from './env.js';
export { CONTENT_SECURITY_POLICY } from './security.js';
export { builtAppDirs } from './paths.js';
export { serveBuiltApp } from './static.js';
