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
