/**
 * The workflow of one monthly report (statistics.md §10, issue 8): its status and timeliness, the
 * findings with the acknowledgement of each warning, sign and submit (the head of the unit), approve
 * or return with a reason (the Cục manager), the versions with their SHA-256 and verification, the
 * history, and "changed since submitted" with the line-by-line difference.
 *
 * The unit, year, month and scope live in the address (?unit=…&year=…&month=…&scope=…) so the
 * status page can link to a report. The server checks every action; the page only hides what the
 * account may not do.
 */
import './workflow.css';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MONEY_LINE_CODES, type Scope } from '@thads/domain';
import { useTRPC, workingPeriodOf, type RouterOutputs } from '@thads/ui';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PeriodControls, useUnits, validYear, type PeriodValue } from './controls.js';
import {
  ACTION_LABELS_VI,
  MEASURE_LABELS_VI,
  formatDate,
  formatLine,
  formatLocalTime,
  intParam,
  lineLabel,
  periodLabel,
  shortHash,
  statusLabel,
  timelinessLabel,
} from './format.js';

type Workflow = RouterOutputs['workflow']['get'];

function Failure({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="error">
      {error.message}
    </p>
  ) : null;
}

export function WorkflowPage({ today, defaultUnit }: { today: Date; defaultUnit: string | null }) {
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const initial = workingPeriodOf(today);
  const period: PeriodValue = {
    unit: params.get('unit') ?? defaultUnit ?? units.options[0]?.code ?? '',
    yearText: params.get('year') ?? String(initial.year),
    month: intParam(params.get('month'), initial.month, 1, 12),
    scope: params.get('scope') === 'own' ? 'own' : 'total',
  };
  const setPeriod = (next: PeriodValue) =>
    setParams(
      {
        unit: next.unit,
        year: next.yearText,
        month: String(next.month),
        ...(units.withChildren.has(next.unit) ? { scope: next.scope } : {}),
      },
      { replace: true },
    );
  const year = validYear(period.yearText);
  const scope: Scope = units.withChildren.has(period.unit) ? period.scope : 'total';
  const key =
    period.unit !== '' && year !== null
      ? { unit: period.unit, scope, year, month: period.month }
      : null;
  const trpc = useTRPC();
  const view = useQuery(trpc.workflow.get.queryOptions(key ?? skipToken));

  if (units.isPending) return <p role="status">Đang tải…</p>;
  if (units.error) return <p role="alert">Không tải được danh sách đơn vị: {units.error}</p>;

  return (
    <section className="workflow-page workflow-pages" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Gửi và duyệt báo cáo</h2>
      <PeriodControls units={units} value={period} onChange={setPeriod} />
      {key === null ? <p role="status">Chọn đơn vị và năm công tác.</p> : null}
      {view.isPending && key !== null ? <p role="status">Đang tải…</p> : null}
      {view.isError ? <Failure error={view.error} /> : null}
      {view.data ? (
        <WorkflowView
          key={`${view.data.unit}/${view.data.scope}/${view.data.year}/${view.data.month}`}
          view={view.data}
        />
      ) : null}
    </section>
  );
}

function WorkflowView({ view }: { view: Workflow }) {
  // What the last action did; kept here because the sections below start afresh after it.
  const [done, setDone] = useState<string | null>(null);
  const key = { unit: view.unit, scope: view.scope, year: view.year, month: view.month };
  const editable =
    view.permissions.canPrepare &&
    (view.status === 'not_started' || view.status === 'draft' || view.status === 'returned');
  return (
    <div className="workflow">
      <h3 data-testid="workflow-report">
        {`${view.unitName} (${view.unit})${view.scope === 'own' ? ' – riêng văn phòng' : ''}: báo cáo ${periodLabel(view.year, view.month)}`}
      </h3>
      <dl className="headline">
        <div>
          <dt>Trạng thái</dt>
          <dd data-testid="workflow-status">{statusLabel(view.status)}</dd>
        </div>
        <div>
          <dt>Hạn gửi</dt>
          <dd>{formatDate(view.deadline)}</dd>
        </div>
        <div>
          <dt>Đúng hạn</dt>
          <dd data-testid="workflow-timeliness">
            {timelinessLabel(view.timeliness)}
            {view.firstSubmittedAt
              ? ` (gửi lần đầu ${formatLocalTime(view.firstSubmittedAt)})`
              : ''}
          </dd>
        </div>
        <div>
          <dt>Phiên bản</dt>
          <dd>{view.currentVersion === 0 ? 'Chưa có' : `Số ${view.currentVersion}`}</dd>
        </div>
      </dl>
      <LockNotice view={view} />
      {view.changed && view.changes ? <Changes changes={view.changes} /> : null}
      {view.unapprovedUnder.length > 0 ? (
        <p className="notice">
          {`Báo cáo toàn đơn vị chỉ được duyệt khi mọi báo cáo bên dưới đã được duyệt. Còn ${view.unapprovedUnder.length}: `}
          {view.unapprovedUnder
            .map(
              (u) =>
                `${u.unit}${u.scope === 'own' ? ' (riêng văn phòng)' : ''} – ${statusLabel(u.status)}`,
            )
            .join(', ')}
        </p>
      ) : null}
      {view.permissions.prepareRefusal && editable === false && view.status !== 'approved' ? (
        <p className="notice">{view.permissions.prepareRefusal}</p>
      ) : null}
      <Prepare
        key={`${view.unit}/${view.scope}/${view.year}/${view.month}/${view.currentVersion}/${view.status}`}
        view={view}
        editable={editable}
        reportKey={key}
        onDone={setDone}
      />
      {done ? (
        <p role="status" className="success">
          {done}
        </p>
      ) : null}
      {view.permissions.canDecide && view.status === 'submitted' ? (
        <Decide reportKey={key} changed={view.changed} onDone={setDone} />
      ) : null}
      <CurrentLines view={view} />
      <Versions view={view} reportKey={key} />
      <History view={view} />
    </div>
  );
}

function LockNotice({ view }: { view: Workflow }) {
  const lock = view.registryLock;
  if (!lock) return null;
  return (
    <p className="notice" data-testid="workflow-lock">
      {`Sổ thụ lý của đơn vị ${view.unit} đang khóa đến hết ngày ${formatDate(lock.through)} (báo cáo ${periodLabel(lock.year, lock.month)} đã được duyệt). `}
      <Link to="/mo-khoa">Yêu cầu mở khóa</Link>
    </p>
  );
}

function Changes({ changes }: { changes: NonNullable<Workflow['changes']> }) {
  return (
    <div className="changed" role="alert" data-testid="workflow-changed">
      <p>
        <strong>Số liệu đã thay đổi sau khi gửi</strong>: sổ thụ lý hiện cho {changes.length} dòng
        khác với phiên bản đã gửi.
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>Chênh lệch so với phiên bản đã gửi</caption>
          <thead>
            <tr>
              <th scope="col">Thước đo</th>
              <th scope="col">Dòng</th>
              <th scope="col" className="num">
                Đã gửi
              </th>
              <th scope="col" className="num">
                Hiện nay
              </th>
              <th scope="col" className="num">
                Chênh lệch
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.measure}/${c.line}`}>
                <td>{MEASURE_LABELS_VI[c.measure]}</td>
                <td>{lineLabel(c.line)}</td>
                <td className="num">{formatLine(c.measure, c.submitted)}</td>
                <td className="num">{formatLine(c.measure, c.current)}</td>
                <td className="num">{formatLine(c.measure, c.change, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function useInvalidateWorkflow() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.workflow.pathKey() });
}

interface ReportKey {
  unit: string;
  scope: Scope;
  year: number;
  month: number;
}

function Prepare({
  view,
  editable,
  reportKey,
  onDone: setDone,
}: {
  view: Workflow;
  editable: boolean;
  reportKey: ReportKey;
  onDone: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateWorkflow();
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      view.findings.filter((f) => f.severity === 'warning').map((f) => [f.key, f.comment]),
    ),
  );
  const save = useMutation(
    trpc.workflow.saveDraft.mutationOptions({
      onSuccess: () => {
        setDone('Đã lưu bản nháp.');
        void invalidate();
      },
    }),
  );
  const submit = useMutation(
    trpc.workflow.submit.mutationOptions({
      onSuccess: (v) => {
        setDone(`Đã ký và gửi phiên bản ${v.version}.`);
        void invalidate();
      },
    }),
  );
  const errors = view.findings.filter((f) => f.severity === 'error');
  const warnings = view.findings.filter((f) => f.severity === 'warning');
  const missing = warnings.filter((w) => (comments[w.key] ?? '').trim() === '').length;
  const busy = save.isPending || submit.isPending;
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h4 id="findings-title">Kết quả kiểm tra số liệu</h4>
      {view.findings.length === 0 ? <p>Không có lỗi hay cảnh báo.</p> : null}
      {errors.length > 0 ? (
        <>
          <p className="error">{`${errors.length} lỗi (V1–V7): phải sửa số liệu trước khi gửi.`}</p>
          <ul>
            {errors.map((f) => (
              <li key={f.key} className="finding-error">
                <strong>{f.rule}</strong> {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <>
          <p>{`${warnings.length} cảnh báo: mỗi cảnh báo cần ý kiến giải trình, lưu kèm phiên bản khi gửi.`}</p>
          <ol className="acknowledgements">
            {warnings.map((f, i) => (
              <Acknowledgement
                key={f.key}
                index={i + 1}
                rule={f.rule}
                message={f.message}
                value={comments[f.key] ?? ''}
                editable={editable}
                onChange={(text) => setComments((c) => ({ ...c, [f.key]: text }))}
              />
            ))}
          </ol>
        </>
      ) : null}
      {editable ? (
        <div className="row-actions no-print">
          <button
            type="button"
            disabled={busy}
            onClick={() => save.mutate({ ...reportKey, acknowledgements: comments })}
          >
            Lưu nháp
          </button>
          <button
            type="button"
            disabled={busy || errors.length > 0 || missing > 0}
            onClick={() => submit.mutate({ ...reportKey, acknowledgements: comments })}
          >
            Ký và gửi báo cáo
          </button>
          {missing > 0 ? (
            <small>{`Còn ${missing} cảnh báo chưa có ý kiến giải trình.`}</small>
          ) : null}
        </div>
      ) : null}
      <Failure error={save.error ?? submit.error} />
    </section>
  );
}

function Acknowledgement({
  index,
  rule,
  message,
  value,
  editable,
  onChange,
}: {
  index: number;
  rule: string;
  message: string;
  value: string;
  editable: boolean;
  onChange: (text: string) => void;
}) {
  const id = useId();
  return (
    <li className="finding-warning">
      <p id={`${id}-message`}>
        <strong>{rule}</strong> {message}
      </p>
      {editable ? (
        <div className="field">
          <label htmlFor={id}>{`Ý kiến giải trình cảnh báo ${index}`}</label>
          <textarea
            id={id}
            rows={2}
            maxLength={2000}
            value={value}
            aria-describedby={`${id}-message`}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      ) : (
        <p>
          <em>Giải trình:</em> {value === '' ? '(chưa có)' : value}
        </p>
      )}
    </li>
  );
}

function Decide({
  reportKey,
  changed,
  onDone,
}: {
  reportKey: ReportKey;
  changed: boolean;
  onDone: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateWorkflow();
  const id = useId();
  const [reason, setReason] = useState('');
  const approve = useMutation(
    trpc.workflow.approve.mutationOptions({
      onSuccess: () => {
        onDone('Đã duyệt báo cáo.');
        void invalidate();
      },
    }),
  );
  const giveBack = useMutation(
    trpc.workflow.returnReport.mutationOptions({
      onSuccess: () => {
        setReason('');
        onDone('Đã trả lại báo cáo cho đơn vị.');
        void invalidate();
      },
    }),
  );
  const busy = approve.isPending || giveBack.isPending;
  return (
    <section className="decide no-print" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Duyệt báo cáo</h4>
      {changed ? (
        <p className="notice">
          Số liệu đã thay đổi sau khi gửi: chỉ có thể trả lại để đơn vị gửi lại.
        </p>
      ) : null}
      <div className="row-actions">
        <button type="button" disabled={busy || changed} onClick={() => approve.mutate(reportKey)}>
          Duyệt báo cáo
        </button>
      </div>
      <div className="field">
        <label htmlFor={id}>Lý do trả lại (bắt buộc, ít nhất 5 ký tự)</label>
        <textarea
          id={id}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="row-actions">
        <button
          type="button"
          disabled={busy || reason.trim().length < 5}
          onClick={() => giveBack.mutate({ ...reportKey, reason })}
        >
          Trả lại báo cáo
        </button>
      </div>
      <Failure error={approve.error ?? giveBack.error} />
    </section>
  );
}

function CurrentLines({ view }: { view: Workflow }) {
  const cases = view.report.cases as Record<string, number | string | null>;
  const money = view.report.money as Record<string, number | string | null>;
  return (
    <details className="current-lines">
      <summary>
        Số liệu hiện nay của báo cáo (
        {view.report.source === 'aggregate' ? 'số liệu tổng hợp' : 'từ sổ thụ lý'})
      </summary>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Dòng</th>
              <th scope="col" className="num">
                Về việc
              </th>
              <th scope="col" className="num">
                Về tiền
              </th>
            </tr>
          </thead>
          <tbody>
            {MONEY_LINE_CODES.map((line) => (
              <tr key={line}>
                <th scope="row">{lineLabel(line)}</th>
                <td className="num">
                  {line === 'reduced' ? '×' : formatLine('cases', cases[line] ?? null)}
                </td>
                <td className="num">{formatLine('money', money[line] ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Versions({ view, reportKey }: { view: Workflow; reportKey: ReportKey }) {
  const [open, setOpen] = useState<number | null>(null);
  if (view.versions.length === 0) return null;
  return (
    <section aria-labelledby="versions-title">
      <h4 id="versions-title">Các phiên bản đã gửi</h4>
      <div className="table-scroll">
        <table className="data-table" data-testid="workflow-versions">
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Thời điểm gửi</th>
              <th scope="col">Người ký</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Kiểm tra</th>
              <th scope="col">
                <span className="visually-hidden">Xem</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{formatLocalTime(v.submittedAt)}</td>
                <td>{`${v.signerName} (${v.signerUsername})`}</td>
                <td>
                  <code title={v.hash}>{shortHash(v.hash)}</code>
                </td>
                <td>{v.verified ? 'Toàn vẹn' : `Không khớp: ${v.verificationError ?? ''}`}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => setOpen(open === v.version ? null : v.version)}
                  >
                    {open === v.version ? 'Đóng' : `Xem phiên bản ${v.version}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open !== null ? <VersionDetail reportKey={reportKey} version={open} /> : null}
    </section>
  );
}

function VersionDetail({ reportKey, version }: { reportKey: ReportKey; version: number }) {
  const trpc = useTRPC();
  const data = useQuery(trpc.workflow.version.queryOptions({ ...reportKey, version }));
  if (data.isPending) return <p role="status">Đang tải…</p>;
  if (data.isError) return <Failure error={data.error} />;
  const c = data.data.content;
  const cases = c.cases as Record<string, number | string | null>;
  const money = c.money as Record<string, number | string | null>;
  return (
    <article className="version-detail" aria-label={`Phiên bản ${version}`}>
      <p>
        {`Phiên bản ${c.version}, ký bởi ${c.signer.name} lúc ${formatLocalTime(c.submittedAt)}. SHA-256: `}
        <code className="hash">{data.data.hash}</code>
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Dòng</th>
              <th scope="col" className="num">
                Về việc
              </th>
              <th scope="col" className="num">
                Về tiền
              </th>
            </tr>
          </thead>
          <tbody>
            {MONEY_LINE_CODES.map((line) => (
              <tr key={line}>
                <th scope="row">{lineLabel(line)}</th>
                <td className="num">
                  {line === 'reduced' ? '×' : formatLine('cases', cases[line] ?? null)}
                </td>
                <td className="num">{formatLine('money', money[line] ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.findings.length > 0 ? (
        <ul>
          {c.findings.map((f) => (
            <li
              key={f.key}
              className={f.severity === 'error' ? 'finding-error' : 'finding-warning'}
            >
              <strong>{f.rule}</strong> {f.message}
              {f.acknowledgement ? ` — Giải trình: ${f.acknowledgement.comment}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

function History({ view }: { view: Workflow }) {
  if (view.actions.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h4 id="history-title">Lịch sử</h4>
      <ol className="workflow-history">
        {view.actions.map((a, i) => (
          <li key={i}>
            {`${formatLocalTime(a.at)}: ${ACTION_LABELS_VI[a.action] ?? a.action}${a.version ? ` phiên bản ${a.version}` : ''} – ${a.actorName} (${a.actor})`}
            {a.reason ? `. Lý do: ${a.reason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
