/**
 * One point of a container's live charts, measured over the interval that
 * ends at `time`.
 * @public
 */
export interface StatsSample {
  /** ISO 8601 time Docker took the reading. */
  time: string;
  /** Share of one CPU core, in percent (200 = two cores busy), as `docker stats` shows it. */
  cpuPercent: number;
  /** Memory in use, without the page cache (as `docker stats`). */
  memoryUsedBytes: number;
  /** The most memory the container may use (the host's memory when unlimited). */
  memoryLimitBytes: number;
  /** Bytes received per second, all networks together. */
  networkInBytesPerSecond: number;
  /** Bytes sent per second, all networks together. */
  networkOutBytesPerSecond: number;
}

/**
 * `GET …/containers/:host/:id/stats/live`, one NDJSON line each: first the
 * `history` the backend kept (up to the window), then each new `sample`;
 * `heartbeat` while nothing else is sent; `end` when the container stopped
 * or the measuring failed.
 * @public
 */
export type LiveStatsEvent =
  | {
      event: 'history';
      samples: StatsSample[];
      /** How often a sample is taken. */
      intervalSeconds: number;
      /** How far back the history reaches at most. */
      windowSeconds: number;
    }
  | { event: 'sample'; sample: StatsSample }
  | { event: 'heartbeat' }
  | { event: 'end'; message: string };
