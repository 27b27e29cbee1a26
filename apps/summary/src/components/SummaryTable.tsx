/**
 * The ranked table of units (or of a unit's officers): the four metrics with their targets, met or
 * not (✓ / ✗), how many are met, the rank, "đạt cả 4 chỉ tiêu" highlighted, the metrics at risk
 * flagged (⚠: the forecast of month 12 misses the target). Sortable by any column (the headings are
 * buttons; on a phone, where each row is a card, a select does the same). Names link to the
 * drill-down.
 */
import { compareBytes, parseCenti, type UnitMetric } from '@thads/domain';
import type { RouterOutputs } from '@thads/ui';
import { useId, useState } from 'react';
import { SHORT_LABELS, UNIT_METRICS, pct } from '../format.js';
import { usePeriod } from '../period.js';
import { Link, hrefOf } from '../router.js';

type Table = RouterOutputs['summary']['table'];
type Row = Table['rows'][number];

export type SortKey = 'rank' | 'name' | 'metCount' | UnitMetric;

const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  rank: 'Xếp hạng',
  name: 'Tên',
  metCount: 'Số chỉ tiêu đạt',
  ...SHORT_LABELS,
};

function centi(text: string | null): bigint | null {
  return text === null ? null : parseCenti(text);
}

/**
 * Rows sorted by `key` in its natural order (rank and name upwards, metrics and the count of met
 * targets from the best down; unknown values last), or the reverse.
 */
export function sortRows(rows: readonly Row[], key: SortKey, reversed: boolean): Row[] {
  const byRank = (a: Row, b: Row) => (a.rank ?? 0) - (b.rank ?? 0) || compareBytes(a.code, b.code);
  const compare = (a: Row, b: Row): number => {
    if (key === 'rank') return byRank(a, b);
    if (key === 'name') return a.name.localeCompare(b.name, 'vi') || byRank(a, b);
    if (key === 'metCount') return b.metCount - a.metCount || byRank(a, b);
    const x = centi(a.metrics[key].value);
    const y = centi(b.metrics[key].value);
    if (x === y) return byRank(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return x > y ? -1 : 1;
  };
  const sorted = [...rows].sort(compare);
  return reversed ? sorted.reverse() : sorted;
}

function MetricCell({ row, metric }: { row: Row; metric: UnitMetric }) {
  const m = row.metrics[metric];
  const mark = m.met === null ? '' : m.met ? '✓' : '✗';
  return (
    <td
      className={`num metric-cell ${m.met === null ? 'is-unknown' : m.met ? 'is-met' : 'is-not-met'}`}
      data-metric={metric}
      data-label={SHORT_LABELS[metric]}
    >
      <span className="cell-value">
        {pct(m.value)}
        {mark ? (
          <span className="mark" aria-label={m.met ? 'đạt' : 'chưa đạt'}>
            {' '}
            {mark}
          </span>
        ) : null}
        {m.onTrack === false ? (
          <span
            className="mark risk"
            aria-label="nguy cơ không đạt"
            title="Dự báo cuối năm không đạt"
          >
            {' '}
            ⚠
          </span>
        ) : null}
      </span>
      <small className="cell-target">
        {m.target === null
          ? 'CT: chưa giao'
          : `CT ${pct(m.target)}${m.provisional ? ' (tạm tính)' : ''}`}
      </small>
    </td>
  );
}

function RowView({ row, total = false }: { row: Row; total?: boolean }) {
  const period = usePeriod();
  const subject = row.officer
    ? { unit: row.unit, officer: row.officer }
    : { unit: row.unit, ...(row.scope === 'own' ? { scope: 'own' as const } : {}) };
  return (
    <tr
      data-code={row.code}
      data-scope={row.scope}
      className={`${row.allFour ? 'all-four' : ''}${total ? ' total-row' : ''}`.trim() || undefined}
    >
      <td className="rank" data-label="Hạng">
        {row.rank ?? ''}
      </td>
      <th scope="row" className="name">
        {total ? (
          row.name
        ) : (
          <Link href={hrefOf({ page: 'overview', subject }, period)}>{row.name}</Link>
        )}
        {row.allFour ? (
          <>
            {' '}
            <span className="badge badge-all-four">Đạt cả 4 chỉ tiêu</span>
          </>
        ) : null}
      </th>
      {UNIT_METRICS.map((metric) => (
        <MetricCell key={metric} row={row} metric={metric} />
      ))}
      <td className="num met-count" data-label="Số chỉ tiêu đạt">
        {row.metCount}/4
      </td>
      <td className="risk-cell" data-label="Nguy cơ không đạt">
        {row.atRisk.length > 0 ? `⚠ ${row.atRisk.map((m) => SHORT_LABELS[m]).join(', ')}` : ''}
      </td>
    </tr>
  );
}

export interface SummaryTableProps {
  table: Table;
  caption: string;
}

export function SummaryTable({ table, caption }: SummaryTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'rank',
    descending: false,
  });
  const id = useId();
  const rows = sortRows(table.rows, sort.key, sort.descending);
  const heading = table.kind === 'units' ? 'Đơn vị' : 'Chấp hành viên';
  const by = (key: SortKey) => () =>
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));
  // Rank and name read upwards (1, 2, 3; A to Z); metrics and the count from the best down.
  const natural = (key: SortKey) => (key === 'rank' || key === 'name' ? 'ascending' : 'descending');
  const ariaSort = (key: SortKey): 'ascending' | 'descending' | 'none' => {
    if (sort.key !== key) return 'none';
    const n = natural(key);
    return sort.descending ? (n === 'ascending' ? 'descending' : 'ascending') : n;
  };
  const sortButton = (key: SortKey, label: string) => (
    <button type="button" className="sort-button" onClick={by(key)}>
      {label}
      <span aria-hidden="true">
        {ariaSort(key) === 'ascending' ? ' ▲' : ariaSort(key) === 'descending' ? ' ▼' : ''}
      </span>
    </button>
  );
  return (
    <div className="summary-table-block">
      <div className="sort-picker no-print">
        <label htmlFor={`${id}-sort`}>Sắp xếp theo</label>
        <select
          id={`${id}-sort`}
          value={sort.key}
          onChange={(e) => setSort({ key: e.target.value as SortKey, descending: false })}
        >
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {key === 'name' ? heading : SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </div>
      <table className="summary-table" data-kind={table.kind}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('rank')}>
              {sortButton('rank', 'Hạng')}
            </th>
            <th scope="col" aria-sort={ariaSort('name')}>
              {sortButton('name', heading)}
            </th>
            {UNIT_METRICS.map((metric) => (
              <th key={metric} scope="col" className="num" aria-sort={ariaSort(metric)}>
                {sortButton(metric, SHORT_LABELS[metric])}
              </th>
            ))}
            <th scope="col" className="num" aria-sort={ariaSort('metCount')}>
              {sortButton('metCount', 'Số chỉ tiêu đạt')}
            </th>
            <th scope="col">Nguy cơ không đạt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <RowView key={`${row.code}/${row.scope}`} row={row} />
          ))}
        </tbody>
        <tfoot>
          <RowView row={table.total} total />
        </tfoot>
      </table>
      <p className="table-note">
        ✓ đạt chỉ tiêu; ✗ chưa đạt; ⚠ dự báo cuối năm không đạt; CT: chỉ tiêu được giao. Xếp hạng:
        nhiều chỉ tiêu đạt hơn xếp trước, bằng nhau thì tỷ lệ về việc cao hơn, rồi tỷ lệ về tiền cao
        hơn.
      </p>
    </div>
  );
}
