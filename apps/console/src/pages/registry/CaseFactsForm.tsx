/**
 * The facts of a case (interfaces.md §3 `cases.csv`): for the intake of a new case (thụ lý), and for
 * correcting the facts of one (its id and unit never change; a reason is required).
 */
import { useQuery } from '@tanstack/react-query';
import {
  CASE_FLAGS,
  CASE_FLAG_LABELS_VI,
  JUDGMENT_TYPES,
  JUDGMENT_TYPE_LABELS_VI,
  type CaseFlag,
  type JudgmentType,
} from '@thads/domain';
import { useTRPC, type UnitOption } from '@thads/ui';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { parseMoneyInput } from './format.js';

export interface CaseFactsDraft {
  id: string;
  unit: string;
  receivedOn: string;
  amount: string;
  mode: '' | 'chu_dong' | 'theo_yeu_cau';
  /** Classification (issue 7): '' = not classified. */
  judgmentType: '' | JudgmentType;
  flags: CaseFlag[];
  officer: string;
  judgmentRef: string;
  decisionNo: string;
  decisionDate: string;
  obligation: string;
  debtorName: string;
  debtorAddress: string;
  reverifyYearly: boolean;
}

export interface CaseFactsValues {
  id: string;
  receivedOn: string;
  amount: string;
  mode: 'chu_dong' | 'theo_yeu_cau' | null;
  judgmentType: JudgmentType | null;
  flags: CaseFlag[];
  officer: string | null;
  judgmentRef: string | null;
  decisionNo: string | null;
  decisionDate: string | null;
  obligation: string | null;
  debtorName: string | null;
  debtorAddress: string | null;
  reverifyYearly: boolean;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function CaseFactsForm({
  initial,
  units,
  title,
  submitLabel,
  withReason,
  busy,
  onSubmit,
  children,
}: {
  initial: CaseFactsDraft;
  /** Units to take the case into (intake); omit when the unit is fixed (a correction). */
  units?: readonly UnitOption[];
  title: string;
  submitLabel: string;
  withReason?: boolean;
  busy: boolean;
  onSubmit: (values: CaseFactsValues & { unit: string; reason: string }) => void;
  /** The result of the last submission (an error or a success). */
  children?: ReactNode;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [d, setD] = useState(initial);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const officers = useQuery(trpc.officers.list.queryOptions({ unit: d.unit }));
  const set =
    <K extends keyof CaseFactsDraft>(key: K) =>
    (value: CaseFactsDraft[K]) =>
      setD({ ...d, [key]: value });
  const amount = parseMoneyInput(d.amount);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (amount === null || amount === '') {
      setProblem('Số tiền phải thi hành là số nguyên đồng (0 khi không có nghĩa vụ về tiền)');
      return;
    }
    setProblem(null);
    onSubmit({
      id: d.id.trim(),
      unit: d.unit,
      receivedOn: d.receivedOn,
      amount,
      mode: d.mode === '' ? null : d.mode,
      judgmentType: d.judgmentType === '' ? null : d.judgmentType,
      flags: d.flags,
      officer: orNull(d.officer),
      judgmentRef: orNull(d.judgmentRef),
      decisionNo: orNull(d.decisionNo),
      decisionDate: orNull(d.decisionDate),
      obligation: orNull(d.obligation),
      debtorName: orNull(d.debtorName),
      debtorAddress: orNull(d.debtorAddress),
      reverifyYearly: d.reverifyYearly,
      reason,
    });
  };

  const text = (key: keyof CaseFactsDraft, label: string, extra: { required?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        value={d[key] as string}
        required={extra.required}
        onChange={(e) => set(key)(e.target.value as never)}
      />
    </div>
  );

  return (
    <form className="panel-form case-facts-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {units ? (
        <>
          {text('id', 'Mã việc', { required: true })}
          <div className="field">
            <label htmlFor={`${id}-unit`}>Đơn vị thụ lý</label>
            <select
              id={`${id}-unit`}
              required
              value={d.unit}
              onChange={(e) => setD({ ...d, unit: e.target.value, officer: '' })}
            >
              {units
                .filter((u) => u.active)
                .map((u) => (
                  <option key={u.code} value={u.code}>
                    {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
                  </option>
                ))}
            </select>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-received`}>Ngày thụ lý</label>
        <input
          id={`${id}-received`}
          type="date"
          required
          value={d.receivedOn}
          onChange={(e) => set('receivedOn')(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-amount`}>Số tiền phải thi hành (đ)</label>
        <input
          id={`${id}-amount`}
          inputMode="numeric"
          required
          value={d.amount}
          aria-invalid={amount === null}
          aria-describedby={`${id}-amount-hint`}
          onChange={(e) => set('amount')(e.target.value)}
        />
        <small id={`${id}-amount-hint`}>
          {amount === null
            ? 'Chỉ gồm chữ số, có thể ngăn cách bằng dấu chấm'
            : amount === ''
              ? '0 khi không có nghĩa vụ về tiền'
              : `${BigInt(amount).toLocaleString('vi-VN')} đ`}
        </small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>Loại việc</label>
        <select
          id={`${id}-mode`}
          value={d.mode}
          onChange={(e) => set('mode')(e.target.value as CaseFactsDraft['mode'])}
        >
          <option value="">Chưa phân loại</option>
          <option value="chu_dong">Chủ động</option>
          <option value="theo_yeu_cau">Theo yêu cầu</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-judgmentType`}>Loại bản án</label>
        <select
          id={`${id}-judgmentType`}
          value={d.judgmentType}
          onChange={(e) => set('judgmentType')(e.target.value as CaseFactsDraft['judgmentType'])}
        >
          <option value="">Chưa phân loại</option>
          {JUDGMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {JUDGMENT_TYPE_LABELS_VI[t]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field wide case-flags">
        <legend>Dấu hiệu cần chỉ đạo</legend>
        {CASE_FLAGS.map((f) => (
          <label key={f}>
            <input
              type="checkbox"
              checked={d.flags.includes(f)}
              onChange={(e) =>
                set('flags')(
                  e.target.checked
                    ? CASE_FLAGS.filter((x) => x === f || d.flags.includes(x))
                    : d.flags.filter((x) => x !== f),
                )
              }
            />{' '}
            {CASE_FLAG_LABELS_VI[f]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-officer`}>Chấp hành viên khi thụ lý</label>
        <select
          id={`${id}-officer`}
          value={d.officer}
          onChange={(e) => set('officer')(e.target.value)}
        >
          <option value="">Chưa phân công</option>
          {(officers.data ?? [])
            .filter((o) => o.active || o.code === d.officer)
            .map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code})
              </option>
            ))}
        </select>
      </div>
      {text('debtorName', 'Người phải thi hành án')}
      {text('debtorAddress', 'Địa chỉ người phải thi hành án')}
      {text('judgmentRef', 'Bản án, quyết định (số, ngày, tòa án)')}
      {text('decisionNo', 'Số quyết định thi hành án')}
      <div className="field">
        <label htmlFor={`${id}-decisionDate`}>Ngày quyết định thi hành án</label>
        <input
          id={`${id}-decisionDate`}
          type="date"
          value={d.decisionDate}
          onChange={(e) => set('decisionDate')(e.target.value)}
        />
      </div>
      {text('obligation', 'Nghĩa vụ phải thi hành')}
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={d.reverifyYearly}
            onChange={(e) => set('reverifyYearly')(e.target.checked)}
          />{' '}
          Xác minh lại mỗi 12 tháng (người phải thi hành án chấp hành án phạt tù từ 2 năm, hoặc
          không rõ địa chỉ)
        </label>
      </div>
      {withReason ? (
        <div className="field wide">
          <label htmlFor={`${id}-reason`}>Lý do sửa (bắt buộc)</label>
          <textarea
            id={`${id}-reason`}
            required
            minLength={5}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      ) : null}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      {problem ? (
        <p role="alert" className="error form-message">
          {problem}
        </p>
      ) : (
        children
      )}
    </form>
  );
}
