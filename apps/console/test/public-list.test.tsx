// The console views of the public list, rendered to HTML with sample API data: the queue (with the
// confirm form only for the manager), the reconciliation lists (V12), the re-verification list, the
// withholding form with its mandatory reason, and which sections each role gets.
import { ApiProvider } from '@thads/ui';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PublicListPage, sectionsFor } from '../src/pages/public-list/PublicListPage.js';
import {
  QueueTable,
  ReconciliationTables,
  ReverificationTable,
  WithholdingList,
  type EntryRow,
  type Reconciliation,
} from '../src/pages/public-list/views.js';

const C2: EntryRow = {
  caseId: 'c2',
  decisionNo: '12/QĐ-CCTHADS',
  decisionDate: '2017-02-01',
  unit: 'HN-BDI',
  debtorName: 'Đặng Văn Đức',
  debtorAddress: 'Số 1 Đội Cấn',
  ground: 'a',
  remaining: '12345678901234567',
  ending: null,
  publishedOn: null,
  publicationSource: null,
  status: 'awaiting',
  addressWithheld: false,
  withholdingReason: null,
};

const noop = () => {};

describe('public list console views', () => {
  it('queue: money vi-VN, dates dd/mm/yyyy; the confirm form only when the manager may', () => {
    const read = renderToString(<QueueTable entries={[C2]} today="2025-11-25" />);
    expect(read).toContain('Đặng Văn Đức');
    expect(read).toContain('12.345.678.901.234.567 đ');
    expect(read).toContain('Số 12/QĐ-CCTHADS ngày 01/02/2017');
    expect(read).not.toContain('Xác nhận</button>');
    const write = renderToString(<QueueTable entries={[C2]} today="2025-11-25" onConfirm={noop} />);
    expect(write).toContain('Công khai từ ngày');
    expect(write).toContain('value="2025-11-25"');
    expect(write).toContain('min="2017-02-01"');
    expect(renderToString(<QueueTable entries={[]} today="2025-11-25" />)).toContain(
      'Không có quyết định nào chờ xác nhận công khai',
    );
  });

  it('reconciliation: both lists of V12 and the orphan records', () => {
    const data: Reconciliation = {
      unit: 'HN-BDI',
      scope: 'total',
      year: 2017,
      month: 12,
      periodEnd: '2017-09-30',
      unpublished: [
        {
          caseId: 'c2',
          unit: 'HN-BDI',
          debtorName: null,
          decisionNo: '12/QĐ-CCTHADS',
          decisionDate: '2017-02-01',
          publishedOn: null,
          state: 'unable',
          matchesRegistry: true,
        },
      ],
      notUnable: [
        {
          caseId: 'p2',
          unit: 'HN-BDI',
          debtorName: 'Nguyễn Thị Hồng',
          decisionNo: '21/QĐ',
          decisionDate: '2017-03-01',
          publishedOn: '2017-03-01',
          state: 'able',
          matchesRegistry: false,
        },
      ],
      orphans: [
        {
          caseId: 'p2',
          unit: 'HN-BDI',
          debtorName: 'Nguyễn Thị Hồng',
          decisionNo: '21/QĐ',
          decisionDate: '2017-03-01',
          publishedOn: '2017-03-01',
          state: 'able',
          matchesRegistry: false,
          withdrawnOn: null,
        },
      ],
      findings: [
        { rule: 'V12', severity: 'warning', measure: 'cases', message: 'c2' },
        { rule: 'V12', severity: 'warning', measure: 'cases', message: 'p2' },
      ],
    };
    const html = renderToString(<ReconciliationTables data={data} onWithdraw={noop} />);
    expect(html).toContain('2 cảnh báo V12 tại ngày 30/09/2017');
    expect(html).toContain('nhưng chưa công khai (<!-- -->1<!-- -->)');
    expect(html).toContain('(chưa ghi tên)');
    expect(html).toContain('sổ thụ lý không còn quyết định này');
    expect(html).toContain('có điều kiện (đang thi hành)');
    expect(html).toContain('Lý do gỡ');
  });

  it('re-verification: due dates, overdue marked, officers named', () => {
    const html = renderToString(
      <ReverificationTable
        rows={[
          {
            caseId: 'c2',
            unit: 'HN-BDI',
            officer: null,
            decisionNo: '12/QĐ-CCTHADS',
            decisionDate: '2017-02-01',
            lastVerification: '2017-08-31',
            yearly: false,
            due: '2018-02-28',
            overdue: true,
            debtorName: 'Đặng Văn Đức',
          },
        ]}
        officerName={(code) => (code === null ? 'Chưa phân công' : code)}
      />,
    );
    expect(html).toContain('28/02/2018');
    expect(html).toContain('Quá hạn');
    expect(html).toContain('Chưa phân công');
    expect(html).toContain('quá hạn <!-- -->1');
  });

  it('withholding: a mandatory reason, per case', () => {
    const html = renderToString(
      <WithholdingList
        entries={[C2, { ...C2, decisionNo: 'khác' }]}
        onWithhold={noop}
        onRelease={noop}
      />,
    );
    expect(html.match(/Không công khai địa chỉ<\/button>/g)).toHaveLength(1);
    expect(html).toContain('minLength="5"');
    expect(html).toContain('required');
    const withheld = renderToString(
      <WithholdingList
        entries={[{ ...C2, addressWithheld: true, withholdingReason: 'Bị đe dọa' }]}
        onWithhold={noop}
        onRelease={noop}
      />,
    );
    expect(withheld).toContain('Không công khai. Lý do: <!-- -->Bị đe dọa');
    expect(withheld).toContain('Công khai lại địa chỉ');
  });

  it('sections by role: writes only for the Cục manager, officers only re-verification', () => {
    expect(sectionsFor('cuc_manager')).toEqual([
      'queue',
      'reconciliation',
      'reverification',
      'withholding',
      'settings',
    ]);
    expect(sectionsFor('unit_head')).toEqual(['queue', 'reconciliation', 'reverification']);
    expect(sectionsFor('officer')).toEqual(['reverification']);
  });

  it('the page waits for the account and the units', () => {
    const html = renderToString(
      <ApiProvider url="http://127.0.0.1:1/trpc">
        <PublicListPage today={new Date(2018, 1, 15)} />
      </ApiProvider>,
    );
    expect(html).toContain('Đang tải');
  });
});
