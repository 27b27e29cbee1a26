/**
 * Who may do what (interfaces.md §6): the roles of an account. The server enforces them; the apps
 * only read the labels. Anonymous visitors have no role and no account.
 */

/** The roles, from the widest rights to the narrowest. */
export const ROLES = [
  'admin',
  'cuc_manager',
  'unit_head',
  'clerk',
  'officer',
  'leadership',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Vietnamese names of the roles, as the apps show them. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Quản trị hệ thống',
  cuc_manager: 'Quản lý cấp Cục',
  unit_head: 'Thủ trưởng đơn vị',
  clerk: 'Văn thư – nhập liệu',
  officer: 'Chấp hành viên',
  leadership: 'Lãnh đạo (chỉ xem)',
};

/**
 * Branch roles work on one unit (and the units under it): the account names that unit. An officer
 * account names its officer record, whose unit it works in.
 */
export const UNIT_ROLES: readonly Role[] = ['unit_head', 'clerk'];

/** What an account of a role must be linked to: a unit, an officer record, or nothing. */
export function roleLink(role: Role): 'unit' | 'officer' | 'none' {
  if (role === 'officer') return 'officer';
  return UNIT_ROLES.includes(role) ? 'unit' : 'none';
}
