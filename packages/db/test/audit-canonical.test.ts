// An import's per-case audit value is built as text directly (import/cases.ts caseAuditValue): it
// must be exactly the canonical JSON (audit.ts canonicalJson) of the case's facts with its events,
// whatever is null or set, or the audit trail of an import would differ from the console's.
import type { CaseEvent } from '@thads/domain';
import { describe, expect, it } from 'vitest';
import { caseAuditValue, canonicalJson, type CaseFacts } from '../src/index.js';

const FULL: CaseFacts = {
  id: 'HN-BDI-0001',
  unit: 'HN-BDI',
  receivedOn: '2017-10-05',
  amount: 12_345_678_901_234_567n,
  mode: 'chu_dong',
  judgmentType: 'dan_su',
  flags: ['gia_tri_lon', 'tin_dung_ngan_hang'],
  officer: 'BDI-01',
  judgmentRef: 'BA 12/2017/DS-ST',
  decisionNo: '45/QĐ-CCTHADS',
  decisionDate: '2017-10-06',
  obligation: 'Trả nợ "gốc" và lãi\nbên A',
  debtorName: 'Nguyễn Văn Ân',
  debtorAddress: 'Số 1, phố Hàng Bài',
  reverifyYearly: true,
};
const EMPTY: CaseFacts = {
  ...FULL,
  mode: null,
  judgmentType: null,
  flags: [],
  officer: null,
  judgmentRef: null,
  decisionNo: null,
  decisionDate: null,
  obligation: null,
  debtorName: null,
  debtorAddress: null,
  reverifyYearly: false,
  amount: 0n,
};
const EVENTS: CaseEvent[] = [
  { date: '2017-11-01', kind: 'pay', amount: 1_000_000n },
  { date: '2017-12-01', kind: 'assign', officer: 'BDI-02' },
  { date: '2018-01-02', kind: 'unable', ground: 'a', decisionNo: '7/QĐ' },
  { date: '2018-02-03', kind: 'verify' },
];

/** The value as the generic path would canonicalise it. */
function generic(facts: CaseFacts, events: readonly CaseEvent[]): string {
  return canonicalJson({
    ...facts,
    events: events.map((e) => ({
      date: e.date,
      kind: e.kind,
      amount: e.amount ?? null,
      officer: e.officer ?? null,
      ground: e.ground ?? null,
      decisionNo: e.decisionNo ?? null,
    })),
  });
}

describe('caseAuditValue', () => {
  it.each([
    ['every fact set, events of every shape', FULL, EVENTS],
    ['every optional fact empty, no event', EMPTY, []],
  ])('equals the canonical JSON of the facts and events: %s', (_, facts, events) => {
    expect(caseAuditValue(facts, events).text).toBe(generic(facts, events));
  });

  it('writes keys in sorted order and money as digits', () => {
    const text = caseAuditValue(FULL, EVENTS.slice(0, 1)).text;
    expect(text.startsWith('{"amount":"12345678901234567","debtorAddress":')).toBe(true);
    expect(text).toContain(
      '"events":[{"amount":"1000000","date":"2017-11-01","decisionNo":null,"ground":null,"kind":"pay","officer":null}]',
    );
    expect(text.endsWith('"reverifyYearly":true,"unit":"HN-BDI"}')).toBe(true);
  });
});
