/**
 * Rà soát, phân loại hồ sơ (issue 7): for a working year, the cases in the year's books of a unit
 * (an officer account: the cases it holds), each with its classification (mode, judgment type,
 * steering flags) as controls to confirm or correct, and the progress "Đã rà soát 412 / 530".
 * Unit heads see each officer's progress, the Cục each unit's.
 *
 * Keyboard: every control is a native, labelled one in reading order; "Xác nhận" records the row
 * as shown (a confirmation, or a correction when a control was changed) and moves the focus to
 * the next row's first control; "Xác nhận cả trang" records every row of the page not yet
 * reviewed. Filters and the page live in the address.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CASE_FLAGS,
  CASE_FLAG_LABELS_VI,
  JUDGMENT_TYPES,
  JUDGMENT_TYPE_LABELS_VI,
  formatViInteger,
  reviewProgressVi,
  workingYearOf,
  type CaseFlag,
  type JudgmentType,
  type Role,
} from '@thads/domain';
import {
  flattenUnitTree,
  formatMoney,
  useTRPC,
  type CurrentUser,
  type RouterInputs,
  type RouterOutputs,
} from '@thads/ui';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { UnitSelect } from '../targets/controls.js';
import { CASE_STATE_LABELS_VI, casePath, viDate, viDateTime } from '../registry/format.js';
import '../registry/registry.css';
import './classification.css';

type ListInput = RouterInputs['classification']['reviewList'];
type Row = RouterOutputs['classification']['reviewList']['rows'][number];
type Mode = 'chu_dong' | 'theo_yeu_cau';

interface Draft {
  mode: '' | Mode;
  judgmentType: '' | JudgmentType;
  flags: CaseFlag[];
}

const REVIEWERS: readonly Role[] = ['cuc_manager', 'unit_head', 'clerk', 'officer'];
const UNASSIGNED = '__none__';
const PAGE_SIZES = [20, 50, 100, 200];

/** "Đã rà soát 412 / 530" (the domain's phrase, capitalised for a heading). */
function progressText(p: { reviewed: number; total: number }): string {
  const text = reviewProgressVi(p.reviewed, p.total);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function percent(p: { reviewed: number; total: number }): string {
  if (p.total === 0) return '–';
  return `${((p.reviewed * 100) / p.total).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}

function draftOf(row: Row): Draft {
  const c = row.classification;
  return { mode: c.mode ?? '', judgmentType: c.judgmentType ?? '', flags: c.flags as CaseFlag[] };
}

interface Filters {
  unit: string;
  year: string;
  officer: string;
  status: string;
  mode: string;
  judgmentType: string;
  flag: string;
  q: string;
}

export function ReviewPage({ user, today }: { user: CurrentUser; today: Date }) {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const [params, setParams] = useSearchParams();
  if (unitsQuery.isPending) return <p role="status">Đang tải…</p>;
  if (unitsQuery.isError)
    return (
      <p role="alert" className="error">
        Không tải được danh sách đơn vị: {unitsQuery.error.message}
      </p>
    );
  const defaultUnit = user.unit ?? units[0]?.code ?? '';
  const isoToday = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const filters: Filters = {
    unit: params.get('unit') ?? defaultUnit,
    year: params.get('year') ?? String(workingYearOf(isoToday)),
    officer: params.get('officer') ?? '',
    status: params.get('status') ?? '',
    mode: params.get('mode') ?? '',
    judgmentType: params.get('judgmentType') ?? '',
    flag: params.get('flag') ?? '',
    q: params.get('q') ?? '',
  };
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
  const year = Number(filters.year);
  const isOfficer = user.role === 'officer';
  return (
    <section className="registry-page review-page" aria-labelledby="review-title">
      <h2 id="review-title">Rà soát, phân loại hồ sơ năm {filters.year}</h2>
      <p className="hint">
        Các việc trong sổ năm công tác {filters.year} (từ 01/10/{year - 1}): đang thi hành, hoặc đã
        kết thúc trong năm. Xác nhận phân loại hiện có, hoặc sửa rồi xác nhận.
      </p>
      <FilterForm
        key={params.toString()}
        initial={filters}
        units={units}
        isOfficer={isOfficer}
        onSubmit={(f) => go({ ...f, q: f.q.trim(), page: null })}
      />
      {Number.isInteger(year) ? (
        <>
          {!isOfficer ? <ProgressPanel unit={filters.unit} year={year} /> : null}
          <ReviewTable
            user={user}
            filters={filters}
            year={year}
            page={page}
            pageSize={pageSize}
            onPage={(p, size) => go({ page: p === 1 ? null : String(p), pageSize: String(size) })}
          />
        </>
      ) : (
        <p role="alert" className="error">
          Năm công tác không hợp lệ.
        </p>
      )}
    </section>
  );
}

function FilterForm({
  initial,
  units,
  isOfficer,
  onSubmit,
}: {
  initial: Filters;
  units: ReturnType<typeof flattenUnitTree>;
  isOfficer: boolean;
  onSubmit: (f: Filters) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [f, setF] = useState(initial);
  const officers = useQuery({ ...trpc.officers.list.queryOptions({}), enabled: !isOfficer });
  const set = (key: keyof Filters) => (value: string) => setF({ ...f, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(f);
  };
  return (
    <form
      className="filters review-filters"
      onSubmit={submit}
      aria-label="Lọc các việc cần rà soát"
    >
      {isOfficer ? null : (
        <UnitSelect
          units={units}
          value={f.unit}
          onChange={(u) => setF({ ...f, unit: u, officer: '' })}
        />
      )}
      <div className="field">
        <label htmlFor={`${id}-year`}>Năm công tác</label>
        <input
          id={`${id}-year`}
          type="number"
          inputMode="numeric"
          min={2000}
          max={2100}
          required
          value={f.year}
          onChange={(e) => set('year')(e.target.value)}
        />
      </div>
      {isOfficer ? null : (
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên đang thụ lý</label>
          <select
            id={`${id}-officer`}
            value={f.officer}
            onChange={(e) => set('officer')(e.target.value)}
          >
            <option value="">Tất cả</option>
            <option value={UNASSIGNED}>Chưa phân công</option>
            {(officers.data ?? [])
              .filter((o) => o.unit === f.unit)
              .map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                </option>
              ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-status`}>Tình trạng rà soát</label>
        <select
          id={`${id}-status`}
          value={f.status}
          onChange={(e) => set('status')(e.target.value)}
        >
          <option value="">Tất cả</option>
          <option value="pending">Chưa rà soát</option>
          <option value="reviewed">Đã rà soát</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>Loại việc</label>
        <select id={`${id}-mode`} value={f.mode} onChange={(e) => set('mode')(e.target.value)}>
          <option value="">Tất cả</option>
          <option value="chu_dong">Chủ động</option>
          <option value="theo_yeu_cau">Theo yêu cầu</option>
          <option value="none">Chưa phân loại</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Loại bản án</label>
        <select
          id={`${id}-type`}
          value={f.judgmentType}
          onChange={(e) => set('judgmentType')(e.target.value)}
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
        <select id={`${id}-flag`} value={f.flag} onChange={(e) => set('flag')(e.target.value)}>
          <option value="">Tất cả</option>
          {CASE_FLAGS.map((fl) => (
            <option key={fl} value={fl}>
              {CASE_FLAG_LABELS_VI[fl]}
            </option>
          ))}
          <option value="none">Không có dấu hiệu nào</option>
        </select>
      </div>
      <div className="field search-field">
        <label htmlFor={`${id}-q`}>Tìm mã việc, người phải thi hành án, số quyết định</label>
        <input
          id={`${id}-q`}
          type="search"
          maxLength={200}
          value={f.q}
          onChange={(e) => set('q')(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit">Lọc</button>
      </div>
    </form>
  );
}

/** Each officer's (a unit without units under it) or each unit's (the Cục) progress. */
function ProgressPanel({ unit, year }: { unit: string; year: number }) {
  const trpc = useTRPC();
  const progress = useQuery(trpc.classification.reviewProgress.queryOptions({ year, unit }));
  if (progress.isError)
    return (
      <p role="alert" className="error">
        Không tải được tiến độ rà soát: {progress.error.message}
      </p>
    );
  if (!progress.data) return <p role="status">Đang tải tiến độ…</p>;
  const p = progress.data;
  return (
    <table className="data-table review-progress" aria-label="Tiến độ rà soát">
      <thead>
        <tr>
          <th scope="col">{p.by === 'unit' ? 'Đơn vị' : 'Chấp hành viên'}</th>
          <th scope="col" className="num">
            Đã rà soát
          </th>
          <th scope="col" className="num">
            Số việc
          </th>
          <th scope="col" className="num">
            Tỷ lệ
          </th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr key={r.key ?? '__none__'}>
            <th scope="row">
              {r.key && p.by === 'officer'
                ? `${r.name} (${r.key})`
                : r.key === unit
                  ? `${r.name} (văn phòng)`
                  : r.name}
            </th>
            <td className="num">{formatViInteger(r.reviewed)}</td>
            <td className="num">{formatViInteger(r.total)}</td>
            <td className="num">{percent(r)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Cộng</th>
          <td className="num">{formatViInteger(p.whole.reviewed)}</td>
          <td className="num">{formatViInteger(p.whole.total)}</td>
          <td className="num">{percent(p.whole)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function ReviewTable({
  user,
  filters,
  year,
  page,
  pageSize,
  onPage,
}: {
  user: CurrentUser;
  filters: Filters;
  year: number;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input: ListInput = {
    year,
    unit: filters.unit,
    page,
    pageSize,
    ...(filters.officer === UNASSIGNED
      ? { unassigned: true }
      : filters.officer
        ? { officer: filters.officer }
        : {}),
    ...(filters.status ? { status: filters.status as 'pending' | 'reviewed' } : {}),
    ...(filters.mode ? { mode: filters.mode as ListInput['mode'] } : {}),
    ...(filters.judgmentType ? { judgmentType: filters.judgmentType } : {}),
    ...(filters.flag ? { flag: filters.flag } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
  const list = useQuery({
    ...trpc.classification.reviewList.queryOptions(input),
    placeholderData: (p) => p,
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [message, setMessage] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const canReview = REVIEWERS.includes(user.role);
  const review = useMutation(
    trpc.classification.review.mutationOptions({
      onSuccess: (result, sent) => {
        setMessage(
          `Đã ghi: ${formatViInteger(result.confirmed)} việc xác nhận, ${formatViInteger(result.corrected)} việc sửa phân loại.`,
        );
        // Only the rows recorded lose their edits; edits of other rows stay until saved.
        const done = new Set(sent.reviews.map((x) => x.caseId));
        setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !done.has(id))));
        void queryClient.invalidateQueries({ queryKey: trpc.classification.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      },
    }),
  );
  // After a row is recorded, the focus goes to the next row's first control.
  useEffect(() => {
    const next = focusNext.current;
    if (next === null || !table.current || review.isPending) return;
    const target = table.current.querySelector<HTMLElement>(
      `tr[data-case="${CSS.escape(next)}"] select`,
    );
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  }, [list.data, review.isPending]);

  if (list.isError)
    return (
      <p role="alert" className="error">
        Không tải được danh sách việc: {list.error.message}
      </p>
    );
  if (!list.data) return <p role="status">Đang tải danh sách việc…</p>;
  const { rows, count, progress } = list.data;
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const draft = (r: Row) => drafts[r.id] ?? draftOf(r);
  const setDraft = (r: Row, d: Draft) => setDrafts({ ...drafts, [r.id]: d });
  const send = (targets: Row[], nextFocus: string | null) => {
    setMessage(null);
    focusNext.current = nextFocus;
    review.mutate({
      year,
      reviews: targets.map((r) => {
        const d = draft(r);
        return {
          caseId: r.id,
          mode: d.mode === '' ? null : d.mode,
          judgmentType: d.judgmentType === '' ? null : d.judgmentType,
          flags: d.flags,
        };
      }),
    });
  };
  const pending = rows.filter((r) => r.review === null);

  return (
    <div aria-busy={list.isFetching}>
      <div className="review-summary">
        <p role="status" data-testid="review-progress">
          <strong>{progressText(progress)}</strong>
        </p>
        <progress
          max={Math.max(progress.total, 1)}
          value={progress.reviewed}
          aria-label="Tiến độ rà soát"
        />
        <p className="result-count">{formatViInteger(count)} việc theo bộ lọc</p>
      </div>
      {canReview ? (
        <p className="row-actions">
          <button
            type="button"
            disabled={pending.length === 0 || review.isPending}
            onClick={() => send(pending, null)}
          >
            Xác nhận cả trang ({formatViInteger(pending.length)} việc chưa rà soát)
          </button>
        </p>
      ) : null}
      {review.isError ? (
        <p role="alert" className="error form-message">
          {review.error.message}
        </p>
      ) : message ? (
        <p role="status" className="form-message">
          {message}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table review-table" ref={table}>
          <caption className="visually-hidden">Các việc cần rà soát, phân loại</caption>
          <thead>
            <tr>
              <th scope="col">Mã việc</th>
              <th scope="col">Người phải thi hành án</th>
              <th scope="col">Thụ lý</th>
              <th scope="col" className="num">
                Phải thi hành
              </th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Loại việc</th>
              <th scope="col">Loại bản án</th>
              <th scope="col">Dấu hiệu</th>
              <th scope="col">Rà soát</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9}>Không có việc nào.</td>
              </tr>
            ) : (
              rows.map((r, i) => {
                const d = draft(r);
                const changed = drafts[r.id] !== undefined;
                const next = rows[i + 1]?.id ?? null;
                return (
                  <tr key={r.id} data-case={r.id} className={r.review ? 'reviewed' : undefined}>
                    <td>
                      <Link to={casePath(r.id)}>{r.id}</Link>
                    </td>
                    <td>{r.debtorName ?? '–'}</td>
                    <td>{viDate(r.receivedOn)}</td>
                    <td className="num">{formatMoney(r.amount)}</td>
                    <td>
                      {CASE_STATE_LABELS_VI[r.state as keyof typeof CASE_STATE_LABELS_VI] ??
                        r.state}
                    </td>
                    <td>
                      <select
                        aria-label={`Loại việc của việc ${r.id}`}
                        value={d.mode}
                        disabled={!canReview}
                        onChange={(e) =>
                          setDraft(r, { ...d, mode: e.target.value as Draft['mode'] })
                        }
                      >
                        <option value="">Chưa phân loại</option>
                        <option value="chu_dong">Chủ động</option>
                        <option value="theo_yeu_cau">Theo yêu cầu</option>
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Loại bản án của việc ${r.id}`}
                        value={d.judgmentType}
                        disabled={!canReview}
                        onChange={(e) =>
                          setDraft(r, {
                            ...d,
                            judgmentType: e.target.value as Draft['judgmentType'],
                          })
                        }
                      >
                        <option value="">Chưa phân loại</option>
                        {JUDGMENT_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {JUDGMENT_TYPE_LABELS_VI[t]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <fieldset className="flag-boxes">
                        <legend className="visually-hidden">Dấu hiệu của việc {r.id}</legend>
                        {CASE_FLAGS.map((f) => (
                          <label key={f}>
                            <input
                              type="checkbox"
                              disabled={!canReview}
                              checked={d.flags.includes(f)}
                              onChange={(e) =>
                                setDraft(r, {
                                  ...d,
                                  flags: e.target.checked
                                    ? CASE_FLAGS.filter((x) => x === f || d.flags.includes(x))
                                    : d.flags.filter((x) => x !== f),
                                })
                              }
                            />{' '}
                            {CASE_FLAG_LABELS_VI[f]}
                          </label>
                        ))}
                      </fieldset>
                    </td>
                    <td>
                      {r.review ? (
                        <p className="review-done">
                          {r.review.result === 'corrected' ? 'Đã sửa' : 'Đã xác nhận'} ·{' '}
                          {r.review.reviewedBy} · {viDateTime(r.review.reviewedAt)}
                        </p>
                      ) : (
                        <p className="review-pending">Chưa rà soát</p>
                      )}
                      {canReview ? (
                        <button
                          type="button"
                          disabled={review.isPending}
                          aria-label={`${changed ? 'Lưu phân loại đã sửa' : 'Xác nhận phân loại'} của việc ${r.id}`}
                          onClick={() => send([r], next)}
                        >
                          {changed ? 'Lưu sửa' : 'Xác nhận'}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Trang">
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1, pageSize)}>
          Trang trước
        </button>
        <span>
          Trang {formatViInteger(page)} / {formatViInteger(pages)}
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
