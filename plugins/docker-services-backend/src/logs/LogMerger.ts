import { DemuxEvent } from './LogDemuxer';

/** Reads one container's log: its next events, or undefined at its end. */
export type MergeSource = () => Promise<DemuxEvent[] | undefined>;

/** What the merger gives out: a source's event, or the end of a source. */
export type MergedItem =
  | { source: number; event: DemuxEvent }
  | { source: number; ended: true; error?: unknown };

interface Pending {
  event: DemuxEvent;
  key: TimeKey;
  arrivedAt: number;
}

interface Queue {
  items: Pending[];
  done: boolean;
  endSaid: boolean;
  error?: unknown;
  fetching?: Promise<void>;
}

/** Docker's time as numbers: seconds, then nanoseconds. */
type TimeKey = [number, number];

const BATCH = 500;

/**
 * How much earlier than a container's latest line one of its lines must be
 * to be given out before its next chunk (or its end) is read: Docker reads
 * a container's stdout and stderr through two pipes, so an earlier line of
 * one may come in the chunk after a later line of the other (by about a
 * microsecond, seen here).
 */
const SETTLE_NANOS = 1_000_000;

/** While following, a line of the settling margin waits at most this long for the next chunk. */
const HOLD_MS = 50;

/**
 * Merges several containers' logs by Docker's timestamps (a k-way merge):
 * a line is given out only when every source that may still write has a
 * line waiting, so that the earliest is known. Each source is read only
 * when its queue is empty, so memory stays at about one chunk per source
 * and a slow reader slows Docker down.
 *
 * A container's lines within a millisecond of its latest one wait for its
 * next chunk (or its end), which may hold an earlier line of its other
 * stream; while following, they wait at most 50 ms for it.
 *
 * While following, a quiet container would hold every line back; with
 * `windowMs`, lines that waited that long are given out anyway, in time
 * order among those waiting. A line that reaches the portal more than the
 * window after a later line of another container then shows after it.
 */
export class LogMerger {
  readonly #sources: MergeSource[];
  readonly #windowMs?: number;
  readonly #now: () => number;
  readonly #queues: Queue[];

  constructor(options: {
    sources: MergeSource[];
    /** Without it (a read), lines wait for every source: the order is exact. */
    windowMs?: number;
    now?: () => number;
  }) {
    this.#sources = options.sources;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
    this.#queues = options.sources.map(() => ({
      items: [],
      done: false,
      endSaid: false,
    }));
  }

  /** Batches of merged items, in order; ends when every source has ended. */
  async *items(): AsyncGenerator<MergedItem[]> {
    for (;;) {
      this.#fetchEmpty();
      const out = this.#take();
      if (out.length > 0) {
        yield out;
        continue;
      }
      if (this.#queues.every(q => q.endSaid)) return;
      await this.#wait();
    }
  }

  #fetchEmpty() {
    this.#queues.forEach((queue, index) => {
      if (queue.done || queue.fetching || this.#headReady(queue)) return;
      queue.fetching = this.#sources[index]().then(
        events => {
          queue.fetching = undefined;
          if (!events) {
            queue.done = true;
            return;
          }
          const arrivedAt = this.#now();
          // The lines still waiting are the last chunk's latest ones: the
          // new chunk may hold earlier lines of the container's other stream.
          queue.items = inTimeOrder([
            ...queue.items,
            ...events.map(event => ({ event, key: timeKey(event), arrivedAt })),
          ]);
        },
        error => {
          queue.fetching = undefined;
          queue.done = true;
          queue.error = error;
        },
      );
    });
  }

  /** The items that may be given out now. */
  #take(): MergedItem[] {
    const out: MergedItem[] = [];
    const sayEnds = () =>
      this.#queues.forEach((queue, source) => {
        if (queue.done && !queue.endSaid && queue.items.length === 0) {
          queue.endSaid = true;
          out.push(
            queue.error === undefined
              ? { source, ended: true }
              : { source, ended: true, error: queue.error },
          );
        }
      });
    sayEnds();
    while (out.length < BATCH) {
      const waiting = this.#queues.some(q => !q.done && !this.#headReady(q));
      if (waiting && !this.#expired()) break;
      const source = this.#earliest();
      if (source === undefined) break;
      out.push({ source, event: this.#queues[source].items.shift()!.event });
      sayEnds();
    }
    return out;
  }

  /**
   * Whether a queue's first line may be given out: the source ended, it is
   * an error, a later line of the source is at least SETTLE_NANOS later,
   * or (following) it waited HOLD_MS for the next chunk.
   */
  #headReady(queue: Queue): boolean {
    const head = queue.items[0];
    if (!head) return false;
    if (queue.done || head.key[0] === -Infinity) return true;
    const last = queue.items[queue.items.length - 1].key;
    if (nanosBetween(head.key, last) >= SETTLE_NANOS) return true;
    return this.#holdEnd(head) <= this.#now();
  }

  /** When a line of the settling margin is given out anyway (never in a read). */
  #holdEnd(item: Pending): number {
    return this.#windowMs === undefined
      ? Infinity
      : item.arrivedAt + Math.min(HOLD_MS, this.#windowMs);
  }

  #expired(): boolean {
    if (this.#windowMs === undefined) return false;
    const oldest = this.#oldestArrival();
    return oldest !== undefined && oldest + this.#windowMs <= this.#now();
  }

  #oldestArrival(): number | undefined {
    let oldest: number | undefined;
    for (const queue of this.#queues) {
      const at = queue.items[0]?.arrivedAt;
      if (at !== undefined && (oldest === undefined || at < oldest)) {
        oldest = at;
      }
    }
    return oldest;
  }

  /** The source whose first waiting line is the earliest; ties go to the first source. */
  #earliest(): number | undefined {
    let best: number | undefined;
    this.#queues.forEach((queue, index) => {
      const head = queue.items[0];
      if (!head) return;
      if (
        best === undefined ||
        compareKeys(head.key, this.#queues[best].items[0].key) < 0
      ) {
        best = index;
      }
    });
    return best;
  }

  /** Until a source answers, or the oldest waiting line's window ends. */
  async #wait(): Promise<void> {
    const fetching = this.#queues
      .map(q => q.fetching)
      .filter((p): p is Promise<void> => p !== undefined);
    const oldest = this.#oldestArrival();
    let timer: NodeJS.Timeout | undefined;
    const waits: Promise<void>[] = [...fetching];
    if (this.#windowMs !== undefined && oldest !== undefined) {
      // The oldest line's window, or the first hold to end.
      const holds = this.#queues
        .filter(q => q.items.length > 0 && !this.#headReady(q))
        .map(q => this.#holdEnd(q.items[0]));
      const until = Math.min(oldest + this.#windowMs, ...holds);
      const delay = Math.max(0, until - this.#now());
      waits.push(new Promise(resolve => (timer = setTimeout(resolve, delay))));
    }
    if (waits.length === 0) return;
    try {
      await Promise.race(waits);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

/**
 * Docker's RFC 3339 time with nanoseconds as numbers; an event without a
 * time (Docker's own error) sorts first, so it is said at once.
 */
export function timeKey(event: DemuxEvent): TimeKey {
  const time = 'line' in event ? event.time : undefined;
  if (!time) return [-Infinity, 0];
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(
    time,
  );
  if (!match) return [-Infinity, 0];
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  return [seconds, Number((match[2] ?? '').padEnd(9, '0'))];
}

/**
 * One container's events in time order: Docker reads a container's stdout
 * and stderr through two pipes, so a line written a microsecond later on
 * one may come before an earlier one on the other. Each run of timed lines
 * is sorted (stably: lines of the same time keep Docker's order); an
 * untimed event (an error) stays where it was.
 */
function inTimeOrder(items: Pending[]): Pending[] {
  const out: Pending[] = [];
  let run: Pending[] = [];
  const flush = () => {
    out.push(...run.sort((a, b) => compareKeys(a.key, b.key)));
    run = [];
  };
  for (const item of items) {
    if (item.key[0] === -Infinity) {
      flush();
      out.push(item);
    } else run.push(item);
  }
  flush();
  return out;
}

/** Nanoseconds from `a` to `b`. */
function nanosBetween(a: TimeKey, b: TimeKey): number {
  return (b[0] - a[0]) * 1e9 + (b[1] - a[1]);
}

function compareKeys(a: TimeKey, b: TimeKey): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
