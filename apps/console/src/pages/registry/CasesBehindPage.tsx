/**
 * The cases behind one number of a report (issue 5, interfaces.md §5 `cases`): every case counted
 * in the line, or for money every case whose money in the line is not 0 with what it contributes.
 * The count and the sum are the number the report shows (the report is the sum of what each case
 * contributes). Opened from any number of a registry report (unit, officer, month).
 */
import { useQuery } from '@tanstack/react-query';
import {
  LINE_SYMBOLS,
  MEASURES,
  describePeriod,
  isLineCode,
  reportPeriod,
  type LineCode,
  type Measure,
} from '@thads/domain';
import { classificationFilterTextVi } from '@thads/domain';
import { SCOPE_LABELS_VI, flattenUnitTree, formatMoney, useTRPC } from '@thads/ui';
import { Link, useSearchParams } from 'react-router';
import { casePath, casesBehindPath, stateLabel, viDate } from './format.js';
import './registry.css';

const MEASURE_LABELS_VI: Readonly<Record<Measure, string>> = {
  cases: 'về việc',
  money: 'về tiền',
};

const PAGE_SIZE = 100;

export function CasesBehindPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? '';
  const year = Number(params.get('year'));
  const month = Number(params.get('month'));
  const scope = params.get('scope') === 'own' ? 'own' : 'total';
  const officer = params.get('officer');
  const unassigned = params.get('unassigned') === '1';
  const lineText = params.get('line') ?? '';
  const measure: Measure = params.get('measure') === 'money' ? 'money' : 'cases';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const mode = params.get('mode');
  const judgmentType = params.get('judgmentType');
  const flag = params.get('flag');
  const valid =
    unit !== '' &&
    Number.isInteger(year) &&
    month >= 1 &&
    month <= 12 &&
    isLineCode(lineText) &&
    !(lineText === 'reduced' && measure === 'cases');
  const line = lineText as LineCode;
  const behind = useQuery({
    ...trpc.cases.behind.queryOptions({
      unit,
      year,
      month,
      scope,
      line: lineText,
      measure,
      page,
      pageSize: PAGE_SIZE,
      ...(officer ? { officer } : {}),
      ...(unassigned ? { unassigned: true } : {}),
      ...(mode === 'chu_dong' || mode === 'theo_yeu_cau' || mode === 'none' ? { mode } : {}),
      ...(judgmentType ? { judgmentType } : {}),
      ...(flag ? { flag } : {}),
    }),
    enabled: valid,
  });
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const unitName = flattenUnitTree(unitsQuery.data ?? []).find((u) => u.code === unit)?.name;
  const officers = useQuery(trpc.officers.list.queryOptions({ unit }, { enabled: valid }));
  const officerName = officers.data?.find((o) => o.code === officer)?.name;

  if (!valid)
    return (
      <p role="alert" className="error">
        Đường dẫn không chỉ rõ một dòng của báo cáo (đơn vị, năm, tháng, dòng và thước đo).
      </p>
    );
  const period = describePeriod(reportPeriod(year, month));
  const who = unassigned
    ? ' · Các việc chưa phân công'
    : officer
      ? ` · Chấp hành viên ${officerName ?? ''} (${officer})`
      : '';
  const classification = classificationFilterTextVi({ mode, judgmentType, flag });

  return (
    <section className="registry-page" aria-labelledby="behind-title">
      <p>
        <Link to="/">← Báo cáo</Link>
      </p>
      <h2 id="behind-title">
        Các việc của dòng “{behind.data?.lineLabel ?? line}” ({LINE_SYMBOLS[line]}),{' '}
        {MEASURE_LABELS_VI[measure]}
      </h2>
      <p className="report-meta">
        {unitName ? `${unitName} (${unit})` : unit} · {SCOPE_LABELS_VI[scope]}
        {who}
        {classification ? ` · ${classification}` : ''} · Báo cáo {period}
      </p>
      <p>
        Xem thước đo khác:{' '}
        {MEASURES.filter((m) => m !== measure && !(line === 'reduced' && m === 'cases')).map(
          (m) => (
            <Link
              key={m}
              to={casesBehindPath({
                unit,
                year,
                month,
                scope,
                officer,
                unassigned,
                mode,
                judgmentType,
                flag,
                line,
                measure: m,
              })}
            >
              {MEASURE_LABELS_VI[m]}
            </Link>
          ),
        )}
      </p>
      {behind.isError ? (
        <p role="alert" className="error">
          Không tải được danh sách: {behind.error.message}
        </p>
      ) : !behind.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <>
          <p role="status" className="behind-total" data-testid="behind-summary">
            {behind.data.count.toLocaleString('vi-VN')} việc
            {measure === 'money' ? ` · tổng ${formatMoney(behind.data.sum)}` : ''}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Các việc của dòng báo cáo</caption>
              <thead>
                <tr>
                  <th scope="col">Mã việc</th>
                  <th scope="col">Người phải thi hành án</th>
                  <th scope="col">Ngày thụ lý</th>
                  <th scope="col" className="num">
                    Phải thi hành
                  </th>
                  <th scope="col">Trạng thái hiện nay</th>
                  <th scope="col">Chấp hành viên hiện nay</th>
                  {measure === 'money' ? (
                    <th scope="col" className="num">
                      Tính vào dòng này
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody data-testid="behind-rows">
                {behind.data.rows.map((r) => (
                  <tr key={r.id} data-case={r.id}>
                    <td>
                      <Link to={casePath(r.id)}>{r.id}</Link>
                    </td>
                    <td>{r.debtorName ?? '–'}</td>
                    <td>{viDate(r.receivedOn)}</td>
                    <td className="num">{formatMoney(r.amount)}</td>
                    <td>{stateLabel(r.state)}</td>
                    <td>{r.officerName ?? r.officer ?? 'Chưa phân công'}</td>
                    {measure === 'money' ? (
                      <td className="num">{formatMoney(r.contribution)}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={measure === 'money' ? 6 : 5}>
                    Cộng: {behind.data.count.toLocaleString('vi-VN')} việc
                  </th>
                  {measure === 'money' ? (
                    <td className="num">{formatMoney(behind.data.sum)}</td>
                  ) : (
                    <td />
                  )}
                </tr>
              </tfoot>
            </table>
          </div>
          {behind.data.count > PAGE_SIZE ? (
            <nav className="pager" aria-label="Trang">
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => setParams(withPage(params, page - 1))}
              >
                Trang trước
              </button>
              <span>
                Trang {page} / {Math.ceil(behind.data.count / PAGE_SIZE)}
              </span>
              <button
                type="button"
                disabled={page * PAGE_SIZE >= behind.data.count}
                onClick={() => setParams(withPage(params, page + 1))}
              >
                Trang sau
              </button>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

function withPage(params: URLSearchParams, page: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (page <= 1) next.delete('page');
  else next.set('page', String(page));
  return next;
}
