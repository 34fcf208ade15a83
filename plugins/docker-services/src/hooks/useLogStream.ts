import { useApi } from '@backstage/frontend-plugin-api';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef, useState } from 'react';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { LogSource, logSourceKey, streamLogsOf } from './logSource';

/** Lines kept in the browser; older ones scroll away. */
const MAX_LINES = 20_000;
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000];

export type LogStatus =
  | 'loading'
  | 'live'
  | 'reconnecting'
  | 'ended'
  | 'failed';

export interface LogStreamState {
  lines: LogLine[];
  notices: string[];
  status: LogStatus;
  /** Why the log ended or failed, in words. */
  message?: string;
}

/** Docker trims trailing zeros from fractions; pad them so times sort as text. */
function timeKey(time: string): string {
  const match = /^([^.Z+]+)(?:\.(\d+))?(.*)$/.exec(time);
  return match
    ? `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}${match[3]}`
    : time;
}

/**
 * A container's or a service's log, optionally followed live. When a followed stream drops
 * without its `end` event, it reconnects from the last line's time and skips
 * the lines it already has, so nothing shows twice.
 */
export function useLogStream(
  source: LogSource,
  options: {
    tail?: number | 'all';
    since?: string;
    /** Only lines written before this RFC 3339 time. */
    until?: string;
    follow: boolean;
  },
): LogStreamState {
  const api = useApi(dockerServicesApiRef);
  const [state, setState] = useState<LogStreamState>({
    lines: [],
    notices: [],
    status: 'loading',
  });
  const key = `${logSourceKey(source)}/${options.tail}/${options.since}/${
    options.until
  }/${options.follow}`;
  const sourceRef = useRef(source);
  sourceRef.current = source;

  useEffect(() => {
    const controller = new AbortController();
    let lines: LogLine[] = [];
    let notices: string[] = [];
    let lastTime: string | undefined;
    let lastKey: string | undefined;
    let seenAtLastTime = new Set<string>();
    let pending = false;
    let attempt = 0;
    let shown: Pick<LogStreamState, 'status' | 'message'> = {
      status: 'loading',
    };
    const publish = (status: LogStatus, message?: string) => {
      shown = { status, message };
      setState({ lines, notices, status, message });
    };
    // Many lines can arrive per frame; render at most every 100 ms. The
    // batch keeps the status last published: on a slow machine it can run
    // after the log ended, and must not turn "Complete" back into "Live".
    const schedule = () => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        if (!controller.signal.aborted) publish(shown.status, shown.message);
      }, 100);
    };
    const add = (line: LogLine, resuming: boolean) => {
      // Two tasks of a service, or two containers of a merged log, may
      // write the same line at the same time.
      const writer = line.container
        ? `${line.container.host}/${line.container.name}`
        : line.task?.id ?? '';
      const id = `${writer}\u0000${line.stream}\u0000${line.line}`;
      const time = line.time ? timeKey(line.time) : undefined;
      // Only a resumed stream repeats lines; a first one may bring a line
      // older than the one before (a merged log's late line), and keeps it.
      if (resuming && time && lastKey) {
        if (time < lastKey) return;
        if (time === lastKey && seenAtLastTime.has(id)) return;
      }
      // A late line is kept; the newest time stays the one to resume from.
      const late = Boolean(time && lastKey && time < lastKey);
      if (!late) {
        if (time && time !== lastKey) {
          lastKey = time;
          lastTime = line.time;
          seenAtLastTime = new Set();
        }
        seenAtLastTime.add(id);
      }
      lines =
        lines.length >= MAX_LINES
          ? [...lines.slice(-MAX_LINES / 2), line]
          : [...lines, line];
      schedule();
    };

    const connect = async (): Promise<void> => {
      const resuming = lastTime !== undefined;
      let ended: string | undefined;
      try {
        for await (const event of streamLogsOf(
          api,
          sourceRef.current,
          {
            // Times are always asked for: reconnecting resumes from them.
            timestamps: true,
            follow: options.follow,
            ...(resuming
              ? { since: lastTime }
              : { tail: options.tail, since: options.since }),
            ...(options.until ? { until: options.until } : {}),
          },
          controller.signal,
        )) {
          if ('line' in event) {
            add(event, resuming);
          } else if (event.event === 'end') {
            ended = event.message;
          } else if (event.event === 'notice' || event.event === 'error') {
            if (!resuming || event.event === 'error')
              notices = [...notices, event.message];
            schedule();
          } else if (event.event === 'heartbeat') {
            attempt = 0;
          }
          if (options.follow && attempt > 0 && 'line' in event) attempt = 0;
          if (options.follow && !controller.signal.aborted) publish('live');
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        if (!options.follow || attempt >= RECONNECT_DELAYS_MS.length) {
          publish('failed', (error as Error).message);
          return;
        }
      }
      if (controller.signal.aborted) return;
      if (ended !== undefined || !options.follow) {
        publish('ended', ended);
        return;
      }
      // The stream dropped without saying it ended: reconnect.
      publish('reconnecting');
      const delay =
        RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt++;
      await new Promise(resolve => setTimeout(resolve, delay));
      if (!controller.signal.aborted) await connect();
    };

    setState({ lines: [], notices: [], status: 'loading' });
    connect();
    return () => controller.abort();
    // key captures the source and options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  return state;
}
