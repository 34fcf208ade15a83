import { PassThrough } from 'node:stream';

/**
 * How long a service log read to its end (not followed) may stay silent
 * before the portal ends it. Docker sends such a log at once; its service
 * log can also stay open without sending anything more (measured here: one
 * request in four held for the whole client time-out), which left a
 * download with no file and no message.
 */
export const QUIET_END_MS = 3_000;

/**
 * Docker's stream of a log read to its end, ended by the portal once it
 * has been silent for `quietMs` (then `onQuiet` is told). The first bytes
 * may take as long as Docker's own answer takes: only silence after data,
 * or after the stream opened, counts.
 */
export function endWhenQuiet(
  source: NodeJS.ReadableStream,
  options: { quietMs?: number; onQuiet: () => void },
): NodeJS.ReadableStream {
  const out = new PassThrough();
  const quietMs = options.quietMs ?? QUIET_END_MS;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (how: { error?: Error; quiet?: boolean }) => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    source.unpipe(out);
    if (how.quiet) {
      options.onQuiet();
      (source as { destroy?: () => void }).destroy?.();
    }
    if (how.error) out.destroy(how.error);
    else if (!out.destroyed) out.end();
  };
  const rearm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => finish({ quiet: true }), quietMs);
    timer.unref?.();
  };
  source.on('data', rearm);
  source.on('end', () => finish({}));
  source.on('error', (error: Error) => finish({ error }));
  out.on('close', () => {
    if (!done) {
      done = true;
      if (timer) clearTimeout(timer);
      (source as { destroy?: () => void }).destroy?.();
    }
  });
  source.pipe(out, { end: false });
  rearm();
  return out;
}
