/**
 * The public list of "chưa có điều kiện" debtors (interfaces.md §6 `/cong-khai`, statistics.md
 * §11): server-rendered HTML, no login, no JavaScript (the page has no script at all), usable on a
 * 360 px phone; and its exports for the website's editors.
 *
 * GET /cong-khai              the page: `?q=` name search (folded as §11), `?unit=CODE`, `?page=N`
 * GET /cong-khai/giao-dien.css its stylesheet (the server's Content-Security-Policy allows styles
 *                             from this origin only, no inline style)
 * GET /cong-khai/export.csv   every row of the same query as CSV (UTF-8 with BOM)
 * GET /cong-khai/export.xlsx  the same as an XLSX workbook
 *
 * The exports are public like the page (Decision: the list is published by law; the editors fetch
 * it without an account, and what they get is exactly what the page shows). Only the §11 fields of
 * entries published on or before today (Asia/Ho_Chi_Minh) and not ended are ever rendered: the rows
 * come from @thads/db's `publicListPage` / `publicListRows`, which carry nothing else of a case.
 * Every value is HTML-escaped by `hono/html`.
 */
import { createHash } from 'node:crypto';
import type { ApiDeps } from '@thads/api';
import {
  PUBLIC_LIST_PAGE_SIZE,
  listUnits,
  publicListPage,
  publicListRows,
  type PublicListRow,
} from '@thads/db';
import {
  TT01_2013,
  UNABLE_GROUND_LABELS_VI,
  formatViDate,
  formatViInteger,
  groundReferenceVi,
  localDateOf,
} from '@thads/domain';
import { WITHHELD_ADDRESS_VI, publicListCsv, renderPublicListXlsx } from '@thads/forms';
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';

export type PublicListDeps = Pick<ApiDeps, 'db' | 'now'>;

/** The longest name search kept (longer input is cut): no name is longer. */
const MAX_QUERY = 100;

/** An ended entry must disappear at once: caches revalidate every time. */
const PAGE_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-cache' };

interface Query {
  q: string;
  unit: string;
  page: number;
}

function readQuery(c: Context): Query {
  const q = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY);
  const unit = (c.req.query('unit') ?? '').trim().slice(0, 64);
  const pageText = (c.req.query('page') ?? '').trim();
  const page = /^\d{1,9}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1;
  return { q, unit, page };
}

function todayOf(deps: PublicListDeps): string {
  return localDateOf(deps.now().toISOString(), TT01_2013.deadlines.timeZone);
}

/** `/cong-khai?…` with the non-empty parameters, for links that keep the search. */
function href(path: string, params: { q?: string; unit?: string; page?: number }): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.unit) search.set('unit', params.unit);
  if (params.page && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.5;color:#1b1f24;background:#f6f7f9}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.35rem;line-height:1.3;margin:.5rem 0}
.lead{margin:.25rem 0 1rem;color:#3d4650}
form.search{display:grid;gap:.75rem;background:#fff;border:1px solid #d5d9de;border-radius:.5rem;padding:1rem}
form.search label{display:block;font-weight:600;margin-bottom:.25rem}
form.search input,form.search select{width:100%;font:inherit;padding:.5rem;border:1px solid #8a939d;border-radius:.25rem;background:#fff}
form.search .actions{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.25rem;background:#0b5cad;color:#fff;cursor:pointer}
a{color:#0b5cad}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0b400;outline-offset:2px}
.summary{margin:1rem 0 .5rem;font-weight:600}
ol.entries{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.entry{background:#fff;border:1px solid #d5d9de;border-radius:.5rem;padding:.75rem 1rem}
.entry h2{font-size:1.1rem;margin:0 0 .5rem}
.entry h2 .no{color:#59636e;font-weight:400;margin-right:.25rem}
.entry dl{margin:0;display:grid;grid-template-columns:1fr;gap:.15rem .75rem}
.entry dt{font-weight:600;color:#3d4650;font-size:.9rem}
.entry dd{margin:0 0 .4rem;overflow-wrap:anywhere}
.money{font-variant-numeric:tabular-nums;font-weight:600}
nav.pages{display:flex;gap:1rem;justify-content:space-between;align-items:center;margin:1rem 0;flex-wrap:wrap}
nav.pages ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
footer{padding:1rem;color:#3d4650;font-size:.9rem}
@media (min-width:48rem){
  form.search{grid-template-columns:2fr 1.5fr auto;align-items:end}
  .entry dl{grid-template-columns:16rem 1fr}
  .entry dd{margin:0 0 .2rem}
}
`;

/** The stylesheet's address carries a hash of its content, so it can be cached for a year. */
const STYLESHEET_PATH = `/cong-khai/giao-dien.css?v=${createHash('sha256').update(STYLE).digest('hex').slice(0, 12)}`;

function unitOption(unit: { code: string; name: string }, selected: string) {
  return unit.code === selected
    ? html`<option value="${unit.code}" selected>${unit.name}</option>`
    : html`<option value="${unit.code}">${unit.name}</option>`;
}

function orNone(text: string | null): string {
  return text === null || text.trim() === '' ? 'Không có thông tin' : text;
}

function decisionText(no: string | null, date: string | null): string {
  if (!no && !date) return 'Không có thông tin';
  return [no ? `Số ${no}` : null, date ? `ngày ${formatViDate(date)}` : null]
    .filter(Boolean)
    .join(' ');
}

function entryHtml(row: PublicListRow, position: number) {
  const id = `muc-${position}`;
  return html`<li class="entry">
    <article aria-labelledby="${id}">
      <h2 id="${id}"><span class="no">${position}.</span>${orNone(row.debtorName)}</h2>
      <dl>
        <dt>Địa chỉ</dt>
        <dd>${row.addressWithheld ? WITHHELD_ADDRESS_VI : orNone(row.debtorAddress)}</dd>
        <dt>Cơ quan thi hành án</dt>
        <dd>${row.unitName}</dd>
        <dt>Bản án, quyết định</dt>
        <dd>${orNone(row.judgmentRef)}</dd>
        <dt>Quyết định thi hành án</dt>
        <dd>${decisionText(row.enforcementDecisionNo, row.enforcementDecisionDate)}</dd>
        <dt>Nghĩa vụ chưa thi hành</dt>
        <dd>${orNone(row.obligation)}</dd>
        <dt>Số tiền còn phải thi hành</dt>
        <dd class="money">${formatViInteger(row.remaining)} đ</dd>
        <dt>Căn cứ chưa có điều kiện thi hành</dt>
        <dd>
          ${groundReferenceVi(row.ground)}: ${UNABLE_GROUND_LABELS_VI[row.ground].toLowerCase()}
        </dd>
        <dt>Quyết định về việc chưa có điều kiện thi hành án</dt>
        <dd>${decisionText(row.decisionNo, row.decisionDate)}</dd>
        <dt>Ngày công khai</dt>
        <dd>${formatViDate(row.publishedOn)}</dd>
      </dl>
    </article>
  </li>`;
}

async function renderPage(deps: PublicListDeps, query: Query) {
  const today = todayOf(deps);
  const [units, result] = await Promise.all([
    listUnits(deps.db),
    publicListPage(deps.db, {
      today,
      q: query.q,
      unit: query.unit,
      page: query.page,
      pageSize: PUBLIC_LIST_PAGE_SIZE,
    }),
  ]);
  const unitName = units.find((u) => u.code === query.unit)?.name;
  // The publishing agency: the one root unit (the Cục), if there is exactly one.
  const roots = units.filter((u) => u.parent === null);
  const agency = roots.length === 1 ? roots[0]!.name : 'Cơ quan thi hành án dân sự';
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  const filters = [
    query.q ? `tên có “${query.q}”` : null,
    query.unit ? `đơn vị ${unitName ?? query.unit}` : null,
  ].filter((f): f is string => f !== null);
  const summary =
    result.total === 0
      ? `Không có người phải thi hành án nào${filters.length ? ` (${filters.join(', ')})` : ''}.`
      : `${formatViInteger(result.total)} người phải thi hành án${filters.length ? ` (${filters.join(', ')})` : ''}; đang xem ${first}–${last}, trang ${result.page}/${result.pageCount}.`;
  const title =
    result.page > 1
      ? `Danh sách người phải thi hành án chưa có điều kiện thi hành – trang ${result.page}`
      : 'Danh sách người phải thi hành án chưa có điều kiện thi hành';

  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <meta
          name="description"
          content="Danh sách công khai người phải thi hành án chưa có điều kiện thi hành theo Điều 44a Luật Thi hành án dân sự"
        />
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body>
        <header>
          <p>${agency}</p>
          <h1>Danh sách người phải thi hành án chưa có điều kiện thi hành</h1>
          <p class="lead">
            Công khai theo Điều 44a Luật Thi hành án dân sự. Người phải thi hành án được rút khỏi
            danh sách ngay khi có quyết định tiếp tục thi hành án, đình chỉ, ủy thác, thu hồi hoặc
            thi hành xong. Số liệu tính đến ngày ${formatViDate(today)}.
          </p>
        </header>
        <main>
          <form
            class="search"
            method="get"
            action="/cong-khai"
            role="search"
            aria-label="Tìm trong danh sách"
          >
            <div>
              <label for="q">Họ tên người phải thi hành án</label>
              <input
                id="q"
                name="q"
                type="search"
                value="${query.q}"
                maxlength="${MAX_QUERY}"
                autocomplete="off"
                placeholder="Ví dụ: dang van duc"
              />
            </div>
            <div>
              <label for="unit">Cơ quan thi hành án</label>
              <select id="unit" name="unit">
                <option value="">Tất cả các cơ quan</option>
                ${units.map((u) => unitOption(u, query.unit))}
              </select>
            </div>
            <div class="actions">
              <button type="submit">Tìm kiếm</button>
              ${query.q || query.unit ? html`<a href="/cong-khai">Xóa điều kiện tìm</a>` : ''}
            </div>
          </form>
          <p class="summary" role="status">${summary}</p>
          ${
            result.rows.length > 0
              ? html`<ol class="entries" start="${first}">
                  ${result.rows.map((row, i) => entryHtml(row, first + i))}
                </ol>`
              : ''
          }
          ${
            result.pageCount > 1
              ? html`<nav class="pages" aria-label="Phân trang">
                  <span>Trang ${result.page}/${result.pageCount}</span>
                  <ul>
                    ${result.page > 1 ? html`<li><a rel="prev" href="${href('/cong-khai', { q: query.q, unit: query.unit, page: result.page - 1 })}">‹ Trang trước</a></li>` : ''}
                    ${result.page < result.pageCount ? html`<li><a rel="next" href="${href('/cong-khai', { q: query.q, unit: query.unit, page: result.page + 1 })}">Trang sau ›</a></li>` : ''}
                  </ul>
                </nav>`
              : ''
          }
        </main>
        <footer>
          <p>
            Tải danh sách đang xem (mọi trang):
            <a href="${href('/cong-khai/export.csv', { q: query.q, unit: query.unit })}" download
              >CSV</a
            >
            ·
            <a href="${href('/cong-khai/export.xlsx', { q: query.q, unit: query.unit })}" download
              >Excel (XLSX)</a
            >
          </p>
        </footer>
      </body>
    </html>`;
}

function exportName(today: string, extension: string): string {
  return `danh-sach-chua-co-dieu-kien-thi-hanh-${today}.${extension}`;
}

/** Mounts `/cong-khai` and its exports on `app`. */
export function mountPublicList(app: Hono, deps: PublicListDeps): void {
  app.get('/cong-khai', async (c) => {
    const page = await renderPage(deps, readQuery(c));
    return c.html(page, 200, PAGE_HEADERS);
  });
  app.get('/cong-khai/giao-dien.css', (c) =>
    c.body(STYLE, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
  app.get('/cong-khai/', (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`/cong-khai${url.search}`, 301);
  });

  app.get('/cong-khai/export.csv', async (c) => {
    const { q, unit } = readQuery(c);
    const today = todayOf(deps);
    const rows = await publicListRows(deps.db, { today, q, unit });
    return c.body(publicListCsv(rows), 200, {
      ...PAGE_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportName(today, 'csv')}"`,
    });
  });

  app.get('/cong-khai/export.xlsx', async (c) => {
    const { q, unit } = readQuery(c);
    const today = todayOf(deps);
    const rows = await publicListRows(deps.db, { today, q, unit });
    const unitName = unit ? (await listUnits(deps.db)).find((u) => u.code === unit)?.name : null;
    const filters = [q ? `tên có “${q}”` : null, unit ? `đơn vị ${unitName ?? unit}` : null].filter(
      (f): f is string => f !== null,
    );
    const bytes = await renderPublicListXlsx(rows, {
      date: today,
      ...(filters.length ? { filterLine: filters.join(', ') } : {}),
    });
    return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
      ...PAGE_HEADERS,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${exportName(today, 'xlsx')}"`,
    });
  });
}
