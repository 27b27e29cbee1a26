/**
 * One case: its facts, the money (to execute, settled, remaining), its state and officer now, its
 * public-list status, and the timeline of its events with their decision numbers and who recorded
 * them. For the roles that enter data: record an event, correct or remove a wrongly recorded one
 * (a reason is required), and correct the case's facts. Every write is checked by the server
 * against the whole history; a refusal shows its reason and nothing is written.
 *
 * A "chưa có điều kiện" decision is not recorded but proposed for review (issue 7): the page shows
 * it as pending (status, ground, verification record), not as a change of state, until the unit
 * head (the Cục's own cases: a Cục manager) confirms it. An officer proposes one for a case it holds.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CASE_FLAG_LABELS_VI,
  ENTRY_STATUS_LABELS_VI,
  ENTRY_ENDING_LABELS_VI,
  EVENT_KINDS,
  JUDGMENT_TYPE_LABELS_VI,
  isCaseFlag,
  isJudgmentType,
  type CaseFlag,
  type EntryStatus,
  type EventKind,
} from '@thads/domain';
import { formatMoney, useTRPC, type CurrentUser, type RouterOutputs } from '@thads/ui';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { CaseFactsForm } from './CaseFactsForm.js';
import {
  EMPTY_EVENT,
  EventFields,
  decisionInputOf,
  eventInputOf,
  type EventDraft,
} from './EventFields.js';
import {
  GROUND_LABELS_VI,
  MODE_LABELS_VI,
  caseListPath,
  entersData,
  kindLabel,
  stateLabel,
  viDate,
  viDateTime,
} from './format.js';
import { CaseDecisions, useRefreshDecisions } from './PendingDecisions.js';
import './registry.css';

type Detail = RouterOutputs['cases']['get'];
type TimelineEvent = Detail['timeline'][number];

export function CaseDetailPage({ user, today }: { user: CurrentUser; today: string }) {
  const { caseId = '' } = useParams();
  const trpc = useTRPC();
  const detail = useQuery(trpc.cases.get.queryOptions({ id: caseId }));
  if (detail.isPending) return <p role="status">Đang tải việc {caseId}…</p>;
  if (detail.isError)
    return (
      <p role="alert" className="error">
        Không mở được việc {caseId}: {detail.error.message}
      </p>
    );
  const d = detail.data;
  const canWrite = entersData(user.role);
  const open = ['able', 'postponed', 'suspended', 'unable'].includes(d.state);
  // An officer proposes "chưa có điều kiện" decisions for the cases it holds.
  const officerProposes =
    !canWrite && user.role === 'officer' && d.officer !== null && d.officer === user.officer;

  return (
    <section className="registry-page case-detail" aria-labelledby="case-title">
      <p>
        <Link to={caseListPath({ unit: d.unit })}>← Danh sách việc của {d.unitName}</Link>
      </p>
      <h2 id="case-title">Việc {d.id}</h2>
      <p>
        <Link to={`/ke-hoach/${encodeURIComponent(d.id)}`}>Kế hoạch thi hành án của việc này</Link>
      </p>
      <div className="case-summary">
        <dl className="facts" aria-label="Số tiền và trạng thái">
          <div>
            <dt>Số tiền phải thi hành</dt>
            <dd data-testid="case-amount">{formatMoney(d.amount)}</dd>
          </div>
          <div>
            <dt>Đã thi hành</dt>
            <dd data-testid="case-settled">{formatMoney(d.settled)}</dd>
          </div>
          <div>
            <dt>Còn phải thi hành</dt>
            <dd data-testid="case-remaining">{formatMoney(d.remaining)}</dd>
          </div>
          <div>
            <dt>Trạng thái hiện nay</dt>
            <dd data-testid="case-state">{stateLabel(d.state)}</dd>
          </div>
          <div>
            <dt>Chấp hành viên đang thụ lý</dt>
            <dd>{d.officer ? `${d.officerName ?? ''} (${d.officer})` : 'Chưa phân công'}</dd>
          </div>
          {d.reverificationDue ? (
            <div>
              <dt>Hạn xác minh lại</dt>
              <dd>{viDate(d.reverificationDue)}</dd>
            </div>
          ) : null}
        </dl>
        <dl className="facts" aria-label="Thông tin việc">
          <div>
            <dt>Đơn vị</dt>
            <dd>
              {d.unitName} ({d.unit})
            </dd>
          </div>
          <div>
            <dt>Ngày thụ lý</dt>
            <dd>{viDate(d.receivedOn)}</dd>
          </div>
          <div>
            <dt>Loại việc</dt>
            <dd>{d.mode ? MODE_LABELS_VI[d.mode] : 'Chưa phân loại'}</dd>
          </div>
          <div>
            <dt>Loại bản án</dt>
            <dd>
              {d.judgmentType && isJudgmentType(d.judgmentType)
                ? JUDGMENT_TYPE_LABELS_VI[d.judgmentType]
                : 'Chưa phân loại'}
            </dd>
          </div>
          <div>
            <dt>Dấu hiệu cần chỉ đạo</dt>
            <dd>
              {d.flags.length === 0
                ? 'Không có'
                : d.flags
                    .filter(isCaseFlag)
                    .map((f) => CASE_FLAG_LABELS_VI[f])
                    .join('; ')}
            </dd>
          </div>
          <div>
            <dt>Người phải thi hành án</dt>
            <dd>{d.debtorName ?? '–'}</dd>
          </div>
          <div>
            <dt>Địa chỉ</dt>
            <dd>{d.debtorAddress ?? '–'}</dd>
          </div>
          <div>
            <dt>Bản án, quyết định</dt>
            <dd>{d.judgmentRef ?? '–'}</dd>
          </div>
          <div>
            <dt>Quyết định thi hành án</dt>
            <dd>
              {d.decisionNo ?? '–'}
              {d.decisionDate ? ` ngày ${viDate(d.decisionDate)}` : ''}
            </dd>
          </div>
          <div>
            <dt>Nghĩa vụ</dt>
            <dd>{d.obligation ?? '–'}</dd>
          </div>
          <div>
            <dt>Chấp hành viên khi thụ lý</dt>
            <dd>
              {d.intakeOfficer
                ? `${d.intakeOfficerName ?? ''} (${d.intakeOfficer})`
                : 'Chưa phân công'}
            </dd>
          </div>
        </dl>
      </div>

      <PublicListStatus entries={d.publicList} />
      <CaseDecisions caseId={d.id} user={user} />
      <Timeline detail={d} canWrite={canWrite} />
      {canWrite && open ? <RecordEventForm detail={d} today={today} /> : null}
      {officerProposes && open ? (
        <RecordEventForm detail={d} today={today} kinds={['unable']} />
      ) : null}
      {canWrite && !open ? (
        <p className="hint">
          Việc đã kết thúc: không ghi thêm sự kiện được (chỉ sửa, xóa sự kiện ghi nhầm).
        </p>
      ) : null}
      {canWrite ? <EditFacts detail={d} /> : null}
    </section>
  );
}

function PublicListStatus({ entries }: { entries: Detail['publicList'] }) {
  return (
    <section aria-labelledby="case-public-list">
      <h3 id="case-public-list">Danh sách công khai người chưa có điều kiện thi hành</h3>
      {entries.length === 0 ? (
        <p data-testid="public-list-status">Việc không có quyết định chưa có điều kiện thi hành.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Quyết định</th>
              <th scope="col">Căn cứ</th>
              <th scope="col" className="num">
                Còn phải thi hành khi quyết định
              </th>
              <th scope="col">Công khai</th>
              <th scope="col">Kết thúc</th>
            </tr>
          </thead>
          <tbody data-testid="public-list-status">
            {entries.map((e) => (
              <tr key={`${e.decisionNo}/${e.decisionDate}`}>
                <td>
                  {e.decisionNo} ngày {viDate(e.decisionDate)}
                </td>
                <td>Điểm {e.ground}</td>
                <td className="num">{formatMoney(e.remaining)}</td>
                <td>
                  {ENTRY_STATUS_LABELS_VI[e.status as EntryStatus] ?? e.status}
                  {e.publishedOn ? ` (từ ${viDate(e.publishedOn)})` : ''}
                  {e.addressWithheld ? ' · không công khai địa chỉ' : ''}
                </td>
                <td>
                  {e.ending
                    ? `${ENTRY_ENDING_LABELS_VI[e.ending.kind as keyof typeof ENTRY_ENDING_LABELS_VI] ?? e.ending.kind} ngày ${viDate(e.ending.date)}`
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function eventDetails(e: TimelineEvent): string {
  const parts: string[] = [];
  if (e.officer) parts.push(`${e.officerName ?? ''} (${e.officer})`.trim());
  if (e.ground) parts.push(`căn cứ ${GROUND_LABELS_VI[e.ground] ?? e.ground}`);
  return parts.join(' · ');
}

function Timeline({ detail, canWrite }: { detail: Detail; canWrite: boolean }) {
  const [editing, setEditing] = useState<{ id: number; mode: 'correct' | 'remove' } | null>(null);
  return (
    <section aria-labelledby="case-timeline">
      <h3 id="case-timeline">Diễn biến thi hành</h3>
      <div className="table-scroll">
        <table className="data-table timeline">
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Sự kiện</th>
              <th scope="col">Số quyết định</th>
              <th scope="col" className="num">
                Số tiền
              </th>
              <th scope="col">Chi tiết</th>
              <th scope="col">Trạng thái sau đó</th>
              <th scope="col" className="num">
                Đã thi hành sau đó
              </th>
              <th scope="col">Người ghi</th>
              {canWrite ? <th scope="col">Sửa, xóa</th> : null}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{viDate(detail.receivedOn)}</td>
              <td>Thụ lý</td>
              <td>{detail.decisionNo ?? '–'}</td>
              <td className="num">{formatMoney(detail.amount)}</td>
              <td>
                {detail.intakeOfficer
                  ? `${detail.intakeOfficerName ?? ''} (${detail.intakeOfficer})`
                  : ''}
              </td>
              <td>{stateLabel('able')}</td>
              <td className="num">{formatMoney('0')}</td>
              <td>–</td>
              {canWrite ? <td /> : null}
            </tr>
            {detail.timeline.map((e) => (
              <TimelineRow
                key={e.id}
                event={e}
                detail={detail}
                canWrite={canWrite}
                editing={editing?.id === e.id ? editing.mode : null}
                onEdit={(mode) => setEditing(mode === null ? null : { id: e.id, mode })}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TimelineRow({
  event: e,
  detail,
  canWrite,
  editing,
  onEdit,
}: {
  event: TimelineEvent;
  detail: Detail;
  canWrite: boolean;
  editing: 'correct' | 'remove' | null;
  onEdit: (mode: 'correct' | 'remove' | null) => void;
}) {
  const columns = canWrite ? 9 : 8;
  return (
    <>
      <tr data-event={e.id}>
        <td>{viDate(e.date)}</td>
        <td>{kindLabel(e.kind)}</td>
        <td>{e.decisionNo ?? '–'}</td>
        <td className="num">{e.amount ? formatMoney(e.amount) : ''}</td>
        <td>{eventDetails(e)}</td>
        <td>{stateLabel(e.stateAfter)}</td>
        <td className="num">{formatMoney(e.settledAfter)}</td>
        <td>
          {e.recordedBy ? (
            <>
              {e.recordedBy}
              <br />
              <small>{viDateTime(e.recordedAt)}</small>
            </>
          ) : (
            'Không rõ (trước khi ghi người nhập)'
          )}
        </td>
        {canWrite ? (
          <td className="row-actions">
            <button
              type="button"
              aria-label={`Sửa sự kiện ${kindLabel(e.kind)} ngày ${viDate(e.date)}`}
              onClick={() => onEdit(editing === 'correct' ? null : 'correct')}
            >
              Sửa
            </button>
            <button
              type="button"
              aria-label={`Xóa sự kiện ${kindLabel(e.kind)} ngày ${viDate(e.date)}`}
              onClick={() => onEdit(editing === 'remove' ? null : 'remove')}
            >
              Xóa
            </button>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={columns}>
            <ChangeEventForm mode={editing} event={e} detail={detail} onDone={() => onEdit(null)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function useRefreshCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
  };
}

function useUnitOfficers(unit: string) {
  const trpc = useTRPC();
  return useQuery(trpc.officers.list.queryOptions({ unit })).data ?? [];
}

function RecordEventForm({
  detail,
  today,
  kinds = EVENT_KINDS,
}: {
  detail: Detail;
  today: string;
  kinds?: readonly EventKind[];
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshCase();
  const refreshDecisions = useRefreshDecisions();
  const officers = useUnitOfficers(detail.unit);
  const [draft, setDraft] = useState<EventDraft>({ ...EMPTY_EVENT, kind: kinds[0]!, date: today });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation(trpc.cases.recordEvent.mutationOptions({ onSuccess: refresh }));
  const propose = useMutation(
    trpc.pendingDecisions.propose.mutationOptions({ onSuccess: refreshDecisions }),
  );
  const proposing = draft.kind === 'unable';
  const mutation = proposing ? propose : record;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (proposing) {
      const decision = decisionInputOf(draft);
      if ('error' in decision) return setProblem(decision.error);
      setProblem(null);
      propose.mutate(
        { caseId: detail.id, ...decision.decision },
        {
          onSuccess: () => {
            setDone(
              `Đã gửi quyết định chưa có điều kiện số ${decision.decision.decisionNo} ngày ` +
                `${viDate(draft.date)} để duyệt; trạng thái của việc chưa thay đổi.`,
            );
            setDraft({ ...EMPTY_EVENT, kind: draft.kind, date: today });
          },
        },
      );
      return;
    }
    const input = eventInputOf(draft);
    if ('error' in input) return setProblem(input.error);
    setProblem(null);
    record.mutate(
      { caseId: detail.id, event: input.event },
      {
        onSuccess: () => {
          setDone(`Đã ghi “${kindLabel(draft.kind)}” ngày ${viDate(draft.date)}.`);
          setDraft({ ...EMPTY_EVENT, kind: draft.kind, date: today });
        },
      },
    );
  };
  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {kinds.length === 1 && kinds[0] === 'unable'
          ? 'Đề xuất quyết định chưa có điều kiện thi hành'
          : 'Ghi sự kiện'}
      </h3>
      <EventFields
        value={draft}
        onChange={setDraft}
        officers={officers}
        kinds={kinds}
        withVerification
      />
      <button type="submit" disabled={mutation.isPending}>
        {proposing ? 'Gửi duyệt quyết định' : 'Ghi sự kiện'}
      </button>
      {problem ? (
        <p role="alert" className="error form-message">
          {problem}
        </p>
      ) : mutation.isError ? (
        <p role="alert" className="error form-message" data-testid="event-error">
          {mutation.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function ChangeEventForm({
  mode,
  event: e,
  detail,
  onDone,
}: {
  mode: 'correct' | 'remove';
  event: TimelineEvent;
  detail: Detail;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshCase();
  const officers = useUnitOfficers(detail.unit);
  const [draft, setDraft] = useState<EventDraft>({
    date: e.date,
    kind: e.kind,
    amount: e.amount ?? '',
    officer: e.officer ?? '',
    ground: e.ground ?? '',
    decisionNo: e.decisionNo ?? '',
    verificationNo: '',
    verificationDate: '',
  });
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const onSuccess = () => {
    refresh();
    onDone();
  };
  const correct = useMutation(trpc.cases.correctEvent.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.cases.removeEvent.mutationOptions({ onSuccess }));
  const mutation = mode === 'correct' ? correct : remove;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 5) return setProblem('Cần ghi rõ lý do (ít nhất 5 ký tự)');
    setProblem(null);
    if (mode === 'remove') {
      remove.mutate({ caseId: detail.id, eventId: e.id, reason });
      return;
    }
    const input = eventInputOf(draft);
    if ('error' in input) return setProblem(input.error);
    correct.mutate({ caseId: detail.id, eventId: e.id, event: input.event, reason });
  };
  const title =
    mode === 'correct'
      ? `Sửa sự kiện “${kindLabel(e.kind)}” ngày ${viDate(e.date)}`
      : `Xóa sự kiện “${kindLabel(e.kind)}” ngày ${viDate(e.date)}`;
  return (
    <form className="panel-form inline" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{title}</h4>
      {mode === 'correct' ? (
        <EventFields
          value={draft}
          onChange={setDraft}
          officers={officers}
          // A new "chưa có điều kiện" decision is proposed for review, never made by a correction.
          kinds={e.kind === 'unable' ? EVENT_KINDS : EVENT_KINDS.filter((k) => k !== 'unable')}
        />
      ) : null}
      <div className="field wide">
        <label htmlFor={`${id}-reason`}>Lý do (bắt buộc, được ghi vào nhật ký kiểm toán)</label>
        <textarea
          id={`${id}-reason`}
          required
          minLength={5}
          maxLength={1000}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
        />
      </div>
      <button type="submit" disabled={mutation.isPending}>
        {mode === 'correct' ? 'Lưu sửa đổi' : 'Xóa sự kiện'}
      </button>
      <button type="button" className="secondary" onClick={onDone}>
        Hủy
      </button>
      {problem ? (
        <p role="alert" className="error form-message">
          {problem}
        </p>
      ) : mutation.isError ? (
        <p role="alert" className="error form-message">
          {mutation.error.message}
        </p>
      ) : null}
    </form>
  );
}

function EditFacts({ detail: d }: { detail: Detail }) {
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.cases.update.mutationOptions({
      onSuccess: () => {
        refresh();
        setSaved(true);
        setOpen(false);
      },
    }),
  );
  return (
    <section aria-label="Sửa thông tin việc">
      <p>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          Sửa thông tin việc
        </button>
        {saved && !open ? (
          <span role="status" className="success">
            {' '}
            Đã lưu thông tin việc.
          </span>
        ) : null}
      </p>
      {open ? (
        <CaseFactsForm
          title={`Sửa thông tin việc ${d.id}`}
          submitLabel="Lưu thông tin việc"
          withReason
          busy={update.isPending}
          initial={{
            id: d.id,
            unit: d.unit,
            receivedOn: d.receivedOn,
            amount: d.amount,
            mode: (d.mode ?? '') as '' | 'chu_dong' | 'theo_yeu_cau',
            judgmentType: d.judgmentType && isJudgmentType(d.judgmentType) ? d.judgmentType : '',
            flags: d.flags.filter(isCaseFlag) as CaseFlag[],
            officer: d.intakeOfficer ?? '',
            judgmentRef: d.judgmentRef ?? '',
            decisionNo: d.decisionNo ?? '',
            decisionDate: d.decisionDate ?? '',
            obligation: d.obligation ?? '',
            debtorName: d.debtorName ?? '',
            debtorAddress: d.debtorAddress ?? '',
            reverifyYearly: d.reverifyYearly,
          }}
          onSubmit={({ unit: _unit, ...values }) => update.mutate(values)}
        >
          {update.isError ? (
            <p role="alert" className="error form-message">
              {update.error.message}
            </p>
          ) : null}
        </CaseFactsForm>
      ) : null}
    </section>
  );
}
