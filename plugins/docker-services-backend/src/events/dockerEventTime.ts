/** `seconds.nanoseconds`, the form Docker's `since` takes. */
export function toDockerTime(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const rest = nanos % 1_000_000_000n;
  return `${seconds}.${rest.toString().padStart(9, '0')}`;
}

/**
 * The event's time in ns. `timeNano` exceeds what a JSON number holds
 * exactly, so it is read from the text itself.
 */
export function eventTime(
  line: string,
  event: { timeNano?: number | string; time?: number },
): bigint | undefined {
  const exact = /"timeNano"\s*:\s*"?(\d{1,25})"?/.exec(line);
  if (exact) return BigInt(exact[1]);
  if (typeof event.time === 'number' && Number.isFinite(event.time)) {
    return BigInt(Math.floor(event.time)) * 1_000_000_000n;
  }
  return undefined;
}

/**
 * When the stream was opened, by the engine's clock (its `Date` header, to
 * the second), less a second: a catch-up from there may repeat an event,
 * which is harmless, but misses none.
 */
export function openedAt(stream: NodeJS.ReadableStream): bigint | undefined {
  const date = (stream as { headers?: Record<string, unknown> }).headers?.date;
  if (typeof date !== 'string') return undefined;
  const millis = Date.parse(date);
  if (Number.isNaN(millis)) return undefined;
  return (BigInt(Math.floor(millis / 1000)) - 1n) * 1_000_000_000n;
}
