/**
 * The unit hierarchy (statistics.md §6, interfaces.md §3): Tổng cục, Cục (province) and Chi cục.
 */
export const UNIT_KINDS = ['tong_cuc', 'cuc', 'quan', 'huyen', 'thi_xa', 'thanh_pho', 'khu_vuc'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS_VI: Readonly<Record<UnitKind, string>> = {
  tong_cuc: 'Tổng cục',
  cuc: 'Cục THADS cấp tỉnh',
  quan: 'Chi cục cấp quận',
  huyen: 'Chi cục cấp huyện',
  thi_xa: 'Chi cục cấp thị xã',
  thanh_pho: 'Chi cục cấp thành phố thuộc tỉnh',
  khu_vuc: 'Chi cục khu vực',
};

export function isUnitKind(text: string): text is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(text);
}

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

/** Children by parent code. */
export function childrenIndex(units: Iterable<Pick<Unit, 'code' | 'parent'>>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const u of units) {
    if (u.parent === null) continue;
    const list = index.get(u.parent) ?? [];
    list.push(u.code);
    index.set(u.parent, list);
  }
  return index;
}

/** `code` and every unit under it, in code order after `code` itself. */
export function subtreeCodes(units: Iterable<Pick<Unit, 'code' | 'parent'>>, code: string): string[] {
  const index = childrenIndex(units);
  const out: string[] = [];
  const stack = [code];
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    stack.push(...(index.get(next) ?? []));
  }
  return [code, ...out.slice(1).sort()];
}

/**
 * The first unit that is its own ancestor, or null when the parent links form a forest. Units whose
 * parent is not in the list are treated as roots (the parent may be checked elsewhere).
 */
export function findCycle(units: Iterable<Pick<Unit, 'code' | 'parent'>>): string[] | null {
  const parentOf = new Map<string, string | null>();
  for (const u of units) parentOf.set(u.code, u.parent);
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | null | undefined = start;
    while (cur !== null && cur !== undefined && !done.has(cur)) {
      if (onPath.has(cur)) return [...path.slice(path.indexOf(cur)), cur];
      onPath.add(cur);
      path.push(cur);
      cur = parentOf.get(cur);
    }
    for (const p of path) done.add(p);
  }
  return null;
}
