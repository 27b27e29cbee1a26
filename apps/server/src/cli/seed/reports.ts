/**
 * The demo's monthly reports in every workflow state (statistics.md §10), for HN-BDI, whose head
 * has a demo account (`truongbadinh`), reviewed by the demo Cục manager (`quanly`), working year
 * 2018: months 1–3 approved (which locks HN-BDI's registry through 31/12/2017), month 4 returned
 * with a reason, month 5 submitted and awaiting review, month 6 a draft. Every warning is
 * acknowledged with a comment, as the head would. A report that already has a workflow record is
 * left as it is, so a second run changes nothing.
 */
import {
  approveReport,
  resolveReport,
  returnReport,
  saveReportDraft,
  submitReport,
  type ImportResult,
  type OpenedDatabase,
  type WorkflowActor,
} from '@thads/db';
import { findingKey } from '@thads/domain';
import { DEMO_ACCOUNTS } from './accounts.js';

const UNIT = 'HN-BDI';
const YEAR = 2018;

type Plan = 'approved' | 'returned' | 'submitted' | 'draft';
export const DEMO_REPORT_STATES: readonly (readonly [number, Plan])[] = [
  [1, 'approved'],
  [2, 'approved'],
  [3, 'approved'],
  [4, 'returned'],
  [5, 'submitted'],
  [6, 'draft'],
];

function actorOf(username: string): WorkflowActor {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  return {
    username: account.username,
    name: account.displayName,
    role: account.role,
    unit: account.unit,
  };
}

export async function seedDemoReports(
  db: OpenedDatabase['db'],
  options: { now: Date },
): Promise<ImportResult> {
  const head = actorOf('truongbadinh');
  const manager = actorOf('quanly');
  let created = 0;
  let unchanged = 0;
  for (const [month, plan] of DEMO_REPORT_STATES) {
    const existing = await db
      .selectFrom('reports')
      .select('status')
      .where('unit', '=', UNIT)
      .where('year', '=', YEAR)
      .where('month', '=', month)
      .executeTakeFirst();
    if (existing) {
      unchanged++;
      continue;
    }
    const key = { unit: UNIT, scope: 'total' as const, year: YEAR, month };
    const report = await resolveReport(db, key);
    const acknowledgements: Record<string, string> = {};
    for (const f of report.validation) {
      if (f.severity === 'warning')
        acknowledgements[findingKey(f)] = 'Đã kiểm tra, số liệu đúng theo sổ thụ lý.';
    }
    if (plan === 'draft') {
      await saveReportDraft(db, { ...key, acknowledgements }, head, options.now);
    } else {
      await submitReport(db, { ...key, acknowledgements }, head, options.now);
      if (plan === 'approved') await approveReport(db, key, manager, options.now);
      if (plan === 'returned')
        await returnReport(
          db,
          {
            ...key,
            reason: 'Đề nghị rà soát lại số việc chưa có điều kiện và gửi lại báo cáo.',
          },
          manager,
          options.now,
        );
    }
    created++;
  }
  return {
    dryRun: false,
    issues: [],
    counts: { created, updated: 0, unchanged },
    written: created > 0,
    notes: [],
  };
}
