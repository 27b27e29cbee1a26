import { ROLES } from '@thads/domain';
import { ReportScreen, type LineLinkRenderer } from '@thads/ui';
import { Link } from 'react-router';
import { casesBehindPath } from '../pages/registry/format.js';
import type { ConsoleRoute } from './types.js';

/** Every number of a registry report opens the cases behind it. */
const lineLink: LineLinkRenderer = ({ report, line, measure }, text) => (
  <Link
    to={casesBehindPath({
      unit: report.unit,
      year: report.year,
      month: report.month,
      scope: report.scope,
      officer: report.officer,
      mode: report.mode,
      judgmentType: report.judgmentType ?? null,
      flag: report.flag ?? null,
      line,
      measure,
    })}
    aria-label={`${text}: xem các việc`}
  >
    {text}
  </Link>
);

/** The monthly report of a unit, scope and officer (the home page). */
export const reportsRoute: ConsoleRoute = {
  path: '',
  nav: 'Báo cáo',
  roles: ROLES,
  render: ({ today }) => (
    <ReportScreen
      variant="full"
      withOfficers
      withClassification
      today={today}
      lineLink={lineLink}
    />
  ),
};
