/**
 * The pieces of the summary's answer cache that HTTP tests cannot time: shared reads of the
 * registry version never give a request a version read before it arrived, and the cache refuses to
 * name a procedure that is not a query. (The cache over HTTP: apps/server test/http/answer-cache.)
 */
import {
  deleteSession,
  importTargets,
  insertSession,
  insertUser,
  registryVersion,
  type Database,
} from '@thads/db';
import { testDialects, type TwoConnections } from '@thads/db/testing';
import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_CACHED_QUERIES } from '../src/index.js';
import { SharedVersionReads } from '../src/answer-cache.js';
import { SharedSessionReads } from '../src/context.js';
import { appRouter } from '../src/root.js';
import { importWorkedExample } from './helpers.js';

/** Waits until `check` holds, yielding to the event loop in between. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !check(); i++) await new Promise((r) => setImmediate(r));
  expect(check()).toBe(true);
}

describe.each(await testDialects())('shared registry version reads over $label', (dialect) => {
  let two: TwoConnections;
  beforeAll(async () => {
    two = await dialect.openTwo();
    await importWorkedExample(two.first);
  });
  afterAll(async () => {
    await two?.close();
  });

  it('gives a request that came during a read the next read, which sees a change committed meanwhile', async () => {
    // Each query of the reader runs, then holds its result until released.
    const held: (() => void)[] = [];
    let queries = 0;
    const hold: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => {
        await new Promise<void>((release) => held.push(release));
        return args.result;
      },
    };
    const reads = new SharedVersionReads(two.first.withPlugin(hold) as Kysely<Database>);
    const before = await registryVersion(two.second);

    const first = reads.read();
    await until(() => held.length === 1);
    // A change committed while the first read (already run) is still on its way back.
    const result = await importTargets(two.second, {
      name: 'targets.csv',
      text: 'unit,scope,year,metric,value,month,officer,provisional\nHN,total,2017,caseRate,45,,,\n',
    });
    expect(result.issues).toEqual([]);
    const changed = await registryVersion(two.second);
    expect(BigInt(changed)).toBeGreaterThan(BigInt(before));

    // Two requests that came after the change: neither may get the first read's version.
    const second = reads.read();
    const third = reads.read();
    held.shift()!();
    expect(await first).toBe(before);
    await until(() => held.length === 1);
    held.shift()!();
    expect([await second, await third]).toEqual([changed, changed]);
    // One query served both of them.
    expect(queries).toBe(2);

    // Nothing in flight: the requests of one turn of the event loop share a new read.
    const fourth = reads.read();
    const fifth = reads.read();
    await until(() => held.length === 1);
    held.shift()!();
    expect([await fourth, await fifth]).toEqual([changed, changed]);
    expect(queries).toBe(3);
  });
});

describe.each(await testDialects())('shared session lookups over $label', (dialect) => {
  let two: TwoConnections;
  beforeAll(async () => {
    two = await dialect.openTwo();
  });
  afterAll(async () => {
    await two?.close();
  });

  it('gives requests that came during a lookup the next one, which sees a logout and a login committed meanwhile', async () => {
    const held: (() => void)[] = [];
    let queries = 0;
    const hold: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => {
        await new Promise<void>((release) => held.push(release));
        return args.result;
      },
    };
    const at = '2025-12-07T01:00:00.000Z';
    const user = await insertUser(two.second, {
      username: 'lanhdao',
      displayName: 'Lãnh đạo',
      passwordHash: 'x',
      role: 'leadership',
      unit: null,
      officer: null,
      at,
    });
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    await insertSession(two.second, { id: a, userId: user.id, at, address: null });
    const reads = new SharedSessionReads(two.first.withPlugin(hold) as Kysely<Database>);

    const first = reads.find(a);
    await until(() => held.length === 1);
    // While the first lookup (already run) is on its way back: a logout and a login.
    await deleteSession(two.second, a);
    await insertSession(two.second, { id: b, userId: user.id, at, address: null });

    // Three requests that came after them share the next lookup.
    const second = reads.find(a);
    const third = reads.find(b);
    const fourth = reads.find(b);
    held.shift()!();
    expect((await first)?.session).toEqual({
      id: a,
      userId: user.id,
      createdAt: at,
      lastSeenAt: at,
    });
    expect((await first)?.user.username).toBe('lanhdao');
    await until(() => held.length === 1);
    held.shift()!();
    expect(await second).toBeUndefined();
    expect((await third)?.session.id).toBe(b);
    expect((await fourth)?.user.role).toBe('leadership');
    expect(queries).toBe(2);

    // Nothing in flight: the requests of one turn of the event loop share a new lookup.
    const fifth = reads.find(b);
    const sixth = reads.find('c'.repeat(64));
    await until(() => held.length === 1);
    held.shift()!();
    expect((await fifth)?.session.id).toBe(b);
    expect(await sixth).toBeUndefined();
    expect(queries).toBe(3);
  });
});

describe('the cached procedures', () => {
  it('are queries of the API that read neither the clock nor the session (not latestPeriod, not the exports)', () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { type: string } }
    >;
    expect([...REGISTRY_CACHED_QUERIES].sort()).toEqual([
      'summary.overview',
      'summary.table',
      'summary.trends',
    ]);
    for (const path of REGISTRY_CACHED_QUERIES) expect(procedures[path]?._def.type).toBe('query');
  });
});
