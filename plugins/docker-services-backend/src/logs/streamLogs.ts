import { LoggerService } from '@backstage/backend-plugin-api';
import { LogStreamEvent } from '@internal/backstage-plugin-docker-services-common';
import { Response } from 'express';
import { LogLimits } from '../config';
import { DemuxEvent, LogDemuxer } from './LogDemuxer';

const MAX_FRAME_BYTES = 1024 * 1024;

export type LogFormat = 'ndjson' | 'text';

/**
 * Copies Docker's log stream to the response as NDJSON events (or plain
 * text), reading from Docker only as fast as the client takes it, with a
 * heartbeat while following, a byte cap, and a last `end` event. Returns
 * when the response is finished or the client went away.
 */
export async function streamLogs(options: {
  res: Response;
  openSource: () => Promise<NodeJS.ReadableStream>;
  abort: () => void;
  tty: boolean;
  timestamps: boolean;
  follow: boolean;
  format: LogFormat;
  notices: string[];
  /** Said once the first batch of lines (before the stream idles) reached `lines`. */
  capNotice?: { lines: number; message: string };
  limits: LogLimits;
  logger: LoggerService;
}): Promise<void> {
  const { res, openSource, abort, follow, format, limits, logger } = options;
  const demuxer = new LogDemuxer({
    tty: options.tty,
    timestamps: options.timestamps,
    maxLineBytes: limits.maxLineBytes,
    maxFrameBytes: MAX_FRAME_BYTES,
  });
  let sentBytes = 0;
  let lastWrite = Date.now();
  let capped = false;
  const serialize = (event: LogStreamEvent): string =>
    format === 'text' ? toText(event) : `${JSON.stringify(event)}\n`;
  const writeText = (text: string): boolean => {
    if (!text) return true;
    sentBytes += Buffer.byteLength(text);
    lastWrite = Date.now();
    const ok = res.write(text);
    // Compression (when the app enables it) would hold small writes back.
    (res as unknown as { flush?: () => void }).flush?.();
    return ok;
  };
  const write = (event: LogStreamEvent): boolean => writeText(serialize(event));

  let lineCount = 0;
  let capDecided = !options.capNotice;
  const decideCap = () => {
    if (capDecided) return;
    capDecided = true;
    if (lineCount >= options.capNotice!.lines) {
      write({ event: 'notice', message: options.capNotice!.message });
    }
  };

  const waitForDrain = () =>
    new Promise<void>(resolve => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  // One write per Docker chunk, not per line: hundreds of lines per chunk
  // are common, and each write has its cost.
  const emit = async (events: DemuxEvent[]) => {
    let batch = '';
    let batchBytes = 0;
    for (const event of events) {
      let visible = event as LogStreamEvent;
      if ('detail' in event) {
        logger.warn('Docker reported an error in a log stream', {
          detail: event.detail,
        });
        visible = { event: 'error', message: event.message };
      }
      const piece = serialize(visible);
      batchBytes += Buffer.byteLength(piece);
      if (sentBytes + batchBytes > limits.maxResponseBytes) {
        capped = true;
        break;
      }
      if ('line' in visible) lineCount++;
      batch += piece;
    }
    if (batch && !writeText(batch)) await waitForDrain();
  };

  for (const message of options.notices) write({ event: 'notice', message });
  const heartbeat = follow
    ? setInterval(() => {
        // The first lull ends Docker's first batch: time to say if it was cut.
        if (Date.now() - lastWrite >= 300) decideCap();
        if (Date.now() - lastWrite >= limits.heartbeatSeconds * 1000) {
          write({ event: 'heartbeat' });
        }
      }, Math.min(250, limits.heartbeatSeconds * 1000))
    : undefined;

  let endMessage = follow
    ? 'The container stopped; its log ends here.'
    : 'End of the log.';
  try {
    const source = await openSource();
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (res.destroyed) break;
      await emit(demuxer.write(chunk));
      if (capped) {
        endMessage = `Stopped after ${formatBytes(
          limits.maxResponseBytes,
        )}, the most this portal sends at once. Narrow the time range or lower the number of lines.`;
        break;
      }
      if (demuxer.failed) {
        endMessage = 'The log could not be read any further.';
        break;
      }
    }
    if (!capped && !demuxer.failed) await emit(demuxer.end());
  } catch (error) {
    if (!res.destroyed) {
      logger.warn('Reading a container log from Docker failed', {
        error: String(error),
      });
      endMessage = 'The log may be incomplete.';
      write({
        event: 'error',
        message: (error as Error).message?.startsWith('Docker host')
          ? (error as Error).message
          : 'The connection to Docker was lost while reading the log.',
      });
    }
  } finally {
    clearInterval(heartbeat);
    abort();
  }
  if (!res.destroyed) {
    decideCap();
    write(
      capped
        ? { event: 'notice', message: endMessage }
        : { event: 'end', message: endMessage },
    );
    if (capped)
      write({ event: 'end', message: 'End of what this response may hold.' });
    res.end();
  }
}

function toText(event: LogStreamEvent): string {
  if ('line' in event) {
    const marker = event.truncated
      ? ` […cut: the line has ${event.truncated.totalBytes} bytes, the first ${event.truncated.keptBytes} are shown]`
      : '';
    return `${event.time ? `${event.time} ` : ''}${event.line}${marker}\n`;
  }
  if (event.event === 'heartbeat' || event.event === 'end') return '';
  return `[docker-services: ${event.message}]\n`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}
