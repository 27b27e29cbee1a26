/**
 * Units (the hierarchy of the Cục and its Chi cục) and officers (chấp hành viên). The admin creates,
 * edits, deactivates and reactivates units; the admin and the unit heads (of their units) do the
 * same for officers. Nothing is deleted: a unit or an officer that stops working is deactivated and
 * keeps the history of its cases; an officer who leaves shows the open cases it still holds, with
 * a link to reassign them. Everyone else reads.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_KINDS, UNIT_KIND_LABELS_VI, type UnitKind } from '@thads/domain';
import {
  flattenUnitTree,
  useTRPC,
  type CurrentUser,
  type RouterOutputs,
  type UnitOption,
  type UnitTreeNode,
} from '@thads/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UnitSelect } from '../targets/controls.js';
import { caseListPath } from './format.js';
import './registry.css';

type Officer = RouterOutputs['officers']['withLoad'][number];

interface UnitRow extends UnitOption {
  kind: string;
  parent: string | null;
}

function unitRows(roots: readonly UnitTreeNode[]): UnitRow[] {
  const out: UnitRow[] = [];
  const walk = (nodes: readonly UnitTreeNode[], depth: number, parent: string | null) => {
    for (const n of nodes) {
      out.push({ code: n.code, name: n.name, depth, active: n.active, kind: n.kind, parent });
      walk(n.children, depth + 1, n.code);
    }
  };
  walk(roots, 0, null);
  return out;
}

export function UnitsPage({ user }: { user: CurrentUser }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.units.tree.queryOptions());
  const rows = useMemo(() => unitRows(tree.data ?? []), [tree.data]);
  const units = useMemo(() => flattenUnitTree(tree.data ?? []), [tree.data]);
  const [picked, setPicked] = useState<string | null>(null);
  if (tree.isPending) return <p role="status">Đang tải…</p>;
  if (tree.isError)
    return (
      <p role="alert" className="error">
        Không tải được danh sách đơn vị: {tree.error.message}
      </p>
    );
  const unit = picked ?? user.unit ?? rows[0]?.code ?? '';
  const isAdmin = user.role === 'admin';
  const managesOfficers = isAdmin || user.role === 'unit_head';
  return (
    <section className="registry-page" aria-labelledby="units-title">
      <h2 id="units-title">Đơn vị và chấp hành viên</h2>
      <section aria-labelledby="units-list">
        <h3 id="units-list">Đơn vị</h3>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên đơn vị</th>
                <th scope="col">Loại</th>
                <th scope="col">Tình trạng</th>
                {isAdmin ? <th scope="col">Sửa</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <UnitTableRow key={u.code} unit={u} units={rows} canEdit={isAdmin} />
              ))}
            </tbody>
          </table>
        </div>
        {isAdmin ? <UnitForm units={rows} /> : null}
      </section>
      <section aria-labelledby="officers-list">
        <h3 id="officers-list">Chấp hành viên</h3>
        <div className="filters">
          <UnitSelect units={units} value={unit} onChange={setPicked} />
        </div>
        {unit ? <OfficersTable unit={unit} canEdit={managesOfficers} units={units} /> : null}
        {managesOfficers && unit ? <OfficerForm unit={unit} /> : null}
      </section>
    </section>
  );
}

function useRefreshReference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.units.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.officers.pathKey() });
  };
}

function UnitTableRow({
  unit,
  units,
  canEdit,
}: {
  unit: UnitRow;
  units: readonly UnitRow[];
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [editing, setEditing] = useState(false);
  const setActive = useMutation(trpc.units.setActive.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <tr data-unit={unit.code}>
        <td>{unit.code}</td>
        <td>
          {'\u00a0\u00a0'.repeat(unit.depth)}
          {unit.name}
        </td>
        <td>{UNIT_KIND_LABELS_VI[unit.kind as UnitKind] ?? unit.kind}</td>
        <td>{unit.active ? 'Đang hoạt động' : 'Ngừng hoạt động'}</td>
        {canEdit ? (
          <td className="row-actions">
            <button
              type="button"
              aria-label={`Sửa đơn vị ${unit.code}`}
              onClick={() => setEditing(!editing)}
            >
              Sửa
            </button>
            <button
              type="button"
              disabled={setActive.isPending}
              onClick={() => setActive.mutate({ code: unit.code, active: !unit.active })}
            >
              {unit.active ? `Ngừng hoạt động ${unit.code}` : `Hoạt động lại ${unit.code}`}
            </button>
            {setActive.isError ? (
              <span role="alert" className="error">
                {setActive.error.message}
              </span>
            ) : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={5}>
            <UnitForm units={units} editing={unit} onDone={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function UnitForm({
  units,
  editing,
  onDone,
}: {
  units: readonly UnitRow[];
  editing?: UnitRow;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshReference();
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [kind, setKind] = useState<UnitKind>((editing?.kind as UnitKind) ?? 'quan');
  const [parent, setParent] = useState(editing ? (editing.parent ?? '') : (units[0]?.code ?? ''));
  const [done, setDone] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      refresh();
      setDone(editing ? `Đã lưu đơn vị ${code}.` : `Đã tạo đơn vị ${code}.`);
      if (!editing) {
        setCode('');
        setName('');
      }
      onDone?.();
    },
  };
  const create = useMutation(trpc.units.create.mutationOptions(options));
  const update = useMutation(trpc.units.update.mutationOptions(options));
  const mutation = editing ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    mutation.mutate({ code: code.trim(), name, kind, parent: parent === '' ? null : parent });
  };
  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{editing ? `Sửa đơn vị ${editing.code}` : 'Tạo đơn vị'}</h4>
      {editing ? null : (
        <div className="field">
          <label htmlFor={`${id}-code`}>Mã đơn vị</label>
          <input
            id={`${id}-code`}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Tên đơn vị</label>
        <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Loại đơn vị</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as UnitKind)}
        >
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {UNIT_KIND_LABELS_VI[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-parent`}>Đơn vị cấp trên</label>
        <select id={`${id}-parent`} value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">Không có (cấp cao nhất)</option>
          {units
            .filter((u) => u.code !== editing?.code)
            .map((u) => (
              <option key={u.code} value={u.code}>
                {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
              </option>
            ))}
        </select>
      </div>
      <button type="submit" disabled={mutation.isPending}>
        {editing ? 'Lưu đơn vị' : 'Tạo đơn vị'}
      </button>
      {mutation.isError ? (
        <p role="alert" className="error form-message">
          {mutation.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function OfficersTable({
  unit,
  canEdit,
  units,
}: {
  unit: string;
  canEdit: boolean;
  units: readonly UnitOption[];
}) {
  const trpc = useTRPC();
  const officers = useQuery(trpc.officers.withLoad.queryOptions({ unit, scope: 'own' }));
  if (officers.isError)
    return (
      <p role="alert" className="error">
        {officers.error.message}
      </p>
    );
  if (!officers.data) return <p role="status">Đang tải…</p>;
  if (officers.data.length === 0) return <p>Đơn vị chưa có chấp hành viên.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Họ tên</th>
            <th scope="col">Tình trạng</th>
            <th scope="col" className="num">
              Việc đang thụ lý
            </th>
            {canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody>
          {officers.data.map((o) => (
            <OfficerRow key={o.code} officer={o} canEdit={canEdit} units={units} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OfficerRow({
  officer: o,
  canEdit,
  units,
}: {
  officer: Officer;
  canEdit: boolean;
  units: readonly UnitOption[];
}) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [editing, setEditing] = useState(false);
  const setActive = useMutation(trpc.officers.setActive.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <tr data-officer={o.code}>
        <td>{o.code}</td>
        <td>{o.name}</td>
        <td>{o.active ? 'Đang công tác' : 'Đã ngừng công tác'}</td>
        <td className="num">
          <Link to={caseListPath({ unit: o.unit, scope: 'own', officer: o.code, state: 'open' })}>
            {o.openCases.toLocaleString('vi-VN')}
          </Link>
          {!o.active && o.openCases > 0 ? (
            <>
              {' '}
              <small>(cần phân công lại)</small>
            </>
          ) : null}
        </td>
        {canEdit ? (
          <td className="row-actions">
            <button
              type="button"
              aria-label={`Sửa chấp hành viên ${o.code}`}
              onClick={() => setEditing(!editing)}
            >
              Sửa
            </button>
            <button
              type="button"
              disabled={setActive.isPending}
              onClick={() => setActive.mutate({ code: o.code, active: !o.active })}
            >
              {o.active ? `Ngừng công tác ${o.code}` : `Công tác lại ${o.code}`}
            </button>
            {setActive.isError ? (
              <span role="alert" className="error">
                {setActive.error.message}
              </span>
            ) : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr>
          <td colSpan={5}>
            <OfficerForm unit={o.unit} editing={o} units={units} onDone={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function OfficerForm({
  unit,
  editing,
  units,
  onDone,
}: {
  unit: string;
  editing?: Officer;
  units?: readonly UnitOption[];
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshReference();
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [to, setTo] = useState(editing?.unit ?? unit);
  const [done, setDone] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      refresh();
      setDone(editing ? `Đã lưu chấp hành viên ${code}.` : `Đã thêm chấp hành viên ${code}.`);
      if (!editing) {
        setCode('');
        setName('');
      }
      onDone?.();
    },
  };
  const create = useMutation(trpc.officers.create.mutationOptions(options));
  const update = useMutation(trpc.officers.update.mutationOptions(options));
  const mutation = editing ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    mutation.mutate({ code: code.trim(), name, unit: editing ? to : unit });
  };
  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {editing ? `Sửa chấp hành viên ${editing.code}` : `Thêm chấp hành viên của ${unit}`}
      </h4>
      {editing ? null : (
        <div className="field">
          <label htmlFor={`${id}-code`}>Mã chấp hành viên</label>
          <input
            id={`${id}-code`}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Họ tên</label>
        <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {editing && units ? <UnitSelect units={units} value={to} onChange={setTo} /> : null}
      <button type="submit" disabled={mutation.isPending}>
        {editing ? 'Lưu chấp hành viên' : 'Thêm chấp hành viên'}
      </button>
      {mutation.isError ? (
        <p role="alert" className="error form-message">
          {mutation.error.message}
        </p>
      ) : done ? (
        <p role="status" className="success form-message">
          {done}
        </p>
      ) : null}
    </form>
  );
}
