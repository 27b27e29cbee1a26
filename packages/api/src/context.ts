/**
 * What every procedure receives. Built per request from the server's dependencies: no module reads
 * the clock, the environment or a global database.
 */
import type { Database } from '@thads/db';
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
    found = (token ? resolveSession(deps.db, token, now) : Promise.resolve(null)).then(
      (session) => ({ now, session }),
    );
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
