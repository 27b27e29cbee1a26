// The case registry's derived facts (issue 5): the folded search text, the summary the case list
// stores, the state after each kind of event (what SQL uses for "the state at a date"), and the
// plain Vietnamese reasons of refused console writes. Expected texts are written out by hand.
import { describe, expect, it } from 'vitest';
import {
  CASE_STATES,
  STATE_AFTER_KIND,
  caseSearchText,
  caseSummaryOf,
  explainViolationVi,
  kindsLeadingTo,
  replayCase,
  type CaseEvent,
  type RegistryCase,
} from '../src/index.js';

function kase(events: CaseEvent[], extra: Partial<RegistryCase> = {}): RegistryCase {
  return {
    id: 'HN-BDI-2017-001',
    unit: 'HN-BDI',
    receivedOn: '2017-01-10',
    amount: 1_500_000n,
    officer: null,
    events,
    ...extra,
  };
}

function violation(c: RegistryCase) {
  const r = replayCase(c);
  if (r.ok) throw new Error('expected a violation');
  return r.violation;
}

describe('caseSearchText', () => {
  it('folds the case id, the debtor name and every decision number, one per line', () => {
    expect(
      caseSearchText(
        { id: 'HN-BDI-2017-001', debtorName: 'Nguyễn Văn  Ấn', decisionNo: '12/QĐ-CCTHADS' },
        [
          { date: '2017-02-01', kind: 'unable', ground: 'a', decisionNo: '05/QĐ-CCTHADS' },
          { date: '2017-03-01', kind: 'pay', amount: 1n },
          { date: '2017-04-01', kind: 'resume', decisionNo: '12/QĐ-CCTHADS' },
        ],
      ),
    ).toBe('hn-bdi-2017-001\nnguyen van an\n12/qd-ccthads\n05/qd-ccthads');
  });

  it('maps đ and Đ to d and leaves out empty fields', () => {
    expect(caseSearchText({ id: 'c1', debtorName: 'Đặng Văn Đức', decisionNo: null }, [])).toBe(
      'c1\ndang van duc',
    );
  });
});

describe('the state after each kind', () => {
  it('covers every state, and replaying agrees with "the last state-setting event wins"', () => {
    for (const s of CASE_STATES) expect(kindsLeadingTo(s).length, s).toBeGreaterThan(0);
    expect(kindsLeadingTo('able')).toEqual(['resume']);
    const events: CaseEvent[] = [
      { date: '2017-01-15', kind: 'postpone' },
      { date: '2017-01-20', kind: 'pay', amount: 100n },
      { date: '2017-02-01', kind: 'suspend' },
      { date: '2017-02-05', kind: 'verify' },
      { date: '2017-03-01', kind: 'unable', ground: 'b', decisionNo: '1/QĐ' },
      { date: '2017-03-02', kind: 'assign', officer: 'BDI-1' },
      { date: '2017-04-01', kind: 'resume' },
    ];
    const r = replayCase(kase(events));
    if (!r.ok) throw new Error(r.violation.message);
    let expected = 'able';
    r.replayed.timeline.forEach((applied) => {
      expected = STATE_AFTER_KIND[applied.event.kind] ?? expected;
      expect(applied.state).toBe(expected);
    });
    expect(caseSummaryOf(r.replayed)).toEqual({
      state: 'able',
      settled: 100n,
      officer: 'BDI-1',
      lastEventOn: '2017-04-01',
      stateSince: '2017-04-01',
    });
  });
});

describe('explainViolationVi', () => {
  it('a forbidden transition names the event, the state it met and the states it needs', () => {
    const c = kase([
      { date: '2017-02-01', kind: 'postpone' },
      { date: '2017-02-10', kind: 'postpone' },
    ]);
    expect(explainViolationVi(c, violation(c), 'record', 1)).toBe(
      'Không thể ghi “QĐ hoãn thi hành án” ngày 10/02/2017: khi đó việc đang hoãn, mà sự kiện này chỉ được ghi khi việc có điều kiện (đang thi hành).',
    );
  });

  it('a settlement above what remains says what remained, in đồng', () => {
    const c = kase([
      { date: '2017-02-01', kind: 'pay', amount: 1_000_000n },
      { date: '2017-03-01', kind: 'reduce', amount: 600_000n },
    ]);
    expect(explainViolationVi(c, violation(c), 'record', 1)).toBe(
      'Không thể ghi “QĐ miễn, giảm” ngày 01/03/2017: số tiền 600.000 đ vượt quá số còn phải thi hành khi đó (500.000 đ).',
    );
  });

  it('a date before intake names the intake date', () => {
    const c = kase([{ date: '2017-01-09', kind: 'verify' }]);
    expect(explainViolationVi(c, violation(c), 'record', 0)).toBe(
      'Không thể ghi “Xác minh lại, kết quả không đổi” ngày 09/01/2017: ngày đó trước ngày thụ lý 10/01/2017.',
    );
  });

  it('a later event that the write would make invalid is named as such', () => {
    // Removing the payment leaves "complete" with money still owed.
    const c = kase([{ date: '2017-05-01', kind: 'complete' }], { amount: 200n });
    expect(explainViolationVi(c, violation(c), 'remove', null)).toBe(
      'Không thể xóa sự kiện này: khi đó “Thi hành xong” ngày 01/05/2017 đã ghi sẽ không còn hợp lệ vì còn 200 đ chưa thi hành; chỉ ghi thi hành xong khi đã thu đủ hoặc miễn, giảm hết phần còn lại.',
    );
  });

  it('an event after the case closed', () => {
    const c = kase([
      { date: '2017-02-01', kind: 'withdraw' },
      { date: '2017-03-01', kind: 'verify' },
    ]);
    expect(explainViolationVi(c, violation(c), 'record', 1)).toBe(
      'Không thể ghi “Xác minh lại, kết quả không đổi” ngày 01/03/2017: việc đã bị thu hồi, hủy quyết định hoặc trả đơn trước đó nên không ghi thêm được sự kiện nào.',
    );
  });
});
