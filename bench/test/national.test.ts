/**
 * The national generator at a tiny scale (issue 13): the unit tree, deterministic and valid
 * histories in the mix of statistics.md §5, money sums beyond 2^53, and the benchmark's plain SQL
 * query giving exactly resolveReport's lines, on SQLite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { checkMovements, listUnits, resolveReport } from '@thads/db';
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { subtreeCodes } from '@thads/domain';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CASE_PREFIX, datasetComplete, importBatch, loadNationalDataset } from '../src/dataset.js';
import { importFloor } from '../src/import-floor.js';
import {
  EVENTS_HEADER,
  caseIdOf,
  generateBatch,
  generateCase,
  nationalPlan,
  totalCasesOf,
} from '../src/national.js';
import { lineDifferences, linesOfRow, plainReportSql } from '../src/plain-sql.js';
import { ROOT_CODE, nationalUnits } from '../src/units.js';

const TWO_POW_53 = 9_007_199_254_740_992n;

describe('the national unit tree', () => {
  const units = nationalUnits();

  it('has 700 units: one Tổng cục, 63 Cục under it, 636 Chi cục under the Cục', () => {
    expect(units).toHaveLength(700);
    expect(new Set(units.map((u) => u.code)).size).toBe(700);
    const roots = units.filter((u) => u.parent === null);
    expect(roots.map((u) => [u.code, u.kind])).toEqual([[ROOT_CODE, 'tong_cuc']]);
    const provinces = units.filter((u) => u.kind === 'cuc');
    expect(provinces).toHaveLength(63);
    expect(provinces.every((u) => u.parent === ROOT_CODE)).toBe(true);
    const provinceCodes = new Set(provinces.map((u) => u.code));
    const branches = units.filter((u) => u.parent !== null && u.kind !== 'cuc');
    expect(branches).toHaveLength(636);
    expect(branches.every((u) => provinceCodes.has(u.parent!))).toBe(true);
  });

  it("keeps Hà Nội's 30 Chi cục of 2017 as they are", () => {
    const csv = readFileSync(
      new URL('../../apps/server/src/cli/seed/hanoi-units-2017.csv', import.meta.url),
      'utf8',
    );
    const real = csv
      .trim()
      .split('\n')
      .slice(1)
      .filter((line) => line.endsWith(',HN'))
      .map((line) => line.split(',').slice(0, 3));
    expect(real).toHaveLength(30);
    const ours = units.filter((u) => u.parent === 'HN').map((u) => [u.code, u.name, u.kind]);
    expect(ours).toEqual(real);
  });
});

describe('the generator', () => {
  const plan = nationalPlan({ seed: 7, scale: 0.01 });

  it('makes 1,000,000 cases a working year at scale 1 and a share of it at a smaller scale', () => {
    expect(totalCasesOf(1)).toBe(3_000_000);
    expect(totalCasesOf(0.01)).toBe(30_000);
    expect(plan.totalCases).toBe(30_000);
  });

  it('is deterministic and independent of the batches', () => {
    const whole = generateBatch(plan, CASE_PREFIX, 0, 200);
    const again = generateBatch(plan, CASE_PREFIX, 0, 200);
    expect(again).toEqual(whole);
    const first = generateBatch(plan, CASE_PREFIX, 0, 80);
    const second = generateBatch(plan, CASE_PREFIX, 80, 200);
    expect(first.events + second.events.slice(EVENTS_HEADER.length + 1)).toBe(whole.events);
    expect(nationalPlan({ seed: 8, scale: 0.01 }).officers).not.toEqual(plan.officers);
    expect(generateCase(nationalPlan({ seed: 8, scale: 0.01 }), CASE_PREFIX, 5)).not.toEqual(
      generateCase(plan, CASE_PREFIX, 5),
    );
  });

  it('gives about four events a case, in the mix of statistics.md §5', () => {
    const batch = generateBatch(plan, CASE_PREFIX, 0, 10_000);
    const perCase = batch.eventCount / batch.caseCount;
    expect(perCase).toBeGreaterThan(3.5);
    expect(perCase).toBeLessThan(4.5);
    const kinds = new Map<string, number>();
    const grounds = new Set<string>();
    for (const line of batch.events.trim().split('\n').slice(1)) {
      const [, , kind, , , ground] = line.split(',');
      kinds.set(kind!, (kinds.get(kind!) ?? 0) + 1);
      if (kind === 'unable') grounds.add(ground!);
    }
    for (const kind of [
      'able',
      'verify',
      'unable',
      'resume',
      'postpone',
      'suspend',
      'pay',
      'reduce',
      'assign',
      'complete',
      'terminate',
      'transfer',
      'withdraw',
    ]) {
      // Each kind is at least 0.5 % of the events.
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(batch.eventCount / 200);
    }
    expect([...grounds].sort()).toEqual(['a', 'b', 'c']);
  });
});

// 900 cases (scale 0.0003) through the import path: 700 units, their officers, 20 giant cases.
const SCALE = 0.0003;
const dialects = await testDialects();

describe.each(dialects)('the tiny national dataset on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  it('imports through the import engine: every history is valid (replayed by the domain)', async () => {
    const messages: string[] = [];
    const loaded = await loadNationalDataset(t.db, { seed: 11, scale: SCALE }, (m) =>
      messages.push(m),
    );
    expect(loaded.importedCases).toBe(900);
    expect(await datasetComplete(t.db, loaded.plan)).toBe(true);
    const units = await listUnits(t.db);
    expect(units).toHaveLength(700);
    const stored = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(900);
    // A second load finds the dataset there and imports nothing.
    const again = await loadNationalDataset(t.db, { seed: 11, scale: SCALE });
    expect(again.importedCases).toBe(0);
    expect(again.skippedBatches).toBe(1);
  });

  it('sums money beyond 2^53 in the national report, exactly', async () => {
    const report = await resolveReport(t.db, { unit: ROOT_CODE, year: 2018, month: 12 });
    // 20 giant cases of at least 6 × 10^14 đồng, at most 5 % of each paid: > 1.14 × 10^16.
    expect(report.money.lines.totalReceived! > TWO_POW_53).toBe(true);
    const sum = await t.db
      .selectFrom('cases')
      .select(['amount'])
      .execute()
      .then((rows) => rows.reduce((s, r) => s + BigInt(r.amount), 0n));
    expect(sum > TWO_POW_53).toBe(true);
  });

  it('gives the lines of resolveReport with the plain SQL query', async () => {
    const units = await listUnits(t.db);
    const requests: [string, number, number][] = [
      [ROOT_CODE, 2018, 12],
      [ROOT_CODE, 2017, 12],
      [ROOT_CODE, 2016, 4],
      ['HN', 2018, 5],
      ['HCM', 2017, 9],
      ['HN-BDI', 2017, 12],
      ['HCM-01', 2018, 7],
    ];
    for (const [unit, year, month] of requests) {
      const report = await resolveReport(t.db, { unit, year, month });
      const result = await sql
        .raw<Record<string, unknown>>(plainReportSql(subtreeCodes(units, unit), year, month))
        .execute(t.db);
      const plain = linesOfRow(result.rows[0]!);
      expect(
        lineDifferences({ cases: report.cases.lines, money: report.money.lines }, plain),
        `${unit} ${month}/${year}`,
      ).toEqual([]);
    }
    // Not all zero: the national report of 2018 has cases in every outcome.
    const national = await resolveReport(t.db, { unit: ROOT_CODE, year: 2018, month: 12 });
    for (const line of ['exited', 'completedFull', 'terminated', 'inProgress', 'unable'] as const)
      expect(national.cases.lines[line]! > 0n, line).toBe(true);
  });
  it('measures the storage floor of a batch and keeps nothing of it', async () => {
    const plan = nationalPlan({ seed: 11, scale: SCALE });
    const prefix = 'FLOOR-';
    const batch = generateBatch(plan, prefix, plan.totalCases, plan.totalCases + 50);
    await importBatch(t.db, batch, 'floor');
    const ids = Array.from({ length: 50 }, (_, i) => caseIdOf(prefix, plan.totalCases + i));
    const count = async (table: 'cases' | 'case_events' | 'audit_log' | 'report_movements') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const tables = ['cases', 'case_events', 'audit_log', 'report_movements'] as const;
    const before = await Promise.all(tables.map(count));
    const floor = await importFloor(t.db, prefix, ids);
    // Rolled back: every table holds what it held, and the movements still match the registry.
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect((await checkMovements(t.db)).differences).toEqual([]);
    expect(floor.movementRows).toBeGreaterThan(0);
    expect(floor.total).toBeCloseTo(floor.cases + floor.events + floor.audit + floor.movements, 3);
    expect(floor.cases).toBeGreaterThan(0);
  });
});
