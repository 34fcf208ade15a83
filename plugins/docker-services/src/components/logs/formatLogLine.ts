import {
  LogLine,
  stripControlSequences,
} from '@docker-services/backstage-plugin-docker-services-common';
import { shortContainerName, tagColour } from './containerTag';

const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
// Linkify (inside LogViewer) turns e-mail addresses and some schemes into
// links; only http(s) links may come out of a log line, so these are broken
// up with an invisible word joiner. Only an @ before a domain (a dot in it)
// makes an address: "shop-api.2@vm", a task on node vm, stays as typed, so
// searching for it finds it.
const NON_HTTP_LINKS =
  /(@)(?=[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.\p{L})|\b(mailto|ftps?|file)(:)/giu;

// LogViewer knows single-code sequences only, and no reset (0): a reset is
// spelt out, combined codes are split, unknown ones dropped.
const RESET = ['39', '49', '22', '23', '24'].map(c => `${ESC}[${c}m`).join('');
const SUPPORTED = new Set([
  1,
  3,
  4,
  22,
  23,
  24,
  39,
  49,
  90,
  ...range(30, 37),
  ...range(40, 47),
]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function normalizeSgr(sequence: string): string {
  const params = sequence
    .slice(2, -1)
    .split(';')
    .map(p => (p === '' ? 0 : Number(p)));
  const out: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const code = params[i];
    if (code === 0) out.push(RESET);
    else if (code === 38 || code === 48)
      i += params[i + 1] === 2 ? 4 : 2; // 256/true colour
    else if (SUPPORTED.has(code)) out.push(`${ESC}[${code}m`);
  }
  return out.join('');
}

/**
 * A log line's text, safe to hand to LogViewer; its styles end with it.
 * Control sequences go as in a downloaded log (one implementation, in
 * -common); colours are kept, in the single-code form LogViewer reads.
 */
export function sanitizeLogText(text: string): string {
  const clean = stripControlSequences(text, { keepColours: true });
  const kept: string[] = [];
  let last = 0;
  let styled = false;
  for (const match of clean.matchAll(SGR)) {
    const normalized = normalizeSgr(match[0]);
    styled ||= normalized !== '';
    kept.push(breakNonHttpLinks(clean.slice(last, match.index)), normalized);
    last = match.index! + match[0].length;
  }
  kept.push(breakNonHttpLinks(clean.slice(last)));
  if (styled) kept.push(RESET);
  return kept.join('');
}

function breakNonHttpLinks(segment: string): string {
  return segment.replace(NON_HTTP_LINKS, (_m, at, scheme, colon) =>
    at ? `${at}\u2060` : `${scheme}\u2060${colon}`,
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Marks a line written to stderr, in grey: many programs write all they
 * say there, so the stream alone says nothing of trouble.
 */
export const STDERR_MARK = '[stderr]';

// A level word in a line: "ERROR", "level=fatal", "[warn]", "Warning:".
const ERROR_WORDS = /\b(error|fatal|panic|critical|crit|emerg|emergency)\b/i;
const WARNING_WORDS = /\b(warn|warning)\b/i;

/**
 * The colour of a line by the level it names (its own colours, when it
 * has some, win): red for errors, yellow for warnings, none otherwise.
 */
export function levelColour(text: string): string | undefined {
  if (text.includes(ESC)) return undefined;
  if (ERROR_WORDS.test(text)) return `${ESC}[31m`;
  if (WARNING_WORDS.test(text)) return `${ESC}[33m`;
  return undefined;
}

/**
 * The task of a service that wrote a line, as Docker names its tasks:
 * "shop-api.2@node-2" (replica 2 on node-2); a global service's task is
 * named by its node alone, "agent@node-2".
 */
export function taskLabel(
  serviceName: string,
  task: NonNullable<LogLine['task']>,
): string {
  if (task.slot !== undefined) {
    const replica = `${serviceName}.${task.slot}`;
    return task.node ? `${replica}@${task.node}` : replica;
  }
  return task.node
    ? `${serviceName}@${task.node}`
    : `${serviceName}.${task.id.slice(0, 12)}`;
}

/**
 * One line as LogViewer shows it: time in grey when asked for, the task
 * that wrote it (for a service's log) in cyan, a grey marker on a stderr
 * line, the text coloured by the level it names (errors red, warnings
 * yellow; the words say it too), and a visible marker on a cut line.
 */
export function formatLogLine(
  line: LogLine,
  showTime: boolean,
  serviceName?: string,
  /** For a merged log: what the containers' names share, left out of each tag. */
  containerPrefix?: string,
): string {
  const time = showTime && line.time ? `${ESC}[90m${line.time}${RESET} ` : '';
  const task =
    serviceName && line.task
      ? `${ESC}[36m${sanitizeLogText(
          taskLabel(serviceName, line.task),
        )}${RESET} `
      : '';
  // A merged log's line: a stripe in the container's colour and its name.
  const container = line.container
    ? `${ESC}[${tagColour(line.container.name)}m▌${sanitizeLogText(
        shortContainerName(line.container.name, containerPrefix),
      )}${RESET} `
    : '';
  const text = sanitizeLogText(line.line);
  const colour = levelColour(text);
  const body = colour ? `${colour}${text}${RESET}` : text;
  const stream =
    line.stream === 'stderr' ? `${ESC}[90m${STDERR_MARK}${RESET} ` : '';
  const marker = line.truncated
    ? ` ${ESC}[33m[…cut: the line has ${formatBytes(
        line.truncated.totalBytes,
      )}, the first ${formatBytes(line.truncated.keptBytes)} are shown]${RESET}`
    : '';
  return `${time}${task}${container}${stream}${body}${marker}`;
}
