import { ROLE_LABELS, type Role } from '@thads/domain';
import { ApiProvider, type CurrentUser } from '@thads/ui';
import { renderToString } from 'react-dom/server';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from '../src/App.js';
import {
  actionLabel,
  entityLabel,
  formatAuditTime,
  prettyJson,
} from '../src/pages/audit/labels.js';
import { ROUTES } from '../src/routes/index.js';
import { Shell, navigationFor } from '../src/Shell.js';

function userOf(role: Role): CurrentUser {
  return {
    username: `u-${role}`,
    displayName: `Người dùng ${role}`,
    role,
    roleLabel: ROLE_LABELS[role],
    unit: role === 'clerk' || role === 'unit_head' || role === 'officer' ? 'HN-BDI' : null,
    officer: role === 'officer' ? 'HN-BDI-CHV1' : null,
  };
}

describe('console shell', () => {
  it('waits for the signed-in account before anything else', () => {
    const html = renderToString(
      <ApiProvider url="http://127.0.0.1:1/trpc">
        <MemoryRouter>
          <App today={new Date(2018, 1, 15)} />
        </MemoryRouter>
      </ApiProvider>,
    );
    expect(html).toContain('Đang tải…');
  });

  it('shows each role the pages it may open, and who is signed in', () => {
    const labels = (role: Role) => navigationFor(ROUTES, userOf(role)).map((r) => r.nav);
    expect(labels('admin')).toEqual(
      expect.arrayContaining(['Báo cáo', 'Người dùng', 'Nhật ký kiểm toán', 'Tài khoản của tôi']),
    );
    expect(labels('leadership')).toContain('Nhật ký kiểm toán');
    expect(labels('leadership')).not.toContain('Người dùng');
    for (const role of ['clerk', 'officer', 'unit_head'] as const) {
      expect(labels(role)).not.toContain('Người dùng');
      expect(labels(role)).not.toContain('Nhật ký kiểm toán');
      expect(labels(role)).toContain('Tài khoản của tôi');
    }
    const html = renderToString(
      <ApiProvider url="http://127.0.0.1:1/trpc">
        <MemoryRouter initialEntries={['/tai-khoan']}>
          <Routes>
            <Route element={<Shell user={userOf('clerk')} routes={ROUTES} />}>
              <Route path="tai-khoan" element={<p>trang tài khoản</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </ApiProvider>,
    );
    expect(html).toContain('Người dùng clerk');
    expect(html).toMatch(/Văn thư – nhập liệu(<!-- -->)? · (<!-- -->)?HN-BDI/);
    expect(html).toContain('Đăng xuất');
    expect(html).toContain('trang tài khoản');
    expect(html).toMatch(
      /<a[^>]*aria-current="page"[^>]*href="\/tai-khoan"|href="\/tai-khoan"[^>]*aria-current="page"/,
    );
  });

  it('every route has a unique path', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('audit page labels', () => {
  it('names entities and actions in Vietnamese, times in Hà Nội as dd/mm/yyyy', () => {
    expect(entityLabel('case')).toBe('Việc');
    expect(entityLabel('something_new')).toBe('something_new');
    expect(actionLabel('login_failed')).toBe('Đăng nhập không thành công');
    expect(formatAuditTime('2025-11-25T17:30:05.000Z')).toBe('26/11/2025 00:30:05');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson(null)).toBe('–');
  });
});
