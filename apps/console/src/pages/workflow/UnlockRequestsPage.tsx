/**
 * Unlock requests (statistics.md §10): an approved report locks its unit's registry up to the
 * period end; whoever enters data asks the Cục to reopen it from a month on, with a reason; a Cục
 * manager grants (the reports on the reopened dates go back to "returned", to be resubmitted) or
 * rejects (with a reason). Every step is audited on the server.
 */
import './workflow.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@thads/domain';
import { useTRPC, workingPeriodOf, type RouterOutputs } from '@thads/ui';
import { useId, useState } from 'react';
import { PeriodControls, useUnits, validYear, type PeriodValue } from './controls.js';
import { UNLOCK_STATUS_LABELS_VI, formatDate, formatLocalTime, periodLabel } from './format.js';

type Request = RouterOutputs['workflow']['unlockRequests'][number];

const REQUESTERS: readonly Role[] = ['cuc_manager', 'unit_head', 'clerk'];

export function UnlockRequestsPage({
  today,
  role,
  defaultUnit,
}: {
  today: Date;
  role: Role;
  defaultUnit: string | null;
}) {
  const trpc = useTRPC();
  const requests = useQuery(trpc.workflow.unlockRequests.queryOptions({}));
  return (
    <section className="workflow-pages" aria-labelledby="unlock-title">
      <h2 id="unlock-title">Yêu cầu mở khóa sổ thụ lý</h2>
      <p>
        Khi báo cáo tháng n của một đơn vị được duyệt, sổ thụ lý của đơn vị bị khóa đến hết ngày
        cuối kỳ: không thêm, sửa, xóa sự kiện có ngày đến hết ngày đó, không thêm, xóa việc thụ lý
        đến ngày đó hay sửa đơn vị, số tiền, ngày thụ lý, chấp hành viên ban đầu của việc. Muốn sửa,
        gửi yêu cầu mở khóa từ một tháng; khi Cục chấp thuận, các báo cáo đã duyệt từ tháng đó trở
        đi trở về trạng thái bị trả lại để gửi lại.
      </p>
      {REQUESTERS.includes(role) ? <RequestForm today={today} defaultUnit={defaultUnit} /> : null}
      {requests.isPending ? <p role="status">Đang tải…</p> : null}
      {requests.isError ? (
        <p role="alert" className="error">
          {requests.error.message}
        </p>
      ) : null}
      {requests.data ? (
        <RequestList requests={requests.data} canDecide={role === 'cuc_manager'} />
      ) : null}
    </section>
  );
}

function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.workflow.pathKey() });
}

function RequestForm({ today, defaultUnit }: { today: Date; defaultUnit: string | null }) {
  const units = useUnits();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const id = useId();
  const initial = workingPeriodOf(today);
  const [period, setPeriod] = useState<PeriodValue>({
    unit: defaultUnit ?? '',
    yearText: String(initial.year),
    month: initial.month,
    scope: 'total',
  });
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const request = useMutation(
    trpc.workflow.requestUnlock.mutationOptions({
      onSuccess: (r) => {
        setDone(`Đã gửi yêu cầu số ${r.id}.`);
        setReason('');
        void invalidate();
      },
    }),
  );
  const unit = period.unit || units.options[0]?.code || '';
  const year = validYear(period.yearText);
  return (
    <form
      className="panel-form no-print"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (year === null) return;
        setDone(null);
        request.mutate({ unit, year, month: period.month, reason });
      }}
    >
      <h3 id={`${id}-title`}>Gửi yêu cầu mở khóa</h3>
      <PeriodControls
        units={units}
        value={{ ...period, unit }}
        onChange={setPeriod}
        withScope={false}
      />
      <p>
        {year !== null ? `Mở khóa từ tháng đầu của kỳ ${periodLabel(year, period.month)}.` : ''}
      </p>
      <div className="field">
        <label htmlFor={id}>Lý do mở khóa (bắt buộc, ít nhất 5 ký tự)</label>
        <textarea
          id={id}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <button
        type="submit"
        disabled={request.isPending || year === null || reason.trim().length < 5}
      >
        Gửi yêu cầu
      </button>
      {request.error ? (
        <p role="alert" className="error">
          {request.error.message}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="success">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function RequestList({
  requests,
  canDecide,
}: {
  requests: readonly Request[];
  canDecide: boolean;
}) {
  if (requests.length === 0) return <p>Chưa có yêu cầu mở khóa nào.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="unlock-requests">
        <thead>
          <tr>
            <th scope="col">Số</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Mở từ ngày</th>
            <th scope="col">Lý do</th>
            <th scope="col">Người yêu cầu</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Quyết định</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{`${r.unitName} (${r.unit})`}</td>
              <td>{`${formatDate(r.from)} (kỳ ${periodLabel(r.year, r.month)})`}</td>
              <td>{r.reason}</td>
              <td>{`${r.requestedByName} (${r.requestedBy}), ${formatLocalTime(r.requestedAt)}`}</td>
              <td>{UNLOCK_STATUS_LABELS_VI[r.status] ?? r.status}</td>
              <td>
                {r.status === 'pending' && canDecide ? (
                  <Decision request={r} />
                ) : r.decidedBy ? (
                  `${r.decidedBy}, ${r.decidedAt ? formatLocalTime(r.decidedAt) : ''}${r.decisionNote ? `: ${r.decisionNote}` : ''}`
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Decision({ request }: { request: Request }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const id = useId();
  const [note, setNote] = useState('');
  const decide = useMutation(
    trpc.workflow.decideUnlock.mutationOptions({ onSuccess: () => void invalidate() }),
  );
  return (
    <div className="row-actions">
      <label htmlFor={id}>{`Ghi chú cho yêu cầu ${request.id} (bắt buộc khi từ chối)`}</label>
      <input id={id} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <button
        type="button"
        disabled={decide.isPending}
        onClick={() =>
          decide.mutate({ id: request.id, grant: true, ...(note.trim() ? { note } : {}) })
        }
      >
        Chấp thuận
      </button>
      <button
        type="button"
        disabled={decide.isPending || note.trim().length < 5}
        onClick={() => decide.mutate({ id: request.id, grant: false, note })}
      >
        Từ chối
      </button>
      {decide.error ? (
        <p role="alert" className="error">
          {decide.error.message}
        </p>
      ) : null}
    </div>
  );
}
