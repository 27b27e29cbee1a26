/**
 * The fields of one event of statistics.md §5 (date, kind, and the fields its kind uses: amount for
 * a payment or reduction, officer for an assignment, ground and decision number for "chưa có điều
 * kiện"), shared by "record an event" and "correct an event". The rules themselves are the
 * server's: it replays the whole history and answers with the reason when one breaks.
 *
 * A new "chưa có điều kiện" decision is not recorded but proposed for review (issue 7): it also
 * needs the verification record (biên bản xác minh) it rests on (`withVerification`), and
 * `decisionInputOf` gives what pendingDecisions.propose takes.
 */
import { EVENT_KINDS, type EventKind } from '@thads/domain';
import { useId } from 'react';
import { EVENT_KIND_LABELS_VI, GROUND_LABELS_VI, parseMoneyInput } from './format.js';

export interface EventDraft {
  date: string;
  kind: EventKind;
  amount: string;
  officer: string;
  ground: string;
  decisionNo: string;
  /** The verification record of an `unable` decision proposed for review. */
  verificationNo: string;
  verificationDate: string;
}

export const EMPTY_EVENT: EventDraft = {
  date: '',
  kind: 'pay',
  amount: '',
  officer: '',
  ground: '',
  decisionNo: '',
  verificationNo: '',
  verificationDate: '',
};

/** The event as the API takes it, or a Vietnamese reason why the draft is not complete. */
export function eventInputOf(d: EventDraft):
  | {
      event: {
        date: string;
        kind: EventKind;
        amount: string | null;
        officer: string | null;
        ground: 'a' | 'b' | 'c' | null;
        decisionNo: string | null;
      };
    }
  | { error: string } {
  if (d.date === '') return { error: 'Cần chọn ngày của sự kiện' };
  const money = d.kind === 'pay' || d.kind === 'reduce';
  const amount = money ? parseMoneyInput(d.amount) : '';
  if (money && (amount === null || amount === '' || amount === '0'))
    return { error: 'Số tiền là số nguyên đồng lớn hơn 0, chỉ gồm chữ số' };
  if (d.kind === 'assign' && d.officer === '') return { error: 'Cần chọn chấp hành viên' };
  if (d.kind === 'unable' && d.ground === '')
    return { error: 'Cần chọn căn cứ (điểm a, b hoặc c)' };
  if (d.kind === 'unable' && d.decisionNo.trim() === '')
    return { error: 'Cần số quyết định về việc chưa có điều kiện thi hành' };
  return {
    event: {
      date: d.date,
      kind: d.kind,
      amount: money ? amount : null,
      officer: d.kind === 'assign' ? d.officer : null,
      ground: d.kind === 'unable' ? (d.ground as 'a' | 'b' | 'c') : null,
      decisionNo: d.decisionNo.trim() === '' ? null : d.decisionNo.trim(),
    },
  };
}

/**
 * An `unable` decision as pendingDecisions.propose takes it (without the case), or a Vietnamese
 * reason why the draft is not complete.
 */
export function decisionInputOf(d: EventDraft):
  | {
      decision: {
        decisionDate: string;
        ground: 'a' | 'b' | 'c';
        decisionNo: string;
        verificationNo: string;
        verificationDate: string;
      };
    }
  | { error: string } {
  const base = eventInputOf({ ...d, kind: 'unable' });
  if ('error' in base) return base;
  if (d.verificationNo.trim() === '') return { error: 'Cần số biên bản xác minh làm căn cứ' };
  if (d.verificationDate === '') return { error: 'Cần ngày lập biên bản xác minh' };
  if (d.verificationDate > d.date)
    return { error: 'Biên bản xác minh phải lập trước hoặc cùng ngày ra quyết định' };
  return {
    decision: {
      decisionDate: base.event.date,
      ground: base.event.ground!,
      decisionNo: base.event.decisionNo!,
      verificationNo: d.verificationNo.trim(),
      verificationDate: d.verificationDate,
    },
  };
}

export function EventFields({
  value,
  onChange,
  officers,
  kinds = EVENT_KINDS,
  withVerification = false,
}: {
  value: EventDraft;
  onChange: (next: EventDraft) => void;
  officers: readonly { code: string; name: string; active: boolean }[];
  /** The kinds offered (default: every kind). */
  kinds?: readonly EventKind[];
  /** Ask for the verification record of an `unable` decision (a proposal for review). */
  withVerification?: boolean;
}) {
  const id = useId();
  const set = (key: keyof EventDraft) => (text: string) => onChange({ ...value, [key]: text });
  const money = value.kind === 'pay' || value.kind === 'reduce';
  const amount = parseMoneyInput(value.amount);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Loại sự kiện</label>
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(e) => onChange({ ...value, kind: e.target.value as EventKind })}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS_VI[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>Ngày</label>
        <input
          id={`${id}-date`}
          type="date"
          required
          value={value.date}
          onChange={(e) => set('date')(e.target.value)}
        />
      </div>
      {money ? (
        <div className="field">
          <label htmlFor={`${id}-amount`}>Số tiền (đ)</label>
          <input
            id={`${id}-amount`}
            inputMode="numeric"
            required
            value={value.amount}
            aria-invalid={amount === null}
            aria-describedby={`${id}-amount-hint`}
            onChange={(e) => set('amount')(e.target.value)}
          />
          <small id={`${id}-amount-hint`}>
            {amount === null
              ? 'Chỉ gồm chữ số, có thể ngăn cách bằng dấu chấm'
              : amount === ''
                ? 'Số nguyên đồng'
                : `${BigInt(amount).toLocaleString('vi-VN')} đ`}
          </small>
        </div>
      ) : null}
      {value.kind === 'assign' ? (
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên được phân công</label>
          <select
            id={`${id}-officer`}
            required
            value={value.officer}
            onChange={(e) => set('officer')(e.target.value)}
          >
            <option value="">— chọn chấp hành viên —</option>
            {officers
              .filter((o) => o.active || o.code === value.officer)
              .map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {value.kind === 'unable' ? (
        <div className="field">
          <label htmlFor={`${id}-ground`}>Căn cứ (khoản 1 Điều 44a)</label>
          <select
            id={`${id}-ground`}
            required
            value={value.ground}
            onChange={(e) => set('ground')(e.target.value)}
          >
            <option value="">— chọn căn cứ —</option>
            {Object.entries(GROUND_LABELS_VI).map(([g, label]) => (
              <option key={g} value={g}>
                {label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-decision`}>
          Số quyết định{value.kind === 'unable' ? '' : ' (nếu có)'}
        </label>
        <input
          id={`${id}-decision`}
          value={value.decisionNo}
          maxLength={200}
          required={value.kind === 'unable'}
          onChange={(e) => set('decisionNo')(e.target.value)}
        />
      </div>
      {value.kind === 'unable' && withVerification ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-verification-no`}>Số biên bản xác minh làm căn cứ</label>
            <input
              id={`${id}-verification-no`}
              value={value.verificationNo}
              maxLength={200}
              required
              onChange={(e) => set('verificationNo')(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-verification-date`}>Ngày lập biên bản xác minh</label>
            <input
              id={`${id}-verification-date`}
              type="date"
              required
              value={value.verificationDate}
              onChange={(e) => set('verificationDate')(e.target.value)}
            />
          </div>
          <p className="hint wide">
            Quyết định chưa có điều kiện thi hành được gửi để Thủ trưởng đơn vị (việc của Cục: Quản
            lý cấp Cục) kiểm tra căn cứ và biên bản xác minh. Trạng thái của việc chỉ thay đổi khi
            quyết định được xác nhận.
          </p>
        </>
      ) : null}
    </>
  );
}
