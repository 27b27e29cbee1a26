/**
 * What the command line needs from its surroundings, passed in so that tests can run `main` in
 * process: the streams, the environment, the directory relative paths start from, and the clock.
 */
export interface OutStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: only then is progress shown. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Base of relative file paths given on the command line. */
  cwd: string;
  now: () => Date;
}

/** Time zone of "today" for event dates (the courts and units are in Vietnam). */
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The local date (YYYY-MM-DD) of `now` in Vietnam. */
export function localDate(now: Date, timeZone: string = LOCAL_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The process's own surroundings. `pnpm thads` runs at the repository root; INIT_CWD is where the user was. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.env.INIT_CWD || process.cwd(),
    now: () => new Date(),
  };
}

/** A one-line error for stderr: a thrown reason the user can act on. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
