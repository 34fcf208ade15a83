// The logs route's wire types.

/** @public */
export type LogStreamName = 'stdout' | 'stderr';

/**
 * One log line, as the logs route streams it (NDJSON, one per line).
 * @public
 */
export interface LogLine {
  stream: LogStreamName;
  /** RFC 3339 time Docker recorded, when timestamps were asked for. */
  time?: string;
  /** The text, decoded as UTF-8; never HTML. */
  line: string;
  /**
   * For a Swarm service's logs: the task (replica) and node that wrote the
   * line. Absent for a container's logs.
   */
  task?: { id: string; slot?: number; node?: string };
  /**
   * For the merged log of an entity's containers: the container that wrote
   * the line, and its host. Absent for one container's log.
   */
  container?: { name: string; host: string };
  /** Present when the line was longer than the portal shows. */
  truncated?: { keptBytes: number; totalBytes: number };
}

/**
 * Control messages the logs route mixes into its stream.
 * @public
 */
export type LogControlEvent =
  | { event: 'notice'; message: string }
  | { event: 'error'; message: string }
  | { event: 'heartbeat' }
  | { event: 'end'; message: string };

/** @public */
export type LogStreamEvent = LogLine | LogControlEvent;
