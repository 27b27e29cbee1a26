/**
 * Import of a registry extract in the console: `cases.csv` + `events.csv`, or one XLSX workbook
 * (sheets units, officers, cases, events; every cell text). First a check (a dry run: every bad row
 * with its file or sheet, line and column, nothing written), then the import itself, all or
 * nothing, with its progress. The server runs the same import engine as `pnpm thads import cases`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, type RouterOutputs } from '@thads/ui';
import { useEffect, useId, useState, type FormEvent } from 'react';
import './registry.css';

type Job = RouterOutputs['imports']['status'];
type Result = NonNullable<Job['result']>;

/** A file's bytes in base64, read in slices (a large file would overflow one call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function countsText(c: Result['counts']): string {
  return `tạo mới ${c.created.toLocaleString('vi-VN')}, cập nhật ${c.updated.toLocaleString('vi-VN')}, không đổi ${c.unchanged.toLocaleString('vi-VN')}`;
}

function partsOf(result: Result): { label: string; counts: Result['counts'] }[] {
  return result.parts ?? [{ label: 'Việc', counts: result.counts }];
}

/** The status of a job, asked again every 0.4 s while it runs. */
function useJob(jobId: string | null): Job | undefined {
  const trpc = useTRPC();
  const job = useQuery(
    trpc.imports.status.queryOptions(
      { jobId: jobId ?? '00000000-0000-0000-0000-000000000000' },
      {
        enabled: jobId !== null,
        refetchInterval: (q) => (q.state.data?.state === 'running' ? 400 : false),
        staleTime: 0,
      },
    ),
  );
  return jobId !== null ? job.data : undefined;
}

export function ImportPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [casesFile, setCasesFile] = useState<File | null>(null);
  const [eventsFile, setEventsFile] = useState<File | null>(null);
  const [workbook, setWorkbook] = useState<File | null>(null);
  const [checkJob, setCheckJob] = useState<string | null>(null);
  const [importJob, setImportJob] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const start = useMutation(trpc.imports.start.mutationOptions());
  const checking = useJob(checkJob);
  const importing = useJob(importJob);
  const current = importing ?? checking;
  const running = start.isPending || current?.state === 'running';
  const checked = checking?.state === 'done' ? checking.result : null;
  const imported = importing?.state === 'done' ? importing.result : null;
  const written = imported?.written === true;
  // The lists and reports read the registry again once an import has written to it.
  useEffect(() => {
    if (written) void queryClient.invalidateQueries();
  }, [written, queryClient]);

  const reset = () => {
    setCheckJob(null);
    setImportJob(null);
    setProblem(null);
  };

  const run = async (dryRun: boolean) => {
    setProblem(null);
    try {
      const input =
        format === 'csv'
          ? {
              format: 'csv' as const,
              cases: { name: casesFile!.name, base64: await base64Of(casesFile!) },
              events: { name: eventsFile!.name, base64: await base64Of(eventsFile!) },
              dryRun,
            }
          : {
              format: 'xlsx' as const,
              workbook: { name: workbook!.name, base64: await base64Of(workbook!) },
              dryRun,
            };
      const { jobId } = await start.mutateAsync(input);
      if (dryRun) setCheckJob(jobId);
      else setImportJob(jobId);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const ready = format === 'csv' ? casesFile !== null && eventsFile !== null : workbook !== null;
  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return setProblem('Chọn đủ tệp trước khi kiểm tra');
    reset();
    void run(true);
  };
  const checkedOk = checked !== null && checked.issues.length === 0;

  return (
    <section className="registry-page import-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Nhập sổ thụ lý từ tệp</h2>
      <p>
        Hai tệp CSV (UTF-8) <code>cases.csv</code> và <code>events.csv</code>, hoặc một bảng tính
        Excel (.xlsx) có các trang <code>units</code>, <code>officers</code>, <code>cases</code>,{' '}
        <code>events</code> với cùng các cột; mọi ô nhập dạng văn bản (ô số ở cột số tiền là lỗi).
        Kiểm tra trước (không ghi gì), rồi nhập: tất cả hoặc không gì cả.
      </p>
      <form className="panel-form" onSubmit={check} aria-label="Chọn tệp">
        <fieldset className="field">
          <legend>Dạng tệp</legend>
          <label>
            <input
              type="radio"
              name={`${id}-format`}
              checked={format === 'csv'}
              onChange={() => {
                setFormat('csv');
                reset();
              }}
            />{' '}
            Hai tệp CSV
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-format`}
              checked={format === 'xlsx'}
              onChange={() => {
                setFormat('xlsx');
                reset();
              }}
            />{' '}
            Một bảng tính XLSX
          </label>
        </fieldset>
        {format === 'csv' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-cases`}>Tệp việc (cases.csv)</label>
              <input
                id={`${id}-cases`}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => {
                  setCasesFile(e.target.files?.[0] ?? null);
                  reset();
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-events`}>Tệp sự kiện (events.csv)</label>
              <input
                id={`${id}-events`}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => {
                  setEventsFile(e.target.files?.[0] ?? null);
                  reset();
                }}
              />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-workbook`}>Bảng tính (.xlsx)</label>
            <input
              id={`${id}-workbook`}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setWorkbook(e.target.files?.[0] ?? null);
                reset();
              }}
            />
          </div>
        )}
        <button type="submit" disabled={!ready || running}>
          Kiểm tra (chạy thử)
        </button>
        {problem ? (
          <p role="alert" className="error form-message">
            {problem}
          </p>
        ) : null}
      </form>

      <div aria-live="polite">
        {running ? <Progress job={current} /> : null}
        {current?.state === 'failed' ? (
          <p role="alert" className="error">
            {current.dryRun ? 'Kiểm tra' : 'Nhập'} không thành công: {current.error}
          </p>
        ) : null}
        {checked && checked.issues.length > 0 ? <Issues result={checked} /> : null}
        {checkedOk && !imported ? (
          <div className="panel-form">
            <p role="status" className="success form-message" data-testid="import-preview">
              Kiểm tra xong, không có lỗi. Khi nhập sẽ:{' '}
              {partsOf(checked)
                .map((p) => `${p.label}: ${countsText(p.counts)}`)
                .join('; ')}
              .
            </p>
            <button type="button" disabled={running} onClick={() => void run(false)}>
              Nhập vào sổ thụ lý
            </button>
          </div>
        ) : null}
        {imported ? (
          imported.issues.length > 0 ? (
            <Issues result={imported} />
          ) : (
            <p role="status" className="success" data-testid="import-done">
              {imported.written ? 'Đã nhập. ' : 'Không có thay đổi, không ghi gì. '}
              {partsOf(imported)
                .map((p) => `${p.label}: ${countsText(p.counts)}`)
                .join('; ')}
              .
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

function Progress({ job }: { job: Job | undefined }) {
  const p = job?.progress ?? null;
  return (
    <div className="import-progress">
      <label>
        {job?.message ?? 'Đang gửi tệp…'}{' '}
        {p ? (
          <progress max={p.total} value={p.done}>
            {p.done} / {p.total}
          </progress>
        ) : (
          <progress />
        )}
      </label>
      {p ? (
        <span>
          {' '}
          {p.done.toLocaleString('vi-VN')} / {p.total.toLocaleString('vi-VN')}
        </span>
      ) : null}
    </div>
  );
}

function Issues({ result }: { result: Result }) {
  const withSheet = result.issues.some((i) => i.sheet !== undefined);
  return (
    <section aria-labelledby="import-issues">
      <h3 id="import-issues" role="alert">
        {result.dryRun
          ? `Có ${result.issues.length.toLocaleString('vi-VN')} lỗi; không ghi gì.`
          : 'Có lỗi; không ghi gì (lỗi đầu tiên theo thứ tự tệp):'}
      </h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="import-issues">
          <thead>
            <tr>
              <th scope="col">Tệp</th>
              {withSheet ? <th scope="col">Trang</th> : null}
              <th scope="col" className="num">
                Dòng
              </th>
              <th scope="col">Cột</th>
              <th scope="col">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {result.issues.map((i, n) => (
              <tr key={n}>
                <td>{i.file}</td>
                {withSheet ? <td>{i.sheet ?? ''}</td> : null}
                <td className="num">{i.line}</td>
                <td>{i.column ?? ''}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
