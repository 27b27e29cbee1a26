import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's apps folder: three levels above this file (apps/server/src/http). */
const APPS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where `vite build` puts the console and the summary in this checkout. */
export function builtAppDirs(appsDir: string = APPS_DIR): { console: string; summary: string } {
  return { console: resolve(appsDir, 'console/dist'), summary: resolve(appsDir, 'summary/dist') };
}
