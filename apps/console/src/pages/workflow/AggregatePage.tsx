/**
 * Aggregate reports (interfaces.md §4, issue 8): a Cục manager enters or corrects a unit's report
 * line by line, for years the registry does not hold; an empty line is unknown and is derived when
 * it is the only unknown term of an identity, exactly as `import aggregate` does; the findings
 * (V1–V7) show before saving. Every reader sees the stored lines and their comparison with what
 * the registry gives for the same unit and period, line by line where both exist.
 */
import './workflow.css';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { MONEY_LINE_CODES, type LineCode } from '@thads/domain';
import { useTRPC, workingPeriodOf } from '@thads/ui';
import { useId, useState } from 'react';
import { PeriodControls, useUnits, validYear, type PeriodValue } from './controls.js';
import { MEASURE_LABELS_VI, formatLine, lineLabel, periodLabel } from './format.js';

type Measure = 'cases' | 'money';
type Entry = Record<Measure, Partial<Record<LineCode, string>>>;

const MEASURES: readonly Measure[] = ['cases', 'money'];

/** What users type: "1.234.567", "1 234 567" or "1234567" → digits; blank → ''. */
export function digitsOf(text: string): string {
  return text.replace(/[.\s\u00a0]/g, '');
}

function toInput(entry: Entry): Record<Measure, Partial<Record<LineCode, string | null>>> {
  const out = { cases: {}, money: {} } as Record<Measure, Partial<Record<LineCode, string | null>>>;
  for (const m of MEASURES)
    for (const code of MONEY_LINE_CODES) {
      const text = digitsOf(entry[m][code] ?? '');
      out[m][code] = text === '' ? null : text;
    }
  return out;
}

export function AggregatePage({ today, canEdit }: { today: Date; canEdit: boolean }) {
  const units = useUnits();
  const trpc = useTRPC();
  const initial = workingPeriodOf(today);
  const [period, setPeriod] = useState<PeriodValue>({
    unit: '',
    yearText: String(initial.year - 2),
    month: 12,
    scope: 'total',
  });
  const unit = period.unit || units.options[0]?.code || '';
  const year = validYear(period.yearText);
  const key = unit !== '' && year !== null ? { unit, year, month: period.month } : null;
  const stored = useQuery(trpc.aggregates.get.queryOptions(key ?? skipToken));
  const [saved, setSaved] = useState<string | null>(null);
  const periods = useQuery(trpc.aggregates.periods.queryOptions());
  if (units.isPending) return <p role="status">Đang tải…</p>;
  return (
    <section className="workflow-pages" aria-labelledby="aggregate-title">
      <h2 id="aggregate-title">Số liệu tổng hợp (báo cáo nhập theo dòng)</h2>
      <p>
        Dùng cho các năm sổ thụ lý không có dữ liệu. Để trống dòng không biết: dòng đó được suy ra
        khi là ẩn duy nhất của một đẳng thức (T = C + M, P = T − U, P = K + N, K = X + D + H + S,
        CKS = P − X, KCS = K − X, X = X1 + X2 [+ giảm, miễn]); giá trị đã nhập không bao giờ bị
        thay.
      </p>
      <PeriodControls
        units={units}
        value={{ ...period, unit }}
        onChange={setPeriod}
        withScope={false}
      />
      {periods.data && periods.data.length > 0 ? (
        <details>
          <summary>{`Các kỳ đã có số liệu tổng hợp (${periods.data.length})`}</summary>
          <ul>
            {periods.data.map((p) => (
              <li key={`${p.unit}/${p.year}/${p.month}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    setPeriod({ ...period, unit: p.unit, yearText: String(p.year), month: p.month })
                  }
                >
                  {`${p.unit}: ${periodLabel(p.year, p.month)}`}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {stored.isError ? (
        <p role="alert" className="error">
          {stored.error.message}
        </p>
      ) : null}
      {key && stored.data === null && !canEdit ? (
        <p>Không có số liệu tổng hợp cho kỳ này.</p>
      ) : null}
      {key && stored.data !== undefined && (canEdit || stored.data) ? (
        <AggregateForm
          key={`${key.unit}/${key.year}/${key.month}/${JSON.stringify(stored.data)}`}
          periodKey={key}
          stored={stored.data}
          canEdit={canEdit}
          saved={saved}
          onSaved={setSaved}
        />
      ) : null}
    </section>
  );
}

type Stored = Record<Measure, Record<LineCode, string | null>> | null;

function entryOf(stored: Stored): Entry {
  const next: Entry = { cases: {}, money: {} };
  if (stored)
    for (const m of MEASURES)
      for (const code of MONEY_LINE_CODES) {
        const v = stored[m][code];
        if (v !== null) next[m][code] = v;
      }
  return next;
}

/** The lines of one unit and period: inputs (Cục manager) or values, the preview, the comparison. */
function AggregateForm({
  periodKey: key,
  stored,
  canEdit,
  saved,
  onSaved,
}: {
  periodKey: { unit: string; year: number; month: number };
  stored: Stored;
  canEdit: boolean;
  saved: string | null;
  onSaved: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [entry, setEntry] = useState<Entry>(() => entryOf(stored));
  const input = toInput(entry);
  const preview = useQuery(
    trpc.aggregates.preview.queryOptions(canEdit ? input : skipToken, {
      placeholderData: keepPreviousData,
    }),
  );
  const reconcile = useQuery(trpc.aggregates.reconcile.queryOptions(stored ? key : skipToken));
  const save = useMutation(
    trpc.aggregates.save.mutationOptions({
      onSuccess: (report) => {
        onSaved(
          report
            ? 'Đã lưu số liệu tổng hợp.'
            : 'Đã xóa số liệu tổng hợp: báo cáo tính lại từ sổ thụ lý.',
        );
        void queryClient.invalidateQueries({ queryKey: trpc.aggregates.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.workflow.pathKey() });
      },
    }),
  );
  return (
    <>
      <form
        className="aggregate-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSaved(null);
          save.mutate({ ...key, ...input });
        }}
      >
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Dòng</th>
                {MEASURES.map((m) => (
                  <th key={m} scope="col" className="num">
                    {MEASURE_LABELS_VI[m]}
                  </th>
                ))}
                {canEdit
                  ? MEASURES.map((m) => (
                      <th key={`d-${m}`} scope="col" className="num">
                        {`${MEASURE_LABELS_VI[m]} (sau suy ra)`}
                      </th>
                    ))
                  : null}
              </tr>
            </thead>
            <tbody>
              {MONEY_LINE_CODES.map((code) => (
                <tr key={code}>
                  <th scope="row">{lineLabel(code)}</th>
                  {MEASURES.map((m) => (
                    <td key={m} className="num">
                      {m === 'cases' && code === 'reduced' ? (
                        '×'
                      ) : canEdit ? (
                        <LineInput
                          label={`${lineLabel(code)}, ${MEASURE_LABELS_VI[m].toLowerCase()}`}
                          value={entry[m][code] ?? ''}
                          onChange={(text) =>
                            setEntry((e) => ({ ...e, [m]: { ...e[m], [code]: text } }))
                          }
                        />
                      ) : (
                        formatLine(m, stored?.[m][code] ?? null)
                      )}
                    </td>
                  ))}
                  {canEdit
                    ? MEASURES.map((m) => {
                        const row = preview.data?.measures[m].find((r) => r.line === code);
                        return (
                          <td key={`d-${m}`} className="num">
                            {m === 'cases' && code === 'reduced'
                              ? '×'
                              : row
                                ? `${formatLine(m, row.value)}${row.derived ? ' (suy ra)' : ''}`
                                : ''}
                          </td>
                        );
                      })
                    : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit ? (
          <>
            {preview.isError ? (
              <p role="alert" className="error">
                {preview.error.message}
              </p>
            ) : null}
            {preview.data && preview.data.findings.length > 0 ? (
              <ul className="findings">
                {preview.data.findings.map((f, i) => (
                  <li key={i} className="finding-error">
                    <strong>{f.rule}</strong> {f.message}
                  </li>
                ))}
              </ul>
            ) : preview.data ? (
              <p>Không có lỗi đẳng thức (V1–V7).</p>
            ) : null}
            <div className="row-actions">
              <button type="submit" disabled={save.isPending}>
                Lưu số liệu tổng hợp
              </button>
            </div>
            {save.error ? (
              <p role="alert" className="error">
                {save.error.message}
              </p>
            ) : null}
            {saved ? (
              <p role="status" className="success">
                {saved}
              </p>
            ) : null}
          </>
        ) : null}
      </form>
      {reconcile.data ? <Reconciliation data={reconcile.data} /> : null}
    </>
  );
}

function LineInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        size={14}
        value={value}
        aria-invalid={!/^\d*$/.test(digitsOf(value))}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function Reconciliation({
  data,
}: {
  data: {
    lines: {
      measure: Measure;
      line: string;
      given: boolean;
      aggregate: string;
      registry: string;
      difference: string;
    }[];
    differing: number;
  };
}) {
  return (
    <section aria-labelledby="reconcile-title">
      <h3 id="reconcile-title">Đối chiếu với sổ thụ lý</h3>
      <p>{`${data.differing} trong ${data.lines.length} dòng khác với số liệu tính từ sổ thụ lý (chỉ so các dòng có ở cả hai).`}</p>
      <div className="table-scroll">
        <table className="data-table" data-testid="aggregate-reconciliation">
          <thead>
            <tr>
              <th scope="col">Thước đo</th>
              <th scope="col">Dòng</th>
              <th scope="col" className="num">
                Tổng hợp
              </th>
              <th scope="col" className="num">
                Sổ thụ lý
              </th>
              <th scope="col" className="num">
                Chênh lệch
              </th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr
                key={`${l.measure}/${l.line}`}
                className={l.difference !== '0' ? 'differs' : undefined}
              >
                <td>{MEASURE_LABELS_VI[l.measure]}</td>
                <td>{`${lineLabel(l.line)}${l.given ? '' : ' (suy ra)'}`}</td>
                <td className="num">{formatLine(l.measure, l.aggregate)}</td>
                <td className="num">{formatLine(l.measure, l.registry)}</td>
                <td className="num">{formatLine(l.measure, l.difference, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
