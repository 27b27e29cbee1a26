/**
 * Account administration (admin only; the server refuses everyone else): the accounts, a form to
 * create one, and per account: change name, role and unit or officer, reset the password, lock or
 * unlock. An admin cannot lock or demote their own account (the server refuses it too).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, roleLink, type Role } from '@thads/domain';
import { flattenUnitTree, useTRPC, type RouterOutputs, type UnitOption } from '@thads/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';

type User = RouterOutputs['users']['list'][number];
type Officer = RouterOutputs['officers']['list'][number];

/** Role, unit and officer as one form edits them. */
interface Link {
  role: Role;
  unit: string;
  officer: string;
}

function LinkFields({
  value,
  onChange,
  units,
  officers,
}: {
  value: Link;
  onChange: (next: Link) => void;
  units: readonly UnitOption[];
  officers: readonly Officer[];
}) {
  const link = roleLink(value.role);
  // Labels point at their selects by id: a wrapping label would make the options' text part of
  // the select's accessible name.
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-role`}>Vai trò</label>
        <select
          id={`${id}-role`}
          value={value.role}
          onChange={(e) => onChange({ role: e.target.value as Role, unit: '', officer: '' })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      {link === 'unit' ? (
        <div className="field">
          <label htmlFor={`${id}-unit`}>Đơn vị</label>
          <select
            id={`${id}-unit`}
            required
            value={value.unit}
            onChange={(e) => onChange({ ...value, unit: e.target.value })}
          >
            <option value="">— chọn đơn vị —</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {'\u00a0\u00a0'.repeat(u.depth)}
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {link === 'officer' ? (
        <div className="field">
          <label htmlFor={`${id}-officer`}>Chấp hành viên</label>
          <select
            id={`${id}-officer`}
            required
            value={value.officer}
            onChange={(e) => onChange({ ...value, officer: e.target.value })}
          >
            <option value="">— chọn chấp hành viên —</option>
            {officers.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name} ({o.code}, {o.unit})
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </>
  );
}

/** The unit and officer fields of a mutation for a role (null where the role takes none). */
function linkInput(link: Link): { unit: string | null; officer: string | null } {
  const kind = roleLink(link.role);
  return {
    unit: kind === 'unit' ? link.unit || null : null,
    officer: kind === 'officer' ? link.officer || null : null,
  };
}

function CreateUserForm({
  units,
  officers,
}: {
  units: readonly UnitOption[];
  officers: readonly Officer[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [link, setLink] = useState<Link>({ role: 'clerk', unit: '', officer: '' });
  const [created, setCreated] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      { username, displayName, password, role: link.role, ...linkInput(link) },
      {
        onSuccess: (user) => {
          setCreated(user.username);
          setUsername('');
          setDisplayName('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="panel-form" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Tạo tài khoản</h2>
      <label>
        Tên đăng nhập
        <input required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Họ tên
        <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <LinkFields value={link} onChange={setLink} units={units} officers={officers} />
      <label>
        Mật khẩu ban đầu
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" disabled={create.isPending}>
        Tạo tài khoản
      </button>
      {create.isError ? (
        <p role="alert" className="error form-message">
          {create.error.message}
        </p>
      ) : created ? (
        <p role="status" className="success form-message">
          Đã tạo tài khoản {created}.
        </p>
      ) : null}
    </form>
  );
}

function UserRow({
  user,
  self,
  units,
  officers,
}: {
  user: User;
  self: boolean;
  units: readonly UnitOption[];
  officers: readonly Officer[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const [mode, setMode] = useState<'view' | 'edit' | 'password'>('view');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [link, setLink] = useState<Link>({
    role: user.role,
    unit: user.unit ?? '',
    officer: user.officer ?? '',
  });
  const [password, setPassword] = useState('');
  const error = update.error ?? reset.error;

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { id: user.id, displayName, role: link.role, ...linkInput(link) },
      { onSuccess: () => setMode('view') },
    );
  };
  const resetPassword = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          setPassword('');
          setMode('view');
        },
      },
    );
  };

  return (
    <tr data-username={user.username}>
      <td>{user.username}</td>
      <td>{user.displayName}</td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>{user.officer ? `${user.officer} (${user.unit})` : (user.unit ?? 'Toàn Cục')}</td>
      <td>{user.active ? 'Đang hoạt động' : 'Đã khoá'}</td>
      <td>
        {mode === 'view' ? (
          <div className="row-actions">
            <button type="button" onClick={() => setMode('edit')}>
              Sửa
            </button>
            <button type="button" onClick={() => setMode('password')}>
              Đặt lại mật khẩu
            </button>
            {self ? null : (
              <button
                type="button"
                onClick={() => update.mutate({ id: user.id, active: !user.active })}
              >
                {user.active ? 'Khoá' : 'Mở khoá'}
              </button>
            )}
          </div>
        ) : mode === 'edit' ? (
          <form
            className="panel-form"
            onSubmit={save}
            aria-label={`Sửa tài khoản ${user.username}`}
          >
            <label>
              Họ tên
              <input
                required
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            </label>
            <LinkFields value={link} onChange={setLink} units={units} officers={officers} />
            <button type="submit" disabled={update.isPending}>
              Lưu
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Huỷ
            </button>
          </form>
        ) : (
          <form
            className="panel-form"
            onSubmit={resetPassword}
            aria-label={`Đặt lại mật khẩu của ${user.username}`}
          >
            <label>
              Mật khẩu mới
              <input
                type="password"
                autoComplete="new-password"
                required
                minLength={8}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" disabled={reset.isPending}>
              Đặt mật khẩu
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Huỷ
            </button>
          </form>
        )}
        {error ? (
          <p role="alert" className="error">
            {error.message}
          </p>
        ) : reset.isSuccess && mode === 'view' ? (
          <p role="status" className="success">
            Đã đặt mật khẩu mới; các phiên đăng nhập của tài khoản này đã kết thúc.
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function UsersPage({ self }: { self: string }) {
  const trpc = useTRPC();
  const usersQuery = useQuery(trpc.users.list.queryOptions());
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const officersQuery = useQuery(trpc.officers.list.queryOptions({}));
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const officers = officersQuery.data ?? [];

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Người dùng</h2>
      <CreateUserForm units={units} officers={officers} />
      {usersQuery.isError ? (
        <p role="alert" className="error">
          Không tải được danh sách tài khoản: {usersQuery.error.message}
        </p>
      ) : !usersQuery.data ? (
        <p role="status">Đang tải…</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Danh sách tài khoản">
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Đơn vị / chấp hành viên</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {usersQuery.data.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  self={u.username === self}
                  units={units}
                  officers={officers}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
