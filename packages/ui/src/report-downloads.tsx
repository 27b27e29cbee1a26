/**
 * Downloads next to a report: the official forms (Biểu 01 and Biểu 02, statistics.md §13) as XLSX
 * or PDF, rendered by the server, and the browser's print of the page.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReportQuery } from './report-filters.js';
import { useTRPC } from './trpc.js';

type Format = 'xlsx' | 'pdf';

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

export function ReportDownloads({ query }: { query: ReportQuery }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: Format) {
    setBusy(format);
    setError(null);
    try {
      const file = await queryClient.fetchQuery(
        trpc.reports.forms.queryOptions({ ...query, format }, { staleTime: 0 }),
      );
      saveFile(file.fileName, file.mimeType, file.base64);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="report-downloads no-print" role="group" aria-label="Tải và in biểu mẫu">
      <button type="button" onClick={() => void download('xlsx')} disabled={busy !== null}>
        {busy === 'xlsx' ? 'Đang tạo XLSX…' : 'Tải Biểu 01, 02 (XLSX)'}
      </button>
      <button type="button" onClick={() => void download('pdf')} disabled={busy !== null}>
        {busy === 'pdf' ? 'Đang tạo PDF…' : 'Tải Biểu 01, 02 (PDF)'}
      </button>
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
