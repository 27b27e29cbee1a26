/**
 * The public list's console views as plain components over the API's data (statistics.md §11):
 * the publication queue, the reconciliation per unit and period (V12), the re-verification due
 * list, and the address withholding form. No fetching here (see PublicListPage.tsx), so each view
 * renders the same way in tests.
 */
import {
  ENTRY_STATUS_LABELS_VI,
  formatViDate,
  groundReferenceVi,
  stateLabelVi,
  type CaseState,
  type EntryStatus,
  type UnableGround,
} from '@thads/domain';
import { formatMoney, type RouterOutputs } from '@thads/ui';
import { useId, useState, type FormEvent } from 'react';

export type EntryRow = RouterOutputs['publicList']['entries'][number];
export type Reconciliation = RouterOutputs['publicList']['reconciliation'];
export type ReverificationRow = RouterOutputs['publicList']['reverification'][number];

/** The shortest reason the API accepts for a withholding or a withdrawal. */
export const MIN_REASON = 5;

function dateOrDash(date: string | null): string {
  return date ? formatViDate(date) : '–';
}

function decisionLabel(no: string, date: string): string {
  return `Số ${no} ngày ${formatViDate(date)}`;
}

function nameOf(name: string | null): string {
  return name && name.trim() !== '' ? name : '(chưa ghi tên)';
}

function groundShort(ground: UnableGround): string {
  return groundReferenceVi(ground).replace(' Luật Thi hành án dân sự', '');
}

export interface QueueTableProps {
  entries: readonly EntryRow[];
  /** Today (YYYY-MM-DD): the default publication date. */
  today: string;
  /** Given only to the Cục manager: confirms an entry's publication from a date. */
  onConfirm?: (entry: EntryRow, publishedOn: string) => void;
  busy?: boolean;
}

/** The entries awaiting publication, each with a date and a confirm button for the manager. */
export function QueueTable({ entries, today, onConfirm, busy = false }: QueueTableProps) {
  if (entries.length === 0)
    return <p role="status">Không có quyết định nào chờ xác nhận công khai.</p>;
  return (
    <div className="table-scroll">
      <table className="report-table public-list-table">
        <caption>
          Quyết định chưa có điều kiện thi hành chờ xác nhận công khai ({entries.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Việc</th>
            <th scope="col">Người phải thi hành án</th>
            <th scope="col">Quyết định</th>
            <th scope="col">Căn cứ</th>
            <th scope="col" className="num">
              Số tiền còn phải thi hành
            </th>
            {onConfirm ? <th scope="col">Xác nhận công khai</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <QueueRow
              key={`${e.caseId}|${e.decisionNo}|${e.decisionDate}`}
              entry={e}
              today={today}
              busy={busy}
              {...(onConfirm ? { onConfirm } : {})}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QueueRow({
  entry,
  today,
  onConfirm,
  busy,
}: {
  entry: EntryRow;
  today: string;
  onConfirm?: (entry: EntryRow, publishedOn: string) => void;
  busy: boolean;
}) {
  const id = useId();
  const [date, setDate] = useState(today < entry.decisionDate ? entry.decisionDate : today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= entry.decisionDate;
  return (
    <tr>
      <th scope="row">{entry.caseId}</th>
      <td>{nameOf(entry.debtorName)}</td>
      <td>{decisionLabel(entry.decisionNo, entry.decisionDate)}</td>
      <td>{groundShort(entry.ground)}</td>
      <td className="num nowrap">{formatMoney(entry.remaining)}</td>
      {onConfirm ? (
        <td>
          <form
            className="inline-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (valid) onConfirm(entry, date);
            }}
          >
            <label htmlFor={`${id}-date`}>Công khai từ ngày</label>
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              min={entry.decisionDate}
              required
              aria-invalid={!valid}
              onChange={(e) => setDate(e.target.value)}
            />
            <button type="submit" disabled={busy || !valid}>
              Xác nhận
            </button>
          </form>
        </td>
      ) : null}
    </tr>
  );
}

/** Every entry of a unit with its status, for the withholding view and an overview. */
export function EntriesTable({
  entries,
  caption,
}: {
  entries: readonly EntryRow[];
  caption: string;
}) {
  if (entries.length === 0) return <p role="status">Không có người phải thi hành án nào.</p>;
  return (
    <div className="table-scroll">
      <table className="report-table public-list-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Việc</th>
            <th scope="col">Người phải thi hành án</th>
            <th scope="col">Địa chỉ</th>
            <th scope="col">Quyết định</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Ngày công khai</th>
            <th scope="col">Kết thúc</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.caseId}|${e.decisionNo}|${e.decisionDate}`} data-status={e.status}>
              <th scope="row">{e.caseId}</th>
              <td>{nameOf(e.debtorName)}</td>
              <td>
                {e.debtorAddress ?? '–'}
                {e.addressWithheld ? (
                  <>
                    {' '}
                    <strong>(không công khai: {e.withholdingReason})</strong>
                  </>
                ) : null}
              </td>
              <td>{decisionLabel(e.decisionNo, e.decisionDate)}</td>
              <td>{ENTRY_STATUS_LABELS_VI[e.status as EntryStatus]}</td>
              <td>{dateOrDash(e.publishedOn)}</td>
              <td>
                {e.ending
                  ? `${e.ending.decisionNo ? `Số ${e.ending.decisionNo} ` : ''}ngày ${formatViDate(e.ending.date)}`
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function stateText(state: string | null): string {
  return state === null ? 'chưa thụ lý hoặc không có trong sổ' : stateLabelVi(state as CaseState);
}

export interface ReconciliationTablesProps {
  data: Reconciliation;
  /** Given only to the Cục manager: withdraws a record the registry no longer supports. */
  onWithdraw?: (row: Reconciliation['orphans'][number], reason: string) => void;
  busy?: boolean;
}

/** The two lists of V12 and the records without a decision behind them. */
export function ReconciliationTables({
  data,
  onWithdraw,
  busy = false,
}: ReconciliationTablesProps) {
  const end = formatViDate(data.periodEnd);
  return (
    <div className="reconciliation">
      <p role="status">
        {data.findings.length === 0
          ? `Danh sách công khai khớp với số liệu thống kê tại ngày ${end}.`
          : `${data.findings.length} cảnh báo V12 tại ngày ${end}.`}
      </p>
      <div className="table-scroll">
        <table className="report-table public-list-table">
          <caption>
            Chưa có điều kiện thi hành tại ngày {end} nhưng chưa công khai (
            {data.unpublished.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Việc</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Người phải thi hành án</th>
              <th scope="col">Quyết định</th>
              <th scope="col">Ngày công khai</th>
            </tr>
          </thead>
          <tbody>
            {data.unpublished.length === 0 ? (
              <tr>
                <td colSpan={5}>Không có.</td>
              </tr>
            ) : (
              data.unpublished.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">{r.caseId}</th>
                  <td>{r.unit}</td>
                  <td>{nameOf(r.debtorName)}</td>
                  <td>{decisionLabel(r.decisionNo, r.decisionDate)}</td>
                  <td>
                    {r.publishedOn
                      ? `từ ${formatViDate(r.publishedOn)} (sau kỳ)`
                      : 'chưa công khai'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="report-table public-list-table">
          <caption>
            Đang công khai nhưng tại ngày {end} không ở trạng thái chưa có điều kiện (
            {data.notUnable.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">Việc</th>
              <th scope="col">Người phải thi hành án</th>
              <th scope="col">Quyết định đã công khai</th>
              <th scope="col">Trạng thái của việc</th>
            </tr>
          </thead>
          <tbody>
            {data.notUnable.length === 0 ? (
              <tr>
                <td colSpan={4}>Không có.</td>
              </tr>
            ) : (
              data.notUnable.map((r) => (
                <tr key={`${r.caseId}|${r.decisionNo}|${r.decisionDate}`}>
                  <th scope="row">{r.caseId}</th>
                  <td>{nameOf(r.debtorName)}</td>
                  <td>
                    {decisionLabel(r.decisionNo, r.decisionDate)}
                    {r.matchesRegistry ? '' : ' (sổ thụ lý không còn quyết định này)'}
                  </td>
                  <td>{stateText(r.state)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data.orphans.length > 0 ? (
        <div className="table-scroll">
          <table className="report-table public-list-table">
            <caption>Bản ghi công khai không còn quyết định tương ứng trong sổ thụ lý</caption>
            <thead>
              <tr>
                <th scope="col">Việc</th>
                <th scope="col">Quyết định</th>
                <th scope="col">Công khai từ</th>
                <th scope="col">Đã gỡ</th>
                {onWithdraw ? <th scope="col">Gỡ bản ghi</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.orphans.map((r) => (
                <tr key={`${r.caseId}|${r.decisionNo}|${r.decisionDate}`}>
                  <th scope="row">{r.caseId}</th>
                  <td>{decisionLabel(r.decisionNo, r.decisionDate)}</td>
                  <td>{dateOrDash(r.publishedOn)}</td>
                  <td>{dateOrDash(r.withdrawnOn)}</td>
                  {onWithdraw ? (
                    <td>
                      {r.withdrawnOn ? null : (
                        <ReasonForm
                          label="Lý do gỡ"
                          submitLabel="Gỡ"
                          busy={busy}
                          onSubmit={(reason) => onWithdraw(r, reason)}
                        />
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** The re-verification due list, overdue rows marked. */
export function ReverificationTable({
  rows,
  officerName,
}: {
  rows: readonly ReverificationRow[];
  officerName: (code: string | null) => string;
}) {
  if (rows.length === 0) return <p role="status">Không có việc nào cần xác minh lại.</p>;
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <div className="table-scroll">
      <table className="report-table public-list-table">
        <caption>
          Việc chưa có điều kiện cần xác minh lại ({rows.length}, quá hạn {overdue})
        </caption>
        <thead>
          <tr>
            <th scope="col">Việc</th>
            <th scope="col">Người phải thi hành án</th>
            <th scope="col">Chấp hành viên</th>
            <th scope="col">Xác minh gần nhất</th>
            <th scope="col">Hạn xác minh lại</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.caseId} className={r.overdue ? 'overdue' : undefined}>
              <th scope="row">{r.caseId}</th>
              <td>{nameOf(r.debtorName)}</td>
              <td>{officerName(r.officer)}</td>
              <td>{formatViDate(r.lastVerification)}</td>
              <td>
                {formatViDate(r.due)}
                {r.yearly ? ' (12 tháng)' : ''}
              </td>
              <td>{r.overdue ? <strong>Quá hạn</strong> : 'Chưa đến hạn'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A reason (required, at least MIN_REASON characters) and a button. */
export function ReasonForm({
  label,
  submitLabel,
  onSubmit,
  busy = false,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (reason: string) => void;
  busy?: boolean;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = reason.trim().length >= MIN_REASON;
  return (
    <form
      className="inline-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        setTouched(true);
        if (valid) {
          onSubmit(reason.trim());
          setReason('');
          setTouched(false);
        }
      }}
    >
      <label htmlFor={`${id}-reason`}>{label}</label>
      <input
        id={`${id}-reason`}
        type="text"
        value={reason}
        required
        minLength={MIN_REASON}
        maxLength={1000}
        aria-invalid={touched && !valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setReason(e.target.value)}
      />
      <small id={`${id}-hint`}>
        {touched && !valid ? `Bắt buộc, ít nhất ${MIN_REASON} ký tự` : 'Bắt buộc'}
      </small>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

/** The address withholding of one unit's standing entries (Cục manager only). */
export function WithholdingList({
  entries,
  onWithhold,
  onRelease,
  busy = false,
}: {
  entries: readonly EntryRow[];
  onWithhold: (caseId: string, reason: string) => void;
  onRelease: (caseId: string, reason: string) => void;
  busy?: boolean;
}) {
  // One row per case: the withholding is per case, whatever its decisions.
  const cases = [...new Map(entries.map((e) => [e.caseId, e])).values()];
  if (cases.length === 0)
    return <p role="status">Không có người phải thi hành án nào đang trong danh sách.</p>;
  return (
    <div className="table-scroll">
      <table className="report-table public-list-table">
        <caption>Địa chỉ người phải thi hành án trên danh sách công khai</caption>
        <thead>
          <tr>
            <th scope="col">Việc</th>
            <th scope="col">Người phải thi hành án</th>
            <th scope="col">Địa chỉ</th>
            <th scope="col">Công khai địa chỉ</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((e) => (
            <tr key={e.caseId}>
              <th scope="row">{e.caseId}</th>
              <td>{nameOf(e.debtorName)}</td>
              <td>{e.debtorAddress ?? '–'}</td>
              <td>
                {e.addressWithheld ? (
                  <>
                    <p>Không công khai. Lý do: {e.withholdingReason}</p>
                    <ReasonForm
                      label="Lý do công khai lại"
                      submitLabel="Công khai lại địa chỉ"
                      busy={busy}
                      onSubmit={(reason) => onRelease(e.caseId, reason)}
                    />
                  </>
                ) : (
                  <ReasonForm
                    label="Lý do không công khai địa chỉ"
                    submitLabel="Không công khai địa chỉ"
                    busy={busy}
                    onSubmit={(reason) => onWithhold(e.caseId, reason)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
