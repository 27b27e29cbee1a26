/**
 * Units and officers: the reference data every report and import needs.
 * Queries take `db` first and work unchanged on a transaction.
 */
import { DomainError, isUnitKind, type Unit } from '@thads/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface UnitRecord extends Unit {
  active: boolean;
}

export interface OfficerRecord {
  code: string;
  name: string;
  unit: string;
  active: boolean;
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function fromFlag(value: number | bigint): boolean {
  return Number(value) !== 0;
}

/** Every unit, ordered by code. */
export async function listUnits(db: Kysely<Database>): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute();
  return rows.map((r) => {
    if (!isUnitKind(r.kind))
      throw new Error(`unit ${r.code} has an unknown kind "${r.kind}" in the database`);
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      parent: r.parent,
      active: fromFlag(r.active),
    };
  });
}

/**
 * `code` and every unit below it, as `subtreeCodes` of @thads/domain orders them (the unit first,
 * then the others by code), or null when there is no such unit: one query down the tree, so that
 * a report of a Chi cục does not read the 700 units of the country.
 */
export async function unitSubtree(db: Kysely<Database>, code: string): Promise<string[] | null> {
  const { rows } = await sql<{ code: string }>`
    with recursive down(code) as (
      select code from units where code = ${code}
      union
      select u.code from units u join down on u.parent = down.code
    )
    select code from down`.execute(db);
  if (rows.length === 0) return null;
  return [
    code,
    ...rows
      .map((r) => r.code)
      .filter((c) => c !== code)
      .sort(),
  ];
}

/** What a report reads about the units and the settings besides the subtree (`unitSubtreeContext`). */
export interface SubtreeContext {
  /** As `unitSubtree` gives it. */
  subtree: string[];
  /** The number of units in all. */
  unitCount: number;
  /** The start of automatic publication to the public list (`public_list_settings`), or null. */
  autoPublishFrom: string | null;
  /** Whether the monthly movements are maintained (`report_movement_status`, movements.ts). */
  movementsBuilt: boolean;
}

/**
 * `unitSubtree` with, in the same statement, what a report needs next: the number of units (V12
 * chooses how to read by the share of units covered), the start of automatic publication (V12) and
 * whether the monthly movements are maintained. One round trip instead of four. Null when there is
 * no such unit.
 */
export async function unitSubtreeContext(
  db: Kysely<Database>,
  code: string,
): Promise<SubtreeContext | null> {
  const { rows } = await sql<{
    code: string;
    unit_count: number | bigint | string;
    auto_publish_from: string | null;
    built: number | bigint | string;
  }>`
    with recursive down(code) as (
      select code from units where code = ${code}
      union
      select u.code from units u join down on u.parent = down.code
    )
    select code,
      (select count(*) from units) as unit_count,
      (select auto_publish_from from public_list_settings where id = 1) as auto_publish_from,
      (select count(*) from report_movement_status where id = 1) as built
    from down`.execute(db);
  const first = rows[0];
  if (first === undefined) return null;
  return {
    subtree: [
      code,
      ...rows
        .map((r) => r.code)
        .filter((c) => c !== code)
        .sort(),
    ],
    unitCount: Number(first.unit_count),
    autoPublishFrom: first.auto_publish_from ?? null,
    movementsBuilt: Number(first.built) > 0,
  };
}

/** Every officer, or those of one unit, ordered by code. */
export async function listOfficers(db: Kysely<Database>, unit?: string): Promise<OfficerRecord[]> {
  let query = db.selectFrom('officers').selectAll().orderBy('code');
  if (unit !== undefined) query = query.where('unit', '=', unit);
  const rows = await query.execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    unit: r.unit,
    active: fromFlag(r.active),
  }));
}

/** One unit; throws DomainError('NOT_FOUND') when there is none with that code. */
export async function getUnit(db: Kysely<Database>, code: string): Promise<UnitRecord> {
  const units = await listUnits(db);
  const unit = units.find((u) => u.code === code);
  if (!unit) throw unitNotFound(code);
  return unit;
}

/** One officer; throws DomainError('NOT_FOUND') when there is none with that code. */
export async function getOfficer(db: Kysely<Database>, code: string): Promise<OfficerRecord> {
  const row = await db
    .selectFrom('officers')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `Không tìm thấy chấp hành viên mã "${code}"`, {
      officer: code,
    });
  return { code: row.code, name: row.name, unit: row.unit, active: fromFlag(row.active) };
}

export function unitNotFound(code: string): DomainError {
  return new DomainError('NOT_FOUND', `Không tìm thấy đơn vị mã "${code}"`, { unit: code });
}
