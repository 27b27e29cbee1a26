/**
 * Plan coverage (độ bao phủ kế hoạch): for a unit alone, every officer's open cases, how many have
 * a plan and how many not, and the overdue measures; for the Cục with its Chi cục, the same per
 * unit. Below, the cases without a plan and the overdue measures, searchable and by pages, for the
 * whole unit or the officer picked in the table.
 */
import { useQuery } from '@tanstack/react-query';
import {
  flattenUnitTree,
  formatRate,
  useTRPC,
  type CurrentUser,
  type RouterOutputs,
} from '@thads/ui';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { UnitSelect } from '../targets/controls.js';
import '../registry/registry.css';
import './plans.css';
import { OverdueList, UncoveredList } from './lists.js';

type Coverage = RouterOutputs['plans']['coverage'];
type Row = Coverage['rows'][number];

export function CoveragePage({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? user.unit ?? units[0]?.code ?? '';
  const scope = params.get('scope') === 'own' ? 'own' : 'total';
  const officer = params.get('officer') ?? '';
  const coverage = useQuery({
    ...trpc.plans.coverage.queryOptions({ unit, scope }),
    enabled: unit !== '',
  });
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  // Depth first, parents before children: a unit has units under it when the next one is deeper.
  const index = units.findIndex((u) => u.code === unit);
  const hasChildren = index >= 0 && (units[index + 1]?.depth ?? -1) > units[index]!.depth;
  if (unitsQuery.isPending) return <p role="status">Đang tải…</p>;
  const byOfficer = coverage.data?.by === 'officer';
  const listUnit = officer !== '' && !byOfficer ? officer : unit;
  const listScope: 'own' | 'total' = officer !== '' && !byOfficer ? 'own' : scope;
  const listOfficer = byOfficer && officer !== '' ? officer : undefined;
  return (
    <section className="registry-page coverage-page" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Kế hoạch thi hành án: độ bao phủ</h2>
      <div className="filters">
        <UnitSelect units={units} value={unit} onChange={(u) => go({ unit: u, officer: null })} />
        {hasChildren ? (
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={scope === 'total'}
                onChange={(e) => go({ scope: e.target.checked ? null : 'own', officer: null })}
              />{' '}
              Gồm các đơn vị trực thuộc (xem theo đơn vị)
            </label>
          </div>
        ) : null}
      </div>
      {coverage.isError ? (
        <p role="alert" className="error">
          Không tải được: {coverage.error.message}
        </p>
      ) : !coverage.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <CoverageTable
          data={coverage.data}
          selected={officer}
          onSelect={(key) => go({ officer: key })}
        />
      )}
      {coverage.data ? (
        <>
          <h3>
            Việc chưa có kế hoạch
            {officer !== '' ? ` – ${nameOf(coverage.data, officer)}` : ''}
          </h3>
          <UncoveredList
            key={`u-${listUnit}-${listScope}-${officer}`}
            unit={listUnit}
            scope={listScope}
            {...(listOfficer !== undefined ? { officer: listOfficer } : {})}
            testId="coverage-uncovered"
          />
          <h3>
            Biện pháp quá hạn
            {officer !== '' ? ` – ${nameOf(coverage.data, officer)}` : ''}
          </h3>
          <OverdueList
            key={`o-${listUnit}-${listScope}-${officer}`}
            unit={listUnit}
            scope={listScope}
            {...(listOfficer !== undefined ? { officer: listOfficer } : {})}
            testId="coverage-overdue"
          />
        </>
      ) : null}
    </section>
  );
}

const NONE = '__none__';

function nameOf(data: Coverage, key: string): string {
  return data.rows.find((r) => (r.key ?? NONE) === key)?.name ?? key;
}

function CoverageTable({
  data,
  selected,
  onSelect,
}: {
  data: Coverage;
  selected: string;
  onSelect: (key: string | null) => void;
}) {
  const who = data.by === 'officer' ? 'Chấp hành viên' : 'Đơn vị';
  const cells = (r: Row) => (
    <>
      <td className="num">{r.openCases.toLocaleString('vi-VN')}</td>
      <td className="num">{r.casesWithPlan.toLocaleString('vi-VN')}</td>
      <td className="num">{r.casesWithoutPlan.toLocaleString('vi-VN')}</td>
      <td className="num">{formatRate(r.rate)}</td>
      <td className="num">{r.openMeasures.toLocaleString('vi-VN')}</td>
      <td className="num">{r.overdueMeasures.toLocaleString('vi-VN')}</td>
      <td className="num">{r.casesWithOverdue.toLocaleString('vi-VN')}</td>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="data-table coverage-table">
        <caption>
          {data.by === 'officer' ? 'Theo chấp hành viên' : 'Theo đơn vị'} · quá hạn tính đến hôm nay
        </caption>
        <thead>
          <tr>
            <th scope="col">{who}</th>
            <th scope="col" className="num">
              Việc đang thi hành
            </th>
            <th scope="col" className="num">
              Có kế hoạch
            </th>
            <th scope="col" className="num">
              Chưa có kế hoạch
            </th>
            <th scope="col" className="num">
              Tỷ lệ có kế hoạch
            </th>
            <th scope="col" className="num">
              Biện pháp chưa xong
            </th>
            <th scope="col" className="num">
              Biện pháp quá hạn
            </th>
            <th scope="col" className="num">
              Việc có biện pháp quá hạn
            </th>
          </tr>
        </thead>
        <tbody data-testid="coverage-rows">
          {data.rows.map((r) => {
            const key = r.key ?? NONE;
            return (
              <tr key={key} aria-selected={selected === key}>
                <th scope="row">
                  <button
                    type="button"
                    className="sort"
                    onClick={() => onSelect(selected === key ? null : key)}
                  >
                    {r.name}
                    {r.key ? ` (${r.key})` : ''}
                  </button>
                </th>
                {cells(r)}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{data.total.name}</th>
            {cells(data.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
