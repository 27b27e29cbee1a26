/**
 * Supervision of "chưa có điều kiện" decisions (issue 7) in the console:
 * - `CaseDecisions`: on a case's page, its proposed decisions (status, ground, verification record,
 *   who proposed and reviewed), with the reviewer's confirm / return and the proposer's correct and
 *   re-propose / withdraw;
 * - `PendingDecisionsPage`: the list of decisions waiting for review (unit heads, Cục managers;
 *   everyone else reads the decisions of their scope), with confirm and return (a reason dialog);
 * - `PendingDecisionsBadge`: how many wait for the account's review, beside the navigation link.
 * Who may do what is the server's (packages/api/src/routers/pending-decisions.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@thads/domain';
import {
  flattenUnitTree,
  formatMoney,
  useTRPC,
  type CurrentUser,
  type RouterOutputs,
} from '@thads/ui';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EMPTY_EVENT, EventFields, decisionInputOf, type EventDraft } from './EventFields.js';
import { GROUND_LABELS_VI, casePath, viDate, viDateTime } from './format.js';

export type PendingDecision = RouterOutputs['pendingDecisions']['list']['rows'][number];

export const DECISION_STATUS_LABELS_VI: Readonly<Record<string, string>> = {
  pending: 'Chờ duyệt',
  returned: 'Bị trả lại',
  confirmed: 'Đã xác nhận',
  withdrawn: 'Đã rút',
};

/** Roles that propose decisions (officers for the cases they hold). */
export const PROPOSER_ROLES: readonly Role[] = ['cuc_manager', 'unit_head', 'clerk', 'officer'];
/** Roles that review decisions (the server checks which unit each reviews). */
export const REVIEWER_ROLES: readonly Role[] = ['cuc_manager', 'unit_head'];

export function statusLabel(status: string): string {
  return DECISION_STATUS_LABELS_VI[status] ?? status;
}

function groundLabel(ground: string): string {
  return GROUND_LABELS_VI[ground] ?? ground;
}

/** Refreshes what a decision's change touches: the decisions, the case, the reports. */
export function useRefreshDecisions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.pendingDecisions.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
  };
}

/**
 * Confirm and return of one pending decision, for its reviewer. Return opens a modal dialog asking
 * for the reason (Escape or "Hủy" closes it; focus goes back to the button).
 */
export function ReviewActions({
  decision: d,
  onDone,
}: {
  decision: PendingDecision;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshDecisions();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const what = `quyết định số ${d.decisionNo} ngày ${viDate(d.decisionDate)} của việc ${d.caseId}`;
  const confirm = useMutation(
    trpc.pendingDecisions.confirm.mutationOptions({
      onSuccess: () => {
        refresh();
        onDone(`Đã xác nhận ${what}: việc chuyển sang chưa có điều kiện thi hành.`);
      },
    }),
  );
  const sendBack = useMutation(trpc.pendingDecisions.returnDecision.mutationOptions());
  const open = () => {
    setProblem(null);
    const el = dialog.current;
    if (!el) return;
    if (typeof el.showModal === 'function') el.showModal();
    else el.setAttribute('open', '');
  };
  function close() {
    dialog.current?.close?.();
    opener.current?.focus();
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 5) return setProblem('Cần ghi lý do trả lại (ít nhất 5 ký tự)');
    setProblem(null);
    sendBack.mutate(
      { id: d.id, reason: reason.trim() },
      {
        onSuccess: () => {
          close();
          refresh();
          onDone(`Đã trả lại ${what}.`);
        },
      },
    );
  };
  return (
    <div className="review-actions">
      <button
        type="button"
        disabled={confirm.isPending}
        aria-label={`Xác nhận ${what}`}
        onClick={() => confirm.mutate({ id: d.id })}
      >
        Xác nhận
      </button>
      <button
        type="button"
        className="secondary"
        ref={opener}
        aria-label={`Trả lại ${what}`}
        onClick={open}
      >
        Trả lại
      </button>
      {confirm.isError ? (
        <p role="alert" className="error form-message">
          {confirm.error.message}
        </p>
      ) : null}
      <dialog ref={dialog} aria-labelledby={`${id}-title`} onClose={() => setReason('')}>
        {/* noValidate: the reason's check speaks Vietnamese below, not the browser's tooltip. */}
        <form className="panel-form" onSubmit={submit} noValidate>
          <h4 id={`${id}-title`}>Trả lại {what}</h4>
          <div className="field wide">
            <label htmlFor={`${id}-reason`}>Lý do trả lại (bắt buộc, người đề xuất sẽ thấy)</label>
            <textarea
              id={`${id}-reason`}
              required
              minLength={5}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <button type="submit" disabled={sendBack.isPending}>
            Trả lại quyết định
          </button>
          <button type="button" className="secondary" onClick={close}>
            Hủy
          </button>
          {problem ? (
            <p role="alert" className="error form-message">
              {problem}
            </p>
          ) : sendBack.isError ? (
            <p role="alert" className="error form-message">
              {sendBack.error.message}
            </p>
          ) : null}
        </form>
      </dialog>
    </div>
  );
}

function verificationOf(d: PendingDecision): string {
  return `biên bản xác minh số ${d.verificationNo} ngày ${viDate(d.verificationDate)}`;
}

/** A case's proposed decisions, on the case's page. */
export function CaseDecisions({ caseId, user }: { caseId: string; user: CurrentUser }) {
  const trpc = useTRPC();
  const decisions = useQuery(trpc.pendingDecisions.ofCase.queryOptions({ caseId }));
  const [message, setMessage] = useState<string | null>(null);
  if (decisions.isPending) return null;
  if (decisions.isError)
    return (
      <p role="alert" className="error">
        Không tải được các quyết định chờ duyệt: {decisions.error.message}
      </p>
    );
  const rows = decisions.data;
  const open = rows.find((d) => d.status === 'pending' || d.status === 'returned');
  return (
    <section aria-labelledby="case-decisions" data-testid="case-decisions">
      <h3 id="case-decisions">Quyết định chưa có điều kiện thi hành chờ duyệt</h3>
      {open ? (
        <div
          className={`decision-card ${open.status}`}
          data-testid="open-decision"
          data-status={open.status}
        >
          <p>
            <strong>{statusLabel(open.status)}:</strong> quyết định số {open.decisionNo} ngày{' '}
            {viDate(open.decisionDate)}, căn cứ điểm {groundLabel(open.ground)};{' '}
            {verificationOf(open)}.
          </p>
          <p className="hint">
            Đề xuất bởi {open.proposedBy} lúc {viDateTime(open.proposedAt)}.{' '}
            {open.status === 'pending'
              ? 'Chưa thay đổi trạng thái của việc, chưa tính vào số chưa có điều kiện và chưa công khai cho đến khi được xác nhận.'
              : ''}
          </p>
          {open.status === 'returned' ? (
            <p role="note" data-testid="return-reason">
              Trả lại bởi {open.reviewedBy} lúc {viDateTime(open.reviewedAt)}. Lý do:{' '}
              {open.returnReason}
            </p>
          ) : null}
          {open.mayReview ? <ReviewActions decision={open} onDone={setMessage} /> : null}
          {PROPOSER_ROLES.includes(user.role) ? (
            <ProposerActions decision={open} onDone={setMessage} />
          ) : null}
        </div>
      ) : (
        <p data-testid="open-decision-none">Không có quyết định nào đang chờ duyệt.</p>
      )}
      {message ? (
        <p role="status" className="success form-message">
          {message}
        </p>
      ) : null}
      {rows.some((d) => d !== open) ? (
        <details>
          <summary>Các quyết định đã xử lý ({rows.filter((d) => d !== open).length})</summary>
          <DecisionTable rows={rows.filter((d) => d !== open)} withCase={false} />
        </details>
      ) : null}
    </section>
  );
}

/** Withdraw (pending or returned), and correct and re-propose (returned). */
function ProposerActions({
  decision: d,
  onDone,
}: {
  decision: PendingDecision;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshDecisions();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<EventDraft>({
    ...EMPTY_EVENT,
    kind: 'unable',
    date: d.decisionDate,
    ground: d.ground,
    decisionNo: d.decisionNo,
    verificationNo: d.verificationNo,
    verificationDate: d.verificationDate,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const withdraw = useMutation(
    trpc.pendingDecisions.withdraw.mutationOptions({
      onSuccess: () => {
        refresh();
        onDone(`Đã rút quyết định số ${d.decisionNo}.`);
      },
    }),
  );
  const repropose = useMutation(
    trpc.pendingDecisions.repropose.mutationOptions({
      onSuccess: () => {
        refresh();
        setEditing(false);
        onDone('Đã sửa và gửi lại quyết định để duyệt.');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = decisionInputOf(draft);
    if ('error' in input) return setProblem(input.error);
    setProblem(null);
    repropose.mutate({ id: d.id, ...input.decision });
  };
  return (
    <div className="proposer-actions">
      {d.status === 'returned' ? (
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Sửa và đề xuất lại
        </button>
      ) : null}
      <button
        type="button"
        className="secondary"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate({ id: d.id })}
      >
        Rút quyết định
      </button>
      {withdraw.isError ? (
        <p role="alert" className="error form-message">
          {withdraw.error.message}
        </p>
      ) : null}
      {editing ? (
        <form className="panel-form inline" onSubmit={submit} aria-labelledby={`${id}-title`}>
          <h4 id={`${id}-title`}>Sửa quyết định bị trả lại</h4>
          <EventFields
            value={draft}
            onChange={setDraft}
            officers={[]}
            kinds={['unable']}
            withVerification
          />
          <button type="submit" disabled={repropose.isPending}>
            Gửi lại để duyệt
          </button>
          {problem ? (
            <p role="alert" className="error form-message">
              {problem}
            </p>
          ) : repropose.isError ? (
            <p role="alert" className="error form-message">
              {repropose.error.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function DecisionTable({
  rows,
  withCase,
  onDone,
}: {
  rows: readonly PendingDecision[];
  withCase: boolean;
  onDone?: (message: string) => void;
}) {
  const actions = onDone !== undefined && rows.some((r) => r.mayReview);
  return (
    <div className="table-scroll">
      <table className="data-table pending-decisions">
        <thead>
          <tr>
            {withCase ? (
              <>
                <th scope="col">Việc</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Người phải thi hành án</th>
                <th scope="col" className="num">
                  Còn phải thi hành
                </th>
              </>
            ) : null}
            <th scope="col">Quyết định</th>
            <th scope="col">Căn cứ</th>
            <th scope="col">Biên bản xác minh</th>
            <th scope="col">Đề xuất</th>
            <th scope="col">Trạng thái</th>
            {actions ? <th scope="col">Duyệt</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-decision={d.id} data-case={d.caseId}>
              {withCase ? (
                <>
                  <td>
                    <Link to={casePath(d.caseId)}>{d.caseId}</Link>
                  </td>
                  <td>{d.unitName}</td>
                  <td>{d.debtorName ?? '–'}</td>
                  <td className="num">{formatMoney(d.remaining)}</td>
                </>
              ) : null}
              <td>
                {d.decisionNo} ngày {viDate(d.decisionDate)}
              </td>
              <td>Điểm {d.ground}</td>
              <td>
                {d.verificationNo} ngày {viDate(d.verificationDate)}
              </td>
              <td>
                {d.proposedBy}
                <br />
                <small>{viDateTime(d.proposedAt)}</small>
              </td>
              <td>
                {statusLabel(d.status)}
                {d.status === 'returned' && d.returnReason ? (
                  <>
                    <br />
                    <small>Lý do: {d.returnReason}</small>
                  </>
                ) : null}
                {d.reviewedBy && d.status !== 'returned' ? (
                  <>
                    <br />
                    <small>
                      {d.reviewedBy}, {viDateTime(d.reviewedAt)}
                    </small>
                  </>
                ) : null}
              </td>
              {actions ? (
                <td>{d.mayReview ? <ReviewActions decision={d} onDone={onDone} /> : null}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const PAGE_SIZE = 50;

/** The list of decisions waiting for review (and, by filter, those already handled). */
export function PendingDecisionsPage({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const id = useId();
  const reviewer = REVIEWER_ROLES.includes(user.role);
  const [status, setStatus] = useState<string>('pending');
  const [unit, setUnit] = useState<string>('');
  const [toReview, setToReview] = useState(reviewer);
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const tree = useQuery(trpc.units.tree.queryOptions()).data;
  const units = useMemo(() => (tree ? flattenUnitTree(tree) : []), [tree]);
  const list = useQuery(
    trpc.pendingDecisions.list.queryOptions({
      ...(status === '' ? {} : { status: status as PendingDecision['status'] }),
      ...(unit === '' ? {} : { unit }),
      ...(toReview ? { toReview: true } : {}),
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <section className="registry-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Quyết định chưa có điều kiện chờ duyệt</h2>
      <p className="hint">
        Quyết định về việc chưa có điều kiện thi hành nhập trên bảng điều khiển chỉ được ghi vào
        diễn biến của việc khi Thủ trưởng đơn vị (việc của Cục: Quản lý cấp Cục) đã kiểm tra căn cứ
        và biên bản xác minh và xác nhận. Quyết định nhập từ tệp được coi là đã ban hành và đã kiểm
        tra.
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Lọc quyết định">
        <div className="field">
          <label htmlFor={`${id}-status`}>Trạng thái</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">Tất cả</option>
            {Object.entries(DECISION_STATUS_LABELS_VI).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>Đơn vị</label>
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(e) => {
              setUnit(e.target.value);
              setPage(1);
            }}
          >
            <option value="">Tất cả đơn vị được xem</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {'\u00a0'.repeat(u.depth * 2)}
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </div>
        {reviewer ? (
          <div className="field checkbox">
            <label>
              <input
                type="checkbox"
                checked={toReview}
                onChange={(e) => {
                  setToReview(e.target.checked);
                  setPage(1);
                }}
              />{' '}
              Chỉ các quyết định tôi duyệt
            </label>
          </div>
        ) : null}
      </form>
      {message ? (
        <p role="status" className="success form-message" data-testid="review-message">
          {message}
        </p>
      ) : null}
      {list.isPending ? (
        <p role="status">Đang tải…</p>
      ) : list.isError ? (
        <p role="alert" className="error">
          {list.error.message}
        </p>
      ) : list.data.total === 0 ? (
        <p data-testid="pending-empty">Không có quyết định nào.</p>
      ) : (
        <>
          <p>
            {list.data.total.toLocaleString('vi-VN')} quyết định
            {pages > 1 ? ` · trang ${page}/${pages}` : ''}
          </p>
          <DecisionTable rows={list.data.rows} withCase onDone={setMessage} />
          {pages > 1 ? (
            <nav aria-label="Trang" className="pager">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Trang trước
              </button>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Trang sau
              </button>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

/** How many decisions wait for the account's review, beside the navigation link. */
export function PendingDecisionsBadge({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const reviewer = REVIEWER_ROLES.includes(user.role);
  const count = useQuery({
    ...trpc.pendingDecisions.count.queryOptions(),
    enabled: reviewer,
    refetchInterval: 60_000,
  });
  const n = count.data?.toReview ?? 0;
  if (!reviewer || n === 0) return null;
  return (
    <span
      className="nav-badge"
      data-testid="pending-badge"
      aria-label={`${n} quyết định chờ duyệt`}
    >
      {n.toLocaleString('vi-VN')}
    </span>
  );
}
