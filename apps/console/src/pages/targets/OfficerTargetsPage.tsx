/**
 * Officers' monthly targets (số việc and số tiền to complete each month) of one unit and working
 * year. The head of the unit fills them, optionally from the proposal (the unit's rate targets ×
 * each officer's enforceable caseload, spread evenly over the months left), adjusts and saves;
 * everyone else reads (an officer account sees its own row). The server enforces who may write.
 */
import './targets.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfficerMetric } from '@thads/domain';
import { flattenUnitTree, useTRPC, workingPeriodOf, type RouterOutputs } from '@thads/ui';
import { useId, useMemo, useState } from 'react';
import { UnitSelect, YearInput } from './controls.js';
import {
  METRIC_SHORT_VI,
  OFFICER_METRICS,
  calendarMonthVi,
  formatMetricValue,
  integerInput,
  viDecimal,
} from './format.js';

type Proposal = RouterOutputs['targets']['proposeOfficers'];

export interface OfficerTargetsPageProps {
  /** Today, read by the app at start-up: the default working year and month. */
  today: Date;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const key = (officer: string, month: number, metric: OfficerMetric) =>
  `${officer}|${month}|${metric}`;

export function OfficerTargetsPage({ today }: OfficerTargetsPageProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const me = useQuery(trpc.auth.me.queryOptions());
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const period = workingPeriodOf(today);
  const [unitPicked, setUnitPicked] = useState<string | null>(null);
  const unit = unitPicked ?? me.data?.unit ?? units[0]?.code ?? null;
  const [yearText, setYearText] = useState(String(period.year));
  const [year, setYear] = useState(period.year);
  const [fromMonth, setFromMonth] = useState(1);
  const [edits, setEdits] = useState<ReadonlyMap<string, string>>(new Map());
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const input = unit === null ? null : { unit, year };
  const targets = useQuery({
    ...trpc.targets.officerMonthly.queryOptions(input ?? { unit: '', year }),
    enabled: input !== null && me.data !== undefined,
  });
  const reset = () => {
    setEdits(new Map());
    setProposal(null);
    setMessage(null);
  };
  const save = useMutation(
    trpc.targets.setOfficerMonthly.mutationOptions({
      onSuccess: async (c) => {
        setEdits(new Map());
        setProposal(null);
        setMessage(
          `Đã lưu chỉ tiêu của chấp hành viên: tạo mới ${c.created}, cập nhật ${c.updated}, xoá ${c.removed}, không đổi ${c.unchanged}.`,
        );
        await queryClient.invalidateQueries({
          queryKey: trpc.targets.officerMonthly.queryKey({ unit: unit!, year }),
        });
      },
    }),
  );
  const propose = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(
        trpc.targets.proposeOfficers.queryOptions({ unit: unit!, year, fromMonth }),
      ),
    onSuccess: (rows) => {
      const next = new Map(edits);
      for (const r of rows) {
        for (const m of r.months) {
          if (m.casesCompleted !== null)
            next.set(key(r.officer, m.month, 'casesCompleted'), m.casesCompleted);
          if (m.moneyCompleted !== null)
            next.set(key(r.officer, m.month, 'moneyCompleted'), m.moneyCompleted);
        }
      }
      setEdits(next);
      setProposal(rows);
      setMessage(
        rows.some((r) => r.caseRate === null || r.moneyRate === null)
          ? 'Đơn vị chưa có chỉ tiêu tỷ lệ về việc hoặc về tiền: phần đó không đề xuất được.'
          : 'Đã điền đề xuất; điều chỉnh nếu cần rồi bấm "Lưu chỉ tiêu".',
      );
    },
  });

  if (unitsQuery.isPending || me.isPending) return <p role="status">Đang tải…</p>;
  if (unitsQuery.isError)
    return <p role="alert">Không tải được danh sách đơn vị: {unitsQuery.error.message}</p>;
  if (unit === null) return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;

  const data = targets.data;
  const canEdit = data?.canEdit ?? false;
  const canPropose = me.data?.role === 'unit_head' || me.data?.role === 'cuc_manager';
  const shown = (officer: string, month: number, metric: OfficerMetric) => {
    const typed = edits.get(key(officer, month, metric));
    if (typed !== undefined) return typed;
    const stored = data?.officers.find((o) => o.code === officer)?.months[month - 1]?.[metric];
    return stored ?? '';
  };
  const submit = () => {
    if (!data) return;
    setMessage(null);
    save.mutate({
      unit,
      year,
      cells: data.officers.flatMap((o) =>
        MONTHS.flatMap((month) =>
          OFFICER_METRICS.map((metric) => ({
            officer: o.code,
            month,
            metric,
            value: integerInput(shown(o.code, month, metric)),
          })),
        ),
      ),
    });
  };
  const error = save.error ?? propose.error;

  return (
    <section className="targets-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Chỉ tiêu hằng tháng của chấp hành viên</h2>
      <form
        className="filters"
        aria-label="Chọn đơn vị và năm"
        onSubmit={(e) => {
          e.preventDefault();
          const y = Number(yearText);
          if (Number.isInteger(y) && y >= 2000 && y <= 2100) {
            setYear(y);
            reset();
          }
        }}
      >
        <UnitSelect
          units={units}
          value={unit}
          onChange={(u) => {
            setUnitPicked(u);
            reset();
          }}
        />
        <YearInput value={yearText} onChange={setYearText} />
        <button type="submit">Xem</button>
      </form>

      {targets.isError ? (
        <p role="alert" className="error">
          Không tải được chỉ tiêu: {targets.error.message}
        </p>
      ) : !data ? (
        <p role="status">Đang tải chỉ tiêu…</p>
      ) : (
        <>
          <p>
            Chỉ tiêu tỷ lệ của đơn vị năm {year}: về việc{' '}
            <strong>
              {data.unitTargets.caseRate === null
                ? 'chưa giao'
                : `${viDecimal(data.unitTargets.caseRate)} %`}
            </strong>
            , về tiền{' '}
            <strong>
              {data.unitTargets.moneyRate === null
                ? 'chưa giao'
                : `${viDecimal(data.unitTargets.moneyRate)} %`}
            </strong>
            .
          </p>
          {canEdit && canPropose ? (
            <div className="actions">
              <div className="field">
                <label htmlFor={`${id}-from`}>Đề xuất từ tháng</label>
                <select
                  id={`${id}-from`}
                  value={fromMonth}
                  onChange={(e) => setFromMonth(Number(e.target.value))}
                >
                  {MONTHS.map((m) => (
                    <option key={m} value={m}>
                      {calendarMonthVi(year, m)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" onClick={() => propose.mutate()} disabled={propose.isPending}>
                Đề xuất theo tỷ lệ chỉ tiêu và số việc có điều kiện
              </button>
            </div>
          ) : !canEdit ? (
            <p className="hint">
              Chỉ thủ trưởng đơn vị giao chỉ tiêu cho chấp hành viên; bạn chỉ xem.
            </p>
          ) : null}
          {data.officers.length === 0 ? <p>Đơn vị chưa có chấp hành viên.</p> : null}
          {data.officers.map((o) => {
            const basis = proposal?.find((p) => p.officer === o.code);
            return (
              <div className="table-scroll" key={o.code}>
                <table className="officer-targets" data-officer={o.code}>
                  <caption>
                    {o.name} ({o.code})
                    {basis ? (
                      <small className="proposal-basis">
                        {' '}
                        – đề xuất từ {formatMetricValue('casesCompleted', basis.able.cases)} và{' '}
                        {formatMetricValue('moneyCompleted', basis.able.money)} có điều kiện thi
                        hành; cả năm {formatMetricValue('casesCompleted', basis.goal.cases)},{' '}
                        {formatMetricValue('moneyCompleted', basis.goal.money)}
                      </small>
                    ) : null}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Tháng</th>
                      {OFFICER_METRICS.map((m) => (
                        <th key={m} scope="col">
                          {METRIC_SHORT_VI[m]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {MONTHS.map((month) => (
                      <tr key={month} data-month={month}>
                        <th scope="row">{calendarMonthVi(year, month)}</th>
                        {OFFICER_METRICS.map((metric) => (
                          <td key={metric} className="num">
                            {canEdit ? (
                              <input
                                type="text"
                                inputMode="numeric"
                                size={metric === 'moneyCompleted' ? 16 : 5}
                                name={`${o.code}-${month}-${metric}`}
                                aria-label={`${METRIC_SHORT_VI[metric]} – ${o.name} – ${calendarMonthVi(year, month)}`}
                                value={shown(o.code, month, metric)}
                                onChange={(e) =>
                                  setEdits(
                                    new Map(edits).set(key(o.code, month, metric), e.target.value),
                                  )
                                }
                              />
                            ) : (
                              formatMetricValue(metric, shown(o.code, month, metric) || null)
                            )}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
          {canEdit ? (
            <div className="actions">
              <button type="button" onClick={submit} disabled={save.isPending || edits.size === 0}>
                Lưu chỉ tiêu
              </button>
              <button type="button" onClick={reset} disabled={edits.size === 0}>
                Huỷ thay đổi
              </button>
            </div>
          ) : null}
        </>
      )}
      <div aria-live="polite">
        {error ? (
          <p role="alert" className="error">
            {error.message}
          </p>
        ) : message ? (
          <p role="status" className="notice">
            {message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
