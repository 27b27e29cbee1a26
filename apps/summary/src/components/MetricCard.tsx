/**
 * One of the four metrics, as a card: the value against the full-year target (met or not, the gap),
 * the pace line (rates), the forecast of month 12 (at risk when it misses the target), the same
 * period last year in points, and the counts or money behind it against the same period last year
 * in percent.
 */
import {
  TARGET_METRIC_LABELS_VI,
  metLabelVi,
  onTrackLabelVi,
  type UnitMetric,
} from '@thads/domain';
import type { RouterOutputs } from '@thads/ui';
import { change, figure, gap, isRate, measureOf, pace, pct, points } from '../format.js';

type Overview = RouterOutputs['summary']['overview'];
type Metric = Overview['metrics'][UnitMetric];
type Figures = Overview['figures']['cases'];

/** met → the card's state class. */
export function stateClass(met: boolean | null): string {
  return met === null ? 'is-unknown' : met ? 'is-met' : 'is-not-met';
}

/** A 0–100 % bar with the value, the pace and the target marked; decorative (the text says it all). */
function RateBar({
  value,
  target,
  pace: paceValue,
}: {
  value: string | null;
  target: string | null;
  pace: string | null;
}) {
  const at = (text: string | null) =>
    text === null ? null : Math.min(100, Math.max(0, Number(text)));
  const v = at(value);
  const t = at(target);
  const p = at(paceValue);
  return (
    <svg
      className="rate-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="2" width="100" height="6" className="rate-bar-track" />
      {v !== null ? <rect x="0" y="2" width={v} height="6" className="rate-bar-value" /> : null}
      {p !== null ? (
        <rect x={Math.max(0, p - 0.4)} y="0" width="0.8" height="10" className="rate-bar-pace" />
      ) : null}
      {t !== null ? (
        <rect x={Math.max(0, t - 0.6)} y="0" width="1.2" height="10" className="rate-bar-target" />
      ) : null}
    </svg>
  );
}

export interface MetricCardProps {
  metric: UnitMetric;
  m: Metric;
  figures: Figures;
  month: number;
}

export function MetricCard({ metric, m, figures, month }: MetricCardProps) {
  const measure = measureOf(metric);
  const rate = isRate(metric);
  const titleId = `metric-${metric}-title`;
  const figureLine = (f: Figures['completed']) =>
    `${figure(measure, f.value)} (cùng kỳ ${figure(measure, f.lastYear)}, ${change(f.changePercent)})`;
  return (
    <section
      className={`metric-card ${stateClass(m.met)}${m.onTrack === false ? ' at-risk' : ''}`}
      aria-labelledby={titleId}
      data-testid={`metric-${metric}`}
    >
      <h3 id={titleId}>{TARGET_METRIC_LABELS_VI[metric]}</h3>
      <p className="metric-value">
        <span data-field="value">{pct(m.value)}</span>{' '}
        <span className="badge" data-field="met">
          {metLabelVi(m.met)}
        </span>
        {m.onTrack === false ? (
          <span className="badge badge-risk" data-field="risk">
            Nguy cơ không đạt
          </span>
        ) : null}
      </p>
      {rate ? <RateBar value={m.value} target={m.target} pace={m.pace} /> : null}
      <dl>
        <div>
          <dt>Chỉ tiêu cả năm</dt>
          <dd data-field="target">
            {m.target === null
              ? 'Chưa giao'
              : `${pct(m.target)}${m.provisional ? ' (tạm tính)' : ''}`}
            {m.gapPoints !== null ? ` – ${gap(m.gapPoints)}` : ''}
          </dd>
        </div>
        {rate ? (
          <div>
            <dt>Tiến độ đến tháng {month}</dt>
            <dd data-field="pace">
              {m.pace === null ? '–' : `${pct(m.pace)} – ${pace(m.vsPacePoints)}`}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Dự báo cuối năm</dt>
          <dd data-field="forecast">
            {m.forecast === null
              ? 'Chưa dự báo được'
              : `${pct(m.forecast)} – ${onTrackLabelVi(m.onTrack).toLowerCase()}`}
          </dd>
        </div>
        <div>
          <dt>Cùng kỳ năm trước</dt>
          <dd data-field="last-year">
            {m.lastYear === null ? '–' : `${pct(m.lastYear)} – ${points(m.vsLastYearPoints)}`}
          </dd>
        </div>
        {rate ? (
          <>
            <div>
              <dt>Thi hành xong</dt>
              <dd data-field="completed">{figureLine(figures.completed)}</dd>
            </div>
            <div>
              <dt>Có điều kiện thi hành</dt>
              <dd data-field="able">{figureLine(figures.able)}</dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>Có điều kiện chuyển kỳ sau</dt>
              <dd data-field="carried-over">{figureLine(figures.carriedOverBase)}</dd>
            </div>
            <div>
              <dt>Cuối năm trước</dt>
              <dd data-field="previous-year-end">{figure(measure, figures.previousYearEndBase)}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}
