/**
 * The form that picks a report: unit (from the unit tree), working year, month, scope and, in the
 * console, an officer. Plain labelled controls, so it works with the keyboard and screen readers;
 * nothing is fetched until the user presses "Xem báo cáo".
 */
import {
  BREAKDOWN_DIMENSIONS,
  CASE_FLAGS,
  CASE_FLAG_LABELS_VI,
  JUDGMENT_TYPES,
  JUDGMENT_TYPE_LABELS_VI,
  breakdownDimensionLabelVi,
  type Scope,
} from '@thads/domain';
import { useId, useState, type FormEvent } from 'react';
import { SCOPE_LABELS_VI, monthLabelVi, type UnitOption } from './format.js';

export interface ReportQuery {
  unit: string;
  year: number;
  month: number;
  scope: Scope;
  /** An officer code, or undefined for the whole unit. */
  officer?: string;
  /** Classification filters (issue 7): chu_dong | theo_yeu_cau | none. */
  mode?: 'chu_dong' | 'theo_yeu_cau' | 'none';
  /** A judgment type code, or none. */
  judgmentType?: string;
  /** A flag code, not:<code>, or none. */
  flag?: string;
}

/** What the report screen shows besides the report: a breakdown by a classification dimension. */
export interface ReportPick {
  query: ReportQuery;
  /** mode, judgmentType, flags or flag:<code>; undefined: the report alone. */
  breakdown?: string;
}

export interface OfficerOption {
  code: string;
  name: string;
  unit: string;
}

export interface ReportFiltersProps {
  units: readonly UnitOption[];
  initial: ReportQuery;
  onSubmit: (query: ReportQuery, breakdown?: string) => void;
  /** Officers to pick from (those of the chosen unit are offered); omit to hide the picker. */
  officers?: readonly OfficerOption[];
  /** Offer the classification filters and the breakdown picker (the console). */
  withClassification?: boolean;
  initialBreakdown?: string;
  busy?: boolean;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const SCOPES: readonly Scope[] = ['own', 'total'];

export function ReportFilters({
  units,
  initial,
  onSubmit,
  officers,
  withClassification = false,
  initialBreakdown,
  busy = false,
}: ReportFiltersProps) {
  const id = useId();
  const [unit, setUnit] = useState(initial.unit);
  const [yearText, setYearText] = useState(String(initial.year));
  const [month, setMonth] = useState(initial.month);
  const [scope, setScope] = useState<Scope>(initial.scope);
  const [officer, setOfficer] = useState(initial.officer ?? '');
  const [mode, setMode] = useState<string>(initial.mode ?? '');
  const [judgmentType, setJudgmentType] = useState(initial.judgmentType ?? '');
  const [flag, setFlag] = useState(initial.flag ?? '');
  const [breakdown, setBreakdown] = useState(initialBreakdown ?? '');

  const year = Number(yearText);
  const yearValid = Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
  const unitOfficers = officers?.filter((o) => o.unit === unit) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!yearValid) return;
    // An officer's report has only the officer's own cases (scope own).
    const base: ReportQuery = officer
      ? { unit, year, month, scope: 'own', officer }
      : { unit, year, month, scope };
    if (mode) base.mode = mode as NonNullable<ReportQuery['mode']>;
    if (judgmentType) base.judgmentType = judgmentType;
    if (flag) base.flag = flag;
    onSubmit(base, breakdown || undefined);
  };
  // A breakdown along a dimension the report is filtered on would be empty but for one bucket.
  const breakdownClash = (d: string) =>
    (d === 'mode' && mode !== '') ||
    (d === 'judgmentType' && judgmentType !== '') ||
    ((d === 'flags' || d.startsWith('flag:')) && flag !== '');

  return (
    <form className="filters" onSubmit={submit} aria-label="Chọn báo cáo">
      <div className="field">
        <label htmlFor={`${id}-unit`}>Đơn vị</label>
        <select
          id={`${id}-unit`}
          name="unit"
          value={unit}
          onChange={(e) => {
            setUnit(e.target.value);
            setOfficer('');
          }}
        >
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})${u.active ? '' : ' – ngừng hoạt động'}`}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-year`}>Năm công tác</label>
        <input
          id={`${id}-year`}
          name="year"
          type="number"
          inputMode="numeric"
          min={MIN_YEAR}
          max={MAX_YEAR}
          required
          value={yearText}
          aria-invalid={!yearValid}
          aria-describedby={`${id}-year-hint`}
          onChange={(e) => setYearText(e.target.value)}
        />
        <small id={`${id}-year-hint`}>
          {yearValid
            ? `Từ 01/10/${year - 1} đến 30/09/${year}`
            : `Nhập năm từ ${MIN_YEAR} đến ${MAX_YEAR}`}
        </small>
      </div>

      <div className="field">
        <label htmlFor={`${id}-month`}>Kỳ báo cáo</label>
        <select
          id={`${id}-month`}
          name="month"
          value={month}
          onChange={(e) => setMonth(Number(e.target.value))}
        >
          {MONTHS.map((m) => (
            <option key={m} value={m}>
              {yearValid ? monthLabelVi(year, m) : `${m} tháng`}
            </option>
          ))}
        </select>
      </div>

      <fieldset
        className="field scope"
        disabled={officer !== ''}
        aria-describedby={officer !== '' ? `${id}-scope-hint` : undefined}
      >
        <legend>Phạm vi</legend>
        {SCOPES.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name={`${id}-scope`}
              value={s}
              checked={(officer !== '' ? 'own' : scope) === s}
              onChange={() => setScope(s)}
            />{' '}
            {SCOPE_LABELS_VI[s]}
          </label>
        ))}
        {officer !== '' ? (
          <small id={`${id}-scope-hint`}>
            Báo cáo theo chấp hành viên chỉ gồm các việc của chấp hành viên đó.
          </small>
        ) : null}
      </fieldset>

      {officers ? (
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên</label>
          <select
            id={`${id}-officer`}
            name="officer"
            value={officer}
            onChange={(e) => setOfficer(e.target.value)}
          >
            <option value="">Tất cả (cả đơn vị)</option>
            {unitOfficers.map((o) => (
              <option key={o.code} value={o.code}>
                {`${o.name} (${o.code})`}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {withClassification ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-mode`}>Loại việc</label>
            <select
              id={`${id}-mode`}
              name="mode"
              value={mode}
              onChange={(e) => setMode(e.target.value)}
            >
              <option value="">Tất cả</option>
              <option value="chu_dong">Chủ động</option>
              <option value="theo_yeu_cau">Theo yêu cầu</option>
              <option value="none">Chưa phân loại</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-judgmentType`}>Loại bản án</label>
            <select
              id={`${id}-judgmentType`}
              name="judgmentType"
              value={judgmentType}
              onChange={(e) => setJudgmentType(e.target.value)}
            >
              <option value="">Tất cả</option>
              {JUDGMENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {JUDGMENT_TYPE_LABELS_VI[t]}
                </option>
              ))}
              <option value="none">Chưa phân loại</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-flag`}>Dấu hiệu</label>
            <select
              id={`${id}-flag`}
              name="flag"
              value={flag}
              onChange={(e) => setFlag(e.target.value)}
            >
              <option value="">Tất cả</option>
              {CASE_FLAGS.map((f) => (
                <option key={f} value={f}>
                  {CASE_FLAG_LABELS_VI[f]}
                </option>
              ))}
              {CASE_FLAGS.map((f) => (
                <option key={`not:${f}`} value={`not:${f}`}>
                  {`Không: ${CASE_FLAG_LABELS_VI[f]}`}
                </option>
              ))}
              <option value="none">Không có dấu hiệu nào</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-breakdown`}>Phân tách theo</label>
            <select
              id={`${id}-breakdown`}
              name="breakdown"
              value={breakdown}
              aria-invalid={breakdown !== '' && breakdownClash(breakdown)}
              onChange={(e) => setBreakdown(e.target.value)}
            >
              <option value="">Không phân tách</option>
              {BREAKDOWN_DIMENSIONS.map((d) => (
                <option key={d} value={d} disabled={breakdownClash(d)}>
                  {breakdownDimensionLabelVi(d)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}

      <div className="actions">
        <button
          type="submit"
          disabled={!yearValid || busy || (breakdown !== '' && breakdownClash(breakdown))}
        >
          Xem báo cáo
        </button>
      </div>
    </form>
  );
}
