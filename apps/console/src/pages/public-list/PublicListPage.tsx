/**
 * The console page of the public list of "chưa có điều kiện" debtors (statistics.md §11, issue 10):
 * the publication queue, the reconciliation with the statistics per unit and period (V12), the
 * re-verification due list, the address withholding and the automatic-publication setting.
 *
 * Who sees what follows the API (packages/api/src/routers/public-list.ts): the Cục manager gets the
 * write actions; branch roles and leadership read their units; an officer gets the re-verification
 * list of their own cases only. The server enforces all of it; the page only hides what would fail.
 */
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isoDate, type Scope } from '@thads/domain';
import {
  SCOPE_LABELS_VI,
  flattenUnitTree,
  monthLabelVi,
  useTRPC,
  workingPeriodOf,
  type UnitOption,
} from '@thads/ui';
import { useId, useMemo, useState, type ReactNode } from 'react';
import './public-list.css';
import {
  EntriesTable,
  QueueTable,
  ReconciliationTables,
  ReverificationTable,
  WithholdingList,
} from './views.js';

export type PublicListSection =
  'queue' | 'reconciliation' | 'reverification' | 'withholding' | 'settings';

export const SECTION_LABELS_VI: Readonly<Record<PublicListSection, string>> = {
  queue: 'Chờ công khai',
  reconciliation: 'Đối chiếu với thống kê',
  reverification: 'Xác minh lại',
  withholding: 'Không công khai địa chỉ',
  settings: 'Tự động công khai',
};

/** The sections a role may open: writes for the Cục manager, reads for the rest. */
export function sectionsFor(role: string | null): PublicListSection[] {
  if (role === 'officer') return ['reverification'];
  if (role === 'cuc_manager')
    return ['queue', 'reconciliation', 'reverification', 'withholding', 'settings'];
  return ['queue', 'reconciliation', 'reverification'];
}

export interface PublicListPageProps {
  /** Today, read by the app at start-up. */
  today: Date;
  /** The section to open first. */
  initialSection?: PublicListSection;
}

function todayIso(today: Date): string {
  return isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
}

function UnitPicker({
  units,
  value,
  onChange,
}: {
  units: readonly UnitOption[];
  value: string;
  onChange: (unit: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Đơn vị</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
          </option>
        ))}
      </select>
    </div>
  );
}

function Failure({ what, error }: { what: string; error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="error">
      {what}: {error.message}
    </p>
  ) : null;
}

export function PublicListPage({ today, initialSection }: PublicListPageProps) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const role = me.data?.role ?? null;
  const sections = sectionsFor(role);
  const [picked, setPicked] = useState<PublicListSection | null>(initialSection ?? null);
  const section = picked !== null && sections.includes(picked) ? picked : sections[0]!;
  const [unitPicked, setUnit] = useState<string | null>(null);
  const unit = unitPicked ?? me.data?.unit ?? units[0]?.code ?? null;

  if (unitsQuery.isPending || me.isPending) return <p role="status">Đang tải…</p>;
  if (unitsQuery.isError)
    return <p role="alert">Không tải được danh sách đơn vị: {unitsQuery.error.message}</p>;
  if (unit === null) return <p role="status">Chưa có đơn vị nào trong hệ thống.</p>;

  const isManager = role === 'cuc_manager';
  let body: ReactNode;
  switch (section) {
    case 'queue':
      body = <QueueSection unit={unit} today={todayIso(today)} canConfirm={isManager} />;
      break;
    case 'reconciliation':
      body = <ReconciliationSection unit={unit} today={today} canWithdraw={isManager} />;
      break;
    case 'reverification':
      body = <ReverificationSection unit={unit} />;
      break;
    case 'withholding':
      body = <WithholdingSection unit={unit} />;
      break;
    case 'settings':
      body = <SettingsSection today={todayIso(today)} />;
      break;
  }

  return (
    <section className="public-list-page" aria-labelledby="public-list-title">
      <h2 id="public-list-title">Danh sách công khai người chưa có điều kiện thi hành</h2>
      <p>
        Trang công khai: <a href="/cong-khai">/cong-khai</a> · Tải danh sách đang công khai:{' '}
        <a href="/cong-khai/export.csv">CSV</a> · <a href="/cong-khai/export.xlsx">Excel (XLSX)</a>
      </p>
      <nav aria-label="Các mục của danh sách công khai" className="section-nav">
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === section ? 'page' : undefined}
                onClick={() => setPicked(s)}
              >
                {SECTION_LABELS_VI[s]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {section !== 'settings' ? <UnitPicker units={units} value={unit} onChange={setUnit} /> : null}
      {body}
    </section>
  );
}

function useInvalidatePublicList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.publicList.pathKey() });
}

function QueueSection({
  unit,
  today,
  canConfirm,
}: {
  unit: string;
  today: string;
  canConfirm: boolean;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePublicList();
  const queue = useQuery(trpc.publicList.entries.queryOptions({ unit, statuses: ['awaiting'] }));
  const confirm = useMutation(trpc.publicList.confirm.mutationOptions({ onSuccess: invalidate }));
  const confirmAll = useMutation(
    trpc.publicList.confirmMany.mutationOptions({ onSuccess: invalidate }),
  );
  if (queue.isPending) return <p role="status">Đang tải…</p>;
  if (queue.isError) return <Failure what="Không tải được danh sách" error={queue.error} />;
  // The API takes at most 1000 entries a call: the rest stay in the queue for the next press.
  const batch = queue.data.slice(0, 1000);
  return (
    <>
      <Failure what="Không xác nhận được" error={confirm.error ?? confirmAll.error} />
      {canConfirm && batch.length > 1 ? (
        <p>
          <button
            type="button"
            disabled={confirmAll.isPending}
            onClick={() =>
              confirmAll.mutate({
                entries: batch.map((e) => ({
                  caseId: e.caseId,
                  decisionNo: e.decisionNo,
                  decisionDate: e.decisionDate,
                })),
                publishedOn: today,
              })
            }
          >
            {`Xác nhận công khai ${batch.length} quyết định từ hôm nay`}
          </button>
        </p>
      ) : null}
      <QueueTable
        entries={queue.data}
        today={today}
        busy={confirm.isPending || confirmAll.isPending}
        {...(canConfirm
          ? {
              onConfirm: (e, publishedOn) =>
                confirm.mutate({
                  caseId: e.caseId,
                  decisionNo: e.decisionNo,
                  decisionDate: e.decisionDate,
                  publishedOn,
                }),
            }
          : {})}
      />
    </>
  );
}

function ReconciliationSection({
  unit,
  today,
  canWithdraw,
}: {
  unit: string;
  today: Date;
  canWithdraw: boolean;
}) {
  const id = useId();
  const trpc = useTRPC();
  const invalidate = useInvalidatePublicList();
  const initial = workingPeriodOf(today);
  const [year, setYear] = useState(initial.year);
  const [month, setMonth] = useState(initial.month);
  const [scope, setScope] = useState<Scope>('total');
  const data = useQuery(
    trpc.publicList.reconciliation.queryOptions(
      Number.isInteger(year) && year >= 2000 && year <= 2100
        ? { unit, scope, year, month }
        : skipToken,
    ),
  );
  const withdraw = useMutation(
    trpc.publicList.withdrawRecord.mutationOptions({ onSuccess: invalidate }),
  );
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-year`}>Năm công tác</label>
          <input
            id={`${id}-year`}
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-month`}>Kỳ báo cáo</label>
          <select
            id={`${id}-month`}
            value={month}
            onChange={(e) => setMonth(Number(e.target.value))}
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {monthLabelVi(year, m)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>Phạm vi</label>
          <select
            id={`${id}-scope`}
            value={scope}
            onChange={(e) => setScope(e.target.value as Scope)}
          >
            {(['total', 'own'] as const).map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS_VI[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Failure what="Không gỡ được bản ghi" error={withdraw.error} />
      {data.isError ? (
        <Failure what="Không tải được đối chiếu" error={data.error} />
      ) : data.data ? (
        <ReconciliationTables
          data={data.data}
          busy={withdraw.isPending}
          {...(canWithdraw
            ? {
                onWithdraw: (r, reason) =>
                  withdraw.mutate({
                    caseId: r.caseId,
                    decisionNo: r.decisionNo,
                    decisionDate: r.decisionDate,
                    reason,
                  }),
              }
            : {})}
        />
      ) : (
        <p role="status">Đang tải…</p>
      )}
    </>
  );
}

function ReverificationSection({ unit }: { unit: string }) {
  const id = useId();
  const trpc = useTRPC();
  const officers = useQuery(trpc.officers.list.queryOptions({ unit }));
  const [officer, setOfficer] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useQuery(
    trpc.publicList.reverification.queryOptions({
      unit,
      overdueOnly,
      ...(officer === '' ? {} : { officer: officer === '-' ? null : officer }),
    }),
  );
  const names = new Map((officers.data ?? []).map((o) => [o.code, o.name]));
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên</label>
          <select id={`${id}-officer`} value={officer} onChange={(e) => setOfficer(e.target.value)}>
            <option value="">Tất cả</option>
            {(officers.data ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code})
              </option>
            ))}
            <option value="-">Chưa phân công</option>
          </select>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={overdueOnly}
              onChange={(e) => setOverdueOnly(e.target.checked)}
            />{' '}
            Chỉ các việc quá hạn
          </label>
        </div>
      </div>
      {list.isError ? (
        <Failure what="Không tải được danh sách" error={list.error} />
      ) : list.data ? (
        <ReverificationTable
          rows={list.data}
          officerName={(code) =>
            code === null ? 'Chưa phân công' : `${names.get(code) ?? code} (${code})`
          }
        />
      ) : (
        <p role="status">Đang tải…</p>
      )}
    </>
  );
}

function WithholdingSection({ unit }: { unit: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidatePublicList();
  const entries = useQuery(
    trpc.publicList.entries.queryOptions({
      unit,
      statuses: ['awaiting', 'scheduled', 'published'],
    }),
  );
  const withhold = useMutation(
    trpc.publicList.withholdAddress.mutationOptions({ onSuccess: invalidate }),
  );
  const release = useMutation(
    trpc.publicList.releaseAddress.mutationOptions({ onSuccess: invalidate }),
  );
  if (entries.isPending) return <p role="status">Đang tải…</p>;
  if (entries.isError) return <Failure what="Không tải được danh sách" error={entries.error} />;
  return (
    <>
      <Failure what="Không lưu được" error={withhold.error ?? release.error} />
      <WithholdingList
        entries={entries.data}
        busy={withhold.isPending || release.isPending}
        onWithhold={(caseId, reason) => withhold.mutate({ caseId, reason })}
        onRelease={(caseId, reason) => release.mutate({ caseId, reason })}
      />
      <EntriesTable entries={entries.data} caption="Các quyết định đang trong danh sách" />
    </>
  );
}

function SettingsSection({ today }: { today: string }) {
  const id = useId();
  const trpc = useTRPC();
  const invalidate = useInvalidatePublicList();
  const settings = useQuery(trpc.publicList.settings.queryOptions());
  const [from, setFrom] = useState(today);
  const save = useMutation(
    trpc.publicList.setAutoPublish.mutationOptions({ onSuccess: invalidate }),
  );
  if (settings.isPending) return <p role="status">Đang tải…</p>;
  if (settings.isError) return <Failure what="Không tải được thiết lập" error={settings.error} />;
  const current = settings.data.autoPublishFrom;
  return (
    <div className="settings">
      <p role="status">
        {current
          ? `Đang tự động công khai mọi quyết định chưa có điều kiện thi hành từ ngày ${current.split('-').reverse().join('/')}, vào ngày ra quyết định.`
          : 'Cục xác nhận công khai từng quyết định (không tự động).'}
      </p>
      <Failure what="Không lưu được" error={save.error} />
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ autoPublishFrom: from });
        }}
      >
        <label htmlFor={`${id}-from`}>Tự động công khai các quyết định từ ngày</label>
        <input
          id={`${id}-from`}
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <button type="submit" disabled={save.isPending}>
          Bật tự động công khai
        </button>
      </form>
      {current ? (
        <button
          type="button"
          disabled={save.isPending}
          onClick={() => save.mutate({ autoPublishFrom: null })}
        >
          Tắt tự động công khai
        </button>
      ) : null}
      {save.data ? (
        <p role="status">
          Đã lưu; {save.data.recorded} quyết định được giữ nguyên ngày công khai tự động.
        </p>
      ) : null}
    </div>
  );
}
