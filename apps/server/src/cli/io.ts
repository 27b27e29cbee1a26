/**
 * What the command line needs from its surroundings, passed in so that tests can run `main` in
 * process: the streams, the environment, the directory relative paths start from, and the clock.
 */
export interface OutStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: only then is progress shown. */
  isTTY?: boolean;
}

/** Standard input: what `user create` reads the password from. */
export interface InStream {
  /** True when it is a terminal: the password is then asked for, without echo. */
  isTTY?: boolean;
  /** Everything until end of input. */
  readAll(): Promise<string>;
  /** On a terminal: shows `prompt` (on stderr) and reads one line without echoing it. */
  readSecret?(prompt: string): Promise<string>;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Absent where a command needs no input (most tests). */
  stdin?: InStream;
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
    stdin: processStdin(),
    env: process.env,
    cwd: process.env.INIT_CWD || process.cwd(),
    now: () => new Date(),
  };
}

/** A one-line error for stderr: a thrown reason the user can act on. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

function processStdin(): InStream {
  return {
    isTTY: process.stdin.isTTY === true,
    readAll: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readSecret: (prompt) =>
      new Promise((resolve, reject) => {
        const input = process.stdin;
        process.stderr.write(prompt);
        let text = '';
        input.setRawMode(true);
        input.resume();
        input.setEncoding('utf8');
        const done = (error?: Error) => {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          if (error) reject(error);
          else resolve(text);
        };
        const onData = (chunk: string) => {
          for (const ch of chunk) {
            if (ch === '\r' || ch === '\n') return done();
            if (ch === '\u0003') return done(new CliError('đã huỷ'));
            if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
            else text += ch;
          }
        };
        input.on('data', onData);
      }),
  };
}
