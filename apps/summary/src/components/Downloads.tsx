/**
 * Exports of a summary page: the page as a PDF and the table as XLSX, both rendered by the server
 * (read procedures returning the bytes in base64, like the official forms), and the browser's print
 * (the print stylesheet lays the page out for paper).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@thads/ui';
import { useState } from 'react';
import type { Period } from '../period.js';
import type { SubjectRef } from '../router.js';

/** Saves base64 bytes as a file through a temporary link. */
function saveFile(fileName: string, mimeType: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export interface DownloadsProps {
  subject: SubjectRef;
  period: Period;
  /** Offer the table as XLSX (pages with a table of units or officers). */
  withTable: boolean;
}

export function Downloads({ subject, period, withTable }: DownloadsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = { ...period, ...subject };

  async function download(kind: 'pdf' | 'xlsx') {
    setBusy(kind);
    setError(null);
    try {
      const { officer: _officer, ...table } = input;
      const file =
        kind === 'pdf'
          ? await queryClient.fetchQuery(trpc.summary.pagePdf.queryOptions(input, { staleTime: 0 }))
          : await queryClient.fetchQuery(
              trpc.summary.tableXlsx.queryOptions(table, { staleTime: 0 }),
            );
      saveFile(file.fileName, file.mimeType, file.base64);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="downloads no-print" role="group" aria-label="Tải và in">
      <button type="button" onClick={() => void download('pdf')} disabled={busy !== null}>
        {busy === 'pdf' ? 'Đang tạo PDF…' : 'Tải trang (PDF)'}
      </button>
      {withTable ? (
        <button type="button" onClick={() => void download('xlsx')} disabled={busy !== null}>
          {busy === 'xlsx' ? 'Đang tạo XLSX…' : 'Tải bảng (XLSX)'}
        </button>
      ) : null}
      <button type="button" onClick={() => window.print()}>
        In
      </button>
      {error !== null ? (
        <p role="alert" className="error">
          Không tạo được tệp: {error}
        </p>
      ) : null}
    </div>
  );
}
