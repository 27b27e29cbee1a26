/**
 * Where a unit and each of its officers stand against their targets (interfaces.md §8): value,
 * target, gap, pace, forecast, on-track and "đạt cả 4 chỉ tiêu". The server decides what an account
 * may see (an officer account sees only its own progress); the page asks only for that.
 */
import './targets.css';
import { skipToken, useQuery } from '@tanstack/react-query';
import type { Scope } from '@thads/domain';
import {
  SCOPE_LABELS_VI,
  flattenUnitTree,
  monthLabelVi,
  useTRPC,
  workingPeriodOf,
} from '@thads/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ProgressTable } from './ProgressTable.js';
import { UnitSelect, YearInput } from './controls.js';

export interface ProgressPageProps {
  /** Today, read by the app at start-up: the default working year and month. */
  today: Date;
}

interface Query {
  unit: string;
  year: number;
  month: number;
  scope: Scope;
}

export function ProgressPage({ today }: ProgressPageProps) {
  const trpc = useTRPC();
  const id = useId();
  const me = useQuery(trpc.auth.me.queryOptions());
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const [asked, setAsked] = useState<Query | null>(null);
  const firstUnit = me.data?.unit ?? units[0]?.code;
  const query: Query | null =
    asked ??
    (firstUnit === undefined
      ? null
      : { unit: firstUnit, ...workingPeriodOf(today), scope: 'total' });

  const [unit, setUnit] = useState<string | null>(null);
  const [yearText, setYearText] = useState<string | null>(null);
  const [month, setMonth] = useState<number | null>(null);
  const [scope, setScope] = useState<Scope | null>(null);

  const isOfficer = me.data?.role === 'officer';
  const unitProgress = useQuery(
    trpc.progress.unit.queryOptions(query && !isOfficer && me.data ? query : skipToken),
  );
  const officersProgress = useQuery(
    trpc.progress.officers.queryOptions(
      query && me.data ? { unit: query.unit, year: query.year, month: query.month } : skipToken,
    ),
  );

  if (unitsQuery.isPending || me.isPending) return <p role="status">Đang tải…</p>;
  if (unitsQuery.isError)
    return <p role="alert">Không tải được danh sách đơn vị: {unitsQuery.error.message}</p>;
  if (query === null) return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;

  const current = {
    unit: unit ?? query.unit,
    yearText: yearText ?? String(query.year),
    month: month ?? query.month,
    scope: scope ?? query.scope,
  };
  const year = Number(current.yearText);
  const yearValid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (yearValid)
      setAsked({ unit: current.unit, year, month: current.month, scope: current.scope });
  };
  const unitName = units.find((u) => u.code === query.unit)?.name ?? query.unit;

  return (
    <section className="targets-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Tiến độ thực hiện chỉ tiêu</h2>
      <form className="filters" onSubmit={submit} aria-label="Chọn đơn vị và kỳ">
        <UnitSelect units={units} value={current.unit} onChange={setUnit} />
        <YearInput value={current.yearText} onChange={setYearText} />
        <div className="field">
          <label htmlFor={`${id}-month`}>Kỳ</label>
          <select
            id={`${id}-month`}
            value={current.month}
            onChange={(e) => setMonth(Number(e.target.value))}
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {yearValid ? monthLabelVi(year, m) : `${m} tháng`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>Phạm vi</label>
          <select
            id={`${id}-scope`}
            value={current.scope}
            onChange={(e) => setScope(e.target.value as Scope)}
          >
            {(['total', 'own'] as const).map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS_VI[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={!yearValid}>
          Xem tiến độ
        </button>
      </form>

      {isOfficer ? null : (
        <div aria-live="polite" aria-busy={unitProgress.isFetching}>
          {unitProgress.isError ? (
            <p role="alert" className="error">
              Không tải được tiến độ: {unitProgress.error.message}
            </p>
          ) : unitProgress.data ? (
            <ProgressTable
              progress={unitProgress.data}
              caption={`${unitName} (${query.unit}) – ${monthLabelVi(query.year, query.month)} năm ${query.year}`}
            />
          ) : (
            <p role="status">Đang tải tiến độ…</p>
          )}
        </div>
      )}

      <h3>Chấp hành viên</h3>
      {officersProgress.isError ? (
        <p role="alert" className="error">
          Không tải được tiến độ của chấp hành viên: {officersProgress.error.message}
        </p>
      ) : officersProgress.data ? (
        officersProgress.data.length === 0 ? (
          <p>Đơn vị chưa có chấp hành viên.</p>
        ) : (
          officersProgress.data.map((o) => (
            <ProgressTable
              key={o.code}
              progress={o.progress}
              caption={`${o.name} (${o.code}) – ${monthLabelVi(query.year, query.month)} năm ${query.year}`}
            />
          ))
        )
      ) : (
        <p role="status">Đang tải tiến độ của chấp hành viên…</p>
      )}
    </section>
  );
}
