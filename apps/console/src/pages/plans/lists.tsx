/**
 * The two lists of plan coverage, each searchable (case id, debtor name, decision number, without
 * accents) and by pages, filtered and paged by the server: the open cases without a plan, and the
 * overdue measures. Used by "Việc của tôi" and by the coverage page.
 */
import { useQuery } from '@tanstack/react-query';
import { MEASURE_KIND_LABELS_VI } from '@thads/domain';
import { formatMoney, useTRPC } from '@thads/ui';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { stateLabel, viDate } from '../registry/format.js';

const PAGE_SIZE = 20;

function planLink(caseId: string): string {
  return `/ke-hoach/${encodeURIComponent(caseId)}`;
}

export interface ListScope {
  unit: string;
  scope?: 'own' | 'total';
  /** An officer (the one holding the case now), or '__none__' for the unassigned cases. */
  officer?: string;
  testId: string;
}

function filterOf(officer: string | undefined) {
  if (officer === undefined || officer === '') return {};
  return officer === '__none__' ? { unassigned: true } : { officer };
}

function SearchBox({ label, onSearch }: { label: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form className="filters list-search" onSubmit={submit} aria-label={label}>
      <div className="field search-field">
        <label htmlFor={id}>Tìm mã việc, người phải thi hành án, số quyết định</label>
        <input
          id={id}
          type="search"
          maxLength={200}
          value={text}
          placeholder="ví dụ: nguyen van an"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit">Tìm</button>
      </div>
    </form>
  );
}

function Pager({
  page,
  total,
  onPage,
}: {
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <nav className="pager" aria-label="Trang">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Trang trước
      </button>
      <span>
        Trang {page.toLocaleString('vi-VN')} / {pages.toLocaleString('vi-VN')}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Trang sau
      </button>
    </nav>
  );
}

/** The open cases with no open measure. */
export function UncoveredList({ unit, scope, officer, testId }: ListScope) {
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.plans.uncovered.queryOptions({
      unit,
      scope: scope ?? 'own',
      ...filterOf(officer),
      ...(q ? { q } : {}),
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: (p) => p,
  });
  return (
    <div aria-busy={list.isFetching}>
      <SearchBox
        label="Tìm trong các việc chưa có kế hoạch"
        onSearch={(text) => {
          setQ(text);
          setPage(1);
        }}
      />
      {list.isError ? (
        <p role="alert" className="error">
          Không tải được danh sách: {list.error.message}
        </p>
      ) : !list.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <>
          <p className="result-count">
            {list.data.total.toLocaleString('vi-VN')} việc chưa có kế hoạch
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Việc chưa có kế hoạch</caption>
              <thead>
                <tr>
                  <th scope="col">Mã việc</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Người phải thi hành án</th>
                  <th scope="col">Ngày thụ lý</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col" className="num">
                    Còn phải thi hành
                  </th>
                  <th scope="col">Chấp hành viên</th>
                </tr>
              </thead>
              <tbody data-testid={testId}>
                {list.data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7}>Không có việc nào.</td>
                  </tr>
                ) : (
                  list.data.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={planLink(r.id)}>{r.id}</Link>
                        {r.hadPlan ? <div className="hint">kế hoạch đã xong hết</div> : null}
                      </td>
                      <td>{r.unit}</td>
                      <td>{r.debtorName ?? '–'}</td>
                      <td>{viDate(r.receivedOn)}</td>
                      <td>{stateLabel(r.state)}</td>
                      <td className="num">{formatMoney(r.remaining)}</td>
                      <td>{r.officerName ?? r.officer ?? 'Chưa phân công'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

/** The overdue measures, oldest due first. */
export function OverdueList({ unit, scope, officer, testId }: ListScope) {
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.plans.overdue.queryOptions({
      unit,
      scope: scope ?? 'own',
      ...filterOf(officer),
      ...(q ? { q } : {}),
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: (p) => p,
  });
  return (
    <div aria-busy={list.isFetching}>
      <SearchBox
        label="Tìm trong các biện pháp quá hạn"
        onSearch={(text) => {
          setQ(text);
          setPage(1);
        }}
      />
      {list.isError ? (
        <p role="alert" className="error">
          Không tải được danh sách: {list.error.message}
        </p>
      ) : !list.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <>
          <p className="result-count">
            {list.data.total.toLocaleString('vi-VN')} biện pháp quá hạn
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Biện pháp quá hạn</caption>
              <thead>
                <tr>
                  <th scope="col">Hạn</th>
                  <th scope="col" className="num">
                    Quá hạn
                  </th>
                  <th scope="col">Việc</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Biện pháp</th>
                  <th scope="col">Người phải thi hành án</th>
                  <th scope="col">Chấp hành viên thực hiện</th>
                </tr>
              </thead>
              <tbody data-testid={testId}>
                {list.data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7}>Không có biện pháp quá hạn.</td>
                  </tr>
                ) : (
                  list.data.rows.map((m) => (
                    <tr key={m.id}>
                      <td>{viDate(m.dueOn)}</td>
                      <td className="num">{m.daysLate.toLocaleString('vi-VN')} ngày</td>
                      <td>
                        <Link to={planLink(m.caseId)}>{m.caseId}</Link>
                      </td>
                      <td>{m.unit}</td>
                      <td>{MEASURE_KIND_LABELS_VI[m.kind]}</td>
                      <td>{m.debtorName ?? '–'}</td>
                      <td>{m.officerName ?? m.officer ?? '–'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pager page={page} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
