import { testDialects, useTestDatabase } from '@thads/db/testing';
import { DomainError } from '@thads/domain';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample } from './helpers.js';

const CASE_KEYS = [
  'broughtForward',
  'newlyReceived',
  'totalReceived',
  'exited',
  'toEnforce',
  'able',
  'unable',
  'completed',
  'completedFull',
  'terminated',
  'inProgress',
  'postponed',
  'suspended',
  'carriedOver',
  'ableCarriedOver',
  'rate',
  'carryOverChange',
];
const MONEY_KEYS = [...CASE_KEYS.slice(0, 10), 'reduced', ...CASE_KEYS.slice(10)];

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe.each(await testDialects())('API over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('health: the database answers', async () => {
    expect(await callerFor(t.db).health.check()).toEqual({ ok: true });
  });

  it('units.tree: HN with HN-BDI under it', async () => {
    expect(await callerFor(t.db).units.tree()).toEqual([
      {
        code: 'HN',
        name: 'Cục Thi hành án dân sự thành phố Hà Nội',
        kind: 'cuc',
        active: true,
        children: [
          {
            code: 'HN-BDI',
            name: 'Chi cục THADS quận Ba Đình',
            kind: 'quan',
            active: true,
            children: [],
          },
        ],
      },
    ]);
  });

  it('officers.list: all, or those of one unit', async () => {
    const caller = callerFor(t.db);
    const expected = [
      { code: 'BDI-1', name: 'Nguyễn Văn An', unit: 'HN-BDI', active: true },
      { code: 'BDI-2', name: 'Trần Thị Bình', unit: 'HN-BDI', active: true },
    ];
    expect(await caller.officers.list({})).toEqual(expected);
    expect(await caller.officers.list({ unit: 'HN-BDI' })).toEqual(expected);
    expect(await caller.officers.list({ unit: 'HN' })).toEqual([]);
  });

  it('reports.get: HN-BDI, 2017, month 12 (statistics.md §12)', async () => {
    const report = await callerFor(t.db).reports.get({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
    });
    expect(report).toMatchObject({
      unit: 'HN-BDI',
      scope: 'total',
      officer: null,
      mode: null,
      year: 2017,
      month: 12,
      periodStart: '2016-10-01',
      periodEnd: '2017-09-30',
      ruleSet: 'TT01-2013',
      source: 'registry',
      // The one finding of §12: c2 is N and not on the public list (V12).
      validation: [
        {
          rule: 'V12',
          severity: 'warning',
          measure: 'cases',
          message: expect.stringMatching(/^Danh sách công khai: việc c2 chưa có điều kiện/),
        },
      ],
    });
    expect(report.cases).toEqual({
      broughtForward: 4,
      newlyReceived: 6,
      totalReceived: 10,
      exited: 2,
      toEnforce: 8,
      able: 7,
      unable: 1,
      completed: 3,
      completedFull: 2,
      terminated: 1,
      inProgress: 2,
      postponed: 1,
      suspended: 1,
      carriedOver: 5,
      ableCarriedOver: 4,
      rate: '42.86',
      carryOverChange: '0.00',
    });
    expect(report.money).toEqual({
      broughtForward: '2700',
      newlyReceived: '2400',
      totalReceived: '5100',
      exited: '1900',
      toEnforce: '3200',
      able: '2800',
      unable: '400',
      completed: '1700',
      completedFull: '1100',
      terminated: '500',
      reduced: '100',
      inProgress: '500',
      postponed: '400',
      suspended: '200',
      carriedOver: '1500',
      ableCarriedOver: '1100',
      rate: '60.71',
      carryOverChange: '-59.26',
    });
    // Keys in the order of interfaces.md §5, and nothing that JSON cannot carry (no bigint).
    expect(Object.keys(report.cases)).toEqual(CASE_KEYS);
    expect(Object.keys(report.money)).toEqual(MONEY_KEYS);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports.get: HN own and total, and an officer of HN-BDI', async () => {
    const caller = callerFor(t.db);
    const own = await caller.reports.get({ unit: 'HN', year: 2017, month: 12, scope: 'own' });
    expect([
      own.cases.rate,
      own.money.rate,
      own.money.completed,
      own.money.carryOverChange,
    ]).toEqual(['0.00', '20.00', '1000', '-20.00']);
    const total = await caller.reports.get({ unit: 'HN', year: 2017, month: 12, scope: 'total' });
    expect([total.cases.able, total.cases.rate, total.money.completed, total.money.rate]).toEqual([
      8,
      '37.50',
      '2700',
      '34.62',
    ]);
    expect(total.money.carryOverChange).toBe('-33.77');
    const officer = await caller.reports.get({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'own',
      officer: 'BDI-1',
    });
    expect(officer).toMatchObject({ officer: 'BDI-1', scope: 'own' });
    expect([officer.cases.able, officer.money.able, officer.money.rate]).toEqual([
      1,
      '700',
      '28.57',
    ]);
  });

  it('domain errors become tRPC errors with their code', async () => {
    const caller = callerFor(t.db);
    const missing = await rejection(
      caller.reports.get({ unit: 'XX', year: 2017, month: 12, scope: 'total' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.cause).toBeInstanceOf(DomainError);
    expect(missing.message).toContain('XX');

    const officerTotal = await rejection(
      caller.reports.get({
        unit: 'HN-BDI',
        year: 2017,
        month: 12,
        scope: 'total',
        officer: 'BDI-1',
      }),
    );
    expect(officerTotal.code).toBe('BAD_REQUEST');
    expect((officerTotal.cause as DomainError).code).toBe('INVALID_INPUT');

    const unknownOfficer = await rejection(
      caller.reports.get({
        unit: 'HN-BDI',
        year: 2017,
        month: 12,
        scope: 'own',
        officer: 'NOBODY',
      }),
    );
    expect(unknownOfficer.code).toBe('NOT_FOUND');
  });

  it('rejects a month outside 1–12 before touching the database', async () => {
    const caller = callerFor(t.db);
    for (const month of [0, 13, 1.5]) {
      const error = await rejection(
        caller.reports.get({ unit: 'HN-BDI', year: 2017, month, scope: 'total' }),
      );
      expect(error.code).toBe('BAD_REQUEST');
    }
  });
});
