/** The period controls the workflow pages share: unit, working year, month and scope. */
import { useQuery } from '@tanstack/react-query';
import type { Scope } from '@thads/domain';
import {
  SCOPE_LABELS_VI,
  flattenUnitTree,
  monthLabelVi,
  useTRPC,
  type UnitOption,
  type UnitTreeNode,
} from '@thads/ui';
import { useId, useMemo } from 'react';
import { UnitSelect, YearInput } from '../targets/controls.js';

export interface UnitsInfo {
  options: UnitOption[];
  /** Units that have units under them (they have an `own` and a `total` report). */
  withChildren: ReadonlySet<string>;
  isPending: boolean;
  error: string | null;
}

export function useUnits(): UnitsInfo {
  const trpc = useTRPC();
  const tree = useQuery(trpc.units.tree.queryOptions());
  return useMemo(() => {
    const nodes = (tree.data ?? []) as UnitTreeNode[];
    const withChildren = new Set<string>();
    const walk = (list: readonly UnitTreeNode[]) => {
      for (const n of list) {
        if (n.children.length > 0) withChildren.add(n.code);
        walk(n.children);
      }
    };
    walk(nodes);
    return {
      options: flattenUnitTree(nodes),
      withChildren,
      isPending: tree.isPending,
      error: tree.isError ? tree.error.message : null,
    };
  }, [tree.data, tree.isPending, tree.isError, tree.error]);
}

export function MonthSelect({
  year,
  value,
  onChange,
}: {
  year: number;
  value: number;
  onChange: (month: number) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Kỳ báo cáo</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <option key={m} value={m}>
            {monthLabelVi(year, m)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ScopeSelect({ value, onChange }: { value: Scope; onChange: (s: Scope) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Phạm vi</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Scope)}>
        <option value="total">{SCOPE_LABELS_VI.total}</option>
        <option value="own">{SCOPE_LABELS_VI.own}</option>
      </select>
    </div>
  );
}

export interface PeriodValue {
  unit: string;
  yearText: string;
  month: number;
  scope: Scope;
}

/** Unit (optional), year, month and (for a unit with units under it) scope. */
export function PeriodControls({
  units,
  value,
  onChange,
  withUnit = true,
  withScope = true,
}: {
  units: UnitsInfo;
  value: PeriodValue;
  onChange: (next: PeriodValue) => void;
  withUnit?: boolean;
  withScope?: boolean;
}) {
  const year = Number(value.yearText);
  return (
    <div className="filters no-print">
      {withUnit ? (
        <UnitSelect
          units={units.options}
          value={value.unit}
          onChange={(unit) => onChange({ ...value, unit })}
        />
      ) : null}
      <YearInput value={value.yearText} onChange={(yearText) => onChange({ ...value, yearText })} />
      <MonthSelect
        year={Number.isInteger(year) ? year : 2018}
        value={value.month}
        onChange={(month) => onChange({ ...value, month })}
      />
      {withScope && units.withChildren.has(value.unit) ? (
        <ScopeSelect value={value.scope} onChange={(scope) => onChange({ ...value, scope })} />
      ) : null}
    </div>
  );
}

export function validYear(text: string): number | null {
  const year = Number(text);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}
