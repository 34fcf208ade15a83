/**
 * Linux signal names by number, for exit codes 128 + n.
 */
const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

/**
 * What an exit code means, in plain words first (`meaning`) and Docker's
 * terms second (`signal`, when the code is 128 + a signal's number).
 * @public
 */
export interface ExitExplanation {
  code: number;
  /** The signal that ended the process, e.g. `SIGKILL`, for codes 129–159. */
  signal?: string;
  oomKilled: boolean;
  /** A sentence's worth for someone who is not a Docker expert. */
  meaning: string;
}

/**
 * Explains a container's exit code, and whether the kernel's out-of-memory
 * killer ended it (Docker's `State.OOMKilled`; undefined when unknown).
 * @public
 */
export function explainExit(
  code: number,
  oomKilled?: boolean,
): ExitExplanation {
  const signalNumber = code > 128 && code < 160 ? code - 128 : undefined;
  const signal =
    signalNumber === undefined
      ? undefined
      : SIGNALS[signalNumber] ?? `signal ${signalNumber}`;
  return {
    code,
    ...(signal ? { signal } : {}),
    oomKilled: oomKilled ?? false,
    meaning: meaningOf(code, oomKilled, signal),
  };
}

function meaningOf(code: number, oomKilled?: boolean, signal?: string) {
  if (oomKilled) return 'killed because it ran out of memory';
  switch (code) {
    case 0:
      return 'finished normally';
    case 1:
      return 'the program reported an error';
    case 2:
      return 'the program was started with wrong arguments, or misused a shell built-in';
    case 125:
      return 'Docker itself could not run the container';
    case 126:
      return 'the command could not be executed (not executable, or no permission)';
    case 127:
      return 'the command was not found in the image';
    case 130:
      return 'interrupted (Ctrl-C)';
    case 134:
      return 'aborted, often a crash';
    case 137:
      return oomKilled === false
        ? 'killed at once (SIGKILL), not out of memory: by someone, or after it ignored a stop request'
        : 'killed at once (SIGKILL): out of memory, or after it ignored a stop request';
    case 139:
      return 'crashed (segmentation fault: it read or wrote memory it must not)';
    case 143:
      return 'stopped on request (SIGTERM), and it shut down';
    default:
      return signal ? `ended by ${signal}` : 'the program reported an error';
  }
}
