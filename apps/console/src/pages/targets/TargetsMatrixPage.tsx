/**
 * The unit targets of a working year as one matrix (units × the four metrics), edited all at once.
 * The Cục manager edits, marks rows provisional (tạm tính) and copies provisional targets from the
 * previous year's targets or results; everyone else reads. The server enforces who may write.
 */
import './targets.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitMetric } from '@thads/domain';
import { useTRPC, workingPeriodOf, type RouterOutputs } from '@thads/ui';
import { useId, useState } from 'react';
import { YearInput } from './controls.js';
import {
  METRIC_LABELS_VI,
  METRIC_SHORT_VI,
  UNIT_METRICS,
  percentInput,
  viDecimal,
} from './format.js';

type Matrix = RouterOutputs['targets']['matrix'];
type Row = Matrix['rows'][number];

export interface TargetsMatrixPageProps {
  /** Today, read by the app at start-up: the default working year. */
  today: Date;
}

const rowKey = (row: Pick<Row, 'unit' | 'scope'>) => `${row.unit}|${row.scope}`;
const cellKey = (row: Pick<Row, 'unit' | 'scope'>, metric: UnitMetric) =>
  `${rowKey(row)}|${metric}`;

function rowLabel(row: Row): string {
  if (!row.hasChildren) return `${row.name} (${row.unit})`;
  return row.scope === 'total'
    ? `${row.name} (${row.unit}) – toàn đơn vị`
    : `${row.name} (${row.unit}) – riêng văn phòng`;
}

function countsText(c: { created: number; updated: number; unchanged: number; removed?: number }) {
  return `tạo mới ${c.created}, cập nhật ${c.updated}, xoá ${c.removed ?? 0}, không đổi ${c.unchanged}`;
}

export function TargetsMatrixPage({ today }: TargetsMatrixPageProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [yearText, setYearText] = useState(String(workingPeriodOf(today).year));
  const [year, setYear] = useState(workingPeriodOf(today).year);
  const matrix = useQuery(trpc.targets.matrix.queryOptions({ year }));
  /** What the user typed, by cell; a cell not here shows the stored value. */
  const [edits, setEdits] = useState<ReadonlyMap<string, string>>(new Map());
  const [provisional, setProvisional] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [message, setMessage] = useState<string | null>(null);

  const refresh = async () => {
    setEdits(new Map());
    setProvisional(new Map());
    await queryClient.invalidateQueries({ queryKey: trpc.targets.matrix.queryKey({ year }) });
  };
  const saveMutation = useMutation(
    trpc.targets.setMatrix.mutationOptions({
      onSuccess: async (counts) => {
        setMessage(`Đã lưu chỉ tiêu năm ${year}: ${countsText(counts)}.`);
        await refresh();
      },
    }),
  );
  const copyMutation = useMutation(
    trpc.targets.copyProvisional.mutationOptions({
      onSuccess: async (c) => {
        setMessage(
          `Đã sao chép chỉ tiêu tạm tính năm ${year}: ${countsText(c)}; giữ nguyên ${c.skippedOfficial} chỉ tiêu chính thức.`,
        );
        await refresh();
      },
    }),
  );

  const shown = (row: Row, metric: UnitMetric) =>
    edits.get(cellKey(row, metric)) ??
    (row.cells[metric].value === null ? '' : viDecimal(row.cells[metric].value!));
  const isProvisional = (row: Row) =>
    provisional.get(rowKey(row)) ?? UNIT_METRICS.some((m) => row.cells[m].provisional);

  const save = () => {
    if (!matrix.data) return;
    setMessage(null);
    saveMutation.mutate({
      year,
      cells: matrix.data.rows.flatMap((row) =>
        UNIT_METRICS.map((metric) => ({
          unit: row.unit,
          scope: row.scope,
          metric,
          value: percentInput(shown(row, metric)),
          provisional: isProvisional(row),
        })),
      ),
    });
  };

  const error = saveMutation.error ?? copyMutation.error;
  const canEdit = matrix.data?.canEdit ?? false;
  const dirty = edits.size > 0 || provisional.size > 0;

  return (
    <section className="targets-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Chỉ tiêu của các đơn vị</h2>
      <form
        className="filters"
        aria-label="Chọn năm để xem"
        onSubmit={(e) => {
          e.preventDefault();
          const y = Number(yearText);
          if (Number.isInteger(y) && y >= 2000 && y <= 2100) {
            setYear(y);
            setEdits(new Map());
            setProvisional(new Map());
            setMessage(null);
          }
        }}
      >
        <YearInput value={yearText} onChange={setYearText} />
        <button type="submit">Xem</button>
      </form>

      {matrix.isError ? (
        <p role="alert" className="error">
          Không tải được chỉ tiêu: {matrix.error.message}
        </p>
      ) : !matrix.data ? (
        <p role="status">Đang tải chỉ tiêu…</p>
      ) : (
        <>
          {canEdit ? (
            <div className="actions">
              <button
                type="button"
                onClick={() => copyMutation.mutate({ year, from: 'targets' })}
                disabled={copyMutation.isPending}
              >
                Sao chép tạm tính từ chỉ tiêu năm {year - 1}
              </button>
              <button
                type="button"
                onClick={() => copyMutation.mutate({ year, from: 'results' })}
                disabled={copyMutation.isPending}
              >
                Sao chép tạm tính từ kết quả năm {year - 1}
              </button>
            </div>
          ) : (
            <p className="hint">Chỉ Cục quản lý giao chỉ tiêu cho các đơn vị; bạn chỉ xem.</p>
          )}
          <div className="table-scroll">
            <table className="targets-matrix">
              <caption>Chỉ tiêu năm công tác {year} (%)</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  {UNIT_METRICS.map((m) => (
                    <th key={m} scope="col" title={METRIC_LABELS_VI[m]}>
                      {METRIC_SHORT_VI[m]}
                    </th>
                  ))}
                  <th scope="col">Tạm tính</th>
                </tr>
              </thead>
              <tbody>
                {matrix.data.rows.map((row) => (
                  <tr key={rowKey(row)} data-unit={row.unit} data-scope={row.scope}>
                    <th scope="row" style={{ paddingLeft: `${0.5 + row.depth * 1.25}rem` }}>
                      {rowLabel(row)}
                    </th>
                    {UNIT_METRICS.map((metric) => (
                      <td key={metric} className="num">
                        {canEdit ? (
                          <input
                            type="text"
                            inputMode="decimal"
                            size={7}
                            name={`${row.unit}-${row.scope}-${metric}`}
                            aria-label={`${METRIC_LABELS_VI[metric]} – ${rowLabel(row)}`}
                            value={shown(row, metric)}
                            onChange={(e) =>
                              setEdits(new Map(edits).set(cellKey(row, metric), e.target.value))
                            }
                          />
                        ) : row.cells[metric].value === null ? (
                          '–'
                        ) : (
                          viDecimal(row.cells[metric].value!)
                        )}
                      </td>
                    ))}
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Tạm tính – ${rowLabel(row)}`}
                        checked={isProvisional(row)}
                        disabled={!canEdit}
                        onChange={(e) =>
                          setProvisional(new Map(provisional).set(rowKey(row), e.target.checked))
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canEdit ? (
            <div className="actions">
              <button type="button" onClick={save} disabled={saveMutation.isPending || !dirty}>
                Lưu chỉ tiêu
              </button>
              <button type="button" onClick={() => void refresh()} disabled={!dirty}>
                Huỷ thay đổi
              </button>
            </div>
          ) : null}
        </>
      )}
      <div aria-live="polite">
        {error ? (
          <p role="alert" className="error">
            Không lưu được: {error.message}
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
