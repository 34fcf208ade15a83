import {
  LogLine,
  stripControlSequences,
} from '@docker-services/backstage-plugin-docker-services-common';

/**
 * Words by which a line says something went wrong: a level ("ERROR",
 * "level=fatal"), an exception's name ("ValueError", "NullPointerException"),
 * or a failure in words ("permission denied", "connection refused").
 * Which stream a line came from says nothing: many programs write all they
 * say to stderr, and health checks' output lands there.
 */
const TROUBLE =
  /\b(error|err|fatal|panic|critical|crit|emerg|exception|traceback|fail(ed|ure)?|segmentation fault|out of memory|denied|refused|unable|cannot)\b|\w(Error|Exception)\b/i;

/** Whether a log line names an error, in the words above. */
export function isErrorLine(line: LogLine): boolean {
  return TROUBLE.test(stripControlSequences(line.line, { keepColours: false }));
}

/**
 * The last line of the log that names an error, to lead "Why did it
 * stop?" with; undefined when none does (then nothing is made up).
 */
export function lastErrorLine(lines: LogLine[]): LogLine | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (isErrorLine(lines[i])) return lines[i];
  }
  return undefined;
}
