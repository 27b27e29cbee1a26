/**
 * Issue 12: the full demo tells the published 2017 story (published-figures.json,
 * `hanoi2017Headline`). Seeds the full demo into SQLite once and checks every figure with
 * `resolveReport` / `resolveProgress`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SCRYPT_COST } from '@thads/api';
import {
  listTargets,
  listUnits,
  migrateToLatest,
  openDatabase,
  publicListReconciliation,
  resolveProgress,
  resolveReport,
  type OpenedDatabase,
} from '@thads/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING_ALL_FOUR, seedDemo, type SeedStep } from '../../src/cli/seed/demo.js';
import { DEMO_PENDING_PUBLICATIONS } from '../../src/cli/seed/public-list.js';

const temp = mkdtempSync(join(tmpdir(), 'thads-seed-demo-'));
let opened: OpenedDatabase;
let steps: SeedStep[];
let seconds = 0;

beforeAll(async () => {
  opened = openDatabase(`sqlite:${join(temp, 'demo.sqlite')}`);
  await migrateToLatest(opened.db);
  const start = Date.now();
  steps = await seedDemo(opened.db, {
    today: '2025-11-25',
    now: new Date('2025-11-25T03:00:00Z'),
    passwordCost: TEST_SCRYPT_COST,
  });
  seconds = (Date.now() - start) / 1000;
}, 1_800_000);

afterAll(async () => {
  await opened?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** A two-decimal figure as a number of hundredths. */
const near = (value: bigint | null, expected: number) => {
  expect(value).not.toBeNull();
  expect(Math.abs(Number(value) - expected * 100)).toBeLessThanOrEqual(50);
};

// Every figure reads the whole registry; slow when every package's tests run in parallel.
describe('seed demo (full scale)', { timeout: 900_000 }, () => {
  it('loads every step without issues, at Hà Nội scale', async () => {
    console.info(`seed demo: ${seconds.toFixed(1)} s`);
    expect(steps.map((s) => [s.label, s.result.issues])).toEqual([
      ['Đơn vị', []],
      ['Chấp hành viên', []],
      ['Việc', []],
      ['Danh sách công khai', []],
      ['Chỉ tiêu', []],
      ['Tài khoản', []],
      ['Báo cáo', []],
    ]);
    for (const year of [2016, 2017, 2018]) {
      const r = await resolveReport(opened.db, { unit: 'HN', scope: 'total', year, month: 12 });
      expect(Number(r.cases.lines.totalReceived)).toBeGreaterThan(27_000);
      expect(Number(r.cases.lines.totalReceived)).toBeLessThan(34_000);
    }
  }, 900_000);

  it('HN total, 2017, month 12: 80 %, 34.5 %, KCS −8.5 % and −3.6 % (±0.5 points)', async () => {
    const r = await resolveReport(opened.db, { unit: 'HN', scope: 'total', year: 2017, month: 12 });
    console.info(
      `HN total 2017-12: cases ${r.cases.rate}, money ${r.money.rate}, carry-over ${r.cases.carryOverChange} / ${r.money.carryOverChange} (hundredths)`,
    );
    near(r.cases.rate, 80);
    near(r.money.rate, 34.5);
    near(r.cases.carryOverChange, -8.5);
    near(r.money.carryOverChange, -3.6);
    expect(r.validation.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('2017 targets: 70 / 30 / 0 / 0 for HN total and the 31 reporting units; 2018 copies them as provisional', async () => {
    const t2017 = await listTargets(opened.db, { year: 2017, holder: 'unit' });
    const t2018 = await listTargets(opened.db, { year: 2018, holder: 'unit' });
    const expected = {
      caseRate: 7000n,
      moneyRate: 3000n,
      caseCarryOverReduction: 0n,
      moneyCarryOverReduction: 0n,
    };
    const units = await listUnits(opened.db);
    const keys = units.flatMap((u) =>
      u.code === 'HN' ? ['HN/total', 'HN/own'] : [`${u.code}/total`],
    );
    expect(keys).toHaveLength(32);
    const of = (ts: typeof t2017) =>
      Object.fromEntries(
        keys.map((k) => [
          k,
          Object.fromEntries(
            ts
              .filter((t) => `${t.unit}/${t.scope}` === k && t.officer === null)
              .map((t) => [t.metric, t.value]),
          ),
        ]),
      );
    expect(of(t2017)).toEqual(Object.fromEntries(keys.map((k) => [k, expected])));
    expect(t2017.every((t) => !t.provisional)).toBe(true);
    expect(of(t2018)).toEqual(of(t2017));
    expect(t2018).toHaveLength(t2017.length);
    expect(t2018.every((t) => t.provisional && t.origin === 'copy_targets')).toBe(true);
    // Officers' monthly targets for both years.
    for (const year of [2017, 2018]) {
      const officers = await listTargets(opened.db, { year, holder: 'officers' });
      expect(officers.length).toBeGreaterThan(300 * 12);
    }
  });

  it('exactly HN-SSO, HN-NTL, HN-STA, HN-TOA, HN-BVI and HN-HMA meet all four at month 12', async () => {
    const units = await listUnits(opened.db);
    expect(units).toHaveLength(31);
    const meeting: string[] = [];
    for (const u of units) {
      const p = await resolveProgress(opened.db, {
        unit: u.code,
        scope: u.code === 'HN' ? 'own' : 'total',
        year: 2017,
        month: 12,
      });
      if (p.allFour) meeting.push(u.code);
    }
    console.info(`all four in 2017: ${meeting.join(', ')}`);
    expect(meeting.sort()).toEqual([...DEMO_MEETING_ALL_FOUR].sort());
    const city = await resolveProgress(opened.db, { unit: 'HN', year: 2017, month: 12 });
    expect(city.allFour).toBe(true);
  }, 900_000);

  it('the public list matches the statistics: V12 clean in 2017, only the pending decisions in 2018', async () => {
    const r2017 = await publicListReconciliation(opened.db, {
      unit: 'HN',
      scope: 'total',
      year: 2017,
      month: 12,
    });
    expect([r2017.unpublished, r2017.notUnable, r2017.orphans]).toEqual([[], [], []]);
    const r2018 = await publicListReconciliation(opened.db, {
      unit: 'HN',
      scope: 'total',
      year: 2018,
      month: 12,
    });
    expect([r2018.unpublished.length, r2018.notUnable, r2018.orphans]).toEqual([
      DEMO_PENDING_PUBLICATIONS,
      [],
      [],
    ]);
  }, 900_000);

  it('reports in every workflow state', async () => {
    const rows = await opened.db
      .selectFrom('reports')
      .select(['unit', 'month', 'status'])
      .orderBy('month')
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['approved', 'returned', 'submitted', 'draft']),
    );
  });

  it('a second run changes nothing', async () => {
    const again = await seedDemo(opened.db, {
      today: '2025-11-25',
      now: new Date('2025-11-26T03:00:00Z'),
      passwordCost: TEST_SCRYPT_COST,
    });
    expect(
      again.map((s) => [
        s.label,
        s.result.issues.length,
        s.result.counts.created,
        s.result.counts.updated,
      ]),
    ).toEqual(
      [
        'Đơn vị',
        'Chấp hành viên',
        'Việc',
        'Danh sách công khai',
        'Chỉ tiêu',
        'Tài khoản',
        'Báo cáo',
      ].map((l) => [l, 0, 0, 0]),
    );
  }, 1_800_000);
});
