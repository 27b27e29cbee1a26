/**
 * Units and officers from the console (issue 5): create, edit, deactivate and reactivate; each in
 * one transaction with its audit record (entities `unit` and `officer`, as the imports write them).
 *
 * Nothing is ever deleted: a unit or an officer that stops working is deactivated, and keeps every
 * case and event that names it, so past reports do not change. A deactivated unit takes no new case
 * and no new officer; a deactivated officer (who left or moved) is assigned no new case, and the open
 * cases it still holds are listed for reassignment.
 */
import {
  DomainError,
  OPEN_STATES,
  UNIT_KINDS,
  findCycle,
  isUnitKind,
  type UnitKind,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../audit.js';
import { rebuildSubtreeRows } from '../movements.js';
import type { Database } from '../schema.js';
import { inTransaction, invalidField as invalid } from '../write-helpers.js';
import { fromFlag, listOfficers, listUnits, type OfficerRecord } from './units.js';

export interface ReferenceWriteContext {
  actor: AuditActor;
  at: Date;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkCode(code: string, what: string): void {
  if (!CODE_PATTERN.test(code))
    throw invalid(
      'code',
      `Mã ${what} gồm 1 đến 64 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số`,
    );
}

function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200)
    throw invalid('name', `Tên ${what} cần từ 1 đến 200 ký tự`);
  return trimmed;
}

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

/**
 * Creates a unit (code, name, kind, parent: an active unit, or none for a root). CONFLICT when the
 * code exists.
 */
export async function createUnit(
  db: Kysely<Database>,
  input: UnitInput,
  ctx: ReferenceWriteContext,
): Promise<void> {
  const code = input.code.trim();
  checkCode(code, 'đơn vị');
  const name = checkName(input.name, 'đơn vị');
  if (!isUnitKind(input.kind))
    throw invalid('kind', `Loại đơn vị phải là một trong: ${UNIT_KINDS.join(', ')}`);
  await inTransaction(db, async (trx) => {
    const units = await listUnits(trx);
    if (units.some((u) => u.code === code))
      throw new DomainError('CONFLICT', `Đã có đơn vị mã ${code}`, { field: 'code' });
    if (input.parent !== null) {
      const parent = units.find((u) => u.code === input.parent);
      if (!parent) throw invalid('parent', `Không có đơn vị cấp trên mã ${input.parent}`);
      if (!parent.active)
        throw invalid('parent', `Đơn vị cấp trên ${input.parent} đã ngừng hoạt động`);
    }
    const row = { code, name, kind: input.kind, parent: input.parent };
    await trx
      .insertInto('units')
      .values({ ...row, active: 1 })
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'unit',
      entityId: code,
      action: 'create',
      unit: code,
      after: row,
    });
  });
}

/** Changes a unit's name, kind or parent; a parent that would make a cycle is refused. */
export async function updateUnit(
  db: Kysely<Database>,
  input: UnitInput,
  ctx: ReferenceWriteContext,
): Promise<void> {
  const name = checkName(input.name, 'đơn vị');
  if (!isUnitKind(input.kind))
    throw invalid('kind', `Loại đơn vị phải là một trong: ${UNIT_KINDS.join(', ')}`);
  await inTransaction(db, async (trx) => {
    const units = await listUnits(trx);
    const old = units.find((u) => u.code === input.code);
    if (!old) throw new DomainError('NOT_FOUND', `Không tìm thấy đơn vị mã "${input.code}"`);
    if (input.parent !== null) {
      const parent = units.find((u) => u.code === input.parent);
      if (!parent) throw invalid('parent', `Không có đơn vị cấp trên mã ${input.parent}`);
      if (!parent.active && parent.code !== old.parent)
        throw invalid('parent', `Đơn vị cấp trên ${input.parent} đã ngừng hoạt động`);
      const cycle = findCycle(
        units.map((u) => ({ code: u.code, parent: u.code === old.code ? input.parent : u.parent })),
      );
      if (cycle)
        throw invalid('parent', `Quan hệ cấp trên tạo thành vòng lặp: ${cycle.join(' → ')}`);
    }
    const before = { code: old.code, name: old.name, kind: old.kind, parent: old.parent };
    const after = { code: old.code, name, kind: input.kind, parent: input.parent };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await trx
      .updateTable('units')
      .set({ name, kind: input.kind, parent: input.parent })
      .where('code', '=', old.code)
      .execute();
    // Under another parent, the unit's figures move to other units' totals.
    if (old.parent !== input.parent) await rebuildSubtreeRows(trx);
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'unit',
      entityId: old.code,
      action: 'update',
      unit: old.code,
      before,
      after,
    });
  });
}

/**
 * Deactivates a unit (its cases, officers and reports stay) or reactivates it. A unit with active
 * units under it cannot be deactivated; a unit under an inactive one cannot be reactivated.
 */
export async function setUnitActive(
  db: Kysely<Database>,
  input: { code: string; active: boolean },
  ctx: ReferenceWriteContext,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const units = await listUnits(trx);
    const unit = units.find((u) => u.code === input.code);
    if (!unit) throw new DomainError('NOT_FOUND', `Không tìm thấy đơn vị mã "${input.code}"`);
    if (unit.active === input.active) return;
    if (!input.active) {
      const child = units.find((u) => u.parent === unit.code && u.active);
      if (child)
        throw new DomainError(
          'CONFLICT',
          `Đơn vị ${unit.code} còn đơn vị trực thuộc đang hoạt động (${child.code}); ngừng hoạt động các đơn vị đó trước`,
        );
    } else if (unit.parent !== null && !units.find((u) => u.code === unit.parent)?.active) {
      throw new DomainError(
        'CONFLICT',
        `Đơn vị cấp trên ${unit.parent} đang ngừng hoạt động; kích hoạt đơn vị đó trước`,
      );
    }
    await trx
      .updateTable('units')
      .set({ active: input.active ? 1 : 0 })
      .where('code', '=', unit.code)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'unit',
      entityId: unit.code,
      action: input.active ? 'enable' : 'disable',
      unit: unit.code,
      before: { active: unit.active },
      after: { active: input.active },
    });
  });
}

export interface OfficerInput {
  code: string;
  name: string;
  unit: string;
}

async function activeUnit(trx: Kysely<Database>, code: string): Promise<void> {
  const unit = await trx
    .selectFrom('units')
    .select(['code', 'active'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!unit) throw invalid('unit', `Không có đơn vị mã ${code}`);
  if (!fromFlag(unit.active)) throw invalid('unit', `Đơn vị ${code} đã ngừng hoạt động`);
}

/** Creates an officer of an active unit. CONFLICT when the code exists. */
export async function createOfficer(
  db: Kysely<Database>,
  input: OfficerInput,
  ctx: ReferenceWriteContext,
): Promise<void> {
  const code = input.code.trim();
  checkCode(code, 'chấp hành viên');
  const name = checkName(input.name, 'chấp hành viên');
  await inTransaction(db, async (trx) => {
    const exists = await trx
      .selectFrom('officers')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    if (exists)
      throw new DomainError('CONFLICT', `Đã có chấp hành viên mã ${code}`, { field: 'code' });
    await activeUnit(trx, input.unit);
    const row = { code, name, unit: input.unit };
    await trx
      .insertInto('officers')
      .values({ ...row, active: 1 })
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'officer',
      entityId: code,
      action: 'create',
      unit: input.unit,
      after: row,
    });
  });
}

/**
 * Renames an officer or moves it to another unit; a move is refused once the officer is named on
 * a case (assignments must name officers of the case's unit, so its history would break).
 */
export async function updateOfficer(
  db: Kysely<Database>,
  input: OfficerInput,
  ctx: ReferenceWriteContext,
): Promise<void> {
  const name = checkName(input.name, 'chấp hành viên');
  await inTransaction(db, async (trx) => {
    const old = (await listOfficers(trx)).find((o) => o.code === input.code);
    if (!old)
      throw new DomainError('NOT_FOUND', `Không tìm thấy chấp hành viên mã "${input.code}"`);
    if (old.unit !== input.unit) {
      await activeUnit(trx, input.unit);
      if (await officerNamedOnCases(trx, old.code))
        throw invalid(
          'unit',
          `Chấp hành viên ${old.code} đã được phân công việc của đơn vị ${old.unit}; không chuyển sang đơn vị khác được (tạo mã chấp hành viên mới ở đơn vị ${input.unit} và ngừng công tác mã cũ)`,
        );
    }
    if (old.name === name && old.unit === input.unit) return;
    await trx
      .updateTable('officers')
      .set({ name, unit: input.unit })
      .where('code', '=', old.code)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'officer',
      entityId: old.code,
      action: 'update',
      unit: input.unit,
      before: { code: old.code, name: old.name, unit: old.unit },
      after: { code: old.code, name, unit: input.unit },
    });
  });
}

async function officerNamedOnCases(trx: Kysely<Database>, code: string): Promise<boolean> {
  const onCase = await trx
    .selectFrom('cases')
    .select('id')
    .where('officer', '=', code)
    .limit(1)
    .executeTakeFirst();
  if (onCase) return true;
  const onEvent = await trx
    .selectFrom('case_events')
    .select('id')
    .where('officer', '=', code)
    .limit(1)
    .executeTakeFirst();
  return onEvent !== undefined;
}

/**
 * An officer stops working (nghỉ việc, chuyển công tác) or comes back. Its history stays; the open
 * cases it still holds are counted in the answer, to be reassigned.
 */
export async function setOfficerActive(
  db: Kysely<Database>,
  input: { code: string; active: boolean },
  ctx: ReferenceWriteContext,
): Promise<{ openCases: number }> {
  return inTransaction(db, async (trx) => {
    const old = (await listOfficers(trx)).find((o) => o.code === input.code);
    if (!old)
      throw new DomainError('NOT_FOUND', `Không tìm thấy chấp hành viên mã "${input.code}"`);
    if (input.active && old.active !== input.active) await activeUnit(trx, old.unit);
    if (old.active !== input.active) {
      await trx
        .updateTable('officers')
        .set({ active: input.active ? 1 : 0 })
        .where('code', '=', old.code)
        .execute();
      await recordAudit(trx, {
        actor: ctx.actor,
        at: ctx.at,
        entity: 'officer',
        entityId: old.code,
        action: input.active ? 'enable' : 'disable',
        unit: old.unit,
        before: { active: old.active },
        after: { active: input.active },
      });
    }
    return { openCases: (await openCasesHeld(trx, [old.code])).get(old.code) ?? 0 };
  });
}

/** How many open cases each officer holds now. */
export async function openCasesHeld(
  db: Kysely<Database>,
  officers: readonly string[],
): Promise<Map<string, number>> {
  if (officers.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['current_officer', (eb) => eb.fn.countAll().as('n')])
    .where('current_officer', 'in', [...officers])
    .where('state', 'in', [...OPEN_STATES])
    .groupBy('current_officer')
    .execute();
  return new Map(rows.map((r) => [r.current_officer!, Number(r.n)]));
}

export interface OfficerWithLoad extends OfficerRecord {
  /** Open cases it holds now. */
  openCases: number;
}

/** The officers of these units with the open cases each holds, by unit then code. */
export async function officersWithLoad(
  db: Kysely<Database>,
  units: readonly string[],
): Promise<OfficerWithLoad[]> {
  const wanted = new Set(units);
  const officers = (await listOfficers(db)).filter((o) => wanted.has(o.unit));
  const load = await openCasesHeld(
    db,
    officers.map((o) => o.code),
  );
  return officers
    .map((o) => ({ ...o, openCases: load.get(o.code) ?? 0 }))
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.code < b.code ? -1 : 1));
}
