/**
 * The report screen of both apps: fetches the unit tree (and the officers in the console), lets the
 * user pick a report, fetches it over tRPC and shows it.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useCurrentUser } from './auth.js';
import { flattenUnitTree, workingPeriodOf } from './format.js';
import { BreakdownView } from './report-breakdown.js';
import { ReportFilters, type ReportPick, type ReportQuery } from './report-filters.js';
import { ReportDownloads } from './report-downloads.js';
import { ReportView, type LineLinkRenderer } from './report-view.js';
import { useTRPC } from './trpc.js';

export interface ReportScreenProps {
  /** `full` in the console, `compact` in the summary. */
  variant: 'full' | 'compact';
  /** Offer an officer picker (the console). */
  withOfficers?: boolean;
  /** Today, read by the app at start-up: the default working year and month. */
  today: Date;
  /** Makes the numbers of the report links to their cases (the console). */
  lineLink?: LineLinkRenderer;
  /** Offer classification filters and breakdowns (issue 7; the console). */
  withClassification?: boolean;
}

export function ReportScreen({
  variant,
  withOfficers = false,
  today,
  lineLink,
  withClassification = false,
}: ReportScreenProps) {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const officersQuery = useQuery(trpc.officers.list.queryOptions(withOfficers ? {} : skipToken));
  const [picked, setPicked] = useState<ReportPick | null>(null);

  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const firstUnit = units[0]?.code;
  // An officer account may read only its own report: open on it (its unit is the only one it sees).
  const { user } = useCurrentUser();
  const ownOfficer = user?.officer ?? null;
  const query: ReportQuery | null =
    picked?.query ??
    (firstUnit === undefined || user === undefined
      ? null
      : ownOfficer !== null
        ? { unit: firstUnit, ...workingPeriodOf(today), scope: 'own', officer: ownOfficer }
        : { unit: firstUnit, ...workingPeriodOf(today), scope: 'total' });

  const reportQuery = useQuery(trpc.reports.get.queryOptions(query ?? skipToken));
  const breakdownBy = picked?.breakdown;
  const breakdownQuery = useQuery(
    trpc.reports.breakdown.queryOptions(
      query && breakdownBy ? { ...query, by: breakdownBy } : skipToken,
    ),
  );

  if (unitsQuery.isPending) return <p role="status">Đang tải danh sách đơn vị…</p>;
  if (unitsQuery.isError) {
    return <p role="alert">Không tải được danh sách đơn vị: {unitsQuery.error.message}</p>;
  }
  if (user === undefined) return <p role="status">Đang tải…</p>;
  if (query === null) return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;

  const unitName = units.find((u) => u.code === reportQuery.data?.unit)?.name;
  const officerName = officersQuery.data?.find((o) => o.code === reportQuery.data?.officer)?.name;

  return (
    <div className={`report-screen report-screen-${variant}`}>
      <ReportFilters
        units={units}
        initial={query}
        onSubmit={(q, breakdown) => setPicked(breakdown ? { query: q, breakdown } : { query: q })}
        withClassification={withClassification}
        {...(breakdownBy ? { initialBreakdown: breakdownBy } : {})}
        {...(withOfficers ? { officers: officersQuery.data ?? [] } : {})}
        busy={reportQuery.isFetching}
      />
      {reportQuery.data ? <ReportDownloads query={query} /> : null}
      <div aria-live="polite" aria-busy={reportQuery.isFetching}>
        {reportQuery.isError ? (
          <p role="alert" className="error">
            Không tải được báo cáo: {reportQuery.error.message}
          </p>
        ) : reportQuery.data ? (
          <ReportView
            report={reportQuery.data}
            variant={variant}
            {...(lineLink ? { lineLink } : {})}
            {...(unitName !== undefined ? { unitName } : {})}
            {...(officerName !== undefined ? { officerName } : {})}
          />
        ) : (
          <p role="status">Đang tải báo cáo…</p>
        )}
      </div>
      {breakdownBy ? (
        <div aria-live="polite" aria-busy={breakdownQuery.isFetching}>
          {breakdownQuery.isError ? (
            <p role="alert" className="error">
              Không tải được bảng phân tách: {breakdownQuery.error.message}
            </p>
          ) : breakdownQuery.data ? (
            <BreakdownView breakdown={breakdownQuery.data} {...(lineLink ? { lineLink } : {})} />
          ) : (
            <p role="status">Đang tải bảng phân tách…</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
