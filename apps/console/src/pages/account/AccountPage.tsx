import { ChangePasswordForm, type CurrentUser } from '@thads/ui';

/** One's own account: name, username, role and links, and the password change. */
export function AccountPage({ user }: { user: CurrentUser }) {
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Tài khoản của tôi</h2>
      <dl className="account-facts">
        <dt>Họ tên</dt>
        <dd>{user.displayName}</dd>
        <dt>Tên đăng nhập</dt>
        <dd>{user.username}</dd>
        <dt>Vai trò</dt>
        <dd>{user.roleLabel}</dd>
        {user.unit ? (
          <>
            <dt>Đơn vị</dt>
            <dd>{user.unit}</dd>
          </>
        ) : null}
        {user.officer ? (
          <>
            <dt>Chấp hành viên</dt>
            <dd>{user.officer}</dd>
          </>
        ) : null}
      </dl>
      <ChangePasswordForm />
    </section>
  );
}
