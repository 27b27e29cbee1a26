/**
 * The summary's answer cache (answer-cache.ts of @thads/api) over HTTP, on two connections to one
 * database: the app on the first, the writes on the second (as the CLI import or another server
 * process would make them).
 *
 * Expected figures are worked out by hand from statistics.md §12 (working year 2017, month 12: S =
 * 2016-10-01, E = 2017-09-30), not taken from the code:
 * - HN total before any write: cases X 3 of K 8 = 37.50; money X 2700 of K 7800 = 34.62.
 * - c1 (HN-BDI, 1000 đ, 300 paid before S, 200 paid in January 2017) then paid 500 on 2017-08-01
 *   and completed the same day: it moves from D to X1, so cases X 4 of K 8 = 50.00; money: its A
 *   is 700, all of it now completed, X = 2700 − 200 + 700 = 3200 of K 7800 = 41.03 (41.025…).
 * - Targets of HN total 2017 written by an import: caseRate 45, moneyRate 35.
 * - An aggregate report of HN for 12/2017 (a row of the unit wins over the registry for HN total,
 *   statistics.md / interfaces.md §5), whose own lines give cases X 5 of K 10 = 50.00 and money
 *   X 250 of K 1000 = 25.00.
 */
import {
  importTargets,
  recordEvent,
  registryVersion,
  saveAggregateReport,
  type OpenedDatabase,
} from '@thads/db';
import { testDialects, type TwoConnections } from '@thads/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { TEST_COST, createTestAccounts, importWorkedExample } from './helpers.js';

type Db = OpenedDatabase['db'];
type Plugin = Parameters<Db['withPlugin']>[0];

const NOW = new Date('2025-11-25T09:00:00+07:00');

function trpcGet(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

const OVERVIEW = trpcGet('summary.overview', { year: 2017, month: 12 });
const TABLE = trpcGet('summary.table', { year: 2017, month: 12 });

interface OverviewBody {
  result: {
    data: {
      source: string;
      metrics: Record<string, { value: string | null; target: string | null }>;
      figures: Record<'cases' | 'money', { completed: { value: string } }>;
    };
  };
}

/** Counts the queries a Kysely instance runs. */
function counted(db: Db): { db: Db; queries: () => number } {
  let n = 0;
  const plugin: Plugin = {
    transformQuery: (args) => {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), queries: () => n };
}

describe.each(await testDialects())('the summary answer cache over $label', (dialect) => {
  let two: TwoConnections;
  let app: ReturnType<typeof createApp>;
  let queries: () => number;
  let now = NOW;
  const cookies = new Map<string, string>();

  async function login(username: string): Promise<string> {
    const res = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ username, password: `${username}-demo` }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  const get = (path: string, username: string | null) =>
    app.request(path, { headers: username ? { cookie: cookies.get(username)! } : {} });

  async function overview(username = 'lanhdao'): Promise<OverviewBody['result']['data']> {
    const res = await get(OVERVIEW, username);
    expect(res.status).toBe(200);
    return ((await res.json()) as OverviewBody).result.data;
  }

  const rates = (o: OverviewBody['result']['data']) => [
    o.metrics.caseRate!.value,
    o.metrics.moneyRate!.value,
  ];

  beforeAll(async () => {
    two = await dialect.openTwo();
    await importWorkedExample(two.first);
    await createTestAccounts(two.first);
    const c = counted(two.first);
    queries = c.queries;
    app = createApp({
      db: c.db,
      now: () => now,
      passwordCost: TEST_COST,
      decoyCost: TEST_COST,
    });
    for (const username of ['lanhdao', 'admin', 'quanly', 'truong', 'vanthu', 'chv'])
      cookies.set(username, await login(username));
  });
  afterAll(async () => {
    await two?.close();
  });

  it('answers a repeated request from the cache: the session lookup and one version query', async () => {
    const first = await get(OVERVIEW, 'lanhdao');
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    const data = (JSON.parse(firstBody) as OverviewBody).result.data;
    expect(rates(data)).toEqual(['37.50', '34.62']);
    expect([data.figures.cases.completed.value, data.figures.money.completed.value]).toEqual([
      '3',
      '2700',
    ]);

    const before = queries();
    const again = await get(OVERVIEW, 'lanhdao');
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstBody);
    expect(queries() - before).toBe(2);
    // Still an API answer: never kept by the browser, with the security headers.
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(again.headers.get('x-frame-options')).toBe('DENY');
  });

  it("answers the summary page's batched request (overview and table together) the same way", async () => {
    const input = encodeURIComponent(
      JSON.stringify({ 0: { year: 2017, month: 12 }, 1: { year: 2017, month: 12 } }),
    );
    const path = `/trpc/summary.overview,summary.table?batch=1&input=${input}`;
    const first = await get(path, 'lanhdao');
    expect(first.status).toBe(200);
    const body = await first.text();
    const [overviewPart, tablePart] = JSON.parse(body) as [
      OverviewBody,
      { result: { data: { kind: string } } },
    ];
    expect(rates(overviewPart.result.data)).toEqual(['37.50', '34.62']);
    expect(tablePart.result.data.kind).toBe('units');
    const before = queries();
    expect(await (await get(path, 'lanhdao')).text()).toBe(body);
    expect(queries() - before).toBe(2);
  });

  it('keeps its answers when only sessions change (a login is no registry change)', async () => {
    await overview();
    const version = await registryVersion(two.second);
    cookies.set('admin', await login('admin'));
    expect(await registryVersion(two.second)).toBe(version);
    const before = queries();
    await overview();
    expect(queries() - before).toBe(2);
  });

  it('gives the new figures after an event recorded through another connection', async () => {
    expect(rates(await overview())).toEqual(['37.50', '34.62']);
    const table = await get(TABLE, 'lanhdao');
    expect(table.status).toBe(200);
    const ctx = {
      actor: { username: 'cli', role: null },
      at: new Date('2025-11-25T02:00:00Z'),
      today: '2025-11-25',
    };
    await recordEvent(
      two.second,
      { caseId: 'c1', event: { date: '2017-08-01', kind: 'pay', amount: 500n } },
      ctx,
    );
    await recordEvent(
      two.second,
      { caseId: 'c1', event: { date: '2017-08-01', kind: 'complete' } },
      ctx,
    );
    const after = await overview();
    expect(rates(after)).toEqual(['50.00', '41.03']);
    expect([after.figures.cases.completed.value, after.figures.money.completed.value]).toEqual([
      '4',
      '3200',
    ]);
    const total = (
      (await (await get(TABLE, 'lanhdao')).json()) as {
        result: { data: { total: { metrics: Record<string, { value: string }> } } };
      }
    ).result.data.total;
    expect([total.metrics.caseRate!.value, total.metrics.moneyRate!.value]).toEqual([
      '50.00',
      '41.03',
    ]);
  });

  it('gives the new targets after a targets import through another connection', async () => {
    const before = await overview();
    expect(before.metrics.caseRate!.target).toBeNull();
    const result = await importTargets(two.second, {
      name: 'targets.csv',
      text: [
        'unit,scope,year,metric,value,month,officer,provisional',
        'HN,total,2017,caseRate,45,,,',
        'HN,total,2017,moneyRate,35,,,',
        '',
      ].join('\n'),
    });
    expect(result.issues).toEqual([]);
    const after = await overview();
    expect([after.metrics.caseRate!.target, after.metrics.moneyRate!.target]).toEqual([
      '45.00',
      '35.00',
    ]);
  });

  it('gives the aggregate report once one is saved through another connection', async () => {
    expect((await overview()).source).toBe('registry');
    const lines = (values: Record<string, string>) => values;
    await saveAggregateReport(
      two.second,
      {
        unit: 'HN',
        year: 2017,
        month: 12,
        cases: lines({
          broughtForward: '10',
          newlyReceived: '0',
          totalReceived: '10',
          exited: '0',
          toEnforce: '10',
          able: '10',
          completed: '5',
          completedFull: '5',
          terminated: '0',
          inProgress: '5',
          postponed: '0',
          suspended: '0',
          unable: '0',
          carriedOver: '5',
          ableCarriedOver: '5',
        }),
        money: lines({
          broughtForward: '1000',
          newlyReceived: '0',
          totalReceived: '1000',
          exited: '0',
          toEnforce: '1000',
          able: '1000',
          completed: '250',
          completedFull: '250',
          terminated: '0',
          reduced: '0',
          inProgress: '750',
          postponed: '0',
          suspended: '0',
          unable: '0',
          carriedOver: '750',
          ableCarriedOver: '750',
        }),
      },
      { username: 'quanly', name: 'quanly', role: 'cuc_manager', unit: null },
      new Date('2025-11-25T02:00:00Z'),
    );
    const after = await overview();
    expect(after.source).toBe('aggregate');
    expect(rates(after)).toEqual(['50.00', '25.00']);
  });

  it('serves the same cached answer to every role the procedure allows', async () => {
    const leadership = await (await get(TABLE, 'lanhdao')).text();
    for (const username of ['admin', 'quanly']) {
      const res = await get(TABLE, username);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(leadership);
    }
  });

  it('never answers from the cache an account the procedure refuses', async () => {
    const unitTable = trpcGet('summary.table', { year: 2017, month: 12, unit: 'HN-BDI' });
    for (const path of [TABLE, unitTable, OVERVIEW]) {
      expect((await get(path, 'lanhdao')).status).toBe(200);
      // The head, the clerk and an officer of HN-BDI itself: the summary is not theirs.
      for (const username of ['truong', 'vanthu', 'chv']) {
        const res = await get(path, username);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain('"result"');
      }
      expect((await get(path, null)).status).toBe(401);
      const forged = await app.request(path, { headers: { cookie: 'thads_session=forged' } });
      expect(forged.status).toBe(401);
    }
  });

  it('refuses a cached answer after logout and after idle expiry', async () => {
    const cookie = await login('lanhdao');
    const ask = () => app.request(OVERVIEW, { headers: { cookie } });
    expect((await ask()).status).toBe(200);
    const out = await app.request('/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(out.status).toBeLessThan(300);
    expect((await ask()).status).toBe(401);

    const idle = await login('lanhdao');
    const askIdle = () => app.request(OVERVIEW, { headers: { cookie: idle } });
    expect((await askIdle()).status).toBe(200);
    now = new Date(NOW.getTime() + 8 * 60 * 60 * 1000 + 1000);
    try {
      expect((await askIdle()).status).toBe(401);
    } finally {
      now = NOW;
    }
  });
});
