/**
 * Imports started from the console run as jobs of the server process, so that the console can show
 * how far a long import has got (the engine's phases and, while writing, how many records of how
 * many) by asking every second, instead of waiting on one silent request.
 *
 * A job runs the shared import engine of @thads/db (the same code as `pnpm thads import cases`),
 * in its own transaction; its result (counts, or every issue with file, sheet, line and column) is
 * kept for 30 minutes. Only the account that started a job can read it, and an account runs one
 * import at a time. The store lives in memory: one per server process (the server is one process).
 */
import { randomUUID } from 'node:crypto';
import type { ImportProgress, ImportResult } from '@thads/db';
import { DomainError } from '@thads/domain';

export type ImportJobState = 'running' | 'done' | 'failed';

export interface ImportJobView {
  id: string;
  state: ImportJobState;
  dryRun: boolean;
  /** The engine's latest phase, in Vietnamese. */
  message: string;
  progress: ImportProgress | null;
  result: ImportResult | null;
  /** Why it failed (a rule of the whole import, such as a lock), in Vietnamese. */
  error: string | null;
}

interface Job extends ImportJobView {
  owner: string;
  finishedAt: number | null;
}

/** How long a finished job stays readable. */
const KEEP_MS = 30 * 60 * 1000;

/** What a job tells its store as it runs. */
export interface ImportJobReporter {
  progress(message: string, progress?: ImportProgress): void;
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  /**
   * Starts `work` as a job of `owner` and returns its id at once. CONFLICT when the owner already
   * has one running. An error thrown by `work` fails the job: a DomainError with its message, any
   * other with a generic one (its text goes to `logError`).
   */
  start(
    owner: string,
    dryRun: boolean,
    work: (reporter: ImportJobReporter) => Promise<ImportResult>,
    logError: (error: unknown) => void = (error) => console.error('import job', error),
  ): string {
    this.prune(Date.now());
    for (const job of this.jobs.values()) {
      if (job.owner === owner && job.state === 'running')
        throw new DomainError(
          'CONFLICT',
          'Lần nhập trước của bạn chưa xong; chờ nó xong rồi nhập tiếp',
        );
    }
    const job: Job = {
      id: randomUUID(),
      owner,
      state: 'running',
      dryRun,
      message: 'Đang bắt đầu…',
      progress: null,
      result: null,
      error: null,
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    const reporter: ImportJobReporter = {
      progress: (message, progress) => {
        job.message = message;
        job.progress = progress ?? null;
      },
    };
    void work(reporter).then(
      (result) => {
        job.state = 'done';
        job.result = result;
        job.message = 'Xong';
        job.finishedAt = Date.now();
      },
      (error: unknown) => {
        job.state = 'failed';
        if (error instanceof DomainError) job.error = error.message;
        else {
          logError(error);
          job.error = 'Lỗi máy chủ khi nhập; không có gì được ghi. Vui lòng thử lại.';
        }
        job.finishedAt = Date.now();
      },
    );
    return job.id;
  }

  /** A job of `owner`; NOT_FOUND for an unknown, expired or someone else's job. */
  get(owner: string, id: string): ImportJobView {
    this.prune(Date.now());
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner)
      throw new DomainError('NOT_FOUND', 'Không tìm thấy lần nhập này (có thể đã quá 30 phút)');
    const { owner: _owner, finishedAt: _finishedAt, ...view } = job;
    return view;
  }

  /** Resolves once the job has finished (tests and scripts). */
  async settled(owner: string, id: string): Promise<ImportJobView> {
    for (;;) {
      const view = this.get(owner, id);
      if (view.state !== 'running') return view;
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  private prune(now: number): void {
    for (const [id, job] of this.jobs)
      if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }
}

/** The store of a server process that was not given one (createContext's default). */
export const processImportJobs = new ImportJobs();
