/**
 * What every procedure receives. Built per request from the server's dependencies: no module reads
 * the clock, the environment or a global database.
 */
import type { Database } from '@thads/db';
import type { Kysely } from 'kysely';

export interface ApiDeps {
  db: Kysely<Database>;
  /** The clock; read once per request. */
  now: () => Date;
}

// A type alias, not an interface: the Hono adapter wants a context assignable to Record<string, unknown>.
export type Context = {
  db: Kysely<Database>;
  /** The moment the request arrived. */
  now: Date;
  /** The HTTP request; null for direct calls (tests, the CLI). Sessions will read its cookie. */
  request: Request | null;
};

export function createContext(deps: ApiDeps, request: Request | null = null): Context {
  return { db: deps.db, now: deps.now(), request };
}
