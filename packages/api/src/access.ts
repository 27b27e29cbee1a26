/**
 * What data an account may see and change (interfaces.md §6), checked on the server in every
 * procedure that takes a unit or an officer:
 *
 * - admin, cuc_manager, leadership: every unit;
 * - unit_head, clerk: their unit and the units under it;
 * - officer: their unit, and within it only their own cases and targets (reports with `officer` =
 *   their own code).
 */
import { listUnits, type Database } from '@thads/db';
import { DomainError } from '@thads/domain';
import type { Kysely } from 'kysely';
import type { SessionUser } from './auth/sessions.js';

export interface Access {
  /** Every unit, or only `units`. */
  allUnits: boolean;
  /** The units the account may see (all of them when `allUnits`). */
  units: ReadonlySet<string>;
  /** For an officer account: the only officer whose data it may see. */
  officer: string | null;
}

/** The codes of `root` and every unit under it. */
export function subtreeOf(
  units: readonly { code: string; parent: string | null }[],
  root: string,
): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parent === null) continue;
    const list = children.get(u.parent) ?? [];
    list.push(u.code);
    children.set(u.parent, list);
  }
  const out = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const code = stack.pop()!;
    if (out.has(code)) continue;
    out.add(code);
    stack.push(...(children.get(code) ?? []));
  }
  return out;
}

export async function accessOf(db: Kysely<Database>, user: SessionUser): Promise<Access> {
  const units = await listUnits(db);
  switch (user.role) {
    case 'admin':
    case 'cuc_manager':
    case 'leadership':
      return { allUnits: true, units: new Set(units.map((u) => u.code)), officer: null };
    case 'unit_head':
    case 'clerk':
      return {
        allUnits: false,
        units: user.unit === null ? new Set() : subtreeOf(units, user.unit),
        officer: null,
      };
    case 'officer':
      return {
        allUnits: false,
        units: new Set(user.unit === null ? [] : [user.unit]),
        // An officer account without its officer record sees no one's cases.
        officer: user.officer ?? '',
      };
  }
}

/** Throws FORBIDDEN unless the account may see or change data of `unit`. */
export function assertUnit(access: Access, unit: string): void {
  if (access.allUnits || access.units.has(unit)) return;
  throw new DomainError('FORBIDDEN', `Tài khoản của bạn không có quyền với đơn vị ${unit}`, {
    unit,
  });
}

/**
 * Throws FORBIDDEN unless the account may see the data asked for: a unit it may see and, for an
 * officer account, only its own officer. Returns the officer to report on.
 */
export function assertReportAccess(
  access: Access,
  request: { unit: string; officer?: string | undefined },
): string | undefined {
  assertUnit(access, request.unit);
  if (access.officer === null) return request.officer;
  if (request.officer !== access.officer)
    throw new DomainError(
      'FORBIDDEN',
      'Chấp hành viên chỉ xem được số liệu các việc của chính mình (chọn chấp hành viên là bạn)',
    );
  return access.officer;
}
