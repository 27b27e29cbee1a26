/**
 * The audit trail (admin, cuc_manager, leadership): filters by user, unit (with the units under
 * it), entity and dates, newest first, a page at a time; each record's values before and after;
 * and the hash-chain check of `pnpm thads audit verify`.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { flattenUnitTree, formatCount, useTRPC, type RouterInputs } from '@thads/ui';
import { useMemo, useState, type FormEvent } from 'react';
import { actionLabel, entityLabel, formatAuditTime, prettyJson } from './labels.js';

type Filter = Omit<RouterInputs['audit']['list'], 'page' | 'pageSize'>;

const PAGE_SIZE = 50;

function VerifyChain() {
  const trpc = useTRPC();
  const [asked, setAsked] = useState(false);
  const verify = useQuery(trpc.audit.verify.queryOptions(asked ? undefined : skipToken));
  return (
    <div className="pager">
      <button type="button" onClick={() => (asked ? void verify.refetch() : setAsked(true))}>
        Kiểm tra chuỗi băm
      </button>
      {verify.isFetching ? (
        <span role="status">Đang kiểm tra…</span>
      ) : verify.data?.ok ? (
        <span role="status" className="success">
          Nguyên vẹn: {formatCount(verify.data.count)} bản ghi.
        </span>
      ) : verify.data ? (
        <span role="alert" className="error">
          Không nguyên vẹn từ bản ghi số {verify.data.brokenSeq}: {verify.data.reason}
        </span>
      ) : null}
    </div>
  );
}

export function AuditPage() {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const entitiesQuery = useQuery(trpc.audit.entities.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const [draft, setDraft] = useState({ actor: '', unit: '', entity: '', from: '', to: '' });
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.audit.list.queryOptions({ ...filter, page, pageSize: PAGE_SIZE }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Filter = {};
    if (draft.actor.trim()) next.actor = draft.actor.trim();
    if (draft.unit) next.unit = draft.unit;
    if (draft.entity) next.entity = draft.entity;
    if (draft.from) next.from = draft.from;
    if (draft.to) next.to = draft.to;
    setFilter(next);
    setPage(1);
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Nhật ký kiểm toán</h2>
      <form className="panel-form" onSubmit={apply} aria-label="Lọc nhật ký">
        <label>
          Người thực hiện
          <input
            value={draft.actor}
            placeholder="tên đăng nhập, cli…"
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
        </label>
        <div className="field">
          <label htmlFor="audit-unit">Đơn vị</label>
          <select
            id="audit-unit"
            value={draft.unit}
            onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
          >
            <option value="">Tất cả</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {'\u00a0\u00a0'.repeat(u.depth)}
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">Đối tượng</label>
          <select
            id="audit-entity"
            value={draft.entity}
            onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          >
            <option value="">Tất cả</option>
            {(entitiesQuery.data ?? []).map((e) => (
              <option key={e} value={e}>
                {entityLabel(e)}
              </option>
            ))}
          </select>
        </div>
        <label>
          Từ ngày
          <input
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          Đến ngày
          <input
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit">Lọc</button>
      </form>
      <VerifyChain />
      {list.isError ? (
        <p role="alert" className="error">
          Không tải được nhật ký: {list.error.message}
        </p>
      ) : !list.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <>
          <div className="pager" aria-live="polite">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Trang trước
            </button>
            <span data-testid="audit-page">
              Trang {formatCount(page)}/{formatCount(pages)} · {formatCount(list.data.total)} bản
              ghi
            </span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Trang sau
            </button>
          </div>
          <div className="table-scroll">
            <table className="data-table" aria-label="Nhật ký kiểm toán">
              <thead>
                <tr>
                  <th scope="col">Số</th>
                  <th scope="col">Thời điểm</th>
                  <th scope="col">Người thực hiện</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Đối tượng</th>
                  <th scope="col">Hành động</th>
                  <th scope="col">Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {list.data.records.map((r) => (
                  <tr key={r.seq} data-seq={r.seq}>
                    <td className="num">{formatCount(Number(r.seq))}</td>
                    <td>{formatAuditTime(r.at)}</td>
                    <td>{r.actor}</td>
                    <td>{r.unit ?? '–'}</td>
                    <td>
                      {entityLabel(r.entity)} {r.entityId}
                    </td>
                    <td>{actionLabel(r.action)}</td>
                    <td>
                      {r.before === null && r.after === null ? (
                        '–'
                      ) : (
                        <details>
                          <summary>Xem</summary>
                          {r.before !== null ? (
                            <>
                              <strong>Trước</strong>
                              <pre>{prettyJson(r.before)}</pre>
                            </>
                          ) : null}
                          {r.after !== null ? (
                            <>
                              <strong>Sau</strong>
                              <pre>{prettyJson(r.after)}</pre>
                            </>
                          ) : null}
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
