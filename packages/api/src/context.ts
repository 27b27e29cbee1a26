/**
 * What every procedure receives. Built per request from the server's dependencies: no module reads
 * the clock, the environment or a global database.
 */
import { findSessions, type Database, type findSession } from '@thads/db';
import type { Kysely } from 'kysely';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/password.js';
import { SESSION_COOKIE, resolveSession, type SessionUser } from './auth/sessions.js';
import { processImportJobs, type ImportJobs } from './services/import-jobs.js';

export interface ApiDeps {
  db: Kysely<Database>;
  /** The clock; read once per request. */
  now: () => Date;
  /** scrypt cost of new password hashes (tests lower it); the default otherwise. */
  passwordCost?: ScryptCost;
  /** Imports running from the console; default: the process's one store. */
  imports?: ImportJobs;
}

// A type alias, not an interface: the Hono adapter wants a context assignable to Record<string, unknown>.
export type Context = {
  db: Kysely<Database>;
  /** The moment the request arrived. */
  now: Date;
  /** The HTTP request; null for direct calls (tests, the CLI). */
  request: Request | null;
  /** The signed-in account, or null for an anonymous visitor. */
  session: SessionUser | null;
  /** The client's address as the server sees it (audit records), or null. */
  address: string | null;
  passwordCost: ScryptCost;
  /** Imports running from the console (services/import-jobs.ts). */
  imports: ImportJobs;
};

/** A context for direct calls: tests and scripts pass the account to act as (or none). */
export function createContext(
  deps: ApiDeps,
  request: Request | null = null,
  session: SessionUser | null = null,
  address: string | null = null,
): Context {
  return {
    db: deps.db,
    now: deps.now(),
    request,
    session,
    address,
    passwordCost: deps.passwordCost ?? DEFAULT_SCRYPT_COST,
    imports: deps.imports ?? processImportJobs,
  };
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** When a request arrived (the clock read once) and who sent it. */
export interface RequestSession {
  now: Date;
  session: SessionUser | null;
}

const requestSessions = new WeakMap<Request, Promise<RequestSession>>();

type FoundSession = Awaited<ReturnType<typeof findSession>>;
const ignore = (): void => {};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Session lookups shared between concurrent requests, never older than a request (as
 * `SharedVersionReads` of answer-cache.ts): a request joins the next lookup that has not started
 * yet, which starts at the next turn of the event loop once no other lookup is in flight, and reads
 * the sessions of every request that joined it in one query (`findSessions`). So every request's
 * session is read after it arrived, as if it had made its own query (a logout or a deactivation
 * committed before the request is seen), and under load one query answers every request of a turn
 * instead of one query each.
 */
export class SharedSessionReads {
  #running: Promise<unknown> | null = null;
  #next: { ids: Set<string>; read: Promise<Map<string, NonNullable<FoundSession>>> } | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** The session of key `id` with its account, or undefined (a `findSession` of the request's). */
  find(id: string): Promise<FoundSession> {
    if (!this.#next) {
      const ids = new Set<string>();
      const read = (this.#running ?? Promise.resolve())
        .then(ignore, ignore)
        .then(nextTurn)
        .then(() => {
          // From here on, a request that comes joins the lookup after this one.
          this.#next = null;
          return this.#begin([...ids]);
        });
      this.#next = { ids, read };
    }
    this.#next.ids.add(id);
    return this.#next.read.then((found) => found.get(id));
  }

  #begin(ids: string[]): Promise<Map<string, NonNullable<FoundSession>>> {
    const read = findSessions(this.db, ids);
    const running = read.finally(() => {
      if (this.#running === running) this.#running = null;
    });
    running.catch(ignore);
    this.#running = running;
    return read;
  }
}

const sharedSessionReads = new WeakMap<Kysely<Database>, SharedSessionReads>();

/** The shared session lookups of a database (one per database, for every HTTP request). */
function sessionReadsOf(db: Kysely<Database>): SharedSessionReads {
  let reads = sharedSessionReads.get(db);
  if (!reads) sharedSessionReads.set(db, (reads = new SharedSessionReads(db)));
  return reads;
}

/**
 * The clock and the account of an HTTP request: the clock read once, the session cookie resolved
 * once (`resolveSession`: one lookup, idle expiry, logout) however many layers ask, so the answer
 * cache (answer-cache.ts) and the tRPC context see the same account and the same moment.
 */
export function requestSession(deps: ApiDeps, request: Request): Promise<RequestSession> {
  let found = requestSessions.get(request);
  if (!found) {
    const now = deps.now();
    const token = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
    const reads = sessionReadsOf(deps.db);
    found = (
      token
        ? resolveSession(deps.db, token, now, (_db, id) => reads.find(id))
        : Promise.resolve(null)
    ).then((session) => ({ now, session }));
    requestSessions.set(request, found);
  }
  return found;
}

/** The context of an HTTP request: its session comes from the session cookie. */
export async function createRequestContext(
  deps: ApiDeps,
  request: Request,
  address: string | null,
): Promise<Context> {
  const { now, session } = await requestSession(deps, request);
  return { ...createContext(deps, request, session, address), now };
}
