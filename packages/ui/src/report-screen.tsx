/**
 * The report screen of both apps: fetches the unit tree (and the officers in the console), lets the
 * user pick a report, fetches it over tRPC and shows it.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { flattenUnitTree, workingPeriodOf } from './format.js';
import { ReportFilters, type ReportQuery } from './report-filters.js';
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
}

export function ReportScreen({
  variant,
  withOfficers = false,
  today,
  lineLink,
}: ReportScreenProps) {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const officersQuery = useQuery(trpc.officers.list.queryOptions(withOfficers ? {} : skipToken));
  const [picked, setPicked] = useState<ReportQuery | null>(null);

  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const firstUnit = units[0]?.code;
  const query: ReportQuery | null =
    picked ??
    (firstUnit === undefined
      ? null
      : { unit: firstUnit, ...workingPeriodOf(today), scope: 'total' });

  const reportQuery = useQuery(trpc.reports.get.queryOptions(query ?? skipToken));

  if (unitsQuery.isPending) return <p role="status">Đang tải danh sách đơn vị…</p>;
  if (unitsQuery.isError) {
    return <p role="alert">Không tải được danh sách đơn vị: {unitsQuery.error.message}</p>;
  }
  if (query === null) return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;

  const unitName = units.find((u) => u.code === reportQuery.data?.unit)?.name;
  const officerName = officersQuery.data?.find((o) => o.code === reportQuery.data?.officer)?.name;

  return (
    <div className={`report-screen report-screen-${variant}`}>
      <ReportFilters
        units={units}
        initial={query}
        onSubmit={setPicked}
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
    </div>
  );
}
