/**
 * The enforcement plan (kế hoạch thi hành án) of one case: its measures with their due dates,
 * officers, statuses and outcomes; a plan from a template in seconds (choose the template, the
 * dates are computed from the case's dates and today by the domain's offsets, untick or change any
 * of them, create); one more measure; and each measure's status, outcome and date done. Who may
 * edit is the server's rule (an officer the cases it holds, a unit head its units, the Cục every
 * unit); the page offers the forms to those roles and shows the server's refusal otherwise.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MEASURE_KINDS,
  MEASURE_KIND_LABELS_VI,
  MEASURE_STANDING_LABELS_VI,
  MEASURE_STATUSES,
  MEASURE_STATUS_LABELS_VI,
  PLAN_TEMPLATES,
  applyTemplate,
  planTemplate,
  type MeasureKind,
  type MeasureStatus,
  type PlanTemplateCode,
} from '@thads/domain';
import { formatMoney, useTRPC, type CurrentUser, type RouterOutputs } from '@thads/ui';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { casePath, stateLabel, viDate, viDateTime } from '../registry/format.js';
import '../registry/registry.css';
import './plans.css';

type Plan = RouterOutputs['plans']['get'];
type Measure = Plan['measures'][number];
type CaseDetail = RouterOutputs['cases']['get'];

/** The roles that may edit plans (the server checks which cases). */
export function editsPlans(role: string): boolean {
  return role === 'cuc_manager' || role === 'unit_head' || role === 'officer';
}

export function PlanPage({ user, today }: { user: CurrentUser; today: string }) {
  const { caseId = '' } = useParams();
  const trpc = useTRPC();
  const plan = useQuery(trpc.plans.get.queryOptions({ caseId }));
  const detail = useQuery(trpc.cases.get.queryOptions({ id: caseId }));
  if (plan.isPending) return <p role="status">Đang tải kế hoạch của việc {caseId}…</p>;
  if (plan.isError)
    return (
      <p role="alert" className="error">
        Không mở được kế hoạch của việc {caseId}: {plan.error.message}
      </p>
    );
  const p = plan.data;
  const open = ['able', 'postponed', 'suspended', 'unable'].includes(p.state);
  const canEdit = editsPlans(user.role) && (user.role !== 'officer' || user.officer === p.officer);
  return (
    <section className="registry-page plan-page" aria-labelledby="plan-title">
      <p>
        <Link to={casePath(p.caseId)}>← Việc {p.caseId}</Link>
        {' · '}
        <Link to="/viec-cua-toi">Việc của tôi</Link>
      </p>
      <h2 id="plan-title">Kế hoạch thi hành án – việc {p.caseId}</h2>
      <dl className="facts plan-facts" aria-label="Việc">
        <div>
          <dt>Trạng thái</dt>
          <dd>{stateLabel(p.state)}</dd>
        </div>
        <div>
          <dt>Còn phải thi hành</dt>
          <dd data-testid="plan-remaining">{formatMoney(p.remaining)}</dd>
        </div>
        <div>
          <dt>Chấp hành viên đang thụ lý</dt>
          <dd>{detail.data?.officerName ?? p.officer ?? 'Chưa phân công'}</dd>
        </div>
        <div>
          <dt>Ngày thụ lý, ngày quyết định thi hành án</dt>
          <dd>
            {viDate(p.receivedOn)}, {viDate(p.decisionDate)}
          </dd>
        </div>
        <div>
          <dt>Kế hoạch</dt>
          <dd data-testid="plan-header">
            {p.plan
              ? `Lập ${viDateTime(p.plan.createdAt)} bởi ${p.plan.createdBy}` +
                (p.plan.template
                  ? ` theo mẫu “${planTemplate(p.plan.template)?.labelVi ?? p.plan.template}”`
                  : '')
              : 'Chưa có kế hoạch'}
          </dd>
        </div>
      </dl>

      <h3>Các biện pháp</h3>
      <MeasuresTable plan={p} canEdit={canEdit} today={today} />

      {canEdit && open ? (
        <>
          {detail.data ? (
            <TemplateSection hasMeasures={p.measures.length > 0}>
              <FromTemplate detail={detail.data} today={today} />
            </TemplateSection>
          ) : null}
          <AddMeasure caseId={p.caseId} today={today} />
        </>
      ) : !open ? (
        <p className="hint">Việc đã kết thúc: không lập thêm biện pháp.</p>
      ) : null}
    </section>
  );
}

/**
 * The template form, open while the case has no measure; once it has some, folded (one click
 * opens it) so that a plan is not created twice by mistake.
 */
function TemplateSection({ hasMeasures, children }: { hasMeasures: boolean; children: ReactNode }) {
  // Read once: creating the plan must not fold the form over its own success message.
  const [initiallyOpen] = useState(!hasMeasures);
  return (
    <details className="template-section" open={initiallyOpen}>
      <summary>Lập thêm các bước theo mẫu kế hoạch</summary>
      {children}
    </details>
  );
}

function MeasuresTable({ plan, canEdit, today }: { plan: Plan; canEdit: boolean; today: string }) {
  const [editing, setEditing] = useState<number | null>(null);
  if (plan.measures.length === 0)
    return <p data-testid="plan-empty">Việc này chưa có biện pháp nào.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table plan-table">
        <caption className="visually-hidden">Các biện pháp của kế hoạch</caption>
        <thead>
          <tr>
            <th scope="col">Biện pháp</th>
            <th scope="col">Hạn thực hiện</th>
            <th scope="col">Chấp hành viên</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Kết quả</th>
            {canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody data-testid="plan-measures">
          {plan.measures.map((m) =>
            editing === m.id ? (
              <tr key={m.id}>
                <td colSpan={canEdit ? 6 : 5}>
                  <EditMeasure
                    measure={m}
                    unit={plan.unit}
                    today={today}
                    onDone={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={m.id} data-standing={m.standing}>
                <td>
                  {MEASURE_KIND_LABELS_VI[m.kind]}
                  {m.detail ? <div className="hint">{m.detail}</div> : null}
                </td>
                <td>{viDate(m.dueOn)}</td>
                <td>{m.officerName ?? m.officer ?? '–'}</td>
                <td>
                  <span className={`standing standing-${m.standing}`}>
                    {m.status === 'done'
                      ? `Đã xong ngày ${viDate(m.doneOn)}`
                      : m.status === 'cancelled'
                        ? 'Đã hủy'
                        : `${MEASURE_STATUS_LABELS_VI[m.status]} · ${MEASURE_STANDING_LABELS_VI[m.standing]}`}
                  </span>
                </td>
                <td>{m.outcome ?? '–'}</td>
                {canEdit ? (
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setEditing(m.id)}
                      aria-label={`Sửa biện pháp ${MEASURE_KIND_LABELS_VI[m.kind]} hạn ${viDate(m.dueOn)}`}
                    >
                      Sửa
                    </button>
                  </td>
                ) : null}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function useInvalidatePlans() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
}

function OfficerSelect({
  unit,
  value,
  onChange,
  id,
}: {
  unit: string;
  value: string;
  onChange: (v: string) => void;
  id: string;
}) {
  const trpc = useTRPC();
  const officers = useQuery(trpc.officers.list.queryOptions({}));
  const choices = (officers.data ?? []).filter(
    (o) => o.unit === unit && (o.active || o.code === value),
  );
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">— không giao —</option>
      {choices.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name} ({o.code})
        </option>
      ))}
    </select>
  );
}

function EditMeasure({
  measure,
  unit,
  today,
  onDone,
}: {
  measure: Measure;
  unit: string;
  today: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const invalidate = useInvalidatePlans();
  const [kind, setKind] = useState<MeasureKind>(measure.kind);
  const [dueOn, setDueOn] = useState(measure.dueOn);
  const [officer, setOfficer] = useState(measure.officer ?? '');
  const [status, setStatus] = useState<MeasureStatus>(measure.status);
  const [doneOn, setDoneOn] = useState(measure.doneOn ?? today);
  const [outcome, setOutcome] = useState(measure.outcome ?? '');
  const [detail, setDetail] = useState(measure.detail ?? '');
  const update = useMutation(
    trpc.plans.updateMeasure.mutationOptions({
      onSuccess: () => {
        invalidate();
        onDone();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      id: measure.id,
      kind,
      dueOn,
      officer: officer === '' ? null : officer,
      status,
      doneOn: status === 'done' ? doneOn : null,
      outcome: outcome.trim() === '' ? null : outcome,
      detail: detail.trim() === '' ? null : detail,
    });
  };
  return (
    <form className="panel-form measure-form" onSubmit={submit} aria-label="Sửa biện pháp">
      <MeasureKindField id={`${id}-kind`} value={kind} onChange={setKind} />
      <div className="field">
        <label htmlFor={`${id}-detail`}>Nội dung cụ thể</label>
        <input
          id={`${id}-detail`}
          value={detail}
          maxLength={500}
          onChange={(e) => setDetail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>Hạn thực hiện</label>
        <input
          id={`${id}-due`}
          type="date"
          required
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-officer`}>Chấp hành viên thực hiện</label>
        <OfficerSelect id={`${id}-officer`} unit={unit} value={officer} onChange={setOfficer} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Tình trạng</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as MeasureStatus)}
        >
          {MEASURE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {MEASURE_STATUS_LABELS_VI[s]}
            </option>
          ))}
        </select>
      </div>
      {status === 'done' ? (
        <div className="field">
          <label htmlFor={`${id}-done`}>Ngày thực hiện xong</label>
          <input
            id={`${id}-done`}
            type="date"
            required
            max={today}
            value={doneOn}
            onChange={(e) => setDoneOn(e.target.value)}
          />
        </div>
      ) : null}
      <div className="field wide">
        <label htmlFor={`${id}-outcome`}>Kết quả</label>
        <textarea
          id={`${id}-outcome`}
          rows={2}
          maxLength={2000}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          Lưu biện pháp
        </button>{' '}
        <button type="button" className="secondary" onClick={onDone}>
          Thôi
        </button>
      </div>
      {update.isError ? (
        <p role="alert" className="error form-message">
          {update.error.message}
        </p>
      ) : null}
    </form>
  );
}

interface DraftStep {
  kind: MeasureKind;
  dueOn: string;
  include: boolean;
  basisVi: string;
  clamped: boolean;
  computedOn: string;
}

function stepsOf(code: PlanTemplateCode, detail: CaseDetail, today: string): DraftStep[] {
  const template = planTemplate(code)!;
  return applyTemplate(
    template,
    {
      receivedOn: detail.receivedOn,
      decisionDate: detail.decisionDate,
      reverificationDue: detail.state === 'unable' ? detail.reverificationDue : null,
    },
    today,
  ).map((s) => ({ ...s, include: true }));
}

function FromTemplate({ detail, today }: { detail: CaseDetail; today: string }) {
  const trpc = useTRPC();
  const id = useId();
  const invalidate = useInvalidatePlans();
  const suggested: PlanTemplateCode =
    detail.state === 'unable'
      ? 'unable_reverify'
      : detail.amount === '0'
        ? 'non_money'
        : 'money_full';
  const [code, setCode] = useState<PlanTemplateCode>(suggested);
  const [steps, setSteps] = useState<DraftStep[]>(() => stepsOf(suggested, detail, today));
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation(
    trpc.plans.addMeasures.mutationOptions({
      onSuccess: (result) => {
        setDone(`Đã lập ${result.created} biện pháp theo mẫu.`);
        invalidate();
      },
    }),
  );
  const choose = (next: PlanTemplateCode) => {
    setCode(next);
    setSteps(stepsOf(next, detail, today));
    setDone(null);
  };
  const chosen = steps.filter((s) => s.include);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    add.mutate({
      caseId: detail.id,
      template: code,
      measures: chosen.map((s) => ({ kind: s.kind, dueOn: s.dueOn })),
    });
  };
  return (
    <form className="panel-form template-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Lập kế hoạch theo mẫu</h3>
      <div className="field">
        <label htmlFor={`${id}-template`}>Mẫu kế hoạch</label>
        <select
          id={`${id}-template`}
          value={code}
          onChange={(e) => choose(e.target.value as PlanTemplateCode)}
        >
          {PLAN_TEMPLATES.map((t) => (
            <option key={t.code} value={t.code}>
              {t.labelVi}
            </option>
          ))}
        </select>
        <small>{planTemplate(code)?.descriptionVi}</small>
      </div>
      <p className="hint">
        Hạn tính theo ngày quyết định thi hành án (không có thì ngày thụ lý) và theo ngày hôm nay;
        hạn luật định đã qua được đặt là hôm nay. Bỏ chọn hoặc sửa ngày trước khi lập.
      </p>
      <table className="data-table template-steps">
        <caption className="visually-hidden">Các bước của mẫu</caption>
        <thead>
          <tr>
            <th scope="col">Lập</th>
            <th scope="col">Biện pháp</th>
            <th scope="col">Hạn thực hiện</th>
            <th scope="col">Căn cứ</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={`${code}-${i}`}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Lập biện pháp ${MEASURE_KIND_LABELS_VI[s.kind]}`}
                  checked={s.include}
                  onChange={(e) =>
                    setSteps(
                      steps.map((x, j) => (j === i ? { ...x, include: e.target.checked } : x)),
                    )
                  }
                />
              </td>
              <td>{MEASURE_KIND_LABELS_VI[s.kind]}</td>
              <td>
                <input
                  type="date"
                  aria-label={`Hạn ${MEASURE_KIND_LABELS_VI[s.kind]}`}
                  value={s.dueOn}
                  required={s.include}
                  onChange={(e) =>
                    setSteps(steps.map((x, j) => (j === i ? { ...x, dueOn: e.target.value } : x)))
                  }
                />
                {s.clamped ? (
                  <div className="hint">Hạn luật định {viDate(s.computedOn)} đã qua</div>
                ) : null}
              </td>
              <td className="hint">{s.basisVi}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="submit" disabled={chosen.length === 0 || add.isPending}>
          Lập kế hoạch ({chosen.length} biện pháp)
        </button>
      </div>
      {add.isError ? (
        <p role="alert" className="error form-message">
          {add.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function AddMeasure({ caseId, today }: { caseId: string; today: string }) {
  const trpc = useTRPC();
  const id = useId();
  const invalidate = useInvalidatePlans();
  const [kind, setKind] = useState<MeasureKind>('verify');
  const [dueOn, setDueOn] = useState(today);
  const [detail, setDetail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation(
    trpc.plans.addMeasures.mutationOptions({
      onSuccess: () => {
        setDone(`Đã thêm “${MEASURE_KIND_LABELS_VI[kind]}” hạn ${viDate(dueOn)}.`);
        setDetail('');
        invalidate();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    add.mutate({
      caseId,
      measures: [{ kind, dueOn, ...(detail.trim() ? { detail: detail.trim() } : {}) }],
    });
  };
  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Thêm một biện pháp</h3>
      <MeasureKindField id={`${id}-kind`} value={kind} onChange={setKind} />
      <div className="field">
        <label htmlFor={`${id}-due`}>Hạn thực hiện</label>
        <input
          id={`${id}-due`}
          type="date"
          required
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-detail`}>Nội dung cụ thể</label>
        <input
          id={`${id}-detail`}
          value={detail}
          maxLength={500}
          onChange={(e) => setDetail(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          Thêm biện pháp
        </button>
      </div>
      <p className="hint">Chấp hành viên thực hiện: người đang thụ lý việc (sửa sau nếu cần).</p>
      {add.isError ? (
        <p role="alert" className="error form-message">
          {add.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}

/** The measure kind picker of both measure forms. */
function MeasureKindField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: MeasureKind;
  onChange: (kind: MeasureKind) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Biện pháp</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as MeasureKind)}>
        {MEASURE_KINDS.map((k) => (
          <option key={k} value={k}>
            {MEASURE_KIND_LABELS_VI[k]}
          </option>
        ))}
      </select>
    </div>
  );
}
