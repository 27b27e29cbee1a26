/**
 * The case list (sổ thụ lý) of a unit: filters (state now or at a date, officer or unassigned,
 * intake period, amount range, a search of case ids, debtor names and decision numbers without
 * accents), sorting by column, pages of up to 200 cases, and for the roles that enter data a bulk
 * reassignment of the cases ticked. Everything is filtered, sorted and paged by the server; the
 * filters live in the address, so a filtered list can be linked to and comes back with "Back".
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CASE_STATES } from '@thads/domain';
import {
  flattenUnitTree,
  formatMoney,
  useTRPC,
  type CurrentUser,
  type RouterInputs,
} from '@thads/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { UnitSelect } from '../targets/controls.js';
import { CASE_STATE_LABELS_VI, casePath, entersData, parseMoneyInput, viDate } from './format.js';
import './registry.css';

type ListInput = RouterInputs['cases']['list'];
type Sort = NonNullable<ListInput['sort']>;

const STATE_OPTIONS: readonly [string, string][] = [
  ['', 'Tất cả'],
  ['open', 'Đang thi hành (mọi trạng thái chưa kết thúc)'],
  ['closed', 'Đã kết thúc (xong, đình chỉ, ủy thác, thu hồi)'],
  ...CASE_STATES.map((s) => [s, CASE_STATE_LABELS_VI[s]] as [string, string]),
];

const PAGE_SIZES = [20, 50, 100, 200];

const COLUMNS: readonly { key: Sort | null; label: string; num?: boolean }[] = [
  { key: 'id', label: 'Mã việc' },
  { key: 'debtor', label: 'Người phải thi hành án' },
  { key: 'receivedOn', label: 'Ngày thụ lý' },
  { key: 'amount', label: 'Phải thi hành', num: true },
  { key: null, label: 'Đã thi hành', num: true },
  { key: 'remaining', label: 'Còn phải thi hành', num: true },
  { key: null, label: 'Trạng thái' },
  { key: null, label: 'Chấp hành viên' },
  { key: 'lastEventOn', label: 'Sự kiện gần nhất' },
];

/** The filters as the address holds them. */
interface Filters {
  unit: string;
  scope: 'own' | 'total';
  q: string;
  state: string;
  stateOn: string;
  officer: string;
  receivedFrom: string;
  receivedTo: string;
  amountMin: string;
  amountMax: string;
}

const UNASSIGNED = '__none__';

function filtersOf(params: URLSearchParams, defaultUnit: string): Filters {
  return {
    unit: params.get('unit') ?? defaultUnit,
    scope: params.get('scope') === 'own' ? 'own' : 'total',
    q: params.get('q') ?? '',
    state: params.get('state') ?? '',
    stateOn: params.get('stateOn') ?? '',
    officer: params.get('officer') ?? '',
    receivedFrom: params.get('receivedFrom') ?? '',
    receivedTo: params.get('receivedTo') ?? '',
    amountMin: params.get('amountMin') ?? '',
    amountMax: params.get('amountMax') ?? '',
  };
}

export function CasesPage({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const [params, setParams] = useSearchParams();
  const defaultUnit = user.unit ?? units[0]?.code ?? '';
  if (unitsQuery.isPending) return <p role="status">Đang tải…</p>;
  if (unitsQuery.isError)
    return (
      <p role="alert" className="error">
        Không tải được danh sách đơn vị: {unitsQuery.error.message}
      </p>
    );
  if (defaultUnit === '') return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;
  const filters = filtersOf(params, defaultUnit);
  const sort = (params.get('sort') as Sort | null) ?? 'id';
  const direction = params.get('direction') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize')))
    ? Number(params.get('pageSize'))
    : 50;
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  return (
    <section className="registry-page" aria-labelledby="cases-title">
      <div className="page-heading">
        <h2 id="cases-title">Việc thi hành án</h2>
        {entersData(user.role) ? (
          <p className="row-actions">
            <Link to="/thu-ly">Thụ lý việc mới</Link>
            <Link to="/nhap-du-lieu">Nhập từ tệp</Link>
          </p>
        ) : null}
      </div>
      <FilterForm
        key={params.toString()}
        initial={filters}
        units={units}
        onSubmit={(f) =>
          go({
            unit: f.unit,
            scope: f.scope === 'total' ? null : f.scope,
            q: f.q.trim(),
            state: f.state,
            stateOn: f.stateOn,
            officer: f.officer,
            receivedFrom: f.receivedFrom,
            receivedTo: f.receivedTo,
            amountMin: f.amountMin,
            amountMax: f.amountMax,
            page: null,
          })
        }
      />
      <CaseTable
        user={user}
        filters={filters}
        sort={sort}
        direction={direction}
        page={page}
        pageSize={pageSize}
        onSort={(key) =>
          go({
            sort: key === 'id' ? null : key,
            direction: key === sort && direction === 'asc' ? 'desc' : null,
            page: null,
          })
        }
        onPage={(p, size) => go({ page: p === 1 ? null : String(p), pageSize: String(size) })}
      />
    </section>
  );
}

function FilterForm({
  initial,
  units,
  onSubmit,
}: {
  initial: Filters;
  units: ReturnType<typeof flattenUnitTree>;
  onSubmit: (filters: Filters) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [f, setF] = useState(initial);
  const officers = useQuery(trpc.officers.list.queryOptions({}));
  const set = (key: keyof Filters) => (value: string) => setF({ ...f, [key]: value });
  const moneyOk = (text: string) => parseMoneyInput(text) !== null;
  const valid = moneyOk(f.amountMin) && moneyOk(f.amountMax);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    onSubmit({
      ...f,
      amountMin: parseMoneyInput(f.amountMin) ?? '',
      amountMax: parseMoneyInput(f.amountMax) ?? '',
    });
  };
  const unitOfficers = (officers.data ?? []).filter((o) => o.unit === f.unit);
  return (
    <form className="filters case-filters" onSubmit={submit} aria-label="Lọc danh sách việc">
      <UnitSelect
        units={units}
        value={f.unit}
        onChange={(u) => setF({ ...f, unit: u, officer: '' })}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={f.scope === 'total'}
            onChange={(e) => set('scope')(e.target.checked ? 'total' : 'own')}
          />{' '}
          Gồm các đơn vị trực thuộc
        </label>
      </div>
      <div className="field search-field">
        <label htmlFor={`${id}-q`}>Tìm mã việc, người phải thi hành án, số quyết định</label>
        <input
          id={`${id}-q`}
          type="search"
          value={f.q}
          maxLength={200}
          placeholder="ví dụ: nguyen van an"
          onChange={(e) => set('q')(e.target.value)}
        />
        <small>Không phân biệt hoa thường, có dấu hay không dấu.</small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>Trạng thái</label>
        <select id={`${id}-state`} value={f.state} onChange={(e) => set('state')(e.target.value)}>
          {STATE_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-on`}>Trạng thái tại ngày</label>
        <input
          id={`${id}-on`}
          type="date"
          value={f.stateOn}
          onChange={(e) => set('stateOn')(e.target.value)}
          aria-describedby={`${id}-on-hint`}
        />
        <small id={`${id}-on-hint`}>Để trống: trạng thái hiện nay.</small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-officer`}>Chấp hành viên đang thụ lý</label>
        <select
          id={`${id}-officer`}
          value={f.officer}
          onChange={(e) => set('officer')(e.target.value)}
        >
          <option value="">Tất cả</option>
          <option value={UNASSIGNED}>Chưa phân công</option>
          {unitOfficers.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code}){o.active ? '' : ' – đã ngừng công tác'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>Thụ lý từ ngày</label>
        <input
          id={`${id}-from`}
          type="date"
          value={f.receivedFrom}
          onChange={(e) => set('receivedFrom')(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>đến ngày</label>
        <input
          id={`${id}-to`}
          type="date"
          value={f.receivedTo}
          onChange={(e) => set('receivedTo')(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-min`}>Số tiền từ (đ)</label>
        <input
          id={`${id}-min`}
          inputMode="numeric"
          value={f.amountMin}
          aria-invalid={!moneyOk(f.amountMin)}
          onChange={(e) => set('amountMin')(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-max`}>đến (đ)</label>
        <input
          id={`${id}-max`}
          inputMode="numeric"
          value={f.amountMax}
          aria-invalid={!moneyOk(f.amountMax)}
          onChange={(e) => set('amountMax')(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={!valid}>
          Lọc
        </button>
      </div>
      {!valid ? (
        <p role="alert" className="error form-message">
          Số tiền là số nguyên đồng, chỉ gồm chữ số (có thể ngăn cách bằng dấu chấm).
        </p>
      ) : null}
    </form>
  );
}

function CaseTable({
  user,
  filters,
  sort,
  direction,
  page,
  pageSize,
  onSort,
  onPage,
}: {
  user: CurrentUser;
  filters: Filters;
  sort: Sort;
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
  onSort: (key: Sort) => void;
  onPage: (page: number, pageSize: number) => void;
}) {
  const trpc = useTRPC();
  const input: ListInput = {
    unit: filters.unit,
    scope: filters.scope,
    sort,
    direction,
    page,
    pageSize,
    ...(filters.q.trim() !== '' ? { q: filters.q.trim() } : {}),
    ...(filters.state ? { state: filters.state as ListInput['state'] } : {}),
    ...(filters.stateOn ? { stateOn: filters.stateOn } : {}),
    ...(filters.officer === UNASSIGNED
      ? { unassigned: true }
      : filters.officer
        ? { officer: filters.officer }
        : {}),
    ...(filters.receivedFrom ? { receivedFrom: filters.receivedFrom } : {}),
    ...(filters.receivedTo ? { receivedTo: filters.receivedTo } : {}),
    ...(filters.amountMin ? { amountMin: filters.amountMin } : {}),
    ...(filters.amountMax ? { amountMax: filters.amountMax } : {}),
  };
  const list = useQuery({ ...trpc.cases.list.queryOptions(input), placeholderData: (p) => p });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const canAssign = entersData(user.role);

  if (list.isError)
    return (
      <p role="alert" className="error">
        Không tải được danh sách việc: {list.error.message}
      </p>
    );
  if (!list.data) return <p role="status">Đang tải danh sách việc…</p>;
  const { total, rows } = list.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div aria-busy={list.isFetching}>
      <p role="status" className="result-count" data-testid="case-count">
        {total.toLocaleString('vi-VN')} việc
        {filters.stateOn ? ` · trạng thái tại ngày ${viDate(filters.stateOn)}` : ''}
      </p>
      {canAssign ? (
        <ReassignPanel
          selected={[...selected]}
          unit={filters.unit}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <div className="table-scroll">
        <table className="data-table case-table">
          <caption className="visually-hidden">Danh sách việc</caption>
          <thead>
            <tr>
              {canAssign ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Chọn mọi việc trên trang này"
                    checked={allOnPage}
                    onChange={(e) => {
                      const next = new Set(selected);
                      for (const r of rows) {
                        if (e.target.checked) next.add(r.id);
                        else next.delete(r.id);
                      }
                      setSelected(next);
                    }}
                  />
                </th>
              ) : null}
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={
                    c.key !== null && c.key === sort
                      ? direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {c.key === null ? (
                    c.label === 'Trạng thái' && filters.stateOn ? (
                      `Trạng thái ngày ${viDate(filters.stateOn)}`
                    ) : (
                      c.label
                    )
                  ) : (
                    <button type="button" className="sort" onClick={() => onSort(c.key!)}>
                      {c.label}
                      {c.key === sort ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length + (canAssign ? 1 : 0)}>Không có việc nào.</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id} data-case={r.id}>
                  {canAssign ? (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Chọn việc ${r.id}`}
                        checked={selected.has(r.id)}
                        onChange={(e) => toggle(r.id, e.target.checked)}
                      />
                    </td>
                  ) : null}
                  <td>
                    <Link to={casePath(r.id)}>{r.id}</Link>
                  </td>
                  <td>{r.debtorName ?? '–'}</td>
                  <td>{viDate(r.receivedOn)}</td>
                  <td className="num">{formatMoney(r.amount)}</td>
                  <td className="num">{formatMoney(r.settled)}</td>
                  <td className="num">{formatMoney(r.remaining)}</td>
                  <td>{CASE_STATE_LABELS_VI[r.stateOn ?? r.state]}</td>
                  <td>{r.officerName ?? r.officer ?? 'Chưa phân công'}</td>
                  <td>{viDate(r.lastEventOn)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Trang">
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1, pageSize)}>
          Trang trước
        </button>
        <span>
          Trang {page.toLocaleString('vi-VN')} / {pages.toLocaleString('vi-VN')}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1, pageSize)}>
          Trang sau
        </button>
        <label>
          Số việc mỗi trang{' '}
          <select value={pageSize} onChange={(e) => onPage(1, Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}

/** Reassigns the ticked cases to an officer (an `assign` dated today), all or nothing. */
function ReassignPanel({
  selected,
  unit,
  onDone,
}: {
  selected: string[];
  unit: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const officers = useQuery(trpc.officers.list.queryOptions({}));
  const [officer, setOfficer] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const reassign = useMutation(
    trpc.cases.reassign.mutationOptions({
      onSuccess: (result) => {
        setDone(
          `Đã phân công lại ${result.assigned} việc` +
            (result.unchanged > 0
              ? `; ${result.unchanged} việc đã do chấp hành viên này thụ lý, không đổi`
              : '') +
            '.',
        );
        onDone();
        void queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
      },
    }),
  );
  const choices = (officers.data ?? []).filter((o) => o.active && o.unit === unit);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    reassign.mutate({
      caseIds: selected,
      officer,
      ...(decisionNo.trim() ? { decisionNo: decisionNo.trim() } : {}),
    });
  };
  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Phân công lại các việc đã chọn ({selected.length} việc)</h3>
      <div className="field">
        <label htmlFor={`${id}-officer`}>Chấp hành viên nhận việc</label>
        <select
          id={`${id}-officer`}
          required
          value={officer}
          onChange={(e) => setOfficer(e.target.value)}
        >
          <option value="">— chọn chấp hành viên —</option>
          {choices.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-decision`}>Số quyết định phân công (nếu có)</label>
        <input
          id={`${id}-decision`}
          value={decisionNo}
          maxLength={200}
          onChange={(e) => setDecisionNo(e.target.value)}
        />
      </div>
      <button
        type="submit"
        disabled={selected.length === 0 || officer === '' || reassign.isPending}
      >
        Phân công lại
      </button>
      <p className="form-message hint">Ngày phân công là hôm nay; tất cả hoặc không việc nào.</p>
      {reassign.isError ? (
        <p role="alert" className="error form-message">
          {reassign.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}
