/** The HTTP side of @thads/server: the app factory, the static serving of built apps, the env. */
export { createApp, type AppOptions } from './app.js';
export { DEFAULT_PORT, parseEnv, type ServerEnv } from './env.js';
export { builtAppDirs } from './paths.js';
export { serveBuiltApp } from './static.js';
