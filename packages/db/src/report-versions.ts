/**
 * Submitted versions of a report (statistics.md §10): immutable snapshots of every line of both
 * measures, the findings with their acknowledgements, the signer and the time, stored as their
 * canonical JSON (RFC 8785, the `canonicalize` package by the RFC's author) with the SHA-256 of
 * that text in lowercase hex. Money is a string of digits and counts are small integers, so the
 * JSON holds no number that RFC 8785's number form could change.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Finding, ReportJson } from '@thads/domain';
import { findingKey } from '@thads/domain';
import type { ReportVersionRow } from './schema.js';

/** The format tag of a version's JSON; a later shape gets a new tag. */
export const REPORT_VERSION_FORMAT = 'thads-report-version/1';

export interface VersionSigner {
  username: string;
  /** The signer's name as printed under "Thủ trưởng đơn vị". */
  name: string;
  role: string;
}

export interface VersionFinding {
  key: string;
  rule: string;
  severity: 'error' | 'warning';
  measure: 'cases' | 'money';
  line: string | null;
  message: string;
  /** A warning's acknowledgement; null for an error (a version never has one) */
  acknowledgement: { comment: string } | null;
}

/** What a version holds (the JSON that is canonicalized and hashed). */
export interface ReportVersionContent {
  format: typeof REPORT_VERSION_FORMAT;
  unit: string;
  unitName: string;
  scope: 'own' | 'total';
  year: number;
  month: number;
  periodStart: string;
  periodEnd: string;
  ruleSet: string;
  source: 'registry' | 'aggregate';
  version: number;
  /** The hash of the version before it (null for version 1): the versions form a chain. */
  previousHash: string | null;
  submittedAt: string;
  signer: VersionSigner;
  cases: ReportJson['cases'];
  money: ReportJson['money'];
  findings: VersionFinding[];
}

export function versionFindings(
  findings: readonly Finding[],
  comments: Readonly<Record<string, string>>,
): VersionFinding[] {
  return findings.map((f) => {
    const key = findingKey(f);
    return {
      key,
      rule: f.rule,
      severity: f.severity,
      measure: f.measure,
      line: f.line ?? null,
      message: f.message,
      acknowledgement: f.severity === 'warning' ? { comment: (comments[key] ?? '').trim() } : null,
    };
  });
}

/** RFC 8785 canonical JSON of a value (throws on what JSON cannot hold). */
export function canonicalJsonRfc8785(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The stored text and hash of a version. */
export function sealVersion(content: ReportVersionContent): { text: string; hash: string } {
  const text = canonicalJsonRfc8785(content);
  return { text, hash: sha256Hex(text) };
}

export type VersionVerification = { ok: true } | { ok: false; reason: string };

/**
 * Checks a stored version: its text is canonical JSON, its hash is the SHA-256 of that text, and
 * the columns beside it (key, signer, time) say what the text says. Reasons are Vietnamese.
 */
export function verifyVersionRow(row: ReportVersionRow): VersionVerification {
  let content: ReportVersionContent;
  try {
    content = JSON.parse(row.content) as ReportVersionContent;
  } catch {
    return { ok: false, reason: 'nội dung không phải JSON hợp lệ' };
  }
  if (canonicalJsonRfc8785(content) !== row.content)
    return { ok: false, reason: 'nội dung không ở dạng JSON chuẩn hóa (RFC 8785)' };
  if (sha256Hex(row.content) !== row.hash)
    return { ok: false, reason: 'mã băm SHA-256 không khớp với nội dung (phiên bản đã bị sửa)' };
  const same =
    content.unit === row.unit &&
    content.scope === row.scope &&
    content.year === Number(row.year) &&
    content.month === Number(row.month) &&
    content.version === Number(row.version) &&
    content.submittedAt === row.submitted_at &&
    content.signer?.username === row.signer_username &&
    content.signer?.name === row.signer_name &&
    content.signer?.role === row.signer_role;
  if (!same) return { ok: false, reason: 'các cột lưu kèm không khớp với nội dung đã băm' };
  return { ok: true };
}

export function parseVersionContent(row: ReportVersionRow): ReportVersionContent {
  return JSON.parse(row.content) as ReportVersionContent;
}
