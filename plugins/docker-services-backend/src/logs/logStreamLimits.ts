import { LogLimits } from '../config';

/**
 * How many log streams may be open at once, per Docker host and per person,
 * and how long a follow waits for an engine that stopped answering. Every
 * log stream (followed or not) holds a request to Docker open for as long
 * as its reader takes, so their number is bounded. Per backend process;
 * each replica bounds its own.
 */
export type LogStreamLimits = Pick<
  LogLimits,
  | 'maxStreamsPerHost'
  | 'maxStreamsPerUser'
  | 'maxFollowersPerHost'
  | 'maxFollowersPerUser'
  | 'stalledFollowSeconds'
>;

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
