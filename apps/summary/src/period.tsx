/**
 * The working year and month every page shows: from the query string (?nam=2017&thang=9), else the
 * latest month with data (summary.latestPeriod), and the picker that changes it.
 */
import { useQuery } from '@tanstack/react-query';
import { monthLabelVi, useTRPC, type RouterOutputs } from '@thads/ui';
import { createContext, useContext, useId, type ReactNode } from 'react';
import { hrefOf, navigate, type Location } from './router.js';

export type DataRange = NonNullable<RouterOutputs['summary']['latestPeriod']>;

export interface Period {
  year: number;
  month: number;
}

interface PeriodState extends Period {
  range: DataRange;
}

const PeriodContext = createContext<PeriodState | null>(null);

/** The period of the page (inside PeriodProvider). */
export function usePeriod(): PeriodState {
  const state = useContext(PeriodContext);
  if (!state) throw new Error('usePeriod outside PeriodProvider');
  return state;
}

/** The period asked for in the URL, or the latest month with data; clamped to 1..12. */
export function pickPeriod(location: Location, range: DataRange): Period {
  const { year, month } = location.period;
  if (year === null) return range.latest;
  const m = month === null ? (year === range.latest.year ? range.latest.month : 12) : month;
  return { year, month: Math.min(12, Math.max(1, m)) };
}

export function PeriodProvider({
  location,
  children,
}: {
  location: Location;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const latest = useQuery(trpc.summary.latestPeriod.queryOptions());
  if (latest.isPending) return <p role="status">Đang tải…</p>;
  if (latest.isError)
    return (
      <p role="alert" className="error">
        Không tải được kỳ báo cáo: {latest.error.message}
      </p>
    );
  if (latest.data === null) return <p role="status">Chưa có số liệu nào trong hệ thống.</p>;
  const period = pickPeriod(location, latest.data);
  return (
    <PeriodContext.Provider value={{ ...period, range: latest.data }}>
      {children}
    </PeriodContext.Provider>
  );
}

/** Year and month pickers; a change rewrites the query string of the current page. */
export function PeriodPicker({ location }: { location: Location }) {
  const { year, month, range } = usePeriod();
  const id = useId();
  const years: number[] = [];
  for (let y = range.latest.year; y >= range.earliestYear; y--) years.push(y);
  if (!years.includes(year)) years.unshift(year);
  const lastMonth = year === range.latest.year ? range.latest.month : 12;
  const months = Array.from({ length: Math.max(lastMonth, month) }, (_, i) => i + 1);

  const go = (next: Period) => {
    const route =
      location.route.page === 'not-found'
        ? { page: 'overview' as const, subject: {} }
        : location.route;
    navigate(hrefOf(route, next), { replace: true });
  };

  return (
    <form
      className="period-picker"
      aria-label="Chọn năm và tháng"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field">
        <label htmlFor={`${id}-year`}>Năm công tác</label>
        <select
          id={`${id}-year`}
          value={year}
          onChange={(e) => {
            const y = Number(e.target.value);
            go({
              year: y,
              month: y === range.latest.year ? Math.min(month, range.latest.month) : month,
            });
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-month`}>Kỳ báo cáo</label>
        <select
          id={`${id}-month`}
          value={month}
          onChange={(e) => go({ year, month: Number(e.target.value) })}
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabelVi(year, m)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
