/**
 * A line chart of a cumulative rate by month of the working year, drawn as SVG by hand (no chart
 * library: three polylines, a few ticks, and the data again as a table for screen readers and for
 * reading exact values): this year up to the month shown, last year over all twelve months, and the
 * straight pace line of this year's target.
 */
import { useId } from 'react';
import type { RouterOutputs } from '@thads/ui';
import { pct } from '../format.js';

type Curve = RouterOutputs['summary']['trends']['caseRate'];
type Point = Curve['points'][number];

const W = 320;
const H = 190;
const PAD = { left: 34, right: 8, top: 10, bottom: 26 };

/**
 * The y axis's top: four equal steps of 5, 10, 20 or 25 points, the smallest that leaves 5 points
 * above the highest value (100 % at most).
 */
export function yMaxOf(curve: Curve): number {
  let max = curve.target === null ? 0 : Number(curve.target);
  for (const p of curve.points)
    for (const v of [p.thisYear, p.lastYear, p.pace])
      if (v !== null) max = Math.max(max, Number(v));
  const need = Math.min(100, max + 5);
  const step = [5, 10, 20, 25].find((s) => s * 4 >= need) ?? 25;
  return step * 4;
}

/** Polyline segments of one series (a missing value breaks the line). */
export function segments(
  points: readonly Point[],
  key: 'thisYear' | 'lastYear' | 'pace',
  x: (m: number) => number,
  y: (v: number) => number,
): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    const v = p[key];
    if (v === null) {
      if (current.length > 0) out.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${x(p.month).toFixed(1)},${y(Number(v)).toFixed(1)}`);
  }
  if (current.length > 0) out.push(current.join(' '));
  return out;
}

export interface RateChartProps {
  title: string;
  curve: Curve;
  year: number;
  month: number;
}

export function RateChart({ title, curve, year, month }: RateChartProps) {
  const id = useId();
  const yMax = yMaxOf(curve);
  const x = (m: number) => PAD.left + ((m - 1) * (W - PAD.left - PAD.right)) / 11;
  const y = (v: number) => PAD.top + (1 - Math.min(v, yMax) / yMax) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 1, 2, 3, 4].map((i) => (i * yMax) / 4);
  const now = curve.points[month - 1];
  const desc = now
    ? `Đến tháng ${month} (${now.calendar}): năm ${year} ${pct(now.thisYear)}, năm ${year - 1} ${pct(now.lastYear)}, tiến độ ${pct(now.pace)}${curve.target !== null ? `; chỉ tiêu cả năm ${pct(curve.target)}` : '; chưa giao chỉ tiêu'}.`
    : '';
  const series = [
    { key: 'lastYear' as const, className: 'series-last-year' },
    { key: 'pace' as const, className: 'series-pace' },
    { key: 'thisYear' as const, className: 'series-this-year' },
  ];
  return (
    <figure className="rate-chart" data-testid={`chart-${title}`}>
      <h3 className="chart-title" id={`${id}-h`}>
        {title}
      </h3>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-h ${id}-d`}
        className="chart-svg"
      >
        <title>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 4} y={y(t) + 3} textAnchor="end">
              {t} %
            </text>
          </g>
        ))}
        {curve.points.map((p) => (
          <text key={p.month} className="x-label" x={x(p.month)} y={H - 8} textAnchor="middle">
            {`T${Number(p.calendar.slice(0, 2))}`}
          </text>
        ))}
        {series.map((s) =>
          segments(curve.points, s.key, x, y).map((points, i) => (
            <polyline key={`${s.key}-${i}`} className={s.className} points={points} fill="none" />
          )),
        )}
        {curve.points.map((p) =>
          p.thisYear === null ? null : (
            <circle
              key={p.month}
              className="dot-this-year"
              cx={x(p.month)}
              cy={y(Number(p.thisYear))}
              r="2.5"
            />
          ),
        )}
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch swatch-this-year" aria-hidden="true" /> Năm {year}
          </li>
          <li>
            <span className="swatch swatch-last-year" aria-hidden="true" /> Năm {year - 1}
          </li>
          <li>
            <span className="swatch swatch-pace" aria-hidden="true" /> Tiến độ chỉ tiêu
            {curve.target !== null
              ? ` (${pct(curve.target)}${curve.provisional ? ', tạm tính' : ''})`
              : ' (chưa giao)'}
          </li>
        </ul>
      </figcaption>
      <details className="chart-data">
        <summary>Xem số liệu</summary>
        <table className="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Tháng</th>
              <th scope="col" className="num">
                Năm {year}
              </th>
              <th scope="col" className="num">
                Năm {year - 1}
              </th>
              <th scope="col" className="num">
                Tiến độ
              </th>
            </tr>
          </thead>
          <tbody>
            {curve.points.map((p) => (
              <tr key={p.month} data-month={p.month}>
                <th scope="row">
                  {p.month} tháng (đến {p.calendar})
                </th>
                <td className="num">{pct(p.thisYear)}</td>
                <td className="num">{pct(p.lastYear)}</td>
                <td className="num">{pct(p.pace)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
