/**
 * The identities of a report (statistics.md §2, V1–V7), the derivation of unknown aggregate lines
 * (interfaces.md §4) and the findings of a report (statistics.md §8).
 */
import { formatCenti, type Centi } from './decimal.js';
import { formatViInteger } from './format.js';
import { LINE_LABELS_VI, LINE_SYMBOLS, MONEY_LINE_CODES, lineCodesOf, type LineCode, type Lines, type Measure } from './lines.js';

export type RuleCode = 'V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6' | 'V7' | 'V9' | 'V12' | 'V13';
export type Severity = 'error' | 'warning';

export interface Finding {
  rule: RuleCode;
  severity: Severity;
  measure: Measure;
  /** Vietnamese, for people. */
  message: string;
  /** The line the finding is about first; orders findings of the same rule. */
  line?: LineCode;
}

/** An identity `lhs = Σ sign × term` of §2. */
interface Identity {
  rule: RuleCode;
  lhs: LineCode;
  terms: readonly (readonly [1n | -1n, LineCode])[];
}

function identitiesOf(measure: Measure): readonly Identity[] {
  const xParts: (readonly [1n | -1n, LineCode])[] = [
    [1n, 'completedFull'],
    [1n, 'terminated'],
  ];
  if (measure === 'money') xParts.push([1n, 'reduced']);
  return [
    { rule: 'V1', lhs: 'totalReceived', terms: [[1n, 'broughtForward'], [1n, 'newlyReceived']] },
    { rule: 'V2', lhs: 'toEnforce', terms: [[1n, 'totalReceived'], [-1n, 'exited']] },
    { rule: 'V3', lhs: 'toEnforce', terms: [[1n, 'able'], [1n, 'unable']] },
    {
      rule: 'V4',
      lhs: 'able',
      terms: [[1n, 'completed'], [1n, 'inProgress'], [1n, 'postponed'], [1n, 'suspended']],
    },
    { rule: 'V5', lhs: 'carriedOver', terms: [[1n, 'toEnforce'], [-1n, 'completed']] },
    { rule: 'V6', lhs: 'ableCarriedOver', terms: [[1n, 'able'], [-1n, 'completed']] },
    { rule: 'V7', lhs: 'completed', terms: xParts },
  ];
}

/**
 * Fills unknown lines of an aggregate report (interfaces.md §4): pass over V1–V7 in order, again and
 * again until nothing changes, filling a line when it is the only unknown term of an identity. A
 * given value is never replaced; a derived value may be negative (a V6 error later).
 */
export function deriveUnknownLines(measure: Measure, given: Lines): Lines {
  const lines: Lines = { ...given };
  if (measure === 'cases') lines.reduced = null;
  const identities = identitiesOf(measure);
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of identities) {
      // lhs − Σ sign × term = 0, written as Σ coef × line = 0.
      const all: (readonly [bigint, LineCode])[] = [[1n, id.lhs], ...id.terms.map(([s, l]) => [-s, l] as const)];
      const unknown = all.filter(([, l]) => lines[l] === null);
      if (unknown.length !== 1) continue;
      const [coef, line] = unknown[0]!;
      let rest = 0n;
      for (const [c, l] of all) if (l !== line) rest += c * lines[l]!;
      // coef × x + rest = 0 → x = −rest / coef, coef is ±1.
      lines[line] = coef === 1n ? -rest : rest;
      changed = true;
    }
  }
  return lines;
}

function fmt(value: bigint): string {
  return formatViInteger(value);
}

function label(line: LineCode): string {
  return `${LINE_LABELS_VI[line]} (${LINE_SYMBOLS[line]})`;
}

const MEASURE_VI: Readonly<Record<Measure, string>> = { cases: 'về việc', money: 'về tiền' };

/**
 * V1–V7 on one measure's lines: every identity and inequality whose terms are all known. `checkV7`
 * is for aggregate reports (registry reports satisfy it by construction).
 */
export function checkIdentities(measure: Measure, lines: Lines, checkV7: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const id of identitiesOf(measure)) {
    if (id.rule === 'V7' && !checkV7) continue;
    const lhs = lines[id.lhs];
    const terms = id.terms.map(([s, l]) => [s, lines[l]] as const);
    if (lhs === null || terms.some(([, v]) => v === null)) continue;
    const rhs = terms.reduce((acc, [s, v]) => acc + s * v!, 0n);
    if (lhs === rhs) continue;
    const formula = id.terms
      .map(([s, l], i) => `${i === 0 ? (s === 1n ? '' : '−') : s === 1n ? ' + ' : ' − '}${LINE_SYMBOLS[l]}`)
      .join('');
    findings.push({
      rule: id.rule,
      severity: 'error',
      measure,
      line: id.lhs,
      message: `${capitalize(MEASURE_VI[measure])}: ${label(id.lhs)} = ${fmt(lhs)} khác ${formula} = ${fmt(rhs)}`,
    });
  }
  // V6 inequalities: every line ≥ 0, and X ≤ K ≤ P ≤ T.
  for (const line of lineCodesOf(measure)) {
    const v = lines[line];
    if (v !== null && v < 0n) {
      findings.push({
        rule: 'V6',
        severity: 'error',
        measure,
        line,
        message: `${capitalize(MEASURE_VI[measure])}: ${label(line)} âm (${fmt(v)})`,
      });
    }
  }
  const chain: LineCode[] = ['completed', 'able', 'toEnforce', 'totalReceived'];
  for (let i = 0; i + 1 < chain.length; i++) {
    const small = chain[i]!;
    const big = chain[i + 1]!;
    const a = lines[small];
    const b = lines[big];
    if (a === null || b === null || a <= b) continue;
    findings.push({
      rule: 'V6',
      severity: 'error',
      measure,
      line: small,
      message: `${capitalize(MEASURE_VI[measure])}: ${label(small)} = ${fmt(a)} lớn hơn ${label(big)} = ${fmt(b)}`,
    });
  }
  return findings;
}

/** V9: brought forward of (Y, n) against carried over of (Y−1, 12). Not checked for officers. */
export function checkCarryForward(measure: Measure, lines: Lines, previousYearEnd: Lines | null): Finding[] {
  const c = lines.broughtForward;
  const prev = previousYearEnd?.carriedOver ?? null;
  if (c === null || prev === null || c === prev) return [];
  return [
    {
      rule: 'V9',
      severity: 'warning',
      measure,
      line: 'broughtForward',
      message: `${capitalize(MEASURE_VI[measure])}: năm trước chuyển sang (C = ${fmt(c)}) khác chuyển kỳ sau của báo cáo 12 tháng năm trước (CKS = ${fmt(prev)})`,
    },
  ];
}

/** V13: the rounded rate moved by more than `limit` points against month n−1. */
export function checkRateJump(
  measure: Measure,
  rate: Centi | null,
  previousMonthRate: Centi | null,
  limit: Centi,
): Finding[] {
  if (rate === null || previousMonthRate === null) return [];
  const diff = rate - previousMonthRate;
  if ((diff < 0n ? -diff : diff) <= limit) return [];
  return [
    {
      rule: 'V13',
      severity: 'warning',
      measure,
      line: 'completed',
      message: `${capitalize(MEASURE_VI[measure])}: tỷ lệ thi hành xong thay đổi ${formatCenti(diff).replace('.', ',')} điểm phần trăm so với tháng trước (${formatCenti(previousMonthRate).replace('.', ',')} % → ${formatCenti(rate).replace('.', ',')} %), vượt ${formatCenti(limit).replace('.', ',')} điểm`,
    },
  ];
}

const RULE_ORDER: readonly RuleCode[] = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V9', 'V12', 'V13'];

/** Orders findings by measure (cases, then money), then rule number, then line. Stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const lineIndex = (l: LineCode | undefined) => (l === undefined ? -1 : MONEY_LINE_CODES.indexOf(l));
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (a.f.measure === b.f.measure ? 0 : a.f.measure === 'cases' ? -1 : 1) ||
        RULE_ORDER.indexOf(a.f.rule) - RULE_ORDER.indexOf(b.f.rule) ||
        lineIndex(a.f.line) - lineIndex(b.f.line) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
