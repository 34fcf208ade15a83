import { LogLimits } from '../config';

/**
 * How many log streams may be open at once, per Docker host and per person,
 * and how long a follow waits for an engine that stopped answering. Every
 * log stream (followed or not) holds a request to Docker open for as long
 * as its reader takes, so their number is bounded. Per backend process;
 * each replica bounds its own.
 */
export interface LogStreamLimits {
  /** Log streams of any kind open on one host. */
  maxStreamsPerHost: number;
  /** Log streams of any kind one person (or service) has open, all hosts together. */
  maxStreamsPerUser: number;
  /** Live followers on one host. */
  maxFollowersPerHost: number;
  /**
   * Live followers one person has open, all hosts together; never all of a
   * host's follower slots (see {@link effectiveFollowersPerUser}).
   */
  maxFollowersPerUser: number;
  /** A follow whose engine does not answer for this long ends, with an error. */
  stalledFollowSeconds: number;
}

export const DEFAULT_LOG_STREAM_LIMITS: LogStreamLimits = {
  maxStreamsPerHost: 50,
  maxStreamsPerUser: 10,
  maxFollowersPerHost: 20,
  maxFollowersPerUser: 5,
  stalledFollowSeconds: 60,
};

/** The log limits as configured, with defaults for keys config does not read yet. */
export type LogServiceLimits = LogLimits & Partial<LogStreamLimits>;

export function withStreamLimitDefaults(
  limits: LogServiceLimits,
): LogLimits & LogStreamLimits {
  const filled = { ...limits } as LogLimits & LogStreamLimits;
  for (const key of Object.keys(
    DEFAULT_LOG_STREAM_LIMITS,
  ) as (keyof LogStreamLimits)[]) {
    filled[key] = limits[key] ?? DEFAULT_LOG_STREAM_LIMITS[key];
  }
  return filled;
}

/**
 * One person may hold at most all but one of a host's follower slots, so
 * that nobody can take them all.
 */
export function effectiveFollowersPerUser(limits: LogStreamLimits): number {
  return Math.max(
    1,
    Math.min(limits.maxFollowersPerUser, limits.maxFollowersPerHost - 1),
  );
}
