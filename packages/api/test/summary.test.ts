/**
 * The leadership summary's procedures over the worked example of statistics.md §12 with targets
 * for 2017, and the read-only guarantee: a leadership session is refused every mutation of the whole
 * router (FORBIDDEN), its own password change aside.
 *
 * Hand computations (working year 2017, month 9 = 01/10/2016–30/06/2017; no event of §12 falls in
 * July–September 2017 and c7 arrives on 2017-10-05, so month 9 has exactly the lines of month 12):
 * - HN total: cases X 3 / K 8 = 37.50 %, money 2700 / 7800 = 34.62 %; KCS 5 cases and 5100 đồng
 *   against 5 and 7700 at 2016/12: reductions 0.00 and 33.77.
 * - 2016/9 (01/10/2015–30/06/2016: c1 M D, c4 C X1, c10 M D, c11 M D; h1 and c8 not yet received):
 *   cases 1 / 4 = 25.00 %, money 1300 / 3600 = 36.11 %, KCS 3 and 2300 against 2015/12's 1 and 1000
 *   (c4 alone): reductions −200.00 and −130.00.
 * - 2016/12 (c1, c4, c8, c10, c11, h1): cases 1 / 6 = 16.67 %, money 1300 / 9000 = 14.44 %, KCS 5
 *   and 7700: reductions −400.00 and −670.00.
 * - Targets of HN total 40 / 30 / 0 / 20: pace at month 9 is 30.00 and 22.50; forecasts:
 *   37.50 × 16.67 ÷ 25.00 = 25.005 → 25.01; 34.62 × 14.44 ÷ 36.11 = 13.844… → 13.84;
 *   0.00 + (−400.00 − (−200.00)) = −200.00; 33.77 + (−670.00 − (−130.00)) = −506.23.
 * - HN-BDI (targets 40 / 60 / 0 / 50): 42.86, 60.71, 0.00, 59.26: all four met (đạt cả 4); its
 *   forecasts 42.86 × 20.00 ÷ 25.00 = 34.288 → 34.29, 60.71 × 32.50 ÷ 36.11 = 54.64…, 0 + (−300 + 200)
 *   = −100.00, 59.26 + (−170 + 130) = 19.26: none reaches its target, so all four are at risk.
 * - HN own, Văn phòng Cục (targets 10 / 20 / 0 / 10): 0.00, 20.00, 0.00, 20.00 (KCS 1 and 4000
 *   against 1 and 5000): three met; no 2016/9 rate (K = 0) so the forecasts are × 12 ÷ 9: 0.00
 *   (at risk) and 26.67; no reduction forecast (the 2015 base of `own` is 0).
 */
import { importTargets } from '@thads/db';
import { sqliteMemory, testDialects, useTestDatabase, type TestDatabase } from '@thads/db/testing';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoleDenied, appRouter, createContext } from '../src/index.js';
import { batchFor } from '../src/services/summary.js';
import { NOW, callerFor, importWorkedExample } from './helpers.js';

const TARGETS = [
  'unit,scope,year,metric,value,month,officer,provisional',
  'HN,total,2017,caseRate,40,,,',
  'HN,total,2017,moneyRate,30,,,',
  'HN,total,2017,caseCarryOverReduction,0,,,',
  'HN,total,2017,moneyCarryOverReduction,20,,,',
  'HN,own,2017,caseRate,10,,,',
  'HN,own,2017,moneyRate,20,,,true',
  'HN,own,2017,caseCarryOverReduction,0,,,',
  'HN,own,2017,moneyCarryOverReduction,10,,,',
  'HN-BDI,,2017,caseRate,40,,,',
  'HN-BDI,,2017,moneyRate,60,,,',
  'HN-BDI,,2017,caseCarryOverReduction,0,,,',
  'HN-BDI,,2017,moneyCarryOverReduction,50,,,',
].join('\n');

async function seed(db: TestDatabase['db']): Promise<void> {
  await importWorkedExample(db);
  const result = await importTargets(db, { name: 'targets.csv', text: `${TARGETS}\n` });
  expect(result.issues).toEqual([]);
}

describe.each(await testDialects())('the summary procedures over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await seed(t.db);
  });
  const api = () => callerFor(t.db, 'leadership');

  it('opens on the latest month with data: c7 received on 2017-10-05 is month 1 of 2018', async () => {
    expect(await api().summary.latestPeriod()).toEqual({
      latest: { year: 2018, month: 1 },
      earliestYear: 2015,
    });
  });

  it('shows the city against its targets, with pace, forecast and the same period last year', async () => {
    const o = await api().summary.overview({ year: 2017, month: 9 });
    expect(o.subject).toMatchObject({
      unit: 'HN',
      scope: 'total',
      label: 'Toàn thành phố Hà Nội',
      isCity: true,
      hasChildren: true,
      parent: null,
    });
    expect([o.periodStart, o.periodEnd, o.source]).toEqual([
      '2016-10-01',
      '2017-06-30',
      'registry',
    ]);
    expect(o.metrics.caseRate).toEqual({
      value: '37.50',
      target: '40.00',
      provisional: false,
      met: false,
      gapPoints: '-2.50',
      pace: '30.00',
      vsPacePoints: '7.50',
      forecast: '25.01',
      onTrack: false,
      lastYear: '25.00',
      vsLastYearPoints: '12.50',
    });
    expect(o.metrics.moneyRate).toEqual({
      value: '34.62',
      target: '30.00',
      provisional: false,
      met: true,
      gapPoints: '4.62',
      pace: '22.50',
      vsPacePoints: '12.12',
      forecast: '13.84',
      onTrack: false,
      lastYear: '36.11',
      vsLastYearPoints: '-1.49',
    });
    expect(o.metrics.caseCarryOverReduction).toMatchObject({
      value: '0.00',
      met: true,
      pace: null,
      forecast: '-200.00',
      lastYear: '-200.00',
      vsLastYearPoints: '200.00',
    });
    expect(o.metrics.moneyCarryOverReduction).toMatchObject({
      value: '33.77',
      met: true,
      gapPoints: '13.77',
      forecast: '-506.23',
      onTrack: false,
      lastYear: '-130.00',
      vsLastYearPoints: '163.77',
    });
    expect([o.metCount, o.allFour, o.atRisk]).toEqual([
      3,
      false,
      ['caseRate', 'moneyRate', 'caseCarryOverReduction', 'moneyCarryOverReduction'],
    ]);
    // Counts and money compared relatively with 2016/9.
    expect(o.figures.cases).toEqual({
      completed: { value: '3', lastYear: '1', changePercent: '200.00' },
      able: { value: '8', lastYear: '4', changePercent: '100.00' },
      carriedOverBase: { value: '5', lastYear: '3', changePercent: '66.67' },
      previousYearEndBase: '5',
    });
    expect(o.figures.money).toEqual({
      completed: { value: '2700', lastYear: '1300', changePercent: '107.69' },
      able: { value: '7800', lastYear: '3600', changePercent: '116.67' },
      carriedOverBase: { value: '5100', lastYear: '2300', changePercent: '121.74' },
      previousYearEndBase: '7700',
    });
    expect(o.monthly).toBeNull();
  });

  it('ranks the units, marks "đạt cả 4 chỉ tiêu" and the units at risk', async () => {
    const table = await api().summary.table({ year: 2017, month: 9 });
    expect(table.kind).toBe('units');
    expect(
      table.rows.map((r) => [r.rank, r.code, r.name, r.scope, r.metCount, r.allFour, r.atRisk]),
    ).toEqual([
      [
        1,
        'HN-BDI',
        'Chi cục THADS quận Ba Đình',
        'total',
        4,
        true,
        ['caseRate', 'moneyRate', 'caseCarryOverReduction', 'moneyCarryOverReduction'],
      ],
      [2, 'HN', 'Văn phòng Cục', 'own', 3, false, ['caseRate']],
    ]);
    const [bdi, own] = table.rows;
    expect(Object.values(bdi!.metrics).map((m) => [m.value, m.target, m.forecast])).toEqual([
      ['42.86', '40.00', '34.29'],
      ['60.71', '60.00', '54.64'],
      ['0.00', '0.00', '-100.00'],
      ['59.26', '50.00', '19.26'],
    ]);
    expect(own!.metrics.moneyRate).toEqual({
      value: '20.00',
      target: '20.00',
      provisional: true,
      met: true,
      gapPoints: '0.00',
      forecast: '26.67',
      onTrack: true,
    });
    expect(own!.metrics.caseCarryOverReduction.forecast).toBeNull();
    expect([table.total.rank, table.total.name, table.total.metCount]).toEqual([
      null,
      'Toàn thành phố Hà Nội',
      3,
    ]);
  });

  it('drills down: a unit to its officers, an officer with its monthly figures', async () => {
    const unit = await api().summary.overview({ year: 2017, month: 9, unit: 'HN-BDI' });
    expect(unit.subject).toMatchObject({
      label: 'Chi cục THADS quận Ba Đình',
      isCity: false,
      parent: { unit: 'HN', scope: 'total', label: 'Toàn thành phố Hà Nội' },
    });
    expect(unit.allFour).toBe(true);
    const officers = await api().summary.table({ year: 2017, month: 9, unit: 'HN-BDI' });
    expect(officers.kind).toBe('officers');
    // BDI-1 holds c1 (cases 0 / 1, money 200 / 700 = 28.57 %); BDI-2 holds c8 and c12 (0 / 2, 0 / 400):
    // neither meets the unit's 40 % case rate, both meet the 0 reduction of cases.
    expect(
      officers.rows.map((r) => [
        r.rank,
        r.code,
        r.metrics.caseRate.value,
        r.metrics.moneyRate.value,
      ]),
    ).toEqual([
      [1, 'BDI-1', '0.00', '28.57'],
      [2, 'BDI-2', '0.00', '0.00'],
    ]);
    const officer = await api().summary.overview({
      year: 2017,
      month: 9,
      unit: 'HN-BDI',
      officer: 'BDI-1',
    });
    expect(officer.subject).toMatchObject({
      label: 'Chấp hành viên Nguyễn Văn An',
      officer: 'BDI-1',
      parent: { unit: 'HN-BDI', scope: 'total', label: 'Chi cục THADS quận Ba Đình' },
    });
    expect(officer.metrics.moneyRate.value).toBe('28.57');
    expect(officer.monthly?.casesCompleted.value).toBe('0');
    const own = await api().summary.overview({ year: 2017, month: 9, unit: 'HN', scope: 'own' });
    expect([own.subject.label, own.subject.parent?.label]).toEqual([
      'Văn phòng Cục',
      'Toàn thành phố Hà Nội',
    ]);
  });

  it('draws the monthly curves of this year, last year and the pace line', async () => {
    const trends = await api().summary.trends({ year: 2017, month: 9 });
    expect([trends.caseRate.target, trends.moneyRate.target]).toEqual(['40.00', '30.00']);
    const point = (m: number) => trends.caseRate.points[m - 1]!;
    // Month 1 (October 2016): c1, c8, c10, c11 and h1 open, nothing completed; 2016/1: c4 open.
    expect(point(1)).toEqual({
      month: 1,
      calendar: '10/2016',
      thisYear: '0.00',
      lastYear: '0.00',
      pace: '3.33',
    });
    expect(point(9)).toEqual({
      month: 9,
      calendar: '06/2017',
      thisYear: '37.50',
      lastYear: '25.00',
      pace: '30.00',
    });
    expect(point(12)).toEqual({
      month: 12,
      calendar: '09/2017',
      thisYear: null,
      lastYear: '16.67',
      pace: '40.00',
    });
    expect(trends.moneyRate.points[11]).toMatchObject({ lastYear: '14.44', pace: '30.00' });
    expect(trends.caseRate.points).toHaveLength(12);
  });

  it('exports the page as PDF and the table as XLSX', async () => {
    const pdf = await api().summary.pagePdf({ year: 2017, month: 9 });
    expect(pdf.fileName).toBe('tom-tat_HN-total_2017-09.pdf');
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await api().summary.tableXlsx({ year: 2017, month: 9, unit: 'HN-BDI' });
    expect(xlsx.fileName).toBe('bang_HN-BDI-total_2017-09.xlsx');
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    const officer = await api().summary.pagePdf({
      year: 2017,
      month: 9,
      unit: 'HN-BDI',
      officer: 'BDI-2',
    });
    expect(officer.fileName).toBe('tom-tat_HN-BDI-BDI-2_2017-09.pdf');
  });

  it('answers NOT_FOUND for an unknown unit or officer', async () => {
    await expect(
      api().summary.overview({ year: 2017, month: 9, unit: 'HN-XYZ' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api().summary.overview({ year: 2017, month: 9, unit: 'HN-BDI', officer: 'BDI-9' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is for the roles that see every unit', async () => {
    for (const role of ['admin', 'cuc_manager'] as const) {
      await expect(callerFor(t.db, role).summary.latestPeriod()).resolves.not.toBeNull();
    }
    for (const role of ['unit_head', 'clerk', 'officer'] as const) {
      await expect(
        callerFor(t.db, role).summary.overview({ year: 2017, month: 9 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('read-only by construction', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await sqliteMemory.open();
    await seed(test.db);
  });
  afterAll(async () => {
    await test.close();
  });

  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  const paths = Object.keys(procedures).sort();
  const mutations = paths.filter((p) => procedures[p]!._def.type === 'mutation');

  it('has no mutation in the summary router', () => {
    expect(paths.filter((p) => p.startsWith('summary.'))).toEqual([
      'summary.latestPeriod',
      'summary.overview',
      'summary.pagePdf',
      'summary.table',
      'summary.tableXlsx',
      'summary.trends',
    ]);
    expect(mutations.filter((p) => p.startsWith('summary.'))).toEqual([]);
  });

  it('refuses every mutation of the router to a leadership session with FORBIDDEN, its own password change aside', async () => {
    expect(mutations.length).toBeGreaterThan(5);
    const api = callerFor(test.db, 'leadership') as unknown as Record<string, unknown>;
    const refused: string[] = [];
    for (const path of mutations) {
      const call = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (
        input?: unknown,
      ) => Promise<unknown>;
      const error = await call({}).then(
        () => null,
        (e: unknown) => e,
      );
      if (
        error instanceof TRPCError &&
        error.code === 'FORBIDDEN' &&
        error.cause instanceof RoleDenied
      ) {
        refused.push(path);
      }
    }
    expect(mutations.filter((p) => !refused.includes(p))).toEqual(['auth.changePassword']);
  });
});

describe('one batch per HTTP request', () => {
  it('is shared by the procedures of one request and not across requests', async () => {
    const test = await sqliteMemory.open();
    try {
      await seed(test.db);
      const deps = { db: test.db, now: () => NOW };
      const request = new Request('http://localhost/trpc/summary.overview,summary.table');
      const one = createContext(deps, request);
      const same = createContext(deps, request);
      const other = createContext(deps, new Request('http://localhost/trpc/summary.overview'));
      expect(batchFor(one, 'HN')).toBe(batchFor(same, 'HN'));
      expect(batchFor(one, 'HN')).not.toBe(batchFor(other, 'HN'));
      expect(batchFor(one, 'HN')).not.toBe(batchFor(one, 'HN-BDI'));
      await Promise.all([batchFor(one, 'HN'), batchFor(other, 'HN'), batchFor(one, 'HN-BDI')]);
    } finally {
      await test.close();
    }
  });
});
