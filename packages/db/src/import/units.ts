/**
 * `import units <units.csv>` and `import officers <officers.csv>` (interfaces.md §3).
 */
import { UNIT_KINDS, findCycle, isUnitKind, type UnitKind } from '@thads/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { listOfficers, listUnits } from '../queries/units.js';
import { rebuildSubtreeRows } from '../movements.js';
import { auditImport, importAuditContext } from './audit.js';
import { readCsv, type CsvSpec, type CsvTable } from './csv.js';
import {
  IssueList,
  emptyCounts,
  failed,
  type BinaryFile,
  type ImportOptions,
  type ImportResult,
  type InputFile,
} from './issues.js';

export const UNITS_SPEC: CsvSpec = {
  known: ['code', 'name', 'kind', 'parent'],
  required: ['code', 'name', 'kind', 'parent'],
  label: 'Tệp đơn vị',
};

export const OFFICERS_SPEC: CsvSpec = {
  known: ['code', 'name', 'unit'],
  required: ['code', 'name', 'unit'],
  label: 'Tệp chấp hành viên',
};

interface UnitInput {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

/**
 * Creates or updates units. A parent may be a unit later in the file or already in the database;
 * a cycle, an unknown parent, an unknown kind or a repeated code is an error. One transaction.
 */
export async function importUnits(
  db: Kysely<Database>,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const issues = new IssueList([file.name]);
  const table = readCsv(file, UNITS_SPEC, issues);
  if (!table) return failed(issues, options.dryRun ?? false);
  return db.transaction().execute((trx) => importUnitTable(trx, table, [file], options, issues));
}

/**
 * The rows of a units file (or sheet) already read, in the caller's transaction: checked, then
 * written unless `options.dryRun` or any issue. Issues go to `issues` under `table.file`.
 */
export async function importUnitTable(
  trx: Transaction<Database>,
  table: CsvTable,
  files: readonly (InputFile | BinaryFile)[],
  options: ImportOptions,
  issues: IssueList,
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const audit = importAuditContext(options);
  const file = { name: table.file };
  if (options.scope && !options.scope.units) {
    issues.add(
      file.name,
      1,
      null,
      'tài khoản của bạn không được tạo hay sửa đơn vị (chỉ quản trị hệ thống); bỏ phần đơn vị khỏi dữ liệu nhập',
    );
    return failed(issues, dryRun);
  }
  const existing = new Map((await listUnits(trx)).map((u) => [u.code, u]));
  const inputs: UnitInput[] = [];
  const lineOf = new Map<string, number>();
  const parents: { line: number; parent: string }[] = [];
  for (const { line, values, bad } of table.records) {
    if (bad) continue; // already reported
    const code = values.code!;
    const name = values.name!;
    const kind = values.kind!;
    const parent = values.parent!;
    let ok = true;
    if (code === '') {
      issues.add(file.name, line, 'code', 'thiếu mã đơn vị');
      ok = false;
    } else if (lineOf.has(code)) {
      issues.add(
        file.name,
        line,
        'code',
        `mã đơn vị ${code} lặp lại (đã có ở dòng ${lineOf.get(code)})`,
      );
      ok = false;
    }
    if (name.trim() === '') {
      issues.add(file.name, line, 'name', 'thiếu tên đơn vị');
      ok = false;
    }
    if (!isUnitKind(kind)) {
      issues.add(
        file.name,
        line,
        'kind',
        `loại đơn vị "${kind}" không hợp lệ; cần một trong: ${UNIT_KINDS.join(', ')}`,
      );
      ok = false;
    }
    if (parent !== '' && parent === code) {
      issues.add(
        file.name,
        line,
        'parent',
        `đơn vị ${code} không thể là đơn vị cấp trên của chính nó`,
      );
      ok = false;
    }
    if (code !== '' && !lineOf.has(code)) lineOf.set(code, line);
    if (parent !== '') parents.push({ line, parent });
    if (ok)
      inputs.push({
        line,
        code,
        name,
        kind: kind as UnitKind,
        parent: parent === '' ? null : parent,
      });
  }
  for (const { line, parent } of parents) {
    if (!lineOf.has(parent) && !existing.has(parent)) {
      issues.add(
        file.name,
        line,
        'parent',
        `không có đơn vị cấp trên mã ${parent} trong tệp hay trong cơ sở dữ liệu`,
      );
    }
  }
  if (issues.size === 0) {
    const merged = new Map<string, string | null>(
      [...existing.values()].map((u) => [u.code, u.parent]),
    );
    for (const u of inputs) merged.set(u.code, u.parent);
    const cycle = findCycle([...merged].map(([code, parent]) => ({ code, parent })));
    if (cycle) {
      const inFile = cycle.find((code) => lineOf.has(code)) ?? cycle[0]!;
      issues.add(
        file.name,
        lineOf.get(inFile) ?? 1,
        'parent',
        `quan hệ cấp trên tạo thành vòng lặp: ${cycle.join(' → ')}`,
      );
    }
  }
  if (issues.size > 0) return failed(issues, dryRun);

  const counts = emptyCounts();
  const changed: UnitInput[] = [];
  for (const u of inputs) {
    const old = existing.get(u.code);
    if (old && old.name === u.name && old.kind === u.kind && old.parent === u.parent) {
      counts.unchanged++;
      continue;
    }
    if (old) counts.updated++;
    else counts.created++;
    changed.push(u);
  }
  if (!dryRun && changed.length > 0) {
    await writeUnits(trx, changed, existing);
    // A unit under another parent moves its cases' figures to other provinces' totals.
    if (changed.some((u) => existing.has(u.code) && existing.get(u.code)!.parent !== u.parent))
      await rebuildSubtreeRows(trx);
    await auditImport(
      trx,
      audit,
      'units',
      files,
      counts,
      changed.map((u) => {
        const old = existing.get(u.code);
        return {
          entity: 'unit',
          entityId: u.code,
          unit: u.code,
          before: old
            ? { code: old.code, name: old.name, kind: old.kind, parent: old.parent }
            : null,
          after: { code: u.code, name: u.name, kind: u.kind, parent: u.parent },
        };
      }),
    );
  }
  return { dryRun, issues: [], counts, written: !dryRun && changed.length > 0, notes: [] };
}

/** Writes parents before their children so that every parent reference exists when written. */
async function writeUnits(
  trx: Transaction<Database>,
  changed: UnitInput[],
  existing: ReadonlyMap<string, unknown>,
): Promise<void> {
  const byCode = new Map(changed.map((u) => [u.code, u]));
  const done = new Set<string>();
  const visit = async (u: UnitInput): Promise<void> => {
    if (done.has(u.code)) return;
    done.add(u.code);
    const parent = u.parent !== null ? byCode.get(u.parent) : undefined;
    if (parent && !existing.has(parent.code)) await visit(parent);
    if (existing.has(u.code)) {
      await trx
        .updateTable('units')
        .set({ name: u.name, kind: u.kind, parent: u.parent })
        .where('code', '=', u.code)
        .execute();
    } else {
      await trx
        .insertInto('units')
        .values({ code: u.code, name: u.name, kind: u.kind, parent: u.parent, active: 1 })
        .execute();
    }
  };
  for (const u of changed) await visit(u);
}

/**
 * Creates or updates officers. The unit must exist; an officer already named on cases of a unit
 * cannot move to another unit (assignments must name officers of the case's unit). One transaction.
 */
export async function importOfficers(
  db: Kysely<Database>,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const issues = new IssueList([file.name]);
  const table = readCsv(file, OFFICERS_SPEC, issues);
  if (!table) return failed(issues, options.dryRun ?? false);
  return db.transaction().execute((trx) => importOfficerTable(trx, table, [file], options, issues));
}

/** The rows of an officers file (or sheet) already read, in the caller's transaction. */
export async function importOfficerTable(
  trx: Transaction<Database>,
  table: CsvTable,
  files: readonly (InputFile | BinaryFile)[],
  options: ImportOptions,
  issues: IssueList,
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const audit = importAuditContext(options);
  const file = { name: table.file };
  const allowed = options.scope?.officerUnits ?? null;
  const units = new Set((await listUnits(trx)).map((u) => u.code));
  const existing = new Map((await listOfficers(trx)).map((o) => [o.code, o]));
  const lineOf = new Map<string, number>();
  const inputs: { line: number; code: string; name: string; unit: string }[] = [];
  for (const { line, values, bad } of table.records) {
    if (bad) continue; // already reported
    const code = values.code!;
    const name = values.name!;
    const unit = values.unit!;
    let ok = true;
    if (code === '') {
      issues.add(file.name, line, 'code', 'thiếu mã chấp hành viên');
      ok = false;
    } else if (lineOf.has(code)) {
      issues.add(
        file.name,
        line,
        'code',
        `mã chấp hành viên ${code} lặp lại (đã có ở dòng ${lineOf.get(code)})`,
      );
      ok = false;
    } else lineOf.set(code, line);
    if (name.trim() === '') {
      issues.add(file.name, line, 'name', 'thiếu họ tên chấp hành viên');
      ok = false;
    }
    if (!units.has(unit)) {
      issues.add(
        file.name,
        line,
        'unit',
        unit === ''
          ? 'thiếu mã đơn vị'
          : `không có đơn vị mã ${unit} trong cơ sở dữ liệu (nhập đơn vị trước)`,
      );
      ok = false;
    }
    if (ok && allowed !== null) {
      const old = existing.get(code);
      for (const u of new Set([unit, ...(old ? [old.unit] : [])])) {
        if (!allowed.has(u)) {
          issues.add(
            file.name,
            line,
            'unit',
            `tài khoản của bạn không có quyền với chấp hành viên của đơn vị ${u}`,
          );
          ok = false;
        }
      }
    }
    if (ok) inputs.push({ line, code, name, unit });
  }
  const moving = inputs.filter((o) => {
    const old = existing.get(o.code);
    return old !== undefined && old.unit !== o.unit;
  });
  for (const o of moving) {
    const used = await trx
      .selectFrom('cases')
      .select('unit')
      .where('unit', '<>', o.unit)
      .where((eb) =>
        eb.or([
          eb('officer', '=', o.code),
          eb.exists(
            eb
              .selectFrom('case_events')
              .select('case_events.id')
              .whereRef('case_events.case_id', '=', 'cases.id')
              .where('case_events.officer', '=', o.code),
          ),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    if (used) {
      issues.add(
        file.name,
        o.line,
        'unit',
        `chấp hành viên ${o.code} đã được phân công việc của đơn vị ${used.unit}, không thể chuyển sang đơn vị ${o.unit}`,
      );
    }
  }
  if (issues.size > 0) return failed(issues, dryRun);

  const counts = emptyCounts();
  const changed = inputs.filter((o) => {
    const old = existing.get(o.code);
    if (!old) counts.created++;
    else if (old.name === o.name && old.unit === o.unit) counts.unchanged++;
    else counts.updated++;
    return !old || old.name !== o.name || old.unit !== o.unit;
  });
  if (!dryRun && changed.length > 0) {
    for (const o of changed) {
      await trx
        .insertInto('officers')
        .values({ code: o.code, name: o.name, unit: o.unit, active: 1 })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: o.name, unit: o.unit }))
        .execute();
    }
    await auditImport(
      trx,
      audit,
      'officers',
      files,
      counts,
      changed.map((o) => {
        const old = existing.get(o.code);
        return {
          entity: 'officer',
          entityId: o.code,
          unit: o.unit,
          before: old ? { code: old.code, name: old.name, unit: old.unit } : null,
          after: { code: o.code, name: o.name, unit: o.unit },
        };
      }),
    );
  }
  return { dryRun, issues: [], counts, written: !dryRun && changed.length > 0, notes: [] };
}
