// Case classification (issue 7): vocabulary, parsing, filters, buckets, and breakdowns that add up
// to the whole. The per-bucket figures of the worked example are worked out by hand below from the
// §12 table (each case's outcome and A, s), never taken from the code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_FLAGS,
  CASE_FLAG_LABELS_VI,
  JUDGMENT_TYPES,
  JUDGMENT_TYPE_LABELS_VI,
  BREAKDOWN_DIMENSIONS,
  breakdownPlan,
  bucketKeysOf,
  caseContribution,
  formatFlags,
  inReviewPopulation,
  isFlagFilter,
  isJudgmentTypeFilter,
  matchesFilter,
  parseFlags,
  registryLines,
  replayCase,
  reportPeriod,
  reviewProgressVi,
  type CaseEvent,
  type CaseFlag,
  type CaseMode,
  type ContributionFilter,
  type JudgmentType,
  type KnownLines,
  type ReplayedCase,
} from '../src/index.js';
import { expectLines, keysOf, readWorkedExample } from './helpers.js';

describe('vocabulary and parsing', () => {
  it('has the nine judgment types and five flags with Vietnamese labels', () => {
    expect(JUDGMENT_TYPES).toEqual([
      'dan_su',
      'hinh_su',
      'hanh_chinh',
      'hon_nhan_gia_dinh',
      'kinh_doanh_thuong_mai',
      'lao_dong',
      'pha_san',
      'trong_tai',
      'khac',
    ]);
    expect(JUDGMENT_TYPE_LABELS_VI.hon_nhan_gia_dinh).toBe('Hôn nhân và gia đình');
    expect(CASE_FLAGS).toHaveLength(5);
    expect(CASE_FLAG_LABELS_VI.dan_su_trong_hinh_su).toBe('Dân sự trong bản án hình sự');
  });

  it('parses the flags column: ;-separated, spaces and empty parts ignored, canonical order', () => {
    expect(parseFlags('')).toEqual({ ok: true, flags: [] });
    expect(parseFlags(' ; ')).toEqual({ ok: true, flags: [] });
    expect(parseFlags('ton_dong_lau_nam; gia_tri_lon;gia_tri_lon')).toEqual({
      ok: true,
      flags: ['gia_tri_lon', 'ton_dong_lau_nam'],
    });
    const bad = parseFlags('gia_tri_lon;lon;x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toContain('"lon", "x"');
      expect(bad.message).toContain('gia_tri_lon, ngan_sach, tin_dung_ngan_hang');
    }
    expect(formatFlags(['ton_dong_lau_nam', 'ngan_sach'])).toBe('ngan_sach;ton_dong_lau_nam');
  });

  it('accepts the filter values and nothing else', () => {
    expect(isJudgmentTypeFilter('none')).toBe(true);
    expect(isJudgmentTypeFilter('pha_san')).toBe(true);
    expect(isJudgmentTypeFilter('dansu')).toBe(false);
    expect(isFlagFilter('ngan_sach')).toBe(true);
    expect(isFlagFilter('not:ngan_sach')).toBe(true);
    expect(isFlagFilter('none')).toBe(true);
    expect(isFlagFilter('not:none')).toBe(false);
    expect(isFlagFilter('not:')).toBe(false);
  });

  it('says the review progress in vi-VN', () => {
    expect(reviewProgressVi(412, 530)).toBe('đã rà soát 412 / 530');
    expect(reviewProgressVi(1204, 2530)).toBe('đã rà soát 1.204 / 2.530');
  });

  it('decides which cases a year reviews', () => {
    const start = '2017-10-01';
    const today = '2018-01-15';
    // open now
    expect(
      inReviewPopulation(
        { state: 'unable', receivedOn: '2015-01-01', stateSince: '2016-01-01' },
        start,
        today,
      ),
    ).toBe(true);
    expect(
      inReviewPopulation(
        { state: 'able', receivedOn: '2017-12-01', stateSince: '2017-12-01' },
        start,
        today,
      ),
    ).toBe(true);
    // open at the start, closed since
    expect(
      inReviewPopulation(
        { state: 'completed', receivedOn: '2017-01-01', stateSince: '2017-10-01' },
        start,
        today,
      ),
    ).toBe(true);
    // closed before the start
    expect(
      inReviewPopulation(
        { state: 'completed', receivedOn: '2017-01-01', stateSince: '2017-09-30' },
        start,
        today,
      ),
    ).toBe(false);
    // received during the year and closed already: in the year's books, so reviewed
    expect(
      inReviewPopulation(
        { state: 'withdrawn', receivedOn: '2017-11-01', stateSince: '2017-12-01' },
        start,
        today,
      ),
    ).toBe(true);
    // received after today
    expect(
      inReviewPopulation(
        { state: 'able', receivedOn: '2018-02-01', stateSince: '2018-02-01' },
        start,
        today,
      ),
    ).toBe(false);
  });
});

describe('buckets', () => {
  it('lists each dimension, "not classified" last; flag:X is has / has not', () => {
    expect(breakdownPlan('mode').buckets.map((b) => b.key)).toEqual([
      'chu_dong',
      'theo_yeu_cau',
      'none',
    ]);
    expect(breakdownPlan('mode').buckets.map((b) => b.label)).toEqual([
      'Chủ động',
      'Theo yêu cầu',
      'Chưa phân loại',
    ]);
    expect(breakdownPlan('judgmentType').buckets).toHaveLength(10);
    expect(breakdownPlan('judgmentType').partition).toBe(true);
    expect(breakdownPlan('flags').partition).toBe(false);
    expect(breakdownPlan('flags').buckets.map((b) => b.key)).toEqual([...CASE_FLAGS, 'none']);
    const one = breakdownPlan('flag:ngan_sach');
    expect(one.partition).toBe(true);
    expect(one.buckets.map((b) => [b.key, b.label])).toEqual([
      ['ngan_sach', 'Thu cho ngân sách nhà nước'],
      ['not:ngan_sach', 'Không: Thu cho ngân sách nhà nước'],
    ]);
  });

  it('puts a case with two flags in both flag buckets and in neither "none"', () => {
    const c = {
      mode: null,
      judgmentType: null,
      flags: ['ton_dong_lau_nam', 'gia_tri_lon'] as CaseFlag[],
    };
    expect(bucketKeysOf('flags', c)).toEqual(['gia_tri_lon', 'ton_dong_lau_nam']);
    expect(bucketKeysOf('flag:ngan_sach', c)).toEqual(['not:ngan_sach']);
    expect(bucketKeysOf('mode', c)).toEqual(['none']);
    expect(bucketKeysOf('flags', { mode: 'chu_dong', judgmentType: 'dan_su', flags: [] })).toEqual([
      'none',
    ]);
  });
});

// ---- the worked example of §12, classified by hand ----------------------------------------------

const MODES: Record<string, CaseMode | null> = {
  c1: 'chu_dong',
  c5: 'chu_dong',
  h1: 'chu_dong',
  c2: 'theo_yeu_cau',
  c3: 'theo_yeu_cau',
  c8: 'theo_yeu_cau',
  c10: 'theo_yeu_cau',
};
const TYPES: Record<string, JudgmentType | null> = {
  c1: 'dan_su',
  c2: 'dan_su',
  c8: 'hinh_su',
  c10: 'kinh_doanh_thuong_mai',
};
const FLAGS: Record<string, CaseFlag[]> = {
  c1: ['gia_tri_lon', 'ngan_sach'],
  c8: ['ngan_sach'],
  c11: ['gia_tri_lon'],
};

function classified(): ReplayedCase[] {
  return readWorkedExample().replayed.map((r) => ({
    ...r,
    case: {
      ...r.case,
      mode: MODES[r.case.id] ?? null,
      judgmentType: TYPES[r.case.id] ?? null,
      flags: FLAGS[r.case.id] ?? [],
    },
  }));
}

describe('the worked example of §12 broken down by mode (HN-BDI, 2017 month 12)', () => {
  const bdi = classified().filter((r) => r.case.unit === 'HN-BDI');
  const period = reportPeriod(2017, 12);
  const of = (filter: ContributionFilter) => registryLines(bdi, period, filter);

  // chủ động: c1 (C, D; A 700, s 200 paid), c5 (M, X2; A 600, reduced 100, terminated 500).
  // theo yêu cầu: c2 (M, N; 500, paid 100), c3 (M, X1 by transfer; 800, paid 100, 700 exits),
  //   c8 (C, H; 400), c10 (C, X1; 700 paid).
  // chưa phân loại: c6 (M, U; 300), c9 (M, S; 200), c11 (C, U; 900), c12 (M, D; 0).
  it('gives each bucket its hand-computed lines', () => {
    const chuDong = of({ mode: 'chu_dong' });
    expectLines(chuDong.cases, 'cases', {
      C: 1,
      M: 1,
      T: 2,
      P: 2,
      K: 2,
      X: 1,
      X2: 1,
      D: 1,
      CKS: 1,
      KCS: 1,
    });
    expectLines(chuDong.money, 'money', {
      C: 700,
      M: 600,
      T: 1300,
      P: 1300,
      K: 1300,
      X: 800,
      X1: 200,
      GM: 100,
      X2: 500,
      D: 500,
      CKS: 500,
      KCS: 500,
    });
    const theoYeuCau = of({ mode: 'theo_yeu_cau' });
    expectLines(theoYeuCau.cases, 'cases', {
      C: 2,
      M: 2,
      T: 4,
      P: 4,
      K: 3,
      N: 1,
      X: 2,
      X1: 2,
      H: 1,
      CKS: 2,
      KCS: 1,
    });
    expectLines(theoYeuCau.money, 'money', {
      C: 1100,
      M: 1300,
      T: 2400,
      U: 700,
      P: 1700,
      K: 1300,
      N: 400,
      X: 900,
      X1: 900,
      H: 400,
      CKS: 800,
      KCS: 400,
    });
    const none = of({ mode: 'none' });
    expectLines(none.cases, 'cases', {
      C: 1,
      M: 3,
      T: 4,
      U: 2,
      P: 2,
      K: 2,
      D: 1,
      S: 1,
      CKS: 2,
      KCS: 2,
    });
    expectLines(none.money, 'money', {
      C: 900,
      M: 500,
      T: 1400,
      U: 1200,
      P: 200,
      K: 200,
      S: 200,
      CKS: 200,
      KCS: 200,
    });
  });

  it('chủ động + theo yêu cầu + chưa phân loại = the §12 totals, every line', () => {
    const sum = (measure: 'cases' | 'money'): KnownLines => {
      const out = registryLines([], period)[measure];
      for (const key of keysOf(measure))
        out[key] = (['chu_dong', 'theo_yeu_cau', 'none'] as const).reduce(
          (n, mode) => n + of({ mode })[measure][key],
          0n,
        );
      return out;
    };
    // §12, HN-BDI.
    expectLines(sum('cases'), 'cases', {
      C: 4,
      M: 6,
      T: 10,
      U: 2,
      P: 8,
      K: 7,
      N: 1,
      X: 3,
      X1: 2,
      X2: 1,
      D: 2,
      H: 1,
      S: 1,
      CKS: 5,
      KCS: 4,
    });
    expectLines(sum('money'), 'money', {
      C: 2700,
      M: 2400,
      T: 5100,
      U: 1900,
      P: 3200,
      K: 2800,
      N: 400,
      X: 1700,
      X1: 1100,
      GM: 100,
      X2: 500,
      D: 500,
      H: 400,
      S: 200,
      CKS: 1500,
      KCS: 1100,
    });
  });

  it('filters on judgment type and flag, alone and together', () => {
    // dân sự: c1 and c2.
    expectLines(of({ judgmentType: 'dan_su' }).cases, 'cases', {
      C: 1,
      M: 1,
      T: 2,
      P: 2,
      K: 1,
      N: 1,
      D: 1,
      CKS: 2,
      KCS: 1,
    });
    // ngân sách: c1 and c8; not ngân sách: the other eight.
    expectLines(of({ flag: 'ngan_sach' }).cases, 'cases', {
      C: 2,
      T: 2,
      P: 2,
      K: 2,
      D: 1,
      H: 1,
      CKS: 2,
      KCS: 2,
    });
    expectLines(of({ flag: 'not:ngan_sach' }).cases, 'cases', {
      C: 2,
      M: 6,
      T: 8,
      U: 2,
      P: 6,
      K: 5,
      N: 1,
      X: 3,
      X1: 2,
      X2: 1,
      D: 1,
      S: 1,
      CKS: 3,
      KCS: 2,
    });
    // no flag: all but c1, c8, c11.
    expectLines(of({ flag: 'none' }).cases, 'cases', {
      C: 1,
      M: 6,
      T: 7,
      U: 1,
      P: 6,
      K: 5,
      N: 1,
      X: 3,
      X1: 2,
      X2: 1,
      D: 1,
      S: 1,
      CKS: 3,
      KCS: 2,
    });
    // giá trị lớn and chủ động: c1 only.
    expectLines(of({ flag: 'gia_tri_lon', mode: 'chu_dong' }).money, 'money', {
      C: 700,
      T: 700,
      P: 700,
      K: 700,
      X: 200,
      X1: 200,
      D: 500,
      CKS: 500,
      KCS: 500,
    });
  });
});

// ---- property: breakdowns over random registries and classifications -----------------------------

const KINDS = [
  'pay',
  'reduce',
  'unable',
  'resume',
  'postpone',
  'suspend',
  'complete',
  'terminate',
  'transfer',
  'withdraw',
  'verify',
] as const;
const DAY0 = Date.UTC(2015, 9, 1);
const isoDay = (d: number) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10);

const caseArb = fc.record({
  received: fc.integer({ min: 0, max: 1400 }),
  amount: fc.bigInt({ min: 0n, max: 10n ** 15n }),
  steps: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      gap: fc.integer({ min: 0, max: 200 }),
      frac: fc.integer({ min: 1, max: 100 }),
    }),
    { maxLength: 6 },
  ),
  mode: fc.constantFrom<CaseMode | null>('chu_dong', 'theo_yeu_cau', null),
  judgmentType: fc.constantFrom<JudgmentType | null>(null, ...JUDGMENT_TYPES),
  flags: fc.subarray([...CASE_FLAGS]),
});

/** Valid cases only: each step is kept when the history with it still replays. */
function buildCase(
  g: typeof caseArb extends fc.Arbitrary<infer T> ? T : never,
  i: number,
): ReplayedCase {
  const events: CaseEvent[] = [];
  let day = g.received;
  let last = replayCase({
    id: `c${i}`,
    unit: 'U',
    receivedOn: isoDay(g.received),
    amount: g.amount,
    events: [],
  });
  if (!last.ok) throw new Error('empty case must replay');
  for (const step of g.steps) {
    day += step.gap;
    const e: CaseEvent = { date: isoDay(day), kind: step.kind };
    if (step.kind === 'pay' || step.kind === 'reduce')
      e.amount = (last.replayed.remaining * BigInt(step.frac)) / 100n;
    if (step.kind === 'unable') {
      e.ground = 'a';
      e.decisionNo = `${i}/QĐ`;
    }
    const next = replayCase({
      id: `c${i}`,
      unit: 'U',
      receivedOn: isoDay(g.received),
      amount: g.amount,
      mode: g.mode,
      judgmentType: g.judgmentType,
      flags: g.flags,
      events: [...events, e],
    });
    if (next.ok) {
      events.push(e);
      last = next;
    }
  }
  return {
    ...last.replayed,
    case: { ...last.replayed.case, mode: g.mode, judgmentType: g.judgmentType, flags: g.flags },
  };
}

function add(a: KnownLines, b: KnownLines): KnownLines {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof KnownLines)[]) out[key] = a[key] + b[key];
  return out;
}

describe('property: buckets add up to the whole', () => {
  it('for every partition dimension, every line of both measures, any period', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 30 }),
        fc.integer({ min: 2016, max: 2019 }),
        fc.integer({ min: 1, max: 12 }),
        (gs, year, month) => {
          const cases = gs.map(buildCase);
          const period = reportPeriod(year, month);
          const whole = registryLines(cases, period);
          for (const dimension of BREAKDOWN_DIMENSIONS) {
            const plan = breakdownPlan(dimension);
            let sum = registryLines([], period);
            for (const bucket of plan.buckets) {
              const lines = registryLines(cases, period, bucket.filter);
              sum = { cases: add(sum.cases, lines.cases), money: add(sum.money, lines.money) };
            }
            if (plan.partition) {
              expect(sum, dimension).toEqual(whole);
            } else {
              // `flags`: each case counted once per flag it has, or once in "none".
              for (const m of ['cases', 'money'] as const)
                for (const key of keysOf(m)) expect(sum[m][key] >= whole[m][key]).toBe(true);
            }
            // Each case is in exactly the buckets bucketKeysOf names, and they match the filters.
            for (const r of cases) {
              const contribution = caseContribution(r, period);
              if (!contribution) continue;
              const keys = bucketKeysOf(dimension, {
                mode: r.case.mode ?? null,
                judgmentType: r.case.judgmentType ?? null,
                flags: r.case.flags ?? [],
              });
              for (const bucket of plan.buckets)
                expect(matchesFilter(contribution, bucket.filter)).toBe(keys.includes(bucket.key));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('filters in words', () => {
  it('names each filter in Vietnamese', async () => {
    const { classificationFilterTextVi } = await import('../src/index.js');
    expect(classificationFilterTextVi({})).toBe('');
    expect(
      classificationFilterTextVi({
        mode: 'none',
        judgmentType: 'hon_nhan_gia_dinh',
        flag: 'not:ngan_sach',
      }),
    ).toBe(
      'Loại việc: Chưa phân loại · Loại bản án: Hôn nhân và gia đình · Dấu hiệu: Không: Thu cho ngân sách nhà nước',
    );
    expect(classificationFilterTextVi({ flag: 'none' })).toBe('Dấu hiệu: Không có dấu hiệu nào');
  });
});
