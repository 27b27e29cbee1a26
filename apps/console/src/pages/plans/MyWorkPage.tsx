/**
 * "Việc của tôi" (my work): an officer's month. What completing this month's cases would add to its
 * monthly targets (cases and money, beside what it completed so far and the target), its overdue
 * measures, the measures due by the end of the month, the cases they belong to, and its cases that
 * have no plan yet (searchable, by pages). An officer account sees its own; a unit head, the Cục
 * and the other roles pick an officer of a unit they may see.
 */
import { useQuery } from '@tanstack/react-query';
import { MEASURE_KIND_LABELS_VI, formatViDate } from '@thads/domain';
import { formatMoney, useTRPC, type CurrentUser, type RouterOutputs } from '@thads/ui';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { casePath, stateLabel, viDate } from '../registry/format.js';
import '../registry/registry.css';
import './plans.css';
import { UncoveredList } from './lists.js';

type Work = RouterOutputs['plans']['myWork'];
type Line = Work['outlook']['cases'];
type WorkMeasure = Work['overdue'][number];

export function planPath(caseId: string): string {
  return `/ke-hoach/${encodeURIComponent(caseId)}`;
}

export function MyWorkPage({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const isOfficer = user.role === 'officer';
  const officers = useQuery({ ...trpc.officers.list.queryOptions({}), enabled: !isOfficer });
  const chosen = isOfficer ? (user.officer ?? '') : (params.get('officer') ?? '');
  const work = useQuery({
    ...trpc.plans.myWork.queryOptions(isOfficer ? undefined : { officer: chosen }),
    enabled: isOfficer || chosen !== '',
  });
  return (
    <section className="registry-page my-work" aria-labelledby="my-work-title">
      <h2 id="my-work-title">Việc của tôi</h2>
      {!isOfficer ? (
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên</label>
          <select
            id={`${id}-officer`}
            value={chosen}
            onChange={(e) => setParams(e.target.value ? { officer: e.target.value } : {})}
          >
            <option value="">— chọn chấp hành viên —</option>
            {(officers.data ?? [])
              .filter((o) => o.active && (user.unit === null || o.unit === user.unit))
              .map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code}) – {o.unit}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {isOfficer && !user.officer ? (
        <p role="alert" className="error">
          Tài khoản chưa gắn với chấp hành viên nào.
        </p>
      ) : !isOfficer && chosen === '' ? (
        <p role="status">Chọn một chấp hành viên để xem công việc trong tháng.</p>
      ) : work.isPending ? (
        <p role="status">Đang tải công việc…</p>
      ) : work.isError ? (
        <p role="alert" className="error">
          Không tải được công việc: {work.error.message}
        </p>
      ) : (
        <WorkView work={work.data} />
      )}
    </section>
  );
}

function monthName(first: string): string {
  return formatViDate(first).slice(3); // mm/yyyy
}

function WorkView({ work }: { work: Work }) {
  return (
    <>
      <p className="result-count" data-testid="work-heading">
        {work.officerName} ({work.officer}) · tháng {monthName(work.monthFirst)} · hôm nay{' '}
        {viDate(work.today)}
      </p>
      <h3>Nếu hoàn thành các việc trong tháng</h3>
      <div className="outlook" data-testid="work-outlook">
        <OutlookCard title="Số việc thi hành xong" line={work.outlook.cases} money={false} />
        <OutlookCard title="Số tiền thi hành xong" line={work.outlook.money} money />
      </div>

      <h3>Quá hạn ({work.overdue.length})</h3>
      <MeasureList rows={work.overdue} testId="work-overdue" empty="Không có biện pháp quá hạn." />

      <h3>Đến hạn đến hết tháng ({work.dueThisMonth.length})</h3>
      <MeasureList
        rows={work.dueThisMonth}
        testId="work-due"
        empty="Không có biện pháp nào đến hạn trong tháng."
      />

      <h3>Các việc trong tháng ({work.cases.length})</h3>
      {work.cases.length === 0 ? (
        <p>Không có việc nào có biện pháp đến hạn trong tháng.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Các việc trong tháng</caption>
            <thead>
              <tr>
                <th scope="col">Mã việc</th>
                <th scope="col">Người phải thi hành án</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" className="num">
                  Còn phải thi hành
                </th>
                <th scope="col" className="num">
                  Biện pháp đến hạn
                </th>
              </tr>
            </thead>
            <tbody data-testid="work-cases">
              {work.cases.map((c) => (
                <tr key={c.caseId}>
                  <td>
                    <Link to={planPath(c.caseId)}>{c.caseId}</Link>
                  </td>
                  <td>{c.debtorName ?? '–'}</td>
                  <td>{stateLabel(c.state)}</td>
                  <td className="num">{formatMoney(c.remaining)}</td>
                  <td className="num">{c.measures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>Việc chưa có kế hoạch ({work.casesWithoutPlan.toLocaleString('vi-VN')})</h3>
      <UncoveredList unit={work.unit} officer={work.officer} testId="work-uncovered" />
    </>
  );
}

function OutlookCard({ title, line, money }: { title: string; line: Line; money: boolean }) {
  const show = (v: string | null) =>
    v === null ? '–' : money ? formatMoney(v) : `${BigInt(v).toLocaleString('vi-VN')} việc`;
  return (
    <dl className="facts outlook-card" aria-label={title}>
      <div>
        <dt>{title} trong tháng</dt>
        <dd>{show(line.completed)}</dd>
      </div>
      <div>
        <dt>Chỉ tiêu tháng</dt>
        <dd>{line.target === null ? 'Chưa giao' : show(line.target)}</dd>
      </div>
      <div>
        <dt>Hoàn thành các việc trong tháng sẽ thêm</dt>
        <dd data-testid={money ? 'gain-money' : 'gain-cases'}>+{show(line.gain)}</dd>
      </div>
      <div>
        <dt>Khi đó đạt</dt>
        <dd>
          {show(line.ifAllDone)}
          {line.reachesTarget === true
            ? ' – đạt chỉ tiêu tháng'
            : line.reachesTarget === false
              ? ` – còn thiếu ${show(line.missingIfAllDone)}`
              : ''}
        </dd>
      </div>
    </dl>
  );
}

function MeasureList({
  rows,
  testId,
  empty,
}: {
  rows: WorkMeasure[];
  testId: string;
  empty: string;
}) {
  if (rows.length === 0) return <p data-testid={testId}>{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Biện pháp</caption>
        <thead>
          <tr>
            <th scope="col">Hạn</th>
            <th scope="col">Việc</th>
            <th scope="col">Biện pháp</th>
            <th scope="col">Người phải thi hành án</th>
            <th scope="col" className="num">
              Còn phải thi hành
            </th>
          </tr>
        </thead>
        <tbody data-testid={testId}>
          {rows.map((m) => (
            <tr key={m.id} data-standing={m.standing}>
              <td>{viDate(m.dueOn)}</td>
              <td>
                <Link to={planPath(m.caseId)}>{m.caseId}</Link>{' '}
                <Link to={casePath(m.caseId)} className="hint">
                  (hồ sơ)
                </Link>
              </td>
              <td>
                {MEASURE_KIND_LABELS_VI[m.kind]}
                {m.detail ? <div className="hint">{m.detail}</div> : null}
              </td>
              <td>{m.debtorName ?? '–'}</td>
              <td className="num">{formatMoney(m.remaining)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
