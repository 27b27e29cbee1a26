// The public list (statistics.md §11): entries derived from the registry, publication, V12 and the
// re-verification due list. Expected values are worked out by hand from the events given.
import { describe, expect, it } from 'vitest';
import {
  TT01_2013,
  assembleReport,
  caseStateOn,
  entryStatusOn,
  foldForSearch,
  matchesNameSearch,
  publicListFindings,
  publicationDateOf,
  reconcilePublicList,
  registryLines,
  replayCaseOrThrow,
  reportPeriod,
  reverificationList,
  unableDecisions,
  withFindings,
  type CaseEvent,
  type PublicationRecord,
  type RegistryCase,
  type ReplayedCase,
} from '../src/index.js';
import { readWorkedExample } from './helpers.js';

function replay(
  id: string,
  amount: bigint,
  events: CaseEvent[],
  extra: Partial<RegistryCase> = {},
): ReplayedCase {
  return replayCaseOrThrow({
    id,
    unit: 'HN-BDI',
    receivedOn: '2017-01-01',
    amount,
    events,
    ...extra,
  });
}

const unable = (date: string, decisionNo: string, ground: 'a' | 'b' | 'c' = 'a'): CaseEvent => ({
  date,
  kind: 'unable',
  ground,
  decisionNo,
});

function record(
  caseId: string,
  decisionNo: string,
  decisionDate: string,
  publishedOn: string,
): PublicationRecord {
  return { caseId, decisionNo, decisionDate, publishedOn, withdrawnOn: null };
}

describe('entries derived from unable decisions', () => {
  it('records the remaining amount at the decision and the decision that ends the entry', () => {
    const r = replay('p1', 1000n, [
      { date: '2017-02-01', kind: 'pay', amount: 300n },
      unable('2017-03-01', '5/QĐ-CCTHADS', 'c'),
      { date: '2017-04-01', kind: 'pay', amount: 100n },
      { date: '2017-06-01', kind: 'resume', decisionNo: '9/QĐ-CCTHADS' },
    ]);
    expect(unableDecisions(r)).toEqual([
      {
        caseId: 'p1',
        unit: 'HN-BDI',
        decisionNo: '5/QĐ-CCTHADS',
        decisionDate: '2017-03-01',
        ground: 'c',
        remainingAtDecision: 700n,
        ending: { kind: 'resume', date: '2017-06-01', decisionNo: '9/QĐ-CCTHADS' },
      },
    ]);
  });

  it('a newer unable decision replaces the standing one; closing and exits end it too', () => {
    const r = replay('p2', 500n, [
      unable('2017-02-01', 'A'),
      unable('2017-05-01', 'B', 'b'),
      { date: '2017-07-01', kind: 'terminate' },
    ]);
    expect(
      unableDecisions(r).map((d) => [d.decisionNo, d.ground, d.ending?.kind, d.ending?.date]),
    ).toEqual([
      ['A', 'a', 'unable', '2017-05-01'],
      ['B', 'b', 'terminate', '2017-07-01'],
    ]);
    for (const kind of ['complete', 'transfer', 'withdraw'] as const) {
      const closed = replay('p3', 0n, [unable('2017-02-01', 'A'), { date: '2017-03-01', kind }]);
      expect(unableDecisions(closed)[0]!.ending).toEqual({
        kind,
        date: '2017-03-01',
        decisionNo: null,
      });
    }
    // Payments and re-verifications do not end an entry.
    const standing = replay('p4', 500n, [
      unable('2017-02-01', 'A'),
      { date: '2017-03-01', kind: 'pay', amount: 100n },
      { date: '2017-08-01', kind: 'verify' },
    ]);
    expect(unableDecisions(standing)[0]!.ending).toBeNull();
  });

  it('the state of a case on a date', () => {
    const r = replay('p5', 500n, [
      unable('2017-02-01', 'A'),
      { date: '2017-06-01', kind: 'resume' },
    ]);
    expect(caseStateOn(r, '2016-12-31')).toBeNull();
    expect(caseStateOn(r, '2017-01-31')).toBe('able');
    expect(caseStateOn(r, '2017-02-01')).toBe('unable');
    expect(caseStateOn(r, '2017-05-31')).toBe('unable');
    expect(caseStateOn(r, '2017-06-01')).toBe('able');
  });
});

describe('publication', () => {
  const key = { caseId: 'p1', decisionNo: 'A', decisionDate: '2017-03-01' };

  it('a record wins; otherwise the automatic setting publishes on the decision date', () => {
    expect(publicationDateOf(key, undefined, { autoPublishFrom: null })).toBeNull();
    expect(publicationDateOf(key, undefined, { autoPublishFrom: '2017-03-01' })).toBe('2017-03-01');
    expect(publicationDateOf(key, undefined, { autoPublishFrom: '2017-03-02' })).toBeNull();
    expect(
      publicationDateOf(key, record('p1', 'A', '2017-03-01', '2017-03-10'), {
        autoPublishFrom: '2017-01-01',
      }),
    ).toBe('2017-03-10');
  });

  it('statuses: awaiting, scheduled, published, ended at once on the ending date, withdrawn', () => {
    const ending = { kind: 'resume' as const, date: '2017-06-01', decisionNo: null };
    expect(entryStatusOn({ ending: null }, null, null, '2017-03-05')).toBe('awaiting');
    expect(entryStatusOn({ ending: null }, '2017-03-10', null, '2017-03-05')).toBe('scheduled');
    expect(entryStatusOn({ ending: null }, '2017-03-10', null, '2017-03-10')).toBe('published');
    expect(entryStatusOn({ ending }, '2017-03-10', null, '2017-05-31')).toBe('published');
    expect(entryStatusOn({ ending }, '2017-03-10', null, '2017-06-01')).toBe('ended');
    expect(entryStatusOn({ ending: null }, '2017-03-10', '2017-04-01', '2017-04-01')).toBe(
      'withdrawn',
    );
  });
});

describe('reconciliation (V12)', () => {
  const E = '2017-09-30';
  const unpublishedCase = replay('n1', 500n, [unable('2017-02-01', 'A')]);
  const publishedCase = replay('n2', 500n, [unable('2017-02-01', 'B')]);
  const resumedCase = replay('n3', 500n, [
    unable('2017-02-01', 'C'),
    { date: '2017-06-01', kind: 'resume' },
  ]);
  const lateCase = replay('n4', 500n, [unable('2017-09-01', 'D')]);
  const corrected = replay('n5', 500n, [
    { date: '2017-02-01', kind: 'postpone' },
    { date: '2017-03-01', kind: 'resume' },
  ]);
  const cases = [unpublishedCase, publishedCase, resumedCase, lateCase, corrected];
  const records = [
    record('n2', 'B', '2017-02-01', '2017-02-05'),
    record('n3', 'C', '2017-02-01', '2017-02-05'),
    record('n4', 'D', '2017-09-01', '2017-10-02'),
    // Published, then the registry was corrected: n5 never had that decision, and was resumed.
    record('n5', 'E', '2017-02-01', '2017-02-05'),
    record('zz', 'F', '2017-02-01', '2017-02-05'), // not one of these cases: ignored
  ];

  it('finds the N cases without a published entry and the published entries whose case is not N', () => {
    const rec = reconcilePublicList({
      cases,
      records,
      settings: { autoPublishFrom: null },
      date: E,
    });
    expect(rec.unpublished.map((u) => [u.caseId, u.decision.decisionNo, u.publishedOn])).toEqual([
      ['n1', 'A', null],
      ['n4', 'D', '2017-10-02'],
    ]);
    expect(rec.notUnable.map((n) => [n.caseId, n.state, n.matchesRegistry])).toEqual([
      ['n5', 'able', false],
    ]);
    expect(rec.orphans.map((o) => o.caseId)).toEqual(['n5']);

    const findings = publicListFindings(rec);
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.measure}`)).toEqual([
      'V12 warning cases',
      'V12 warning cases',
      'V12 warning cases',
    ]);
    expect(findings[0]!.message).toBe(
      'Danh sách công khai: việc n1 chưa có điều kiện thi hành tại ngày 30/09/2017 (quyết định số A ngày 01/02/2017) nhưng chưa được công khai',
    );
    expect(findings[1]!.message).toMatch(/việc n4 .* chỉ được công khai từ ngày 02\/10\/2017/);
    expect(findings[2]!.message).toMatch(
      /việc n5 đang được công khai theo quyết định số E .* sổ thụ lý không còn quyết định này/,
    );
  });

  it('at an earlier date the resumed case is still N and published: no mismatch for it', () => {
    const rec = reconcilePublicList({
      cases,
      records,
      settings: { autoPublishFrom: null },
      date: '2017-05-31',
    });
    expect(rec.unpublished.map((u) => u.caseId)).toEqual(['n1']);
    expect(rec.notUnable.map((n) => n.caseId)).toEqual(['n5']);
  });

  it('automatic publication covers decisions dated on or after its start', () => {
    const rec = reconcilePublicList({
      cases,
      records,
      settings: { autoPublishFrom: '2017-01-01' },
      date: E,
    });
    // n1 is published automatically; n4's record (a later date) wins over the setting.
    expect(rec.unpublished.map((u) => u.caseId)).toEqual(['n4']);
  });

  it('the worked example of §12: exactly one V12 warning, for c2 (N, not published)', () => {
    const { replayed } = readWorkedExample();
    const period = reportPeriod(2017, 12);
    const bdi = replayed.filter((r) => r.case.unit === 'HN-BDI');
    const report = assembleReport({
      unit: 'HN-BDI',
      scope: 'total',
      period,
      ruleSet: TT01_2013,
      source: 'registry',
      lines: registryLines(bdi, period),
      previousYearEnd: null,
      previousMonth: null,
    });
    expect(report.validation).toEqual([]);
    const v12 = publicListFindings(
      reconcilePublicList({
        cases: bdi,
        records: [],
        settings: { autoPublishFrom: null },
        date: period.end,
      }),
    );
    const full = withFindings(report, v12);
    expect(full.validation.map((f) => `${f.rule} ${f.severity} ${f.measure}`)).toEqual([
      'V12 warning cases',
    ]);
    expect(full.validation[0]!.message).toMatch(/việc c2 .*12\/QĐ-CCTHADS ngày 01\/02\/2017/);
    // Published on the decision date: no finding.
    const published = reconcilePublicList({
      cases: bdi,
      records: [record('c2', '12/QĐ-CCTHADS', '2017-02-01', '2017-02-01')],
      settings: { autoPublishFrom: null },
      date: period.end,
    });
    expect(publicListFindings(published)).toEqual([]);
  });
});

describe('re-verification due list', () => {
  it('6 months after the last verification (12 when yearly), clamped to the month end; overdue listed', () => {
    const a = replay('r1', 500n, [unable('2017-08-31', 'A')], { officer: null });
    const b = replay('r2', 500n, [
      unable('2017-02-01', 'B'),
      { date: '2017-03-15', kind: 'verify' },
    ]);
    const c = replay('r3', 500n, [
      unable('2017-02-01', 'C'),
      { date: '2017-03-01', kind: 'resume' },
    ]);
    const list = reverificationList(
      [
        { replayed: a, reverifyYearly: false },
        { replayed: b, reverifyYearly: true },
        { replayed: c, reverifyYearly: false },
      ],
      '2018-03-16',
      TT01_2013,
    );
    expect(list.map((i) => [i.caseId, i.lastVerification, i.due, i.overdue])).toEqual([
      ['r1', '2017-08-31', '2018-02-28', true],
      ['r2', '2017-03-15', '2018-03-15', true],
    ]);
    expect(
      reverificationList([{ replayed: b, reverifyYearly: true }], '2018-03-15', TT01_2013)[0]!
        .overdue,
    ).toBe(false);
  });
});

describe('name search (§11)', () => {
  it('folds case, diacritics and đ, and matches substrings', () => {
    expect(foldForSearch('Đặng Văn Đức')).toBe('dang van duc');
    expect(matchesNameSearch('Đặng Văn Đức', 'dang van duc')).toBe(true);
    expect(matchesNameSearch('Đặng Văn Đức', 'ĐỨC')).toBe(true);
    expect(matchesNameSearch('Đặng Văn Đức', 'ng va')).toBe(true);
    // Decomposed input (as some keyboards send it) folds the same way.
    expect(matchesNameSearch('Nguyễn Thị Hồng', 'Nguyễn'.normalize('NFD'))).toBe(true);
    expect(matchesNameSearch('Trần Thị Bình', 'dang')).toBe(false);
  });
});
