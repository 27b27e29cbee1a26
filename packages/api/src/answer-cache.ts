/**
 * Finished HTTP answers of the leadership summary's figures (`REGISTRY_CACHED_QUERIES`: overview,
 * table, trends), kept per server process, so that a request costs the session lookup and one
 * registry version query (each shared with the requests that came with it: `SharedSessionReads`,
 * `SharedVersionReads`) and sending bytes instead of tRPC, the report batch (units, 6,617 officers,
 * targets, every report and progress object) and JSON serialisation (issue 13).
 *
 * Why a cached answer is always the answer tRPC would give now:
 *
 * - The answer of those queries is a function of the request's path and query string (procedure and
 *   input) and of the data (registry, units, officers, targets, aggregate lines); it reads neither
 *   the clock nor the session. Every change of that data writes its audit record in the same
 *   transaction, so it moves `registryVersion` (the latest such audit record), in whichever process
 *   it was made (the CLI import too). Answers are kept for one version only.
 * - The version is read from the database for every request (alongside its session lookup), by a
 *   query that starts after the request arrived (`SharedVersionReads`: concurrent requests may share that query, never one that
 *   began before them), so a change committed before a request came is always seen.
 * - The version is read before the answer is computed: an answer computed from data newer than its
 *   version is only ever served for that older version, to requests whose version read ran before
 *   that newer data was committed, that is while they were already waiting.
 * - Access: the session is resolved on every request (`requestSession`: logout, idle expiry, a
 *   deactivated account end it at once); only an account whose role every asked procedure declares
 *   (its `meta.roles`, the same list tRPC enforces) is answered from the cache, and the key holds the
 *   account's role, unit and officer, so an answer is shared only between accounts of the same reach.
 *   Everyone else goes on to tRPC, which refuses them as before (401 or 403).
 * - Only 200 answers are kept (never an error, never one that sets a cookie), only of plain GET
 *   requests (`input` and `batch` in the query string, no streaming or other formats asked for).
 *
 * Memory: only the latest version's answers are kept (a newer version empties the cache; a request
 * that read an older one is answered by tRPC and its answer not kept), at most
 * `maxEntries` answers and `maxBytes` bytes, the least recently used going first. Concurrent misses
 * of one key compute the answer once.
 */
import { registryVersion, type Database } from '@thads/db';
import type { Kysely } from 'kysely';
import type { AnyProcedure } from '@trpc/server';
import { requestSession, type ApiDeps } from './context.js';
import { appRouter } from './root.js';
import { REGISTRY_CACHED_QUERIES } from './routers/summary.js';
import type { Caller } from './trpc.js';

export interface AnswerCacheOptions {
  /** Where tRPC is mounted (default `/trpc`). */
  endpoint?: string;
  /** Answers kept at most (default 2,000). */
  maxEntries?: number;
  /** Bytes of answers kept at most (default 64 MiB). */
  maxBytes?: number;
}

interface Answer {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** The roles each cached procedure declares (its meta, as enforceRoles reads it). */
function declaredRoles(): Map<string, readonly Caller[]> {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  const out = new Map<string, readonly Caller[]>();
  for (const path of REGISTRY_CACHED_QUERIES) {
    const procedure = procedures[path];
    if (!procedure || procedure._def.type !== 'query')
      throw new Error(`answer cache: ${path} is not a query of the API`);
    const roles = (procedure._def.meta as { roles?: readonly Caller[] } | undefined)?.roles ?? [];
    out.set(path, roles);
  }
  return out;
}

const ignore = (): void => {};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads of the registry version shared between concurrent requests, never older than a request: a
 * request joins the next read that has not started yet, which starts at the next turn of the event
 * loop once no other read is in flight. So every request's version was read after it arrived,
 * exactly as if it had made its own query, and under load one query answers every request of a
 * turn (with a synchronous SQLite driver the queries of one turn would otherwise each run).
 */
export class SharedVersionReads {
  #running: Promise<string> | null = null;
  #next: Promise<string> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  read(): Promise<string> {
    this.#next ??= (this.#running ?? Promise.resolve())
      .then(ignore, ignore)
      .then(nextTurn)
      .then(() => {
        // From here on, a request that comes joins the read after this one.
        this.#next = null;
        return this.#begin();
      });
    return this.#next;
  }

  #begin(): Promise<string> {
    const read = registryVersion(this.db).finally(() => {
      if (this.#running === read) this.#running = null;
    });
    this.#running = read;
    return read;
  }
}

/** The query string keys tRPC reads for a GET of queries; anything else bypasses the cache. */
const PLAIN_QUERY_KEYS = new Set(['input', 'batch']);
const MAX_URL_LENGTH = 4096;

export class AnswerCache {
  private readonly endpoint: string;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly roles = declaredRoles();
  private readonly versions: SharedVersionReads;
  /** The registry version of the answers kept; answers of other versions are not kept. */
  private version: string | null = null;
  private readonly answers = new Map<string, Answer>();
  private readonly computing = new Map<string, Promise<Answer | null>>();
  private bytes = 0;

  constructor(
    private readonly deps: ApiDeps,
    options: AnswerCacheOptions = {},
  ) {
    this.endpoint = options.endpoint ?? '/trpc';
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.versions = new SharedVersionReads(deps.db);
  }

  /** How many answers are kept, and their bytes (tests, diagnostics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.answers.size, bytes: this.bytes };
  }

  /**
   * The answer to `request`: from the cache when it may be (a new Response), else the Response of
   * `compute()` (the tRPC handler) itself, kept when it may be. `compute` is called at most once.
   */
  async answer(request: Request, compute: () => Promise<Response>): Promise<Response> {
    const asked = this.cachedPathsOf(request);
    if (!asked) return compute();
    const { paths, url } = asked;
    // The version is read alongside the session lookup (two round trips at once, not one after
    // the other); it is still read after the request arrived and before any answer is computed.
    // A request that turns out not to be answered from the cache leaves its read unused.
    const versionRead = this.versions.read();
    versionRead.catch(ignore);
    const { session } = await requestSession(this.deps, request);
    if (!session) return compute();
    for (const path of paths) if (!this.roles.get(path)!.includes(session.role)) return compute();

    const version = await versionRead;
    if (this.version === null || BigInt(version) > BigInt(this.version)) this.startVersion(version);
    // An older version than the latest seen: a request that began before the latest change.
    if (version !== this.version) return compute();
    const key = `${session.role}\u0000${session.unit ?? ''}\u0000${session.officer ?? ''}\u0000${url.pathname}${url.search}`;

    const kept = this.answers.get(key);
    if (kept) {
      // Most recently used last.
      this.answers.delete(key);
      this.answers.set(key, kept);
      return responseOf(kept);
    }
    const pending = this.computing.get(key);
    if (pending) {
      const shared = await pending.catch(() => null);
      return shared ? responseOf(shared) : compute();
    }

    let response!: Response;
    const computed = (async (): Promise<Answer | null> => {
      response = await compute();
      if (response.status !== 200 || response.headers.has('set-cookie')) return null;
      const body = new Uint8Array(await response.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { body, headers };
    })();
    this.computing.set(key, computed);
    try {
      const answer = await computed;
      // Kept only if no newer version started meanwhile.
      if (answer && this.version === version) this.keep(key, answer);
    } finally {
      if (this.computing.get(key) === computed) this.computing.delete(key);
    }
    return response;
  }

  /** The cached procedures a request asks for, or null when it is not one the cache may answer. */
  private cachedPathsOf(request: Request): { paths: string[]; url: URL } | null {
    if (request.method !== 'GET' || request.url.length > MAX_URL_LENGTH) return null;
    const headers = request.headers;
    if (headers.has('trpc-accept') || headers.has('content-type')) return null;
    if (headers.get('accept')?.includes('jsonl')) return null;
    const url = new URL(request.url);
    const prefix = `${this.endpoint}/`;
    if (!url.pathname.startsWith(prefix)) return null;
    const paths = url.pathname.slice(prefix.length).split(',');
    if (!paths.every((p) => this.roles.has(p))) return null;
    const seen = new Set<string>();
    for (const name of url.searchParams.keys()) {
      if (!PLAIN_QUERY_KEYS.has(name) || seen.has(name)) return null;
      seen.add(name);
    }
    return { paths, url };
  }

  private startVersion(version: string): void {
    this.version = version;
    this.answers.clear();
    this.computing.clear();
    this.bytes = 0;
  }

  private keep(key: string, answer: Answer): void {
    const size = answer.body.byteLength + key.length;
    if (size > this.maxBytes) return;
    const old = this.answers.get(key);
    if (old) {
      this.answers.delete(key);
      this.bytes -= old.body.byteLength + key.length;
    }
    this.answers.set(key, answer);
    this.bytes += size;
    for (const [oldest, entry] of this.answers) {
      if (this.answers.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= entry.body.byteLength + oldest.length;
    }
  }
}

function responseOf(answer: Answer): Response {
  return new Response(answer.body, { status: 200, headers: { ...answer.headers } });
}
