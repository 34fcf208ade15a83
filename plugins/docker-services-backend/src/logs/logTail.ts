import { LogLimits } from '../config';

/**
 * The tail Docker is asked for (per container). Asking for more than the
 * cap is said at once; a time range that may hold more is said only if the
 * cap is hit.
 */
export function logTail(
  query: { tail?: number | 'all'; since?: string },
  limits: Pick<LogLimits, 'maxTail' | 'defaultTail'>,
): {
  tail: number;
  notices: string[];
  capNotice?: { lines: number; message: string };
} {
  const { maxTail, defaultTail } = limits;
  const message = `Showing only the last ${maxTail} lines, the most this portal returns at once.`;
  if (query.tail === undefined && query.since) {
    return {
      tail: maxTail,
      notices: [],
      capNotice: { lines: maxTail, message },
    };
  }
  const asked = query.tail ?? defaultTail;
  if (asked === 'all' || asked > maxTail) {
    return { tail: maxTail, notices: [message] };
  }
  return { tail: asked, notices: [] };
}
